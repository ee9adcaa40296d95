"""Opposite words: two reports of one event that differ by a word and its opposite conflict
("oil prices rose after the ship was refloated" vs "oil prices fell after ...", "north of
Tehran" vs "south of the capital", "inside Sweden's waters" vs "outside").

Only lowercase words count, so a name ("North Korea", "South Carolina") is no direction;
a side that writes both words of a pair ("from north to south") opposes nothing, and two
sides that give only different amounts or name different participants tell of two changes
("Tab shares jumped 20 cents" / "Its shares fell $9.61").
"""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.checks.findings import Effect, Finding
from corroborate.checks.overlap import same_event
from corroborate.checks.participants import different_participants
from corroborate.checks.quantities import extract_quantities
from corroborate.checks.words import word_set

# Each pair: words of one sense, words of the opposite one.
_OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (word_set(one), word_set(other))
    for one, other in (
        (
            "rose rise rises rising risen increased increases jumped climbed surged soared",
            "fell fall falls falling fallen decreased decreases dropped declined slumped "
            "plunged tumbled",
        ),
        ("inside within", "outside"),
        ("north northern northbound northward", "south southern southbound southward"),
        ("east eastern eastbound eastward", "west western westbound westward"),
        ("deep deeper", "shallow shallower"),
        ("armed", "unarmed"),
        ("guilty", "innocent"),
        ("legal lawful", "illegal unlawful"),
        ("succeeded successful", "failed unsuccessful"),
    )
)
_LOWERCASE_WORD_RE = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")


@lru_cache(maxsize=8192)
def _lowercase_words(text: str) -> frozenset[str]:
    """The words of ``text`` written in lowercase, outside hyphenated compounds."""
    return frozenset(_LOWERCASE_WORD_RE.findall(text))


def opposite_words(a: str, b: str) -> tuple[str, str] | None:
    """A word of a and its opposite in b, where neither side writes both senses."""
    words_a, words_b = _lowercase_words(a), _lowercase_words(b)
    for one, other in _OPPOSITES:
        for left, right in ((one, other), (other, one)):
            in_a, in_b = words_a & left, words_b & right
            if in_a and in_b and not (words_a & right or words_b & left):
                return min(in_a), min(in_b)
    return None


def _other_figures(a: str, b: str) -> bool:
    """Whether both sides give amounts and share none: two changes measured apart ("Tab
    shares jumped 20 cents" / "its shares fell $9.61") are two events, not one told twice."""
    in_a, in_b = extract_quantities(a), extract_quantities(b)
    if not in_a or not in_b:
        return False
    return not {quantity.exact for quantity in in_a} & {quantity.exact for quantity in in_b}


def check_opposites(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """A conflict if a and b differ by a word and its opposite and report one event (known
    to the caller, or judged by :func:`~corroborate.checks.overlap.same_event` on their
    other words), unless they give only different amounts or name different participants
    (:func:`~corroborate.checks.participants.different_participants`)."""
    found = opposite_words(a, b)
    if found is None or _other_figures(a, b) or different_participants(a, b):
        return []
    if not (same_event_known or same_event(a, b, frozenset(found))):
        return []
    word_a, word_b = found
    reason = f"opposite words: '{word_a}' vs '{word_b}'"
    return [Finding("opposite", Effect.CONFLICT, reason, word_a, word_b)]
