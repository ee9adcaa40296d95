"""Dates of events and counts of events ("twice"), and whether two claims' dates agree."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Literal

from corroborate.checks.entities import MONTHS, WEEKDAYS
from corroborate.checks.findings import Effect, Finding, Side, comparison_reason, side_adds
from corroborate.checks.overlap import same_event
from corroborate.checks.quantities import Quantity, number_value, qualify, relation
from corroborate.checks.scanning import anchored_matches
from corroborate.checks.words import plain_punctuation, stem, word_set

Role = Literal["event", "bound", "statement", "background"]
Limit = Literal["before", "after"]
Window = tuple[dt.date, dt.date]

_MONTH_NUMBERS = {calendar.month_abbr[number].lower(): number for number in range(1, 13)}
_WEEKDAY_NUMBERS = {calendar.day_name[number].lower(): number for number in range(7)}
_DAY_OFFSETS = {
    "yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "tomorrow": 1,
}  # fmt: skip
_BOUND_WORDS = frozenset({"since", "from", "until", "till", "by", "before", "after", "through"})
_RANGE_JOINERS = frozenset({"-", "--", "to", "until", "till", "through"})
_FIXED_COUNTS = {"once": (1.0, 1.0), "twice": (2.0, 2.0), "thrice": (3.0, 3.0)}
_VAGUE_COUNTS = {
    "several": (3.0, 9.0),
    "multiple": (2.0, math.inf),
    "many": (2.0, math.inf),
    "repeatedly": (2.0, math.inf),
}

_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_COUNT_NUMBER = r"two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|\d+"
# Nouns that count events ("two trips"): anchors, but words of what happened, so not in
# _DATE_STEMS.
_EVENT_NOUNS = ("trips", "visits")
_DATE_RE = re.compile(
    rf"""
    \b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b
  | \b(?P<dmy_d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})
      (?:(?:\s?,)?\s+(?P<dmy_y>\d{{4}})\b)?
  | \b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL}\b(?:(?:\s?,)?\s+(?P<mdy_y>\d{{4}})\b)?
  | \b(?P<my_m>{_MONTH})\s+(?:of\s+)?(?P<my_y>\d{{4}})\b
  | \b(?P<is_a>(?i:is|was|are|were)\s+an?)\s+(?P<is_y>(?:18|19|20)\d\d)\b(?!\s*[-%]|\s+(?:and|to)\b)
  | \b(?P<month_prep>(?i:in|since|until|by|from|early|late|mid|of|during|and|or))[\s-]+
      (?P<m_m>{_MONTH})(?!\s+(?:of\s+)?\d)
  | \b(?P<year_prep>(?i:in|since|until|by|from|early|late|mid|during|before|after|prior\s+to))[\s-]+
      (?P<y_y>(?:1\d|20)\d\d)\b(?!-\d)
  | \b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b
  | \b(?P<days_ago>(?i:yesterday|last\s+night|today|tonight|tomorrow
      |this\s+(?:morning|afternoon|evening)))\b
  | \b(?P<last_week>(?i:last\s+week))\b
  | \b(?P<year_ago>(?i:last|this)\s+year)\b
  | \b(?P<vague>(?i:last\s+month|this\s+(?:week|month)|earlier\s+this\s+(?:week|month|year)
      |(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+)?(?:days?|weeks?|months?)
      |in\s+recent\s+(?:days|weeks|months)|recently))\b
  | \b(?:(?P<count_qualifier>(?i:at\s+least|more\s+than|no\s+fewer\s+than|at\s+most|up\s+to
      |no\s+more\s+than|about|nearly|almost))\s+)?
      (?P<count>(?i:twice|thrice|once(?=\s*(?:[.,;:)]|$|\s(?:in|on|at|before|during|last|this
      |since|so\s+far|previously)\b))|(?:{_COUNT_NUMBER})\s+(?:times|(?:separate\s+)?(?:{"|".join(_EVENT_NOUNS)}))|on\s+(?:{_COUNT_NUMBER})
      \s+(?:separate\s+)?occasions|repeatedly))\b
      (?!\s+(?:as|more|less|larger|higher|bigger|smaller|greater|than|the|that|a)\b)
    """,
    re.VERBOSE,
)
# Words at least one of which every date or count contains; the regex is tried near them.
_ANCHOR_WORDS = (
    MONTHS
    | WEEKDAYS
    | word_set(
        "yesterday today tonight tomorrow night morning afternoon evening week month year "
        "past recent recently once twice thrice times occasions repeatedly"
    )
)
_SCAN_ANCHORS = _ANCHOR_WORDS | frozenset(_EVENT_NOUNS)
# Words that may begin a date or count before its anchor ("in June", "at least twice").
_OPENERS = word_set(
    "in since until by from early late mid of during and or before after last this earlier "
    "over at more no about nearly almost up on two three four five six seven eight nine ten "
    "several multiple many is was are were prior"
)
_ANCHOR_LOOKBACK = 4  # "no fewer than three times", "over the past few days"
# Words of dates and counts themselves, which say nothing about what event they date.
_DATE_STEMS = frozenset(stem(word) for word in _ANCHOR_WORDS | _OPENERS)
# The (year, month, day) groups of each calendar form of _DATE_RE.
_CALENDAR_GROUPS = (
    ("iso_y", "iso_m", "iso_d"),
    ("dmy_y", "dmy_m", "dmy_d"),
    ("mdy_y", "mdy_m", "mdy_d"),
    ("my_y", "my_m", None),
    (None, "m_m", None),
    ("y_y", None, None),
    ("is_y", None, None),
)


@dataclass(frozen=True)
class DateMention:
    """A date as far as the text (and the article date) pins it down.

    ``role`` is "bound" for "since June 8", "until July" and the like, "statement" for the
    date of a statement ("Sullivan said Saturday"), "background" for the date of another
    occasion the claim refers to ("to follow up on the meeting in Bali in November"), else
    "event".
    A mention with no field set ("last month", "recently") is vague.
    """

    span: str
    role: Role
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    window: Window | None = None
    unresolved: bool = False
    """For "yesterday" or "last week" without the article date: one day or week, but an
    unknown one (vague here, yet not a vague date another claim could pin down)."""
    limit: Limit | None = None
    """For a bound "before 1984" or "after June 8, 2001": the side of it the event lies on."""
    state: bool = False
    """True when the clause dates a state, not an event ("450 ships were stuck on Sunday",
    "vessels were waiting on Friday"): a state holds over days, so it dates nothing that
    another day could contradict."""

    def excludes(self, event: DateMention) -> bool:
        """True if this "before"/"after" bound rules out every day ``event`` allows."""
        own, theirs = self.days, event.days
        if self.limit is None or own is None or theirs is None:
            return False
        return theirs[0] >= own[0] if self.limit == "before" else theirs[1] <= own[1]

    @property
    def vague(self) -> bool:
        return self.detail == 0 and self.window is None

    @cached_property
    def days(self) -> Window | None:
        """First and last day the mention allows, if it is anchored to a year."""
        if self.window:
            return self.window
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        day = dt.date(self.year, self.month, self.day)
        return day, day

    @property
    def detail(self) -> int:
        """How many of year, month, day and weekday the mention gives."""
        fields = (self.year, self.month, self.day, self.weekday)
        return sum(field is not None for field in fields)

    def agrees(self, other: DateMention) -> bool:
        """True if both mentions can name the same day."""
        own, theirs = self.days, other.days
        if own and theirs:
            return own[0] <= theirs[1] and theirs[0] <= own[1]
        pairs = (
            (self.year, other.year),
            (self.month, other.month),
            (self.day, other.day),
            (self.weekday_known, other.weekday_known),
        )
        return all(mine is None or yours is None or mine == yours for mine, yours in pairs)

    @property
    def weekday_known(self) -> int | None:
        """The weekday, given or implied by a single resolved day."""
        days = self.days
        if days and days[0] == days[1]:
            return days[0].weekday()
        return self.weekday

    @property
    def label(self) -> str:
        """The span quoted, with the day it was resolved to if it names none ("Saturday")."""
        days = self.days
        if days and days[0] == days[1] and not any(char.isdigit() for char in self.span):
            return f"'{self.span}' ({days[0].isoformat()})"
        return f"'{self.span}'"

    def narrower(self, other: DateMention) -> bool:
        """True if this mention pins the date down more than ``other`` (they agree): never
        when both say the same words ("Monday" resolved from an article's date is no more
        precise than an undated "Monday"), nor for a calendar day against a bare weekday or
        the same day and month without the year: outlets name one day either way (chosen on
        the authored news pairs, news2: +0.015 macro-F1, dev set unchanged)."""
        if self.span.casefold() == other.span.casefold():
            return False
        own, theirs = self.days, other.days
        if own and theirs:
            return theirs[0] <= own[0] and own[1] <= theirs[1] and own != theirs
        if other.names_a_weekday_only and self.day is not None:
            return False  # "Wednesday" / "September 28": one day, named two ways
        if (self.month, self.day) == (other.month, other.day) and self.day is not None:
            return False  # "June 12, 2023" / "June 12": the year goes without saying
        return self.detail > other.detail

    @property
    def names_a_weekday_only(self) -> bool:
        """True for a bare weekday ("on Wednesday") with no calendar day to resolve it."""
        return self.weekday is not None and self.day is None and self.month is None


@dataclass(frozen=True)
class DatesFound:
    """The date mentions and the first event count of one text."""

    mentions: tuple[DateMention, ...]
    count: Quantity | None

    @cached_property
    def events(self) -> tuple[DateMention, ...]:
        """Distinct specific dates of events (no bounds, nothing vague)."""
        found: dict[tuple[object, ...], DateMention] = {}
        for mention in self.mentions:
            if mention.role == "event" and not mention.vague:
                key = (mention.days, mention.month, mention.day, mention.weekday)
                found.setdefault(key, mention)
        return tuple(found.values())

    @property
    def vague_span(self) -> str | None:
        """The first vague date ("over the past month") that a specific one may pin down."""
        vague = (mention for mention in self.mentions if mention.vague and not mention.unresolved)
        return next((mention.span for mention in vague), None)


def _year_for(month: int, day: int, article_date: dt.date | None) -> int | None:
    """The year of an undated day-and-month: the article's, or the one before if that is
    more than half a year ahead of the article."""
    if article_date is None:
        return None
    year = article_date.year
    try:
        ahead = dt.date(year, month, day) - article_date
    except ValueError:  # 29 February
        return year
    return year - 1 if ahead.days > 183 else year


def _calendar_date(
    span: str, role: Role, parts: tuple[str | None, ...], article: dt.date | None
) -> DateMention | None:
    """A mention from the (year, month, day) texts of a match; the month a name or number."""
    year_text, month_text, day_text = parts
    month = None
    if month_text:
        month = int(month_text) if month_text.isdigit() else _MONTH_NUMBERS[month_text[:3].lower()]
    day = int(day_text) if day_text else None
    year = int(year_text) if year_text else None
    if year is None and month is not None:
        year = _year_for(month, day or 1, article)
    try:
        dt.date(year or 2000, month or 1, day or 1)
    except ValueError:
        return None
    return DateMention(span, role, year, month, day)


# Words that put what a clause reports ahead of the article: "will meet on Tuesday".
_FUTURE_RE = re.compile(
    r"\b(?:will|(?:is|are|was|were)\s+(?:due|expected|scheduled|set|slated|to)|plans?\s+to"
    r"|due\s+(?:to|in|on|at))\b",
    re.IGNORECASE,
)


def _to_come(match: re.Match[str]) -> bool:
    """True if the clause of a weekday speaks of something to come ("Putin will meet ... on
    Tuesday", "is due in Tehran on Tuesday"): the weekday is then the next one, not the
    last."""
    clause = re.split(r"[,;:]", match.string[: match.start()])[-1]
    return _FUTURE_RE.search(clause) is not None


def _relative_date(span: str, role: Role, match: re.Match[str], article: dt.date) -> DateMention:
    """A weekday or "yesterday"-like word resolved against the article date."""
    if match.group("weekday"):
        weekday = _WEEKDAY_NUMBERS[match.group("weekday").lower()]
        if _to_come(match):
            day = article + dt.timedelta(days=(weekday - article.weekday()) % 7)
        else:
            day = article - dt.timedelta(days=(article.weekday() - weekday) % 7)
    elif match.group("last_week"):
        monday = article - dt.timedelta(days=article.weekday() + 7)
        return DateMention(span, role, window=(monday, monday + dt.timedelta(days=6)))
    elif match.group("year_ago"):
        years_back = 1 if span.lower().startswith("last") else 0
        return DateMention(span, role, year=article.year - years_back)
    else:
        key = " ".join(match.group("days_ago").lower().split())
        day = article + dt.timedelta(days=_DAY_OFFSETS[key])
    return DateMention(span, role, day.year, day.month, day.day)


def _calendar_window(span: str, article: dt.date) -> Window | None:
    """The days of "this month", "this week" or "earlier this month/week" around the
    article date; None for looser words ("last month" may mean the past 30 days, "recently",
    "in recent weeks")."""
    words = span.lower().split()
    if words[-1] not in ("week", "month") or words[-2] != "this":
        return None
    if words[-1] == "week":
        start = article - dt.timedelta(days=article.weekday())
        end = start + dt.timedelta(days=6)
    else:
        start = article.replace(day=1)
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return (start, min(end, article) if words[0] == "earlier" else end)


def _words_before(text: str, match: re.Match[str]) -> list[str]:
    """The (up to three) words before a match, lowercase."""
    return text[max(0, match.start() - 24) : match.start()].lower().split()[-3:]


_STATEMENT_VERBS = frozenset(
    {"said", "says", "told", "added", "announced", "stated", "confirmed", "reported", "wrote"}
    | {"tweeted", "posted", "noted", "insisted", "claimed", "alleged", "warned", "admitted"}
    | {"acknowledged", "argued"}
)


def _dates_a_statement(text: str, match: re.Match[str]) -> bool:
    """True if the date follows a verb of saying within two words ("Sullivan said Saturday",
    "told CNN this week", "said on Tuesday"): it dates the statement, not the event."""
    words = [word.strip(",;:") for word in _words_before(text, match)]
    return any(word in _STATEMENT_VERBS for word in words[-2:]) or words[-3:-2] == ["told"]


# A state in the clause of a date: "were stuck", "were waiting", "remain on board".
_STATE_RE = re.compile(
    r"\b(?:is|are|was|were|been|remains?|remained)\s+(?:still\s+)?(?:[a-z]+ing|stuck"
    r"|stranded|trapped|blocked|closed|open|on\s+board)\b",
    re.IGNORECASE,
)


def _dates_a_state(match: re.Match[str]) -> bool:
    """True if the clause before a date puts a state in it ("ships were stuck in the jam on
    Sunday"), not an event ("ran aground on Monday")."""
    clause = re.split(r"[,;:]", match.string[: match.start()])[-1]
    return _STATE_RE.search(clause) is not None


# A date closing a noun phrase that names another occasion, reached through a word that
# relates the claim's event to it: "to follow up on the meeting between Biden and Xi in Bali
# in November", "after the summit in Geneva last June".
_EARLIER_OCCASION_RE = re.compile(
    r"\b(?:on|after|following|before|ahead\s+of|since|at|during)\s+the\s+"
    r"(?:meeting|summit|talks|visit|election|invasion|conference|agreement|deal|ceasefire)"
    r"(?:\s+(?:between|of|with|in|at|and|[A-Z][\w'.-]*))*\s*(?:in|on|of|last)?\s*$"
    # "since Russia invaded Ukraine in February", "Since the invasion began in February": a
    # named actor's earlier deed, or an occasion's start
    r"|\b(?i:after|following|before|since)\s+(?:(?:[A-Z][\w'.-]*|the\s+[a-z]+)\s+){1,3}"
    r"(?:[a-z]+ed|began|begun|started)(?:\s+[A-Z][\w'.-]*)*\s+(?:in|on|last)?\s*$"
)


def _dates_an_earlier_occasion(match: re.Match[str]) -> bool:
    """True if the date closes a phrase naming another occasion the claim refers to ("to
    follow up on the meeting between Biden and Xi in Bali in November"): it dates that
    occasion, not the claim's event."""
    clause = re.split(r"[,;:]", match.string[: match.start()])[-1]
    return _EARLIER_OCCASION_RE.search(clause) is not None


def _preposition(text: str, match: re.Match[str]) -> str:
    """The preposition of a date ("since", "before"; "prior to" as "before"), lowercase;
    else the word before it."""
    preposition = match.group("month_prep") or match.group("year_prep")
    if preposition is not None:
        return "before" if preposition.lower().startswith("prior") else preposition.lower()
    before = _words_before(text, match)
    if before[-2:] == ["prior", "to"]:
        return "before"
    return before[-1] if before else ""


def _limit(text: str, match: re.Match[str], preposition: str) -> Limit | None:
    """The side of a date the event lies on, for "before 1984" or "after June 8, 2001";
    None for other dates and for a bound among alternatives ("in or before 2016")."""
    if preposition not in ("before", "after"):
        return None
    before = _words_before(text, match)
    if match.group("year_prep") is None:
        before = before[:-1]  # the preposition itself
    if before and before[-1] in ("or", "and"):
        return None
    return "before" if preposition == "before" else "after"


def _mention(text: str, match: re.Match[str], article: dt.date | None) -> DateMention | None:
    # "is a 2012 film": the year alone is the date
    span = match.group("is_y") or match.group().strip()
    preposition = _preposition(text, match)
    role: Role = "bound" if preposition in _BOUND_WORDS else "event"
    if _dates_a_statement(text, match):
        role = "statement"
    elif _dates_an_earlier_occasion(match):
        role = "background"
    mention = _dated(match, article, span, role)
    if mention is None:
        return None
    return replace(mention, limit=_limit(text, match, preposition), state=_dates_a_state(match))


def _dated(
    match: re.Match[str], article: dt.date | None, span: str, role: Role
) -> DateMention | None:
    """The mention a match stands for, with its span and role."""
    for groups in _CALENDAR_GROUPS:
        parts = tuple(match.group(group) if group else None for group in groups)
        if any(parts):
            return _calendar_date(span, role, parts, article)
    weekday = match.group("weekday")
    relative = weekday or match.group("days_ago") or match.group("last_week")
    if article is not None and (relative or match.group("year_ago")):
        return _relative_date(span, role, match, article)
    if weekday:
        return DateMention(span, role, weekday=_WEEKDAY_NUMBERS[weekday.lower()])
    if relative or match.group("year_ago"):
        return DateMention(span, role, unresolved=True)
    window = _calendar_window(span, article) if article is not None else None
    return DateMention(span, role, window=window)


def _event_count(match: re.Match[str]) -> Quantity:
    """How many times something happened: "twice" is (2, 2), "at least twice" (2, inf)."""
    words = match.group("count").lower().split()
    number = words[1] if words[0] == "on" else words[0]
    vague = number in _VAGUE_COUNTS
    if number in _FIXED_COUNTS:
        low, high = _FIXED_COUNTS[number]
    elif vague:
        low, high = _VAGUE_COUNTS[number]
    else:
        low = high = number_value(number)
    core = (low, high)
    if match.group("count_qualifier"):
        low, high = qualify(match.group("count_qualifier"), low, high)
    return Quantity(match.group().strip(), low, high, vague, "time", core)


@lru_cache(maxsize=8192)
def extract_dates(text: str, article_date: dt.date | None = None) -> DatesFound:
    """Date mentions and the first event count in ``text``.

    Weekdays, "yesterday" and "last week" are resolved against ``article_date`` (a weekday
    to the last such day on or before it); without it they stay partial or vague.
    """
    text = plain_punctuation(text)
    mentions: list[DateMention] = []
    ends: list[tuple[int, int]] = []
    count: Quantity | None = None
    for match in anchored_matches(_DATE_RE, text, _SCAN_ANCHORS, _OPENERS, _ANCHOR_LOOKBACK):
        if match.group("count"):
            count = count or _event_count(match)
            continue
        mention = _mention(text, match, article_date)
        if mention is not None:
            mentions.append(mention)
            ends.append((match.start(), match.end()))
    return DatesFound(_mark_ranges(text, mentions, ends), count)


def _mark_ranges(
    text: str, mentions: list[DateMention], ends: list[tuple[int, int]]
) -> tuple[DateMention, ...]:
    """The mentions, those joined into a period ("from September 22, 2003 to February 19,
    2015", "(February 11, 1466 - February 11, 1513)") marked as bounds: the ends of a
    period date no single event."""
    marked = list(mentions)
    for index in range(len(mentions) - 1):
        between = text[ends[index][1] : ends[index + 1][0]].strip().lower()
        if between in _RANGE_JOINERS:
            for at in (index, index + 1):
                marked[at] = replace(marked[at], role="bound", limit=None)
    return tuple(marked)


def _labels(mentions: Iterable[DateMention]) -> str:
    return ", ".join(mention.label for mention in mentions)


def _spans(mentions: Iterable[DateMention]) -> str:
    return ", ".join(mention.span for mention in mentions)


def _compare_counts(count_a: Quantity, count_b: Quantity) -> Finding:
    effect = relation(count_a, count_b)
    reason = comparison_reason(effect, "counts", f"'{count_a.span}'", f"'{count_b.span}'")
    return Finding("date", effect, reason, count_a.span, count_b.span)


def _count_against_dates(
    count: Quantity, dates: tuple[DateMention, ...], counted: Side
) -> Finding | None:
    """A count ("twice") on one side against the dates listed on the other."""
    listed = len(dates)
    spans = (count.span, _spans(dates)) if counted == "a" else (_spans(dates), count.span)
    lister = "b" if counted == "a" else "a"
    if listed > count.high or (listed >= 2 and listed < count.low):
        reason = f"counts differ: {counted} says '{count.span}', {lister} lists {listed} dates"
        return Finding("date", Effect.CONFLICT, reason, *spans)
    if count.low <= listed:
        reason = f"{lister} lists {listed} dates, as '{count.span}' says"
        return Finding("date", Effect.COMPATIBLE, reason, *spans)
    return None


def _compare_events(found_a: DatesFound, found_b: DatesFound) -> Finding | None:
    """Compare the event dates of a and b."""
    dates_a, dates_b = found_a.events, found_b.events
    if not dates_a and not dates_b:
        return None
    if not dates_a or not dates_b:
        side: Side = "b" if dates_b else "a"
        dates, other = (dates_b, found_a) if side == "b" else (dates_a, found_b)
        if other.vague_span is None:
            return side_adds("date", side, f"{side} adds dates: {_labels(dates)}", _spans(dates))
        # It pins down the other's vague date: both spans, as for any comparison.
        reason = f"{side} adds dates for '{other.vague_span}': {_labels(dates)}"
        spans = (_spans(dates), other.vague_span)
        return Finding("date", Effect.adds(side), reason, *(spans if side == "a" else spans[::-1]))
    extra_a = [x for x in dates_a if not any(x.agrees(y) for y in dates_b)]
    extra_b = [y for y in dates_b if not any(y.agrees(x) for x in dates_a)]
    spans = _spans(dates_a), _spans(dates_b)
    if (extra_a or extra_b) and any(x.state for x in (*dates_a, *dates_b)):
        return None  # a state on one day and the same or another on another day
    if len(extra_a) == len(dates_a):
        reason = comparison_reason(Effect.CONFLICT, "dates", _labels(dates_a), _labels(dates_b))
        return Finding("date", Effect.CONFLICT, reason, *spans)
    if extra_a and extra_b:
        if len(dates_a) != len(dates_b) or any(x.vague for x in extra_a + extra_b):
            return None
        # the same number of occasions, some dated alike and the rest apart: "on June 18 and
        # July 5" against "on June 8 and July 5" moves one of them
        reason = comparison_reason(Effect.CONFLICT, "dates", _labels(extra_a), _labels(extra_b))
        return Finding("date", Effect.CONFLICT, reason, _spans(extra_a), _spans(extra_b))
    if extra_a or extra_b:
        side = "a" if extra_a else "b"
        extra = extra_a or extra_b
        return side_adds("date", side, f"{side} adds dates: {_labels(extra)}", _spans(extra))
    effect = Effect.COMPATIBLE
    for x, y in ((x, y) for x in dates_a for y in dates_b if x.agrees(y)):
        if x.narrower(y) != y.narrower(x):
            effect = Effect.A_ADDS if x.narrower(y) else Effect.B_ADDS
            break
    reason = comparison_reason(effect, "dates", _labels(dates_a), _labels(dates_b))
    return Finding("date", effect, reason, *spans)


def _counted_outside(found_a: DatesFound, found_b: DatesFound) -> Finding | None:
    """A conflict if one side counts events in a period ("twice in June") and the other lists
    as many dates, one of them outside that period ("on June 8 and again on July 5")."""
    for counted, listed, side in ((found_a, found_b, "a"), (found_b, found_a, "b")):
        count, periods, dates = counted.count, counted.events, listed.events
        if count is None or not periods or len(dates) < 2 or not count.low <= len(dates):
            continue
        outside = [d for d in dates if not any(d.agrees(period) for period in periods)]
        if outside and len(outside) < len(dates):
            said = f"{count.span} {_spans(periods)}"
            spans = (said, _spans(dates)) if side == "a" else (_spans(dates), said)
            reason = f"dates differ: '{said}', but {_labels(outside)} lies outside it"
            return Finding("date", Effect.CONFLICT, reason, *spans)
    return None


def _limit_conflict(found_a: DatesFound, found_b: DatesFound) -> Finding | None:
    """A conflict if one side dates the event before or after a day ("founded before 1984")
    and every event date the other side gives lies on the wrong side of it ("in 1984")."""
    for bounded, other, side in ((found_a, found_b, "a"), (found_b, found_a, "b")):
        for limit in bounded.mentions:
            events = other.events
            if limit.limit is None or not events or not all(map(limit.excludes, events)):
                continue
            said = limit.span
            if not said.lower().startswith(limit.limit):
                said = f"{limit.limit} {said}"  # "before February 24, 1483"
            spans = (said, _spans(events))
            labels = (f"'{said}'", _labels(events))
            if side == "b":
                spans, labels = spans[::-1], labels[::-1]
            reason = comparison_reason(Effect.CONFLICT, "dates", *labels)
            return Finding("date", Effect.CONFLICT, reason, *spans)
    return None


def _state_days(text: str, article: dt.date | None) -> set[dt.date]:
    """The single days ``text`` dates a state to ("were waiting as of Sunday")."""
    found = extract_dates(text, article).events
    return {m.days[0] for m in found if m.state and m.days and m.days[0] == m.days[1]}


def states_of_one_day(
    a: str, b: str, *, date_a: dt.date | None = None, date_b: dt.date | None = None
) -> bool:
    """True if a and b both date a state to the same single day ("450 ships were stuck on
    Sunday", "369 vessels were waiting as of Sunday"): counts of one thing in that state on
    that day are one measurement, however the state is worded."""
    days_a = _state_days(a, date_a)
    return bool(days_a) and days_a == _state_days(b, date_b)


def states_of_other_days(
    a: str, b: str, *, date_a: dt.date | None = None, date_b: dt.date | None = None
) -> bool:
    """True if a and b both date a state to single days and share none ("369 vessels were
    waiting as of Sunday", "more than 200 were waiting on Friday"): their counts are two
    measurements, neither refining nor contradicting the other."""
    days_a, days_b = _state_days(a, date_a), _state_days(b, date_b)
    return bool(days_a) and bool(days_b) and not days_a & days_b


def check_dates(
    a: str,
    b: str,
    *,
    date_a: dt.date | None = None,
    date_b: dt.date | None = None,
    same_event_known: bool = False,
) -> list[Finding]:
    """Compare the dates and event counts of a and b.

    ``date_a`` and ``date_b`` are the article dates, used to resolve "Saturday" or
    "yesterday". Only dates of events are compared, not bounds such as "since June" or the
    ends of a period, except that an event dated on the wrong side of a "before" or "after"
    bound conflicts ("in 1984" vs "before 1984"). Dates conflict only if a and b seem to
    report the same event (see
    :func:`~corroborate.checks.overlap.same_event`), unless ``same_event_known`` says so.
    """
    found_a, found_b = extract_dates(a, date_a), extract_dates(b, date_b)
    count_a, count_b = found_a.count, found_b.count
    findings: list[Finding | None] = []
    if count_a and count_b:
        findings.append(_compare_counts(count_a, count_b))
    elif count_a and found_b.events:
        findings.append(_count_against_dates(count_a, found_b.events, "a"))
    elif count_b and found_a.events:
        findings.append(_count_against_dates(count_b, found_a.events, "b"))
    findings.append(_counted_outside(found_a, found_b) or _compare_events(found_a, found_b))
    findings.append(_limit_conflict(found_a, found_b))
    found = [finding for finding in findings if finding is not None]
    conflicts = any(finding.effect is Effect.CONFLICT for finding in found)
    if conflicts and not (same_event_known or same_event(a, b, _DATE_STEMS)):
        found = [finding for finding in found if finding.effect is not Effect.CONFLICT]
    return found
