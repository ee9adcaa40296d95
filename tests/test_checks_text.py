"""The text helpers the checks share: stems, names, anchored matching, content overlap."""

from __future__ import annotations

import re

import pytest

from corroborate.checks.entities import find_entities, mentioned_keys
from corroborate.checks.overlap import content_keys, same_event
from corroborate.checks.scanning import anchored_matches
from corroborate.checks.words import plain_punctuation, stem


@pytest.mark.parametrize(
    "forms",
    [
        ("supplied", "supplying", "supplies", "supply"),
        ("drones", "drone"),
        ("died", "dies", "die"),
        ("sold", "sells", "sell"),
        ("bought", "buys", "buy"),
        ("Russia's", "russia"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1


def test_plain_punctuation_keeps_offsets() -> None:
    text = "\u201cIran\u2019s 200\u2013300 drones\u201d"
    plain = plain_punctuation(text)
    assert plain == '"Iran\'s 200-300 drones"'
    assert len(plain) == len(text)


def test_entities_resolve_capitals_and_demonyms_and_skip_dates() -> None:
    entities = find_entities("On Saturday Moscow said Iranian drones hit the Bank of England.")
    assert [(entity.text, entity.canonical) for entity in entities] == [
        ("Moscow", "russia"),
        ("Iranian", "iran"),
        ("Bank of England", "england"),
    ]


def test_a_lone_first_word_is_doubtful_unless_known() -> None:
    (satellite,) = find_entities("Satellite images show drones.")
    assert satellite.doubtful
    (tehran,) = find_entities("Tehran denied it.")
    assert not tehran.doubtful


def test_mentioned_keys_include_phrase_aliases() -> None:
    assert {"us", "russia"} <= mentioned_keys("The United States warned the Kremlin.")


def test_anchored_matches_start_at_an_opener_before_the_anchor() -> None:
    pattern = re.compile(r"(?:at least |about )?\d+")
    matches = anchored_matches(
        pattern, "at least 300 and about 40", frozenset(), frozenset({"at", "about"}), 2
    )
    assert [match.group() for match in matches] == ["at least 300", "about 40"]


def test_anchored_matches_skip_text_without_anchors() -> None:
    pattern = re.compile(r"hundreds|\d+")
    assert (
        anchored_matches(pattern, "No numbers here", frozenset({"hundreds"}), frozenset(), 2) == []
    )


def test_content_keys_drop_function_words_and_resolve_aliases() -> None:
    assert content_keys("Moscow wants the drones") == {"russia", "want", "dron"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Moscow wants hundreds of drones", "Russia wants a dozen drones", True),
        ("Iran sent a dozen drones to Russia", "Ukraine shot down 40 drones", False),
        ("Moscow wants Iranian drones", "Iran sent drones to Russia", False),  # names only
    ],
)
def test_same_event(a: str, b: str, same: bool) -> None:
    ignore = frozenset({"hundr", "dozen", "dron"})
    assert same_event(a, b, ignore) is same
