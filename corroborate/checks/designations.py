"""Model designations ("F-22", "Shahed-191"): two reports of one event that name only
different models conflict ("an F-22 fired the missile" vs "an F-16 fired the missile")."""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.checks.attribution import extract_attribution
from corroborate.checks.entities import find_entities
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.overlap import same_event

_DIGIT_RE = re.compile(r"\d")
# A capital letter, then within the same word a digit: "F-22", "Shahed-191", "AIM-9X".
_NAMED_DIGIT_RE = re.compile(r"\b[A-Z][\w-]*\d")


@lru_cache(maxsize=8192)
def designations(text: str) -> tuple[str, ...]:
    """The names in ``text`` that hold a digit and a letter ("F-22", "AIM-9X"), the
    speaker left out; each as its capitalised words up to the one with the digit."""
    if not _NAMED_DIGIT_RE.search(text):
        return ()
    attribution = extract_attribution(text)
    claim = attribution.claim if attribution else text
    found = []
    for entity in find_entities(claim):
        if not _DIGIT_RE.search(entity.text):
            continue
        words = entity.text.split()
        numbered = [i for i, word in enumerate(words) if any(char.isdigit() for char in word)]
        if numbered and any(char.isalpha() for char in words[numbered[0]]):
            found.append(words[numbered[0]])
    return tuple(dict.fromkeys(found))


def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name.lower() for name in names)


def check_designations(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """A conflict if a and b each name models and share none, and report one event (known
    to the caller, or judged by :func:`~corroborate.checks.overlap.same_event`)."""
    names_a, names_b = designations(a), designations(b)
    if not names_a or not names_b or _keys(names_a) & _keys(names_b):
        return []
    ignore = frozenset(name.lower() for name in (*names_a, *names_b))
    if not (same_event_known or same_event(a, b, ignore)):
        return []
    span_a, span_b = ", ".join(names_a), ", ".join(names_b)
    reason = f"models differ: '{span_a}' vs '{span_b}'"
    return [Finding("model", Effect.CONFLICT, reason, span_a, span_b)]
