"""Claims about different participants: a differing amount, rank or date there is no clash.

"Klitschko stopped Rahman in the seventh round" and "Klitschko stops Thompson in 6th round"
are two fights, not one told two ways: when each claim names someone the other does not
(aliases resolved, the speakers left out), the conflicts the quantity, ordinal and date
checks find between them become different facts of one story.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corroborate.checks.attribution import extract_attribution
from corroborate.checks.entities import ALIASES, TITLES, find_entities, mentioned_keys
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.words import word_set

# The checks whose conflicts a change of participants explains (ordinals report as quantity).
_FACT_CHECKS = frozenset({"quantity", "date"})
# Words of place names: where something happened is no participant ("Suez Canal").
_PLACE_WORDS = word_set(
    "canal sea ocean river gulf strait island islands bay lake coast valley desert peninsula "
    "mountains mountain mediterranean atlantic pacific arctic baltic channel street square "
    "city county province region state north south east west northern southern eastern western"
)
# Countries that are no participant: those whose names, capitals and demonyms the rule was
# chosen with (the states of the seeds' stories). The countries aliased later, for matching
# names ("Indian" is "India"), still name a participant here ("the Japanese currency"
# against "the Swiss franc"): counting them as places too made 14 of the kNN benchmark's
# currency and share reports contradictions (2026-12-07), and counting no country as a
# place cost the dev set three contradictions.
_COUNTRIES = frozenset(ALIASES.values()) & word_set(
    "russia ukraine iran us uk china israel france germany turkey syria belarus saudi eu"
)
# Capitalised units, time zones and media that name no participant.
_NOT_PARTICIPANTS = word_set("gmt utc edt est pdt pst cet bst web tv cpu ram mb gb kb ghz")
# A claim opening on a pronoun, or on "the <noun>" with no name in its first words, names
# its subject elsewhere: "He died in 1998" may be about the very person the other names.
_ANAPHORIC_START_RE = re.compile(
    r"^\W*(?:(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]ts?|[Hh]is|[Hh]er|[Tt]heir)\b"
    r"|[Tt]he\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){3})"
)


def claim_of(text: str) -> str:
    """``text`` without its attribution: "X, Sullivan said" gives X."""
    attribution = extract_attribution(text)
    return attribution.claim if attribution else text


def _foreign_participants(text: str, other: str) -> list[str]:
    """Names of people and bodies in the claim of ``text`` (its speaker left out) no word
    of which ``other`` mentions; countries, capitals and places are left out."""
    known = mentioned_keys(other) | _COUNTRIES | _PLACE_WORDS | _NOT_PARTICIPANTS
    names = (
        entity.text
        for entity in find_entities(claim_of(text))
        if not entity.doubtful
        and entity.canonical not in _COUNTRIES
        and not known.intersection(key for key in entity.keys if key not in TITLES)
    )
    return list(dict.fromkeys(names))


def different_participants(a: str, b: str) -> tuple[list[str], list[str]] | None:
    """The names of people and bodies only a gives and those only b gives, if both give
    some; else None. Countries, capitals and places are no participants, and a claim that
    opens on a pronoun or "the <noun>" may mean any of them (None)."""
    if any(_ANAPHORIC_START_RE.match(claim_of(text)) for text in (a, b)):
        return None
    only_a, only_b = _foreign_participants(a, b), _foreign_participants(b, a)
    return (only_a, only_b) if only_a and only_b else None


def _participants_reason(only_a: list[str], only_b: list[str]) -> str:
    return f"different participants: {', '.join(only_a)!r} vs {', '.join(only_b)!r}"


def separate_participants(a: str, b: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each amount, rank or date conflict made :attr:`Effect.DISTINCT`
    when a and b name different participants; unchanged otherwise."""
    conflicts = [
        finding
        for finding in findings
        if finding.effect is Effect.CONFLICT and finding.check in _FACT_CHECKS
    ]
    if not conflicts:
        return findings
    names = different_participants(a, b)
    if names is None:
        return findings
    reason = _participants_reason(*names)
    return [
        replace(finding, effect=Effect.DISTINCT, reason=f"{reason} ({finding.reason})")
        if finding in conflicts
        else finding
        for finding in findings
    ]
