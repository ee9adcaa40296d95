"""Fast matching of many-alternative patterns, tried only near the words they hinge on."""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.checks.words import lower_words

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


def _is_anchor(word: str, anchors: frozenset[str]) -> bool:
    if word[0].isdigit() or word[-1].isdigit() or word[0] in "$\u20ac\u00a3":
        return True
    return word in anchors or ("-" in word and word.split("-")[0] in anchors)


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
    if not _DIGIT_RE.search(text) and anchors.isdisjoint(lower_words(text)):
        return []
    words = _word_starts(text)
    found: list[re.Match[str]] = []
    covered = 0
    for index, (offset, word) in enumerate(words):
        if offset < covered or not word or not _is_anchor(word, anchors):
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
