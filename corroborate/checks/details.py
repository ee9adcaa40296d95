"""Names one claim gives that the other lacks: "b adds: Shahed-191, Shahed-129".

Numbers and dates one side adds are reported by the quantity and date checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from corroborate.checks.attribution import extract_attribution
from corroborate.checks.entities import ALIASES, Entity, acronym, find_entities, mentioned_keys
from corroborate.checks.findings import Finding, Side, side_adds
from corroborate.checks.words import STOPWORDS, lower_word_set, strip_possessive


def _covered(entity: Entity, known: frozenset[str]) -> bool:
    """True if the other text names the entity, by its head word, an alias, all words or
    its acronym ("FAA" for "Federal Aviation Administration", and the other way round)."""
    return (
        entity.canonical in known
        or entity.head in known
        or all(key in known for key in entity.keys)
        or acronym(entity) in known
    )


@lru_cache(maxsize=8192)
def _claim_names(text: str) -> tuple[Entity, ...]:
    """The names of ``text`` that are not doubtful, the speaker left out."""
    attribution = extract_attribution(text)
    claim = attribution.claim if attribution else text
    return tuple(entity for entity in find_entities(claim) if not entity.doubtful)


def added_names(text: str, other: str) -> list[str]:
    """Names in ``text`` that ``other`` does not mention, the speaker of ``text`` left out."""
    known = mentioned_keys(other)
    names = (entity.text for entity in _claim_names(text) if not _covered(entity, known))
    return list(dict.fromkeys(names))


_COUNTRY_KEYS = frozenset(ALIASES.values())


def named_details(text: str, other: str, words: Sequence[str]) -> list[str]:
    """The names of :func:`added_names` (``text`` names them, ``other`` does not) that hold
    one of ``words`` (the words an aligner found nowhere in ``other``), leaving out a bare
    country, capital or demonym ("Chinese", "US": often the other side's "officials")."""
    found = {word.casefold() for word in words}
    added = set(added_names(text, other))
    named = (
        entity.text
        for entity in _claim_names(text)
        if entity.text in added
        and not all(key in _COUNTRY_KEYS for key in entity.keys)
        and not known_referent(entity.text, text, other)
        and found.intersection(word.casefold() for word in entity.text.split())
    )
    return list(dict.fromkeys(named))


_THE_NAME = r"\b[Tt]he\s+{name}\b(?!\s*,\s*an?\s)"
_AFTER_THE_RE = re.compile(r"\b[Tt]he\s+(?=((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*))")
_NEXT_WORD_RE = re.compile(r"\s+([a-z][\w'-]*)")


def known_referent(name: str, text: str, other: str) -> bool:
    """Whether ``text`` writes ``name`` as a thing already known ("the Titan", "the Ever
    Given", not "The Polar Prince, a Canadian research vessel") that ``other`` writes as
    "the <noun>": a noun ``text`` does not write ("the submersible" for "the Titan") or the
    noun ``text`` puts after the name ("the pipelines" for "the Nord Stream pipelines").
    Naming it then adds nothing: both outlets speak of the one thing the story is about."""
    match = re.search(_THE_NAME.format(name=re.escape(name)), text)
    if match is None:
        return False
    written = {strip_possessive(word) for word in lower_word_set(text)}
    after = _NEXT_WORD_RE.match(text, match.end())
    following = strip_possessive(after.group(1)) if after else None
    for found in _AFTER_THE_RE.finditer(other):
        for word in found.group(1).split():
            noun = strip_possessive(word)
            if noun not in STOPWORDS and (noun not in written or noun == following):
                return True
    return False


def _finding(text: str, other: str, side: Side) -> Finding | None:
    names = ", ".join(added_names(text, other))
    return side_adds("detail", side, f"{side} adds: {names}", names) if names else None


def check_details(a: str, b: str) -> list[Finding]:
    """What each side names that the other does not."""
    findings = (_finding(a, b, "a"), _finding(b, a, "b"))
    return [finding for finding in findings if finding is not None]
