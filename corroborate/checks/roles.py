"""Who did what to whom: a conflict when a and b swap the doer and the target of a verb.

Deliberately narrow: only "X <verb> Y", "X <verb> ... to Y" and "Y was <verb> by X" with
names on both sides count, and anything unclear ("X and Y attacked ...") gives no roles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from corroborate.checks.entities import find_entities
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.words import (
    IRREGULAR_PAST,
    STOPWORDS,
    TOKEN_RE,
    plain_punctuation,
    stem,
    word_set,
)

_UNIT_RE = re.compile(rf"{TOKEN_RE.pattern}|[,;:()\"]")
# Verbs whose subject and object can swap without changing the claim, and reporting verbs.
_NOT_ROLE_VERBS = word_set(
    "met meets talked talks spoke speaks negotiated negotiates clashed clashes fought fights "
    "agreed agrees signed signs cooperated traded trades partnered allied joined joins "
    "said says told tells stated claimed claims reported reports announced added noted "
    "believed believes denied denies confirmed confirms warned warns based located called"
)
_BE_FORMS = word_set("was were is are been being be")
_BETWEEN_SUBJECT_AND_VERB = _BE_FORMS | word_set(
    "has have had will would could may might did does do not never reportedly allegedly "
    "also then later again recently repeatedly secretly openly first already"
)
_DETERMINERS = word_set("the a an its their his her neighbouring neighboring")
_TARGET_PREPOSITIONS = word_set("to into against on at")
_AGENT_PREPOSITIONS = word_set("by")
_CLAUSE_BREAKS = word_set("and or but which who that after before while because when as if")
_OBJECT_WINDOW = 6  # units looked at after a verb for "to Y" or "by X"


class _Unit(NamedTuple):
    """A word, a punctuation mark, or a whole name, with its place in the text."""

    text: str
    key: str
    start: int
    end: int
    is_name: bool


@dataclass(frozen=True)
class RoleTriple:
    """One "agent <verb> target" found in a text; ``span`` is the text it covers."""

    verb: str
    agent: str
    target: str
    agent_text: str
    target_text: str
    verb_text: str
    span: str

    @property
    def key(self) -> tuple[str, str, str]:
        """What the triple claims: (verb lemma, agent, target)."""
        return self.verb, self.agent, self.target


@lru_cache(maxsize=8192)
def _units(text: str) -> tuple[_Unit, ...]:
    names = {entity.start: entity for entity in find_entities(text)}
    units: list[_Unit] = []
    position = 0
    for match in _UNIT_RE.finditer(text):
        if match.start() < position:
            continue
        name = names.get(match.start())
        if name is not None:
            units.append(_Unit(name.text, name.canonical, name.start, name.end, True))
            position = name.end
        else:
            word = match.group()
            units.append(_Unit(word, word.lower(), match.start(), match.end(), False))
    return tuple(units)


def _past_lemma(unit: _Unit) -> str | None:
    """The lemma of a past-tense verb that takes roles ("attacked" -> "attack")."""
    word = unit.key
    if unit.is_name or word in STOPWORDS or word in _NOT_ROLE_VERBS:
        return None
    is_past = word in IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))
    return stem(word) if is_past else None


def _present_lemma(units: Sequence[_Unit], index: int) -> str | None:
    """The lemma of "attacks" or "strikes" right after a name ("Russia's strikes on")."""
    word = units[index].key
    if index == 0 or not units[index - 1].is_name or word in _NOT_ROLE_VERBS:
        return None
    if not word.endswith("s") or word.endswith("ss") or word in STOPWORDS:
        return None
    return stem(word)


def _clear_name(units: Sequence[_Unit], index: int) -> _Unit | None:
    """The name at ``index`` unless it is the first of a pair ("Russia and Belarus")."""
    if index >= len(units) or not units[index].is_name:
        return None
    following = units[index + 1].key if index + 1 < len(units) else ""
    return None if following in ("and", "or") else units[index]


def _name_after(units: Sequence[_Unit], index: int, prepositions: frozenset[str]) -> _Unit | None:
    """The name after one of ``prepositions`` in the clause after ``units[index]``."""
    for at in range(index + 1, min(index + 1 + _OBJECT_WINDOW, len(units))):
        unit = units[at]
        if unit.key in _CLAUSE_BREAKS or not (unit.is_name or unit.key[0].isalnum()):
            return None
        if unit.key in prepositions:
            at += 1
            while at < len(units) and units[at].key in _DETERMINERS:
                at += 1
            return _clear_name(units, at)
    return None


def _direct_object(units: Sequence[_Unit], index: int) -> _Unit | None:
    """The name right after a verb, past determiners ("attacked the Ukrainian city")."""
    at = index + 1
    while at < len(units) and units[at].key in _DETERMINERS:
        at += 1
    return _clear_name(units, at)


def _subject(units: Sequence[_Unit], index: int) -> tuple[_Unit | None, bool]:
    """The name before the verb at ``index`` and whether the verb is passive.

    Auxiliaries and adverbs may come between ("has repeatedly attacked"), and so may one
    noun after a name ("Russian troops attacked"). A name in a list gives no subject.
    """
    at, passive = index - 1, False
    while at >= 0 and units[at].key in _BETWEEN_SUBJECT_AND_VERB:
        passive = passive or units[at].key in _BE_FORMS
        at -= 1
    noun_first = at > 0 and not units[at].is_name and units[at].key not in STOPWORDS
    noun_first = noun_first and _past_lemma(units[at]) is None
    if noun_first and units[at - 1].is_name:
        at -= 1
    if at < 0 or not units[at].is_name or (at > 0 and units[at - 1].key in ("and", "or", ",")):
        return None, passive
    return units[at], passive


def _triple(units: Sequence[_Unit], index: int, lemma: str, text: str) -> RoleTriple | None:
    """The agent and target of the verb at ``units[index]``, if both are names."""
    subject, passive = _subject(units, index)
    if passive:
        agent = _name_after(units, index, _AGENT_PREPOSITIONS)
        target = _name_after(units, index, _TARGET_PREPOSITIONS) or subject
    else:
        agent = subject
        target = _direct_object(units, index) or _name_after(units, index, _TARGET_PREPOSITIONS)
    if agent is None or target is None or agent.key == target.key:
        return None
    start = min(agent.start, target.start, units[index].start)
    end = max(agent.end, target.end, units[index].end)
    return RoleTriple(
        lemma, agent.key, target.key, agent.text, target.text, units[index].text, text[start:end]
    )


@lru_cache(maxsize=8192)
def extract_roles(text: str) -> tuple[RoleTriple, ...]:
    """Every "agent <verb> target" with names for both that ``text`` states."""
    text = plain_punctuation(text)
    units = _units(text)
    found = []
    for index, unit in enumerate(units):
        lemma = _past_lemma(unit) or _present_lemma(units, index)
        triple = _triple(units, index, lemma, text) if lemma else None
        if triple is not None:
            found.append(triple)
    return tuple(found)


@lru_cache(maxsize=8192)
def _name_keys(text: str) -> frozenset[str]:
    """The canonical keys of the names of ``text``."""
    return frozenset(entity.canonical for entity in find_entities(text))


@lru_cache(maxsize=8192)
def extract_agents(text: str) -> Mapping[str, tuple[str, str, str]]:
    """Per verb lemma, the name right after "<verb> by" ("owned by Shoei Kisen Kaisha"):
    its key, its text and the verb's text, whatever the subject is."""
    units = _units(plain_punctuation(text))
    found: dict[str, tuple[str, str, str]] = {}
    for index, unit in enumerate(units[:-2]):
        lemma = _past_lemma(unit)
        if lemma is None or units[index + 1].key not in _AGENT_PREPOSITIONS:
            continue
        agent = units[index + 2]
        listed = index + 4 < len(units) and units[index + 3].key in ("and", "or")
        if agent.is_name and not (listed and units[index + 4].is_name):
            found.setdefault(lemma, (agent.key, agent.text, unit.text))
    return MappingProxyType(found)  # cached: read-only


