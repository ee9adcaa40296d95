"""Named-entity-like spans found by casing, and the aliases that make them comparable."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from corroborate.checks.words import (
    STOPWORDS,
    TOKEN_RE,
    plain_punctuation,
    strip_possessive,
    word_set,
)

# Capitals, demonyms and seats of government, mapped to one country key.
_ALIAS_GROUPS = {
    "russia": "russia russian russians moscow kremlin",
    "ukraine": "ukraine ukrainian ukrainians kyiv kiev",
    "iran": "iran iranian iranians tehran",
    "us": "us usa america american americans washington",
    "uk": "uk britain british london",
    "china": "china chinese beijing",
    "israel": "israel israeli israelis",
    "france": "france french paris",
    "germany": "germany german germans berlin",
    "turkey": "turkey turkish ankara",
    "syria": "syria syrian syrians damascus",
    "belarus": "belarus belarusian minsk",
    "saudi": "saudi saudis riyadh",
    "eu": "eu european brussels",
    # demonyms only: capitals stand inside company names ("Mitsubishi Tokyo Financial")
    "india": "india indian indians",
    "pakistan": "pakistan pakistani pakistanis",
    "japan": "japan japanese",
    "taiwan": "taiwan taiwanese",
    "egypt": "egypt egyptian egyptians",
    "sweden": "sweden swedish swedes",
    "denmark": "denmark danish danes",
    "norway": "norway norwegian norwegians",
    "poland": "poland polish poles",
    "netherlands": "netherlands dutch",
    "canada": "canada canadian canadians",
    "mexico": "mexico mexican mexicans",
    "italy": "italy italian italians",
    "spain": "spain spanish",
    "greece": "greece greek greeks",
    "iraq": "iraq iraqi iraqis",
    "panama": "panama panamanian",
    "singapore": "singapore singaporean",
}
ALIASES = {word: key for key, words in _ALIAS_GROUPS.items() for word in words.split()}
_PHRASE_ALIASES = {
    "u.s.": "us",
    "u.k.": "uk",
    "united states": "us",
    "united kingdom": "uk",
    "saudi arabia": "saudi",
    "european union": "eu",
    "sri lankan": "sri lanka",
    "south korea": "south korea",
    "south korean": "south korea",
    "north korea": "north korea",
    "north korean": "north korea",
}

MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
TITLES = word_set(
    "president prime minister foreign defence defense secretary advisor adviser national "
    "security general spokesman spokeswoman spokesperson chief senator ambassador "
    "mr mrs ms dr sir lord king queen"
)
_NOT_NAMES = STOPWORDS | MONTHS | WEEKDAYS

_CAP_WORD = r"[A-Z][A-Za-z0-9]*(?:['.-][A-Za-z0-9]+)*\.?"
_RUN_RE = re.compile(rf"{_CAP_WORD}(?:\s+(?:(?:of|the|al|bin|de)\s+)*{_CAP_WORD})*")
_SENTENCE_START_RE = re.compile(r"[\s\"'(\[]*")


class Entity(NamedTuple):
    """A name-like span.

    ``keys`` are its lowercased, alias-resolved words; ``head`` the last that is not a
    title ("sullivan"); ``canonical`` one key for the whole name (a phrase alias or the
    head). ``doubtful`` marks a lone capitalised first word of the sentence ("Satellite
    images ...") that is no known country, capital or demonym and holds no digit: as
    likely an ordinary word as a name.
    """

    text: str
    start: int
    end: int
    keys: tuple[str, ...]
    head: str
    canonical: str
    doubtful: bool


def _entity(surface: str, start: int, keys: tuple[str, ...], doubtful: bool) -> Entity:
    names = [key for key in keys if key not in TITLES]
    head = names[-1] if names else keys[-1]
    canonical = _PHRASE_ALIASES.get(" ".join(keys), head)
    return Entity(surface, start, start + len(surface), keys, head, canonical, doubtful)


@lru_cache(maxsize=1 << 16)
def canonical_word(word: str) -> str:
    """Lowercase a word and map a demonym or capital to its country."""
    lower = strip_possessive(word.lower())
    return ALIASES.get(lower, lower)


def _is_known_name(word: str) -> bool:
    return word.lower() in ALIASES or any(char.isdigit() for char in word)


def _names_in_run(run: re.Match[str]) -> list[list[tuple[int, str]]]:
    """Split a capitalised run at capitalised words that are not names (The, June, Monday).

    Lowercase joining words ("Bank of England") stay inside the name; a full stop ends it.
    Each name is a list of (offset in the text, word).
    """
    groups: list[list[tuple[int, str]]] = [[]]
    position = run.start()
    for word in run.group().split():
        start = run.string.find(word, position)
        position = start + len(word)
        if not word[0].isupper():
            continue
        ends_sentence = word.endswith(".") and word.count(".") == 1
        word = word.removesuffix(".") if ends_sentence else word
        is_name = strip_possessive(word).lower() not in _NOT_NAMES
        if is_name:
            groups[-1].append((start, word))
        if groups[-1] and (ends_sentence or not is_name):
            groups.append([])
    return [group for group in groups if group]


@lru_cache(maxsize=8192)
def find_entities(text: str) -> tuple[Entity, ...]:
    """Name-like spans of ``text``, found by capitalisation."""
    text = plain_punctuation(text)
    sentence_start = _SENTENCE_START_RE.match(text)
    first = sentence_start.end() if sentence_start else 0
    entities: list[Entity] = []
    for run in _RUN_RE.finditer(text):
        for group in _names_in_run(run):
            start, end = group[0][0], group[-1][0] + len(group[-1][1])
            surface = strip_possessive(text[start:end])
            doubtful = start == first and len(group) == 1 and not _is_known_name(surface)
            keys = tuple(canonical_word(word) for _, word in group)
            entities.append(_entity(surface, start, keys, doubtful))
    return tuple(entities)


def acronym(entity: Entity) -> str | None:
    """The lowercase initials of a name of two or more capitalised words ("Federal Aviation
    Administration" gives "faa"), the short form another outlet may write; else None."""
    words = [word for word in entity.text.split() if word[0].isupper()]
    if len(words) < 2 or any(word.isupper() for word in words):  # "US Navy": no "UN"
        return None
    return "".join(word[0] for word in words).lower()


@lru_cache(maxsize=8192)
def mentioned_keys(text: str) -> frozenset[str]:
    """Every alias-resolved word of ``text``, plus the phrase aliases it contains and the
    acronyms of its names (:func:`acronym`)."""
    text = plain_punctuation(text)
    keys = {canonical_word(word) for word in TOKEN_RE.findall(text)}
    lower = text.lower()
    keys.update(key for phrase, key in _PHRASE_ALIASES.items() if phrase in lower)
    keys.update(short for short in map(acronym, find_entities(text)) if short)
    return frozenset(keys)
