"""Counts and amounts with their head noun, and whether two claims' amounts can both be true."""

from __future__ import annotations

import calendar
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
# "more than half of the gas", "a fifth of its output": shares, as percentages.
_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
    "two thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
    "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0,
}  # fmt: skip
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
    "vessel": "ship",
    "kilometre": "km",
    "kilometer": "km",
    "meter": "metre",
    "ft": "foot",
    "nautical mile": "nautical mile",
    "kilogram": "kg",
    "hr": "hour",
    "min": "minute",
}
_IRREGULAR_HEADS = {
    "people": "people", "men": "man", "women": "woman", "children": "child",
    "aircraft": "aircraft", "personnel": "personnel", "police": "police", "staff": "staff",
    "crew": "crew", "km": "km", "kg": "kg", "mph": "mph", "tonnes": "tonne", "tons": "ton",
    "dollar": "dollar", "euro": "euro", "pound": "pound", "yuan": "yuan", "rouble": "rouble",
    "feet": "foot", "foot": "foot",
}  # fmt: skip
# Measurement units by family, with their size in the family's base unit: amounts in one
# family compare after conversion ("four days" = "96 hours"); other families never meet.
_UNITS: dict[str, tuple[str, float]] = {
    "second": ("duration", 1 / 60), "minute": ("duration", 1.0), "hour": ("duration", 60.0),
    "day": ("duration", 1440.0), "week": ("duration", 10080.0),
    "metre": ("length", 1.0), "km": ("length", 1000.0), "mile": ("length", 1609.0),
    "nautical mile": ("length", 1852.0), "foot": ("length", 0.3048),
    "kg": ("mass", 1.0), "tonne": ("mass", 1000.0), "ton": ("mass", 907.0),
    "mph": ("speed", 1.609), "kph": ("speed", 1.0), "knot": ("speed", 1.852),
    "mw": ("power", 1.0), "gw": ("power", 1000.0),
}  # fmt: skip
# Units written apart from their number ("560 ft"), which no plural or casing reveals.
_UNIT_ABBREVIATIONS = {"ft": "foot", "m": "metre", "mi": "mile", "km": "km", "kg": "kg"}
_MONEY = frozenset({"dollar", "euro", "pound", "yuan", "rouble"})
# "50 ships a day": an amount per unit of time is a rate, never compared with a plain count.
_RATE_RE = re.compile(
    r"""^[\s,]*(?:(?!(?:for|in|within|after|before|over|during|ago|than)\b)[A-Za-z'-]+\s+){0,4}?
    (?:(?:a|an|per|each|every)\s+(?P<per>second|minute|hour|day|night|week|month|year|annum)\b
      |(?P<adverb>hourly|daily|nightly|weekly|monthly|yearly|annually)\b)
    (?!\s+ago\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# "$12 million in lost revenue every day", "$12m in canal income daily": "every", "per",
# "each" and the rate adverbs make a rate even past a preposition, which keeps "for a week"
# and "in a day" (durations) out of _RATE_RE.
_EVERY_RE = re.compile(
    r"""^[\s,]*(?:[A-Za-z'-]+\s+){0,6}?(?:(?:per|each|every)\s+
    (?P<per>second|minute|hour|day|night|week|month|year|annum)\b(?!\s+ago\b)
    |(?P<adverb>hourly|daily|nightly|weekly|monthly|yearly|annually)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_RATE_ADVERBS = {
    "hourly": "hour", "daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
    "yearly": "year", "annually": "year",
}  # fmt: skip
# A bare number right after a capitalised word is part of a name: "Nord Stream 2".
_WORD_BEFORE_RE = re.compile(r"\b(?P<word>[A-Za-z][A-Za-z-]*)\s$")


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
  | (?:{_WORD_NUMBER})(?:\s+and\s+a\s+half\b)?
  | an?\s+single\b(?!-)
)"""
# "an hour and 45 minutes", "two hours and a half": one duration, in minutes.
_HOURS = rf"(?:(?:{_WORD_NUMBER})|\d+|an?)"
_QUANTITY_RE = re.compile(
    rf"""(?<![\w.,:/$€£-])
    (?:(?P<qualifier>{_alternatives(_QUALIFIERS)})\s+)?
    (?: (?P<hours>{_HOURS})\s+hours?\s+and\s+(?:(?P<minutes>{_WORD_NUMBER}|\d+)\s+minutes?
          |(?P<half_hour>a\s+half)\b)
      | (?P<share>{_alternatives(_FRACTIONS)})\s+(?:of\s+)?an?\s+
        (?P<share_scale>thousand|million|billion)\b
      | between\s+(?P<between_low>{_NUMBER})\s+and\s+(?P<between_high>{_NUMBER})
      | (?P<range_low>{_NUMBER})(?:\s*-\s*(?=[\d$€£])|\s+to\s+)(?P<range_high>{_NUMBER})
      | (?P<fraction>{_alternatives(_FRACTIONS)})(?=\s+of\b)(?!\s+of\s+an?\s)
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
_FOLLOWING_WORD_RE = re.compile(r"[A-Za-z][\w'-]*|\S")
_COMPOUND_RE = re.compile(r"-([a-z]+)(?:-([a-z]+))?\b")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_BEFORE_RE = re.compile(rf"\b{_MONTH}\s+$")
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])")
_PARTITIVE_RE = re.compile(r"\s+of\b", re.IGNORECASE)
_DIMENSIONS = word_set("long wide tall high deep")
_BOTH_RE = re.compile(r"\bboth\b", re.IGNORECASE)
_NOT_BEFORE_RE = re.compile(r"\b(?:not|no)\s+$", re.IGNORECASE)
# "25 members of the ship's crew": a count of the group's members is a count of the group.
_MEMBERS_OF_RE = re.compile(
    r"^\s*members?\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[A-Za-z-]+'s\s+)?(?P<group>[a-z]+)"
)
# "magnitudes of 2.1 and 2.3", "3.1 and 3.3 in magnitude", "a magnitude 6.1 quake".
_MAGNITUDE_BEFORE_RE = re.compile(
    r"\bmagnitudes?\s+(?:of\s+)?(?:\d+(?:\.\d+)?\s*(?:,|and|or)\s+)*$", re.IGNORECASE
)
_MAGNITUDE_AFTER_RE = re.compile(
    r"^(?:\s*(?:,|and|or)\s*\d+(?:\.\d+)?)*\s+in\s+magnitude\b", re.IGNORECASE
)
_CLOCK_RE = re.compile(r"\d{1,2}(?:[.:]\d\d)?")
_CALENDAR_NAMES = frozenset(name.lower() for name in (*calendar.month_name, *calendar.day_name))
_CLOCK_AFTER_RE = re.compile(
    r"(?:[.:]\d\d)?\s*(?::\d|[ap]\.?m\b|GMT|UTC|BST|o'clock)", re.IGNORECASE
)
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
    | {"dozen", "single", "hour", "hours"}
    | {fraction.split()[-1] for fraction in _FRACTIONS}
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
# "three times", "two trips": counts of events, compared by checks.dates with listed dates.
_EVENT_COUNT_HEADS = frozenset({"time", "trip", "visit"})


@dataclass(frozen=True)
class Quantity:
    """An amount as the interval of values it allows, with the noun it counts if known.

    ``vague`` marks amounts given in words like "hundreds" or "several". ``core`` is the
    interval before any qualifier ("at least two" has core (2, 2)); ``per`` the unit of time
    of a rate ("50 ships a day"). Amounts of a measurement unit compare in the base unit of
    its family (minutes, metres, kilograms), so that "four days" meets "96 hours".
    """

    span: str
    low: float
    high: float
    vague: bool
    head: str | None
    core: Interval | None = None
    per: str | None = None
    measured: str | None = None
    """For money, what the sum is of ("$9.6bn of goods": good; "$12m in lost revenue":
    revenu), when the words after it say."""
    written: str | None = None
    """The amount as the text gives it, up to the noun it counts ("over several countries");
    what a reader is shown as the detail a side adds."""

    @property
    def kind(self) -> tuple[str, str | None]:
        """What the amount measures, for pairing: ("count", per), ("percent", per),
        ("money", per) or (unit family, per). Amounts of different kinds never compare."""
        if self.head == "percent":
            kind = "percent"
        elif self.head in _MONEY:
            kind = "money"
        elif self.head in _UNITS:
            kind = _UNITS[self.head][0]
        else:
            kind = "count"
        return kind, self.per

    @property
    def key(self) -> tuple[str | None, str | None]:
        """What the amount counts: its unit family or head noun, and the unit of its rate."""
        family = _UNITS[self.head][0] if self.head in _UNITS else self.head
        return family, self.per

    @property
    def size(self) -> float:
        """The size of the unit in its family's base unit (1 for counts)."""
        return _UNITS[self.head][1] if self.head in _UNITS else 1.0

    @property
    def bounds(self) -> Interval:
        """The interval in the base unit of the amount's family."""
        return self.low * self.size, self.high * self.size

    @property
    def exact(self) -> Interval:
        """The figure stated, before qualifiers, in the base unit of its family."""
        low, high = self.core if self.core is not None else (self.low, self.high)
        return low * self.size, high * self.size

    def overlaps(self, other: Quantity) -> bool:
        (low, high), (other_low, other_high) = self.bounds, other.bounds
        return low <= other_high and other_low <= high

    def within(self, other: Quantity) -> bool:
        """True if this interval lies inside ``other`` and is narrower."""
        (low, high), (other_low, other_high) = self.bounds, other.bounds
        inside = other_low <= low and high <= other_high
        return inside and (low, high) != (other_low, other_high)


def number_value(text: str) -> float:
    """The value of a matched number: "1,200", "1.2bn", "twenty-one", "three hundred", "a dozen"."""
    value: float | None = None
    parts = _NUMBER_PART_RE.findall(text.lower().replace("us$", ""))
    if parts[-3:] == ["and", "a", "half"]:  # "three and a half"
        return number_value(" ".join(parts[:-3])) + 0.5
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
        first, second = compound.groups()
        unit = f"{first} {second}" if second else ""
        # "a 20-nautical-mile zone": a unit of two words; "a 10-year-old boy": the first
        if _HEAD_SYNONYMS.get(unit) in _UNITS:
            return _normal_head(second, first)
        return _normal_head(first, "")
    words = _FOLLOWING_WORD_RE.findall(after[:80])
    if words and words[0] in _UNIT_ABBREVIATIONS:  # "2,925 m", "560 ft tall"
        return _UNIT_ABBREVIATIONS[words[0]]
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
            head = _normal_head(lower, previous)
            group = _MEMBERS_OF_RE.match(after) if head == "member" else None
            return _normal_head(group.group("group"), "") if group else head
        previous = lower
    return None


def _is_magnitude(text: str, match: re.Match[str]) -> bool:
    """True for a bare number given as a magnitude ("magnitudes of 2.1 and 2.3")."""
    before = _MAGNITUDE_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    return before is not None or _MAGNITUDE_AFTER_RE.match(text[match.end() :]) is not None


def _in_name(text: str, match: re.Match[str]) -> bool:
    """True for a bare number that follows a capitalised word inside the sentence: the
    number of a name or model ("Nord Stream 2", "PlayStation 3"), not a count."""
    number = match.group("number") or ""
    if not number.isdigit() or match.group("qualifier"):
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    if before is None:
        return False
    word = before.group("word")
    return word[0].isupper() and word.lower() not in STOPWORDS | _CALENDAR_NAMES


def _rate(after: str) -> str | None:
    """The unit of time of a rate following an amount ("ships a day" -> "day")."""
    match = _RATE_RE.match(after[:60]) or _EVERY_RE.match(after[:60])
    if match is None:
        return None
    adverb = match.group("adverb")
    if adverb:
        return _RATE_ADVERBS[adverb.lower()]
    per = match.group("per").lower()
    return {"night": "day", "annum": "year"}.get(per, per)


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2100


def _is_date_or_year(text: str, match: re.Match[str], head: str | None) -> bool:
    """True for a bare number that is the day of a date or a clock time ("around 2:30",
    "7.40am"), or for years."""
    before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() :]
    number = match.group("number") or ""
    if _CLOCK_RE.fullmatch(number) and _CLOCK_AFTER_RE.match(after):
        return True
    if match.group("qualifier"):
        return False
    is_date = _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(after)
    if number.isdigit() and is_date:
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
    if match.group("hours"):
        hours = match.group("hours").lower()
        minutes = 30.0 if match.group("half_hour") else number_value(match.group("minutes"))
        value = (1.0 if hours in ("a", "an") else number_value(hours)) * 60 + minutes
        return (value, value), False
    share = match.group("share")
    if share:  # "a quarter of a million"
        scale = _SCALES[match.group("share_scale").lower()]
        value = _FRACTIONS[" ".join(share.lower().split())] / 100 * scale
        return (value, value), False
    fraction = match.group("fraction")
    if fraction:
        share = _FRACTIONS[" ".join(fraction.lower().split())]
        return (share, share), False
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
    if match.group("percent") or match.group("fraction"):
        head: str | None = "percent"
    elif currency:
        head = _CURRENCIES[currency.group()]
    elif match.group("unit"):
        head = match.group("unit").lower()
    elif match.group("hours"):
        head = "minute"
    else:
        head = _head_noun(after, singular=low == high == 1.0)
    if head in _DIMENSIONS:  # "the 400m-long ship": the unit is the number's own
        head = None
    if head is None and _is_magnitude(text, match):
        head = "magnitude"
    number = " ".join((match.group("number") or "").lower().split())
    if head is None and not currency and number.endswith("m") and number[-2:-1].isdigit():
        # "3,800m below the surface": metres; "27m people" (a noun follows) is millions
        low, high, head = low / 1e6, high / 1e6, "metre"
    if head in _EVENT_COUNT_HEADS or _is_date_or_year(text, match, head):
        return None
    if (number == "one" or number.endswith("single")) and (
        head is None or (head != "percent" and _PARTITIVE_RE.match(after))
    ):
        return None  # "one of the world's busiest": not a count ("one percent of" is)
    if number.endswith("single") and _NOT_BEFORE_RE.search(text, 0, match.start()):
        return None  # "not a single ship": none
    if _in_name(text, match):
        return None
    if match.group("vague") in ("scores", "tens") and not after.lstrip().startswith("of"):
        return None
    core = (low, high)
    if match.group("qualifier"):
        low, high = qualify(match.group("qualifier"), low, high)
    measured = _money_measured(after) if head in _MONEY else None
    span = match.group().strip()
    written = _with_counted_noun(span, after, head)
    return Quantity(span, low, high, vague, head, core, _rate(after), measured, written)


