"""Opposite words: a word and its opposite in two reports of one event conflict."""

from __future__ import annotations

import pytest

from corroborate.checks import run_checks
from corroborate.checks.findings import Effect
from corroborate.checks.opposites import check_opposites, opposite_words


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "Oil prices rose after the ship was refloated.",
            "Oil prices fell after the ship was refloated.",
            ("rose", "fell"),
        ),
        (
            "The airfield lies 200 km north of Tehran.",
            "The airfield lies 200 km south of the capital.",
            ("north", "south"),
        ),
        (
            "The leaks were outside Swedish waters.",
            "The leaks were inside Swedish waters.",
            ("outside", "inside"),
        ),
        (
            "The debris sank into water too deep for divers.",
            "The debris sank into water shallow enough for divers.",
            ("deep", "shallow"),
        ),
    ],
)
def test_a_word_and_its_opposite_in_one_event_conflict(
    a: str, b: str, words: tuple[str, str]
) -> None:
    (finding,) = check_opposites(a, b)
    assert finding.effect is Effect.CONFLICT
    assert (finding.span_a, finding.span_b) == words
    assert any(f.check == "opposite" and f.effect is Effect.CONFLICT for f in run_checks(a, b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # names are no directions
        ("The balloon came down off South Carolina.", "The balloon came down off North Carolina."),
        # a side that writes both senses opposes nothing
        ("Prices rose and then fell on the news.", "Prices fell on the news."),
        # one sense on both sides
        ("Prices rose on Monday.", "Prices rose sharply on Monday."),
    ],
)
def test_no_opposites(a: str, b: str) -> None:
    assert opposite_words(a, b) is None


def test_two_changes_measured_apart_or_of_different_parties_do_not_conflict() -> None:
    assert (
        check_opposites(
            "Tab shares jumped 20 cents to close at A$4.57.", "Tab shares fell $9.61 to $50.26."
        )
        == []
    )
    assert (
        check_opposites("Shares of Microsoft rose on Friday.", "Shares of Corixa fell on Friday.")
        == []
    )


def test_opposite_words_of_two_events_do_not_conflict() -> None:
    a = "Oil prices rose on Wednesday as traders weighed the disruption to shipping."
    b = "The shares of the canal operator fell after the annual report was published."
    assert check_opposites(a, b) == []
    assert check_opposites(a, b, same_event_known=True) != []
