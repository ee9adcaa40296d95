"""The text helpers the checks share: stems, names, anchored matching, content overlap."""

from __future__ import annotations

import re

import pytest

from corroborate.checks import hedges, negation
from corroborate.checks.entities import find_entities, mentioned_keys
from corroborate.checks.overlap import content_keys, same_event
from corroborate.checks.scanning import anchored_matches
from corroborate.checks.words import lower_word_set, may_contain, plain_punctuation, stem


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


def test_may_contain_is_false_only_when_no_part_occurs_in_any_case() -> None:
    assert may_contain("Officials SAID so", ("said",))
    assert not may_contain("Officials stated so", ("said", "deny"))
    # casing beyond ASCII is not folded here, so such text always passes the pre-test
    assert may_contain("Caf\u00e9 owners stated so", ("said",))


def test_lower_word_set_is_an_immutable_set_of_lowercase_words() -> None:
    words = lower_word_set("Iran's drones, Iran's DRONES")
    assert words == frozenset({"iran", "s", "drones"})
    assert isinstance(words, frozenset)


# Each costly regex with the letters a sentence needs for it to match.
_PRETESTED = (
    (hedges._OPEN_RE, hedges._OPEN_PARTS),
    (hedges._SOFT_RE, hedges._SOFT_PARTS),
    (negation._NOT_DENIALS_RE, negation._NOT_DENIAL_PARTS),
    (negation._DENIAL_RE, negation._DENIAL_PARTS),
)


@pytest.mark.parametrize(
    "text",
    [
        "It remained unclear who fired first.",
        "Officials were unable to independently verify the footage.",
        "The report has not been officially confirmed.",
        "Questions remain about whether the deal holds.",
        "Doubts over how many died.",
        "Police could not determine the cause.",
        "Kyiv could not establish whether the strike happened.",
        "The figures are unverified.",
        "The drones were rumoured to be Iranian.",
        "He allegedly sold the weapons; perhaps more followed.",
        "The ship might not be insured.",
        "The ministry declined to comment.",
        "Officials couldn't be reached.",
        "Moscow would neither confirm nor deny it.",
        "There was no immediate response.",
        "It was not long after the strike.",
        "No more than ten drones flew.",
        "There is no doubt about it.",
        "Kyiv refuted the report.",
        "Iran dismissed the allegations as groundless.",
        "The claims were false and fabricated.",
    ],
)
def test_letter_pretests_never_skip_a_sentence_a_regex_matches(text: str) -> None:
    needed = [parts for regex, parts in _PRETESTED if regex.search(text)]
    assert needed
    assert all(may_contain(text, parts) for parts in needed)