def _with_counted_noun(span: str, after: str, head: str | None) -> str:
    """``span`` and the words after it up to its head noun, if that follows within a few
    words ("several" + " rounds of sanctions" → "several rounds"); else ``span``."""
    previous = ""
    for count, word in enumerate(_FOLLOWING_WORD_RE.finditer(after[:80])):
        if count >= 6 or not word.group()[0].isalpha():
            break
        if head and _normal_head(word.group(), previous) == head:
            return f"{span}{after[: word.end()]}"
        previous = word.group().lower()
    return span


# "of goods", "in lost revenue", "worth of aid": what a sum of money is a sum of.
_MEASURED_RE = re.compile(
    r"^\s*(?:(?:a|per|every|each)\s+(?:day|week|month|year)\s+)?(?:worth\s+)?(?:of|in)\s+"
    r"(?:(?:lost|new|annual|daily|extra|additional|military|economic)\s+)?(?P<noun>[a-z]{3,})\b"
)
_NOT_MEASURED = word_set("the this that these those its their his her our your total all")


def _money_measured(after: str) -> str | None:
    """The noun a sum of money is of, from the words right after it, if they say."""
    match = _MEASURED_RE.match(after)
    if match is None or match.group("noun") in _NOT_MEASURED:
        return None
    return stem(match.group("noun"))


