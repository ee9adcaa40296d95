"""Who did what to whom: a conflict when a and b swap the doer and the target of a verb.

Deliberately narrow: only "X <verb> Y", "X <verb> ... to Y", "Y was <verb> by X" and "X is
preparing to <verb> Y" (verbs of giving, training and attacking) with names on both sides
count, and anything unclear ("X and Y attacked ...") gives no roles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from corroborate.checks.entities import TITLES, canonical_word, find_entities, mentioned_keys
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
# Verbs of giving, training and attacking read in their base form after "to" ("is preparing
# to supply Iran", "set to train Russian forces"), and the lemmas one doing has in news.
_INFINITIVE_VERBS = word_set(
    "supply provide deliver send give sell arm train equip fund attack strike invade help"
)
_SAME_DOING = {stem("provide"): stem("supply"), stem("deliver"): stem("supply")}
# Words between the subject and "to <verb>": "Russia is preparing to", "Tehran was set to".
_BEFORE_INFINITIVE = _BETWEEN_SUBJECT_AND_VERB | word_set(
    "preparing prepared planning plans plan set ready due expected going about likely poised "
    "seeking seeks sought trying tries tried wants wanted intends intended agreed"
)


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


def _infinitive_lemma(units: Sequence[_Unit], index: int) -> str | None:
    """The lemma of a role verb in its base form after "to" ("preparing to supply")."""
    word = units[index].key
    if index == 0 or units[index - 1].key != "to" or word not in _INFINITIVE_VERBS:
        return None
    return stem(word)


def _infinitive_subject(units: Sequence[_Unit], index: int) -> _Unit | None:
    """The name doing the verb at ``index`` (after "to"): the subject before the words
    that lead to it ("Russian instructors are preparing to train"), never passive."""
    at = index - 2
    while at >= 0 and units[at].key in _BEFORE_INFINITIVE:
        at -= 1
    if at < 0:
        return None
    probe = [*units[: at + 1], units[index]]  # the subject as if it did the verb itself
    subject, _ = _subject(probe, len(probe) - 1)
    return subject


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


def _triple(
    units: Sequence[_Unit], index: int, lemma: str, text: str, infinitive: bool = False
) -> RoleTriple | None:
    """The agent and target of the verb at ``units[index]``, if both are names."""
    if infinitive:
        subject, passive = _infinitive_subject(units, index), False
    else:
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
        _SAME_DOING.get(lemma, lemma),
        agent.key,
        target.key,
        agent.text,
        target.text,
        units[index].text,
        text[start:end],
    )


@lru_cache(maxsize=8192)
def extract_roles(text: str) -> tuple[RoleTriple, ...]:
    """Every "agent <verb> target" with names for both that ``text`` states."""
    text = plain_punctuation(text)
    units = _units(text)
    found = []
    for index, unit in enumerate(units):
        infinitive = _infinitive_lemma(units, index)
        lemma = _past_lemma(unit) or _present_lemma(units, index) or infinitive
        triple = _triple(units, index, lemma, text, lemma == infinitive) if lemma else None
        if triple is not None:
            found.append(triple)
    return tuple(found)


@lru_cache(maxsize=8192)
def _name_keys(text: str) -> frozenset[str]:
    """The canonical keys of the names of ``text``."""
    return frozenset(entity.canonical for entity in find_entities(text))


def _described_name(units: Sequence[_Unit], at: int) -> int:
    """Where the name described by the name at ``at`` is: "Danish shipping company Maersk"
    names Maersk, the adjective before it only says of where; else ``at``."""
    if at >= len(units) or not units[at].is_name:
        return at
    for ahead in range(at + 1, min(at + 5, len(units))):
        unit = units[ahead]
        if unit.is_name:
            return ahead if ahead > at + 1 else at
        if not unit.key.isalpha() or unit.key in STOPWORDS:
            return at
    return at


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
        at = index + 2
        while at < len(units) and units[at].key in _DETERMINERS:
            at += 1
        at = _described_name(units, at)
        if at >= len(units):
            continue
        agent = units[at]
        listed = at + 2 < len(units) and units[at + 1].key in ("and", "or")
        if agent.is_name and not (listed and units[at + 2].is_name):
            found.setdefault(lemma, (agent.key, agent.text, unit.text))
    return MappingProxyType(found)  # cached: read-only


_COMPOUND_DOER_RE = re.compile(
    r"\b(?P<name>[A-Z][\w]*)-(?P<verb>owned|operated|run|backed|built)\b"
)


class _Doer(NamedTuple):
    """Who does a verb in a text: the words of the name (alias-resolved), the name as
    written, the verb as written, and the target's key when the text gives one."""

    keys: frozenset[str]
    text: str
    verb_text: str
    target: str | None


