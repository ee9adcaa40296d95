"""Places a claim puts its fact in: names after a preposition of place ("near the Danish island
of Bornholm", "into the Potomac River", "in Kashan"), outside the attribution.

The word aligner (:mod:`corroborate.relations.alignment`) says which words of one claim the
other does not match; this module says which of those are places, so that two wordings of
one fact that put it in different places conflict (``JudgeSettings.place_unmatched``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corroborate.checks.entities import find_entities
from corroborate.checks.participants import claim_of
from corroborate.checks.words import word_set

_PLACE_PREPOSITIONS = word_set(
    "in at near off from to into outside inside across toward towards via"
)
# "of" introduces a place only after a word for one: "the island of Gotland", "south of Boston".
_PLACE_BEFORE_OF = word_set(
    "island islands city town village port coast province region state county capital "
    "north south east west northeast northwest southeast southwest"
)
_ARTICLES = word_set("the a an")
_WORD_RE = re.compile(r"[\w']+")
_SHORTEST = 3  # letters: "U" of "U.S." or "St" of "St John's" name no place of their own


def places_among(text: str, phrases: Sequence[str]) -> tuple[str, ...]:
    """The phrases of ``text`` (words the other claim does not match, say) that are names
    of places: part of a name in the claim (the attribution left out) that follows a
    preposition of place, articles skipped."""
    claim = claim_of(text)
    names = [entity.text for entity in find_entities(claim)]
    found = []
    for phrase in phrases:
        start = claim.find(phrase)
        if start <= 0 or len(phrase) < _SHORTEST:
            continue
        if not any(phrase in name or name in phrase for name in names):
            continue
        if _after_place_preposition(claim[:start]):
            found.append(phrase)
    return tuple(found)


def _after_place_preposition(before: str) -> bool:
    words = [word.casefold() for word in _WORD_RE.findall(before)]
    while words and words[-1] in _ARTICLES:
        words.pop()
    if not words:
        return False
    if words[-1] in _PLACE_PREPOSITIONS:
        return True
    return words[-1] == "of" and len(words) > 1 and words[-2] in _PLACE_BEFORE_OF