@lru_cache(maxsize=8192)
def extract_quantities(text: str) -> tuple[Quantity, ...]:
    """Every count or amount in ``text``; years, dates, times and model numbers are skipped."""
    text = plain_punctuation(text)
    matches = anchored_matches(_QUANTITY_RE, text, _ANCHOR_WORDS, _OPENERS, _QUALIFIER_LENGTH)
    found = (_quantity(text, match) for match in matches)
    return tuple(quantity for quantity in found if quantity is not None)


def _rounded(a: Quantity, b: Quantity) -> bool:
    """True if one exact figure of 100 or more is the other rounded off: within 1 % of a
    multiple of ten ("$499" ~ "$500", "369" ~ "370"); small counts must match, and so
    must a bound ("more than 553" is not "550")."""
    (low_a, high_a), (low_b, high_b) = a.exact, b.exact
    if a.vague or b.vague or low_a != high_a or low_b != high_b or min(low_a, low_b) < 100:
        return False
    if a.bounds != a.exact or b.bounds != b.exact:
        return False
    round_one = any(value % 10 == 0 for value in (low_a, low_b))
    return round_one and abs(low_a - low_b) <= 0.01 * max(low_a, low_b)


def relation(a: Quantity, b: Quantity) -> Effect:
    """How two amounts of the same thing relate: conflicting, one more precise, or alike.

    The same figure is alike whatever its qualifiers ("twice" ~ "at least twice"), and so
    are two vague words that overlap ("several hundred" ~ "hundreds") and a figure and
    its rounding ("$499" ~ "$500"). A number is more precise than a vague word ("300" vs
    "hundreds"); else the narrower interval is.
    """
    if not a.overlaps(b):
        return Effect.COMPATIBLE if _rounded(a, b) else Effect.CONFLICT
    if a.exact == b.exact or (a.vague and b.vague):
        return Effect.COMPATIBLE
    if a.vague != b.vague:
        return Effect.A_ADDS if b.vague else Effect.B_ADDS
    if b.within(a):
        return Effect.B_ADDS
    if a.within(b):
        return Effect.A_ADDS
    return Effect.COMPATIBLE