def _keys_of(name: str) -> frozenset[str]:
    """The alias-resolved words of a name, titles and function words left out."""
    words = (canonical_word(word) for word in TOKEN_RE.findall(name))
    return frozenset(word for word in words if word not in STOPWORDS and word not in TITLES)


@lru_cache(maxsize=8192)
def _doers(text: str) -> Mapping[str, tuple[_Doer, ...]]:
    """Per verb lemma, who does it in ``text``: the name after "<verb> by" and before
    "-owned" ("Japanese-owned"), target unknown, and the agent of each "agent <verb>
    target" (:func:`extract_roles`)."""
    found: dict[str, list[_Doer]] = {}
    for verb, (_, name, verb_text) in extract_agents(text).items():
        found.setdefault(verb, []).append(_Doer(_keys_of(name), name, verb_text, None))
    for match in _COMPOUND_DOER_RE.finditer(plain_punctuation(text)):
        doer = _Doer(_keys_of(match.group("name")), match.group("name"), match.group("verb"), None)
        found.setdefault(stem(match.group("verb")), []).append(doer)
    for triple in extract_roles(text):
        doer = _Doer(
            _keys_of(triple.agent_text), triple.agent_text, triple.verb_text, triple.target
        )
        found.setdefault(triple.verb, []).append(doer)
    return MappingProxyType({verb: tuple(doers) for verb, doers in found.items()})


def _agent_swaps(a: str, b: str) -> list[Finding]:
    """A conflict for each verb whose doer in a is another party in b, when each side
    mentions both parties and no side gives the verb a doer the other gives it ("owned by
    Shoei ..., operated by Evergreen" vs "owned by Evergreen ..., leased to ... Shoei";
    "Maersk owns the Dali" vs "the Dali is owned by Grace Ocean, chartered by Maersk"): the
    same two parties in different roles. Two doers of one verb with two different named
    targets are two facts."""
    doers_b = _doers(b)
    known_a, known_b = mentioned_keys(a), mentioned_keys(b)
    findings = []
    for verb, doers_a in _doers(a).items():
        others = doers_b.get(verb, ())
        if not others or any(one.keys & other.keys for one in doers_a for other in others):
            continue
        swap = next(
            (
                (one, other)
                for one in doers_a
                for other in others
                if one.keys & known_b
                and other.keys & known_a
                and (None in (one.target, other.target) or one.target == other.target)
            ),
            None,
        )
        if swap is not None:
            one, other = swap
            reason = f"roles swapped: {one.verb_text} by '{one.text}' vs '{other.text}'"
            findings.append(Finding("role", Effect.CONFLICT, reason, one.text, other.text))
    return findings


def check_roles(a: str, b: str) -> list[Finding]:
    """A conflict for each verb whose doer and target b swaps against a.

    Needs two names both sides share; a side that also states the other direction is no
    swap. Failing that, a conflict for each verb b gives another doer, where each side
    mentions both (:func:`_agent_swaps`).
    """
    return _swapped_triples(a, b) or _agent_swaps(a, b)


def _swapped_triples(a: str, b: str) -> list[Finding]:
    """A conflict for each "agent <verb> target" of a that b states the other way round."""
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
    return findings
