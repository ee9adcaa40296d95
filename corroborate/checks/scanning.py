"""Fast matching of many-alternative patterns, tried only near the words they hinge on."""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.checks.words import lower_word_set

# Where a pattern may start: a word, number or currency sign with what sticks to it.
_WORD_START_RE = re.compile(r"[\w$\u20ac\u00a3][\w$\u20ac\u00a3.,%'-]*")
_DIGIT_RE = re.compile(r"\d")


@lru_cache(maxsize=8192)
def _word_starts(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, lowercased word without trailing punctuation) for each word of ``text``."""
    return tuple(
        (word.start(), word.group().lower().rstrip(".,;:'%"))
        for word in _WORD_START_RE.finditer(text)
    )


@lru_cache(maxsize=8192)
def _anchor_indices(text: str, anchors: frozenset[str]) -> tuple[int, ...]:
    """The indices in :func:`_word_starts` of the anchors of ``text``: words in ``anchors``
    (or whose part before a hyphen is) and words that start or end with a digit or start
    with a currency sign."""
    return tuple(
        index
        for index, (_, word) in enumerate(_word_starts(text))
        if word
        and (
            word[0].isdigit()
            or word[-1].isdigit()
            or word[0] in "$\u20ac\u00a3"
            or word in anchors
            or ("-" in word and word.split("-")[0] in anchors)
        )
    )


def anchored_matches(
    pattern: re.Pattern[str],
    text: str,
    anchors: frozenset[str],
    openers: frozenset[str],
    lookback: int,
) -> list[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` that cover an anchor: a word in ``anchors``
    (lowercase) or a word that starts or ends with a digit.

    The pattern is tried only at the anchor and at the words in ``openers`` among the
    ``lookback`` words before it (earliest first), which is many times faster than
    ``finditer`` for a pattern of many alternatives.
    """
    if not _DIGIT_RE.search(text) and anchors.isdisjoint(lower_word_set(text)):
        return []
    words = _word_starts(text)
    found: list[re.Match[str]] = []
    covered = 0
    for index in _anchor_indices(text, anchors):
        offset = words[index][0]
        if offset < covered:
            continue
        before = words[max(0, index - lookback) : index]
        starts = [start for start, opener in before if opener in openers and start >= covered]
        for start in [*starts, offset]:
            match = pattern.match(text, start)
            if match and match.end() > offset:
                found.append(match)
                covered = match.end()
                break
    return found
