"""Word-level helpers shared by the checks: tokens, function words and a light stemmer."""

from __future__ import annotations

import re
from functools import lru_cache

# A word (letters, optionally joined to letters or digits by - or '), or a number.
TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['-][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*")

_ASCII_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


_LOWER_WORD_RE = re.compile(r"[a-z]+")


def lower_words(text: str) -> list[str]:
    """The runs of letters of ``text``, lowercased: a cheap bag of words for pre-checks."""
    return _LOWER_WORD_RE.findall(text.lower())


@lru_cache(maxsize=8192)
def lower_word_set(text: str) -> frozenset[str]:
    """The :func:`lower_words` of ``text`` as a set, kept per text: several checks pre-test
    the same sentence with it."""
    return frozenset(lower_words(text))


def may_contain(text: str, parts: tuple[str, ...]) -> bool:
    """False only if ``text`` is ASCII and holds none of ``parts`` (lowercase) in any case:
    a cheap necessary test before a costly case-insensitive regex that needs one of them."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(part in lower for part in parts)


def plain_punctuation(text: str) -> str:
    """Curly quotes and dashes in their ASCII form; lengths, and so offsets, are kept."""
    return text if text.isascii() else text.translate(_ASCII_PUNCTUATION)


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words``, for readable word lists."""
    return frozenset(words.split())


STOPWORDS = word_set(
    """
    a about above after again against all also am an and any are around as at be because been
    before being below between both but by can could did do does doing down during each either
    else even ever few for from further had has have having he her here hers herself him himself
    his how i if in into is it its itself just last let like may me might more most much must my
    myself next now of off on once one only or other our ours ourselves out over own per same she
    should since so some still such than that the their theirs them themselves then there these
    they this those through thus to too under until up upon very via was we were what when where
    whether which while who whom whose why will with within without would yet you your yours
    according added adding says said say saying told tell tells stated claimed reported reports
    announced noted warned believes believed week month year today yesterday
    """
)

# Past forms news reports use most, with their base form.
IRREGULAR_PAST = {
    "sold": "sell", "bought": "buy", "sent": "send", "struck": "strike", "hit": "hit",
    "shot": "shoot", "gave": "give", "took": "take", "beat": "beat", "overran": "overrun",
    "met": "meet", "told": "tell", "made": "make", "paid": "pay", "held": "hold", "led": "lead",
    "won": "win", "lost": "lose", "began": "begin", "fought": "fight", "brought": "bring",
    "rose": "rise", "fell": "fall", "flew": "fly", "saw": "see", "found": "find",
    "built": "build", "spent": "spend", "kept": "keep", "left": "leave", "went": "go",
}  # fmt: skip
# (suffix, replacement, letters that must remain): "supplied" -> "supply", "died" -> "die".
_SUFFIXES = (
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ies", "ie", 1),
    ("ied", "ie", 1),
    ("ing", "", 3),
    ("ed", "", 2),
    ("s", "", 3),
)


def strip_possessive(word: str) -> str:
    """``"Russia's"`` -> ``"Russia"``."""
    return word[:-2] if word.endswith("'s") else word


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem so that word forms meet: "supplied", "supplying", "supplies" -> "suppl";
    "used", "uses", "use" -> "us"; "sold", "sells" -> "sell"."""
    word = strip_possessive(word.lower())
    word = IRREGULAR_PAST.get(word, word)
    if len(word) <= 2 or word.endswith("ss"):
        return word
    for suffix, replacement, remaining in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= remaining:
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith(("e", "y")) and len(word) >= 3 else word
