"""Hedged claims: sentences that leave their claim open rather than assert or deny it.

"It was not clear whether Iran had delivered any drones" asserts nothing about deliveries,
so it can neither agree with nor contradict "Iran delivered drones": it discusses them.
Open questions ("not clear whether", "could not confirm") are *open* hedges; softer
markers ("reportedly", "may have") are *soft*: the claim is still put forward.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from corroborate.checks.words import lower_word_set, may_contain, plain_punctuation, word_set

Strength = Literal["open", "soft"]

_QUESTION = r"(?:whether|if|how|when|who|what|why|where)"
_OPEN_RE = re.compile(
    rf"""\b(?:
        (?:(?:is|was|are|were|remains?|remained|it's)\s+)?(?:not\s+(?:yet\s+|immediately\s+)?
          (?:clear|known|certain)|unclear|unknown|uncertain)\s+{_QUESTION}
      | (?:could|can|would|did|was|were|has|have)\s*(?:not|n't)\s+(?:be\s+)?(?:immediately\s+
          |independently\s+)?(?:confirm|verif|establish|determine|say\s+whether)\w*
      | (?:has|have|had)\s+not\s+been\s+(?:independently\s+|officially\s+)?(?:confirmed|verified)
      | unable\s+to\s+(?:independently\s+)?(?:confirm|verify)
      | (?:unconfirmed|unverified)
      | no\s+(?:immediate\s+|independent\s+|official\s+)?confirmation
      | (?:questions?|doubts?)\s+(?:remain|over|about)\s+{_QUESTION}?
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_SOFT_RE = re.compile(
    r"""\b(?:reportedly|allegedly|purportedly|supposedly|rumou?red|unsubstantiated
      | (?:is|are|was|were)\s+(?:said|believed|thought|rumou?red)\s+to
      | (?-i:may|might)\s+(?:have|be|not)
      | possibly|perhaps|apparently
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Words one of which every hedge holds: the regexes run only when one is present.
_HINTS = word_set(
    "clear known certain unclear unknown uncertain confirm confirmed confirmation verify "
    "verified establish determine unable unconfirmed unverified questions question doubts "
    "doubt reportedly allegedly purportedly supposedly rumored rumoured unsubstantiated "
    "said believed thought may might possibly perhaps apparently"
) | {f"confirm{suffix}" for suffix in ("s", "ing")}

# Letters each regex needs (any case) for a match: it runs only on a sentence that has them.
_OPEN_PARTS = (
    "clear", "known", "certain", "confirm", "verif", "establish", "determine", "say",
    "question", "doubt",
)  # fmt: skip
_SOFT_PARTS = (
    "reportedly", "allegedly", "purportedly", "supposedly", "rumo", "unsubstantiated", "said",
    "believed", "thought", "may", "might", "possibly", "perhaps", "apparently",
)  # fmt: skip


@dataclass(frozen=True)
class Hedge:
    """The first hedge of a sentence: its words and whether it leaves the claim open."""

    cue: str
    strength: Strength


@lru_cache(maxsize=8192)
def find_hedge(text: str) -> Hedge | None:
    """The hedge of ``text``, an open one first, or None if it asserts plainly."""
    text = plain_punctuation(text)
    if _HINTS.isdisjoint(lower_word_set(text)) and "n't" not in text:
        return None
    match = _OPEN_RE.search(text) if may_contain(text, _OPEN_PARTS) else None
    if match is not None:
        return Hedge(" ".join(match.group().split()), "open")
    match = _SOFT_RE.search(text) if may_contain(text, _SOFT_PARTS) else None
    if match is not None:
        return Hedge(" ".join(match.group().split()), "soft")
    return None