def _agent_swaps(a: str, b: str, names_a: frozenset[str], names_b: frozenset[str]) -> list[Finding]:
    """A conflict for each "<verb> by X" in a that b gives as "<verb> by Y", when each side
    names both X and Y ("owned by Shoei ..., operated by Evergreen" vs "owned by Evergreen
    ..., leased to ... Shoei"): the same two parties in different roles."""
    agents_a = extract_agents(a)
    agents_b = extract_agents(b) if agents_a else {}
    findings = []
    for verb, (key_a, text_a, verb_text) in agents_a.items():
        key_b, text_b, _ = agents_b.get(verb, (key_a, text_a, verb_text))
        if key_b != key_a and key_b in names_a and key_a in names_b:
            reason = f"roles swapped: {verb_text} by '{text_a}' vs '{text_b}'"
            findings.append(Finding("role", Effect.CONFLICT, reason, text_a, text_b))
    return findings


def check_roles(a: str, b: str) -> list[Finding]:
    """A conflict for each verb whose doer and target b swaps against a.

    Needs two names both sides share; a side that also states the other direction is no
    swap. Failing that, a conflict for each "<verb> by X" that b gives as "<verb> by Y".
    """
    names_a, names_b = _name_keys(a), _name_keys(b)
    if len(names_a & names_b) < 2:
        return []
    triples_a = extract_roles(a)
    roles_a = {triple.key for triple in triples_a}
    roles_b = {triple.key: triple for triple in extract_roles(b)} if triples_a else {}
    findings = []
    for triple in triples_a:
        reverse = (triple.verb, triple.target, triple.agent)
        swapped = roles_b.get(reverse)
        if swapped is None or reverse in roles_a or triple.key in roles_b:
            continue
        reason = (
            f"roles swapped: who {triple.verb_text} whom ('{triple.agent_text}' → "
            f"'{triple.target_text}' vs '{swapped.agent_text}' → '{swapped.target_text}')"
        )
        findings.append(Finding("role", Effect.CONFLICT, reason, triple.span, swapped.span))
    return findings or _agent_swaps(a, b, names_a, names_b)
