"""Added detail: names one side gives that the other does not mention."""

from __future__ import annotations

import pytest

from corroborate.checks.details import added_names, check_details, known_referent
from corroborate.checks.findings import Effect


def test_model_names_b_adds_are_reported_in_order() -> None:
    findings = check_details(
        "Satellite images show Russian officials looking at Iranian drones.",
        "Satellite images show Shahed-191 and Shahed-129 drones shown to Russian officials "
        "at an Iranian airfield.",
    )
    assert [(finding.effect, finding.reason) for finding in findings] == [
        (Effect.B_ADDS, "b adds: Shahed-191, Shahed-129")
    ]
    assert findings[0].span_b == "Shahed-191, Shahed-129"
    assert findings[0].span_a is None


def test_detail_added_by_a_is_reported_for_a() -> None:
    (finding,) = check_details(
        "The delegation visited Kashan airfield south of Tehran.",
        "The delegation visited an airfield in Iran.",
    )
    assert (finding.effect, finding.reason) == (Effect.A_ADDS, "a adds: Kashan")


@pytest.mark.parametrize(
    ("text", "other"),
    [
        # capitals and demonyms name their country
        ("Moscow wants Iranian drones.", "Russia wants drones from Iran."),
        # a surname names the person given in full elsewhere
        ("President Joe Biden travelled to Israel.", "Biden travelled to Israel."),
        # the first word of a sentence is not taken for a name unless known
        ("Satellite images show the drones.", "Images show the drones."),
        # months and weekdays are dates, reported by the date check
        ("The delegation visited on Saturday, June 8.", "The delegation visited."),
        # a name and its acronym are one name, either way round
        ("The Federal Aviation Administration closed airspace.", "The FAA closed airspace."),
        ("The FAA closed airspace.", "The Federal Aviation Administration closed airspace."),
        ("The crew were all Indian.", "The crew were all from India."),
        # the speaker is who said it, not detail of the claim
        (
            "Russia wants drones, US National Security Advisor Jake Sullivan said.",
            "Russia wants drones.",
        ),
    ],
)
def test_nothing_added(text: str, other: str) -> None:
    assert added_names(text, other) == []


def test_multiword_names_are_kept_whole() -> None:
    names = added_names("The Islamic Revolutionary Guard Corps and the White House", "drones")
    assert names == ["Islamic Revolutionary Guard Corps", "White House"]


def test_a_name_of_acronyms_has_no_acronym_of_its_own() -> None:
    assert added_names("The UN said so.", "The US Navy said so.") == ["UN"]


def test_no_findings_for_the_same_names() -> None:
    assert check_details("Iran supplied drones to Russia", "Russia got drones from Tehran") == []


@pytest.mark.parametrize(
    ("name", "text", "other", "known"),
    [
        # "the Titan" where the other writes "the submersible": the one thing of the story
        ("Titan", "The Titan had not been certified.", "The submersible was not certified.", True),
        # the noun the name stands before ("the Nord Stream pipelines" / "the pipelines")
        (
            "Nord Stream",
            "the sabotage of the Nord Stream pipelines",
            "the sabotage of the pipelines",
            True,
        ),
        # a name introduced by an apposition is news
        (
            "Polar Prince",
            "The Polar Prince, a Canadian vessel, lost touch.",
            "A vessel lost touch after the sub dived.",
            False,
        ),
        # the other side's definite nouns are written on this side too
        (
            "Safety Board",
            "The Safety Board has taken the ship's recorder.",
            "Investigators took the ship's recorder.",
            False,
        ),
        # no "the" before the name
        ("Jeddah", "Biden met Gulf leaders in Jeddah.", "Biden met the Gulf leaders.", False),
    ],
)
def test_a_name_written_as_a_known_thing_is_no_detail(
    name: str, text: str, other: str, known: bool
) -> None:
    assert known_referent(name, text, other) is known