def _describe(quantity: Quantity) -> str:
    what = " ".join(word for word in (quantity.head, quantity.per and f"a {quantity.per}") if word)
    return f"'{quantity.span}'" + (f" ({what})" if what else "")


def _compare(in_a: list[Quantity], in_b: list[Quantity]) -> Finding:
    """Compare the amounts two claims give for the same thing, preferring one figure given by
    both ("six" against "several of the six"), then a pair that fits."""
    pairs = [(a, b) for a in in_a for b in in_b]
    same = next(((a, b) for a, b in pairs if a.exact == b.exact), None)
    a, b = same or next(((a, b) for a, b in pairs if a.overlaps(b)), pairs[0])
    effect = relation(a, b)
    reason = comparison_reason(effect, "numbers", _describe(a), _describe(b))
    return Finding("quantity", effect, reason, a.span, b.span)


def _added(quantity: Quantity, side: Side) -> Finding:
    detail = quantity.written or quantity.span
    return side_adds("quantity", side, f"{side} adds number: {_describe(quantity)}", detail)


Pairs = list[tuple[list[Quantity], list[Quantity]]]


def _pair_like(left_a: list[Quantity], left_b: list[Quantity]) -> Pairs:
    """Pair the amounts of a and b that measure the same thing, removing them from the
    lists: same head noun or unit family and same rate; then one amount left on each side
    if either has no head noun and both are plain counts of the same rate."""
    pairs: Pairs = []
    for key in dict.fromkeys(quantity.key for quantity in left_a if quantity.head):
        same_a = [quantity for quantity in left_a if quantity.key == key]
        same_b = [
            quantity
            for quantity in left_b
            if quantity.key == key and not any(_sums_apart(a, quantity) for a in same_a)
        ]
        if same_b:
            pairs.append((same_a, same_b))
            left_a[:] = [quantity for quantity in left_a if quantity not in same_a]
            left_b[:] = [quantity for quantity in left_b if quantity not in same_b]
    if len(left_a) == len(left_b) == 1:
        (only_a,), (only_b,) = left_a, left_b
        if None in (only_a.head, only_b.head) and only_a.kind == only_b.kind:
            pairs.append(([only_a], [only_b]))
            left_a.clear()
            left_b.clear()
    return pairs


