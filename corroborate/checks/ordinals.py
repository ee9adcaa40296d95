"""Ordinals of one thing ("the second installment" vs "the first installment"): which one
in a series a claim speaks of, and whether two claims disagree on it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from corroborate.checks.findings import Effect, Finding
from corroborate.checks.overlap import same_event
from corroborate.checks.words import lower_word_set, plain_punctuation, stem, word_set

_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
_WORD_VALUES = {word: value for value, word in enumerate(_WORDS, start=1)}
_ORDINAL_RE = re.compile(
    rf"\b(?P<ordinal>{'|'.join(_WORDS)}|(?P<digits>\d{{1,3}})(?:st|nd|rd|th))\s+"
    r"(?P<noun>[a-z][a-z-]+)\b",
    re.IGNORECASE,
)
# Words after an ordinal that name no series ("the first time", "second half").
_NOT_SERIES = word_set(
    "time times half quarter place of and or to in on at for by with as than that the a an"
)
_HINTS = frozenset(_WORDS)
_DIGIT_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)\b")


class Ordinal(NamedTuple):
    """An ordinal, its value and the noun of the series it picks from."""

    span: str
    value: int
    noun: str


@lru_cache(maxsize=8192)
def extract_ordinals(text: str) -> tuple[Ordinal, ...]:
    """Every "<ordinal> <noun>" of ``text`` ("fifth installment", "11th president")."""
    text = plain_punctuation(text)
    if _HINTS.isdisjoint(lower_word_set(text)) and not _DIGIT_ORDINAL_RE.search(text):
        return ()
    found = []
    for match in _ORDINAL_RE.finditer(text):
        noun = match.group("noun").lower()
        if noun in _NOT_SERIES:
            continue
        digits = match.group("digits")
        value = int(digits) if digits else _WORD_VALUES[match.group("ordinal").lower()]
        found.append(Ordinal(match.group("ordinal"), value, stem(noun)))
    return tuple(found)


def check_ordinals(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """A conflict if a and b give different ordinals for one series noun and seem to speak
    of one thing; alike if they give the same. Ordinals one side gives alone add nothing
    (a "first" is too common to count as detail)."""
    in_b = {ordinal.noun: ordinal for ordinal in extract_ordinals(b)}
    findings = []
    for ordinal in extract_ordinals(a):
        other = in_b.get(ordinal.noun)
        if other is None:
            continue
        if other.value == ordinal.value:
            reason = f"ordinals agree: '{ordinal.span}' ~ '{other.span}' ({ordinal.noun})"
            findings.append(
                Finding("quantity", Effect.COMPATIBLE, reason, ordinal.span, other.span)
            )
            continue
        ignore = frozenset({stem(ordinal.span), stem(other.span), ordinal.noun})
        if same_event_known or same_event(a, b, ignore):
            reason = f"ordinals differ: '{ordinal.span}' vs '{other.span}' ({ordinal.noun})"
            findings.append(Finding("quantity", Effect.CONFLICT, reason, ordinal.span, other.span))
    return findings
