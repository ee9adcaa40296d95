"""Counts and amounts with their head noun, and whether two claims' amounts can both be true."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from corroborate.checks.findings import Effect, Finding, Side, comparison_reason, side_adds
from corroborate.checks.overlap import same_event
from corroborate.checks.scanning import anchored_matches
from corroborate.checks.words import STOPWORDS, plain_punctuation, stem, word_set

Interval = tuple[float, float]

_WORD_NUMBERS = {
    "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0,
    "eight": 8.0, "nine": 9.0, "ten": 10.0, "eleven": 11.0, "twelve": 12.0, "thirteen": 13.0,
    "fourteen": 14.0, "fifteen": 15.0, "sixteen": 16.0, "seventeen": 17.0, "eighteen": 18.0,
    "nineteen": 19.0, "twenty": 20.0, "thirty": 30.0, "forty": 40.0, "fifty": 50.0,
    "sixty": 60.0, "seventy": 70.0, "eighty": 80.0, "ninety": 90.0,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12,
}  # fmt: skip
_DOZENS = {"a": 1.0, "half a": 0.5, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0}
_VAGUE_AMOUNTS: dict[str, Interval] = {
    "a couple": (2.0, 3.0),
    "a few": (2.0, 6.0),
    "a handful": (2.0, 9.0),
    "several": (3.0, 9.0),
    "tens": (20.0, 99.0),
    "dozens": (24.0, 150.0),
    "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0),
    "tens of thousands": (2e4, 99_999.0),
    "hundreds of thousands": (2e5, 999_999.0),
    "millions": (2e6, 999e6),
    "billions": (2e9, 999e9),
}
_QUALIFIER_GROUPS: tuple[tuple[str, Callable[[float, float], Interval]], ...] = (
    ("exactly|only|just", lambda low, high: (low, high)),
    ("about|around|roughly|approximately|some|an estimated|estimated",
     lambda low, high: (0.9 * low, 1.1 * high)),
    ("nearly|almost|close to|just under", lambda low, high: (0.9 * low, high)),
    ("at least|more than|over|above|upwards of|in excess of|just over|well over|no fewer than"
     "|no less than", lambda low, high: (low, math.inf)),
    ("at most|no more than|fewer than|less than|under|below", lambda low, high: (0.0, high)),
    # "up to 300" in a news report points at a figure near 300, not at anything below it.
    ("up to|as many as", lambda low, high: (high / 2, high)),
)  # fmt: skip
_QUALIFIERS = {word: widen for words, widen in _QUALIFIER_GROUPS for word in words.split("|")}
_CURRENCIES = {"$": "dollar", "€": "euro", "£": "pound"}

_HEAD_SYNONYMS = {
    "uav": "drone",
    "aerial vehicle": "drone",
    "person": "people",
    "troop": "soldier",
    "kilometre": "km",
    "kilometer": "km",
}
_IRREGULAR_HEADS = {
    "people": "people", "men": "man", "women": "woman", "children": "child",
    "aircraft": "aircraft", "personnel": "personnel", "police": "police", "staff": "staff",
    "crew": "crew", "km": "km", "kg": "kg", "mph": "mph", "tonnes": "tonne", "tons": "ton",
    "dollar": "dollar", "euro": "euro", "pound": "pound", "yuan": "yuan", "rouble": "rouble",
}  # fmt: skip


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, a space matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_TENS = [word for word, value in _WORD_NUMBERS.items() if value >= 20]
_DIGIT_WORDS = [word for word, value in _WORD_NUMBERS.items() if value < 10]
_WORD_NUMBER = (
    rf"(?:{_alternatives(_TENS)})(?:[-\s](?:{_alternatives(_DIGIT_WORDS)}))?\b"
    rf"|(?:{_alternatives(_WORD_NUMBERS)})\b"
)
_SCALE_NAMES = "hundred|thousand|million|billion|trillion"
_SCALE_WORDS = rf"(?:\s+(?:{_SCALE_NAMES})\b)"
_NUMBER = rf"""(?:(?:US\$|\$|€|£)\s?)?(?:
    (?:{_alternatives(_DOZENS)})\s+dozen\b
  | (?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:(?:bn|mn|tn|m|k)\b|{_SCALE_WORDS}+)?
  | (?:{_WORD_NUMBER}|an?\b){_SCALE_WORDS}+
  | (?:{_WORD_NUMBER})
)"""
_QUANTITY_RE = re.compile(
    rf"""(?<![\w.,:/$€£-])
    (?:(?P<qualifier>{_alternatives(_QUALIFIERS)})\s+)?
    (?: between\s+(?P<between_low>{_NUMBER})\s+and\s+(?P<between_high>{_NUMBER})
      | (?P<range_low>{_NUMBER})(?:\s*-\s*(?=[\d$€£])|\s+to\s+)(?P<range_high>{_NUMBER})
      | (?P<vague>{_alternatives(_VAGUE_AMOUNTS)})\b
        (?P<vague_scale>(?:\s+(?:dozen|{_SCALE_NAMES})\b)*)
      | (?P<number>{_NUMBER})(?P<unit>km|kg|mph|kph|mw|gw)?
    )
    (?P<percent>\s?%|\s+per\s?cent\b|\s+percent\b)?
    (?![\w]|-\d)""",
    re.VERBOSE | re.IGNORECASE,
)
_NUMBER_PART_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")
_CURRENCY_RE = re.compile(r"[$€£]")
_FOLLOWING_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*|\S")
_COMPOUND_RE = re.compile(r"-([a-z]+)\b")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_BEFORE_RE = re.compile(rf"\b{_MONTH}\s+$")
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])")
_CLOCK_AFTER_RE = re.compile(r"\s*(?::\d|[ap]\.?m\b|GMT|UTC|BST|o'clock)", re.IGNORECASE)
_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in|since|by|from|until|till|of|before|after|during|early|late|mid|year)\s+$",
    re.IGNORECASE,
)
_DETERMINERS = word_set("the these those its their his her our")
# Words at least one of which every amount contains; the regex is tried only near them.
_ANCHOR_WORDS = (
    frozenset(_WORD_NUMBERS)
    | frozenset(_SCALES)
    | {word.split()[-1] for word in _VAGUE_AMOUNTS}
    | {"dozen"}
)
# Words that may begin an amount before its anchor ("about 300", "a few", "half a dozen").
_OPENERS = frozenset(qualifier.split()[0] for qualifier in _QUALIFIERS) | word_set(
    "between a an half"
)
_QUALIFIER_LENGTH = max(len(qualifier.split()) for qualifier in _QUALIFIERS)
# Words of amounts themselves, which say nothing about what event two amounts belong to.
_AMOUNT_STEMS = frozenset(
    stem(word) for phrase in (*_ANCHOR_WORDS, *_QUALIFIERS) for word in phrase.split()
)
_EVENT_COUNT_HEADS = frozenset({"time"})  # "three times": an event count, see checks.dates


@dataclass(frozen=True)
class Quantity:
    """An amount as the interval of values it allows, with the noun it counts if known.

    ``vague`` marks amounts given in words like "hundreds" or "several".
    """

    span: str
    low: float
    high: float
    vague: bool
    head: str | None

    def overlaps(self, other: Quantity) -> bool:
        return self.low <= other.high and other.low <= self.high

    def within(self, other: Quantity) -> bool:
        """True if this interval lies inside ``other`` and is narrower."""
        inside = other.low <= self.low and self.high <= other.high
        return inside and (self.low, self.high) != (other.low, other.high)


def number_value(text: str) -> float:
    """The value of a matched number: "1,200", "1.2bn", "twenty-one", "three hundred", "a dozen"."""
    value: float | None = None
    parts = _NUMBER_PART_RE.findall(text.lower().replace("us$", ""))
    if parts and parts[-1] == "dozen":
        return _DOZENS[" ".join(parts[:-1])] * 12
    for part in parts:
        if part[0].isdigit():
            value = float(part.replace(",", ""))
        elif part in _WORD_NUMBERS:
            value = (value or 0.0) + _WORD_NUMBERS[part]
        elif part in _SCALES:
            value = (value or 1.0) * _SCALES[part]
        elif part in ("a", "an"):
            value = 1.0
    return value if value is not None else math.nan


def _normal_head(word: str, previous: str) -> str:
    """Singular, synonym-resolved form of a head noun."""
    word = word.lower().rstrip("'")
    if word in _IRREGULAR_HEADS:
        word = _IRREGULAR_HEADS[word]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "sses")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    phrase = f"{previous.lower()} {word}"
    return _HEAD_SYNONYMS.get(phrase, _HEAD_SYNONYMS.get(word, word))


def _looks_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _head_noun(after: str, singular: bool) -> str | None:
    """The noun a number counts, read from the text that follows it.

    Skips "of", a determiner and adjectives ("hundreds of Iranian unmanned aerial
    vehicles"); stops at punctuation or a function word.
    """
    compound = _COMPOUND_RE.match(after)
    if compound:
        return _normal_head(compound.group(1), "")
    words = _FOLLOWING_WORD_RE.findall(after[:80])
    if words and words[0].lower() == "of":
        words = words[1:]
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    previous = ""
    for word in words[:4]:
        lower = word.lower()
        if not word[0].isalpha() or (lower in STOPWORDS and lower not in _IRREGULAR_HEADS):
            return None
        is_noun = lower in _IRREGULAR_HEADS or _looks_plural(lower)
        if is_noun or (singular and word.islower()):
            return _normal_head(lower, previous)
        previous = lower
    return None


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100


def _is_date_or_year(text: str, match: re.Match[str], head: str | None) -> bool:
    """True for a bare number that is the day of a date or a clock time, or for years."""
    if match.group("qualifier"):
        return False
    before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() :]
    number = match.group("number") or ""
    is_date = _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(after)
    if number.isdigit() and (is_date or _CLOCK_AFTER_RE.match(after)):
        return True
    ends = (match.group("range_low"), match.group("range_high"))
    years = ends if ends[0] else (number,)
    if not all(_is_year(year) for year in years):
        return False
    return head is None or bool(_YEAR_BEFORE_RE.search(before))


def qualify(qualifier: str, low: float, high: float) -> Interval:
    """Widen ``(low, high)`` by a qualifier such as "about", "at least" or "up to"."""
    return _QUALIFIERS[" ".join(qualifier.lower().split())](low, high)


def _scale(text: str) -> float:
    """The scale words of a matched number multiplied: "2bn" -> 1e9, "300" -> 1."""
    return math.prod(_SCALES.get(part, 1.0) for part in _NUMBER_PART_RE.findall(text.lower()))


def _interval(match: re.Match[str]) -> tuple[Interval, bool]:
    """The values the matched amount allows, before any qualifier, and whether it is vague."""
    vague = match.group("vague")
    if vague:
        low, high = _VAGUE_AMOUNTS[" ".join(vague.lower().split())]
        words = match.group("vague_scale").lower().split()
        factor = math.prod(12.0 if word == "dozen" else _SCALES[word] for word in words)
        return (low * factor, high * factor), True
    low_text = match.group("between_low") or match.group("range_low")
    if low_text:
        high_text = match.group("between_high") or match.group("range_high")
        low, high = number_value(low_text), number_value(high_text)
        if _scale(low_text) == 1.0:  # "$1-2bn": the scale of the upper end applies to both
            low *= _scale(high_text)
        return (low, high), False
    value = number_value(match.group("number"))
    return (value, value), False


def _quantity(text: str, match: re.Match[str]) -> Quantity | None:
    """The quantity a regex match stands for, or None if it is not a count or amount."""
    (low, high), vague = _interval(match)
    if math.isnan(low) or math.isnan(high) or low > high:
        return None
    currency = _CURRENCY_RE.search(match.group())
    after = text[match.end() :]
    if match.group("percent"):
        head: str | None = "percent"
    elif currency:
        head = _CURRENCIES[currency.group()]
    elif match.group("unit"):
        head = match.group("unit").lower()
    else:
        head = _head_noun(after, singular=low == high == 1.0)
    number = match.group("number") or ""
    if head in _EVENT_COUNT_HEADS or _is_date_or_year(text, match, head):
        return None
    if head is None and number.lower() == "one":
        return None
    if match.group("vague") in ("scores", "tens") and not after.lstrip().startswith("of"):
        return None
    if match.group("qualifier"):
        low, high = qualify(match.group("qualifier"), low, high)
    return Quantity(match.group().strip(), low, high, vague, head)


@lru_cache(maxsize=8192)
def extract_quantities(text: str) -> tuple[Quantity, ...]:
    """Every count or amount in ``text``; years, dates, times and model numbers are skipped."""
    text = plain_punctuation(text)
    matches = anchored_matches(_QUANTITY_RE, text, _ANCHOR_WORDS, _OPENERS, _QUALIFIER_LENGTH)
    found = (_quantity(text, match) for match in matches)
    return tuple(quantity for quantity in found if quantity is not None)


def relation(a: Quantity, b: Quantity) -> Effect:
    """How two amounts of the same thing relate: conflicting, one more precise, or alike.

    A number is more precise than a vague word ("300" vs "hundreds"); else the narrower
    interval is.
    """
    if not a.overlaps(b):
        return Effect.CONFLICT
    if a.vague != b.vague:
        return Effect.A_ADDS if b.vague else Effect.B_ADDS
    if b.within(a):
        return Effect.B_ADDS
    if a.within(b):
        return Effect.A_ADDS
    return Effect.COMPATIBLE


def _describe(quantity: Quantity) -> str:
    return f"'{quantity.span}'" + (f" ({quantity.head})" if quantity.head else "")


def _compare(in_a: list[Quantity], in_b: list[Quantity]) -> Finding:
    """Compare the amounts two claims give for the same thing, preferring a pair that fits."""
    pairs = [(a, b) for a in in_a for b in in_b]
    a, b = next(((a, b) for a, b in pairs if a.overlaps(b)), pairs[0])
    effect = relation(a, b)
    reason = comparison_reason(effect, "numbers", _describe(a), _describe(b))
    return Finding("quantity", effect, reason, a.span, b.span)


def _added(quantity: Quantity, side: Side) -> Finding:
    return side_adds("quantity", side, f"{side} adds number: {_describe(quantity)}", quantity.span)


def check_quantities(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """Compare the amounts of a and b that count the same thing.

    Amounts pair up by head noun; one amount left on each side pairs up too if either has
    no head noun. Amounts left unpaired are detail their side adds. Amounts that cannot
    both hold conflict only if a and b seem to report the same event (see
    :func:`~corroborate.checks.overlap.same_event`), unless ``same_event_known`` says so.
    """
    left_a, left_b = list(extract_quantities(a)), list(extract_quantities(b))
    pairs: list[tuple[list[Quantity], list[Quantity]]] = []
    for head in dict.fromkeys(quantity.head for quantity in left_a if quantity.head):
        same_b = [quantity for quantity in left_b if quantity.head == head]
        if same_b:
            pairs.append(([quantity for quantity in left_a if quantity.head == head], same_b))
            left_a = [quantity for quantity in left_a if quantity.head != head]
            left_b = [quantity for quantity in left_b if quantity.head != head]
    if len(left_a) == len(left_b) == 1 and (left_a[0].head is None or left_b[0].head is None):
        pairs.append((left_a, left_b))
        left_a, left_b = [], []
    findings = []
    for same_a, same_b in pairs:
        finding = _compare(same_a, same_b)
        heads = frozenset(stem(q.head) for q in (*same_a, *same_b) if q.head)
        if finding.effect is Effect.CONFLICT and not (
            same_event_known or same_event(a, b, _AMOUNT_STEMS | heads)
        ):
            continue
        findings.append(finding)
    findings += [_added(quantity, "a") for quantity in left_a]
    findings += [_added(quantity, "b") for quantity in left_b]
    return findings