def _sums_apart(a: Quantity, b: Quantity) -> bool:
    """Two sums of money of different things ("$9.6bn of goods" and "$12m in revenue")."""
    return a.measured is not None and b.measured is not None and a.measured != b.measured


def _take_matches(
    left_a: list[Quantity], left_b: list[Quantity], fits: Callable[[Quantity, Quantity], bool]
) -> list[tuple[Quantity, Quantity]]:
    """Remove from both lists, and return, the pairs (a, b) of amounts for which ``fits``."""
    matched = []
    for quantity_a in list(left_a):
        match = next((quantity_b for quantity_b in left_b if fits(quantity_a, quantity_b)), None)
        if match is not None:
            left_a.remove(quantity_a)
            left_b.remove(match)
            matched.append((quantity_a, match))
    return matched


def _same_figure(a: Quantity, b: Quantity) -> bool:
    """One figure of one kind under different nouns ("five people" ~ "five men")."""
    return a.kind == b.kind and a.exact == b.exact


def _other_measure(a: Quantity, b: Quantity) -> bool:
    """One head noun measured two ways ("about 50 ships a day" vs "roughly 370 ships")."""
    return a.head is not None and a.key[0] == b.key[0]


def _unpaired(left_a: list[Quantity], left_b: list[Quantity]) -> list[Finding]:
    """Findings on amounts left on both sides after pairing like ones: the same figure
    under different nouns is alike; one noun measured two ways is ``DISTINCT`` (a sign of
    two different facts). Both are removed from the lists."""
    findings = []
    for a, b in _take_matches(left_a, left_b, _same_figure):
        reason = comparison_reason(Effect.COMPATIBLE, "numbers", _describe(a), _describe(b))
        findings.append(Finding("quantity", Effect.COMPATIBLE, reason, a.span, b.span))
    for a, b in _take_matches(left_a, left_b, _other_measure):
        reason = f"different measures: {_describe(a)} vs {_describe(b)}"
        findings.append(Finding("quantity", Effect.DISTINCT, reason, a.span, b.span))
    return findings


