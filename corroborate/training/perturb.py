"""Claim pairs made from real news sentences by one controlled edit, labelled by construction.

Each edit of a sentence s gives a pair (s, s') whose relation the edit decides:

- a changed number, weekday, month or year, two names swapped (who did what), a name replaced
  by another name of the same text pool, or a negation → **contradicts**;
- the date of the statement changed ("said Saturday" → "said Friday") → **agree**;
- a number made vague ("300 drones" → "hundreds of drones"), a clause between commas, a
  trailing attribution ("..., Sullivan said Saturday") or a place/time phrase dropped → the
  original **adds detail** (it states s' and more).

Sentences come from training splits only (MRPC train, ECB+ topics 1-30, FNC-1 train bodies).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corroborate.training.negation import negate

_NUMBER = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.,]*\d)")
_COUNTED = re.compile(
    r"(?:\b(?:up to|about|some|nearly|almost|around|more than|at least|over) )?"
    r"(?<![\w.,$])(\d{2,3}(?:,\d{3})*|\d{4,})\s+([a-z]+s)\b"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_STATED = re.compile(r"\b(?:said|says|told|added|announced)\b[^,.]{0,20}$")
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?: [A-Z][a-z]+)*)")
_INNER_CLAUSE = re.compile(
    r", (?:who|which|where|when|after|while|as|including|according)[^,]{8,}?,"
)
_TRAILING_SAID = re.compile(
    r",\s+[^,]{2,60}?\b(?:said|says|told [^,]+|added|announced)\b[^,]{0,25}\.$"
)
_PHRASE = re.compile(
    r" (?:in|on|at|near|outside|from) (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+)*(?=[ ,.])"
    r"| (?:on|last|this|next) (?:" + "|".join(_WEEKDAYS) + r")"
)


@dataclass(frozen=True, slots=True)
class EditedPair:
    """A sentence, its edited form, the relation of (original, edited) and the edit's name."""

    original: str
    edited: str
    relation: str
    """``contradicts``, ``adds_a`` (the original adds detail) or ``agree``."""
    edit: str


def _other(choices: Sequence[str], current: str, rng: random.Random) -> str:
    return rng.choice([choice for choice in choices if choice != current])


def _replace_at(text: str, match: re.Match[str], new: str, group: int = 1) -> str:
    return text[: match.start(group)] + new + text[match.end(group) :]


def change_number(text: str, rng: random.Random) -> str | None:
    """Another value for one number: scaled, shifted or with other digits."""
    matches = [
        m
        for m in _NUMBER.finditer(text)
        if not _MONTH.search(text[max(0, m.start() - 10) : m.start()])
    ]
    if not matches:
        return None
    match = rng.choice(matches)
    raw = match.group(1)
    value = float(raw.replace(",", ""))
    if 1900 <= value <= 2039 and "." not in raw:
        return None  # a year: change_date's job
    factor = rng.choice((0.25, 0.5, 2.0, 3.0, 10.0))
    new = value * factor if value >= 4 else value + rng.choice((2, 3, 5))
    if "." in raw:
        decimals = len(raw.split(".")[1])
        formatted = f"{new:.{decimals}f}"
    elif "," in raw:
        formatted = f"{round(new):,}"
    else:
        formatted = str(round(new))
    return None if formatted == raw else _replace_at(text, match, formatted)


def change_date(text: str, rng: random.Random) -> str | None:
    """Another weekday, month or year."""
    for pattern, choices in ((_WEEKDAY, _WEEKDAYS), (_MONTH, _MONTHS)):
        for match in pattern.finditer(text):
            if not _STATED.search(text[max(0, match.start() - 30) : match.start()]):
                # a statement's own date ("said Saturday") is not the event's: left alone
                return _replace_at(text, match, _other(choices, match.group(1), rng))
    if (year_match := _YEAR.search(text)) is not None:
        year = int(year_match.group(1)) + rng.choice((-3, -2, -1, 1, 2))
        return _replace_at(text, year_match, str(year))
    return None