def _new(left: list[Quantity], other: tuple[Quantity, ...], other_text: str) -> list[Quantity]:
    """The amounts of ``left`` whose figure the other side does not give at all ("both"
    gives two), leaving out a small vague amount ("several", "a few"), which adds nothing a
    reader could check."""
    figures = {quantity.exact for quantity in other}
    if _BOTH_RE.search(other_text):
        figures.add((2.0, 2.0))
    return [
        quantity
        for quantity in left
        if quantity.exact not in figures and not (quantity.vague and quantity.high < 10)
    ]


def check_quantities(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """Compare the amounts of a and b that measure the same thing.

    Only like amounts compare: the same head noun or unit family (converted: "four days" =
    "96 hours"), the same rate ("50 ships a day" never meets "370 ships") and the same kind
    (a count, money, a percentage). One head noun measured two ways (a rate and a count)
    gives a ``DISTINCT`` finding. Amounts left unpaired are detail their side adds, unless
    the other side gives the same figure. Amounts that cannot both hold conflict
    only if a and b seem to report the same event (see
    :func:`~corroborate.checks.overlap.same_event`), unless ``same_event_known`` says so.
    """
    all_a, all_b = extract_quantities(a), extract_quantities(b)
    left_a, left_b = list(all_a), list(all_b)
    findings = []
    for same_a, same_b in _pair_like(left_a, left_b):
        finding = _compare(same_a, same_b)
        heads = frozenset(stem(q.head) for q in (*same_a, *same_b) if q.head)
        if finding.effect is Effect.CONFLICT and not (
            same_event_known or same_event(a, b, _AMOUNT_STEMS | heads)
        ):
            continue
        findings.append(finding)
    findings += _unpaired(left_a, left_b)
    findings += [_added(quantity, "a") for quantity in _new(left_a, all_b, b)]
    findings += [_added(quantity, "b") for quantity in _new(left_b, all_a, a)]
    return findings