def change_stated_date(text: str, rng: random.Random) -> str | None:
    """Another date for the statement only ("said Saturday" → "said Friday"): the same fact."""
    for match in _WEEKDAY.finditer(text):
        if _STATED.search(text[max(0, match.start() - 30) : match.start()]):
            return _replace_at(text, match, _other(_WEEKDAYS, match.group(1), rng))
    return None


def swap_names(text: str, rng: random.Random) -> str | None:
    """Two different names trade places (who did what to whom)."""
    names = [m for m in _NAME.finditer(text) if m.group(1) not in _MONTHS + _WEEKDAYS]
    firsts = {m.group(1) for m in names}
    if len(firsts) < 2:
        return None
    first, second = rng.sample(names, 2)
    if first.group(1) == second.group(1):
        return None
    if first.start() > second.start():
        first, second = second, first
    return (
        text[: first.start(1)]
        + second.group(1)
        + text[first.end(1) : second.start(1)]
        + first.group(1)
        + text[second.end(1) :]
    )


def make_vague(text: str, rng: random.Random) -> str | None:
    """A counted number said vaguely: "300 drones" → "hundreds of drones"."""
    match = _COUNTED.search(text)
    if match is None:
        return None
    value = int(match.group(1).replace(",", ""))
    if 1900 <= value <= 2039:
        return None
    word = "dozens" if value < 100 else "hundreds" if value < 1000 else "thousands"
    if value >= 1_000_000:
        word = "millions"
    return text[: match.start()] + f"{word} of {match.group(2)}" + text[match.end() :]


def drop_clause(text: str, rng: random.Random) -> str | None:
    """Without an inner clause, a trailing attribution or a place/time phrase."""
    for pattern, joiner in ((_INNER_CLAUSE, ""), (_TRAILING_SAID, "."), (_PHRASE, "")):
        matches = list(pattern.finditer(text))
        if matches:
            match = rng.choice(matches)
            shorter = text[: match.start()] + joiner + text[match.end() :]
            if len(shorter.split()) >= 5:
                return shorter
    return None


EDITS: dict[str, tuple[str, Callable[[str, random.Random], str | None]]] = {
    "number": ("contradicts", change_number),
    "date": ("contradicts", change_date),
    "role": ("contradicts", swap_names),
    "negation": ("contradicts", lambda text, rng: negate(text)),
    "vague": ("adds_a", make_vague),
    "drop": ("adds_a", drop_clause),
    "stated_date": ("agree", change_stated_date),
}


def replace_name(text: str, pool: Sequence[str], rng: random.Random) -> str | None:
    """One name replaced by a name from another sentence of ``pool`` (another actor/place)."""
    names = [m for m in _NAME.finditer(text) if m.group(1) not in _MONTHS + _WEEKDAYS]
    if not names:
        return None
    match = rng.choice(names)
    donor = [m.group(1) for m in _NAME.finditer(rng.choice(pool))]
    donor = [name for name in donor if name not in text and name not in _MONTHS + _WEEKDAYS]
    return _replace_at(text, match, rng.choice(donor)) if donor else None


def edited_pairs(sentences: Sequence[str], count: int, seed: int) -> list[EditedPair]:
    """Up to ``count`` pairs, edits drawn in turn so each kind is about equally common."""
    rng = random.Random(seed)
    usable = [s for s in sentences if 8 <= len(s.split()) <= 45]
    kinds = [*EDITS, "name"]
    pairs: list[EditedPair] = []
    attempts = 0
    while len(pairs) < count and attempts < count * 20 and usable:
        attempts += 1
        kind = kinds[len(pairs) % len(kinds)]
        sentence = rng.choice(usable)
        if kind == "name":
            relation, edited = "contradicts", replace_name(sentence, usable, rng)
        else:
            relation, edit = EDITS[kind]
            edited = edit(sentence, rng)
        if edited is not None and edited != sentence:
            pairs.append(EditedPair(sentence, edited, relation, kind))
    return pairs
