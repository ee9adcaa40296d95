"""Clock times ("at about 1:30 in the morning" vs "around 2:30 on Tuesday morning"): when in
the day a claim puts its event, and whether two claims disagree on it.

Times are compared in minutes after midnight. A side that says neither "a.m."/"p.m." nor the
part of the day ("morning", "night") is compared on a twelve-hour dial. "About", "around" and
the like widen a time to a window of :data:`HEDGED_MINUTES` either side; a plain time to
:data:`PLAIN_MINUTES`. Times that lie outside each other's windows conflict when the claims
seem to report one event; times that fall in them agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from corroborate.checks.findings import Effect, Finding
from corroborate.checks.overlap import same_event
from corroborate.checks.words import plain_punctuation, stem

HEDGED_MINUTES = 20
PLAIN_MINUTES = 5
_DAY = 24 * 60
_HALF_DAY = 12 * 60
_HEDGES = (
    r"(?:about|around|approximately|roughly|some|nearly|almost"
    r"|(?:shortly|just)\s+(?:before|after))"
)
# A time follows a word that places it in time, or says a.m./p.m./o'clock: "at 1:30",
# "shortly after 2.30 p.m.", "by 10 o'clock"; not "1:30" as a score or "3.25 million".
_LEAD = r"(?:at|by|before|after|until|till|from|since|to)"
_TIME_RE = re.compile(
    rf"(?:\b(?P<lead>{_LEAD})\s+)?(?:\b(?P<hedge>{_HEDGES})\s+)?"
    r"(?P<time>\b(?P<hour>[01]?\d|2[0-3])"
    r"(?:(?P<sep>[:.])(?P<minute>[0-5]\d)(?!\d)(?![.,]\d))?"
    r"(?:\s*(?P<meridiem>[ap])\.?m\b\.?|\s*(?P<oclock>o'clock))?)"
    r"(?=(?P<after>(?:\s+(?:on\s+)?(?:in\s+the\s+|at\s+)?[A-Za-z]+){0,3}))",
    re.IGNORECASE,
)
_MORNING = frozenset({"morning", "dawn"})
_LATER = frozenset({"afternoon", "evening", "night", "tonight"})
_HINT = re.compile(r"\d[:.]\d\d(?!\d)|\d\s*(?:[ap]\.?m\b|o'clock)", re.IGNORECASE)


class ClockTime(NamedTuple):
    """A clock time of a claim: its words, minutes after midnight (on a twelve-hour dial when
    ``dial`` is 720), and the minutes either side it allows."""

    span: str
    minutes: int
    dial: int
    slack: int


def _part_of_day(after: str) -> str | None:
    words = {word.lower() for word in after.split()}
    if words & _MORNING:
        return "am"
    if words & _LATER:
        return "pm"
    return None


@lru_cache(maxsize=8192)
def extract_times(text: str) -> tuple[ClockTime, ...]:
    """Every clock time of ``text`` ("1:30", "2:30 p.m.", "10 o'clock", "4am")."""
    text = plain_punctuation(text)
    if not _HINT.search(text):
        return ()
    found = []
    for match in _TIME_RE.finditer(text):
        if not _is_time(match):
            continue
        hour = int(match.group("hour"))
        minute = int(match.group("minute") or 0)
        meridiem = match.group("meridiem")
        part = f"{meridiem.lower()}m" if meridiem else _part_of_day(match.group("after"))
        if hour > 12 or hour == 0:
            minutes, dial = hour * 60 + minute, _DAY  # a 24-hour time says which half
        elif part is None:
            minutes, dial = (hour % 12) * 60 + minute, _HALF_DAY
        else:
            minutes, dial = (hour % 12 + (12 if part == "pm" else 0)) * 60 + minute, _DAY
        slack = HEDGED_MINUTES if match.group("hedge") else PLAIN_MINUTES
        found.append(
            ClockTime(
                _span(match, named_part=part is not None and not meridiem), minutes, dial, slack
            )
        )
    return tuple(found)


def _is_time(match: re.Match[str]) -> bool:
    """A clock time, not a score, a decimal or a bare number: a.m./p.m./o'clock, or minutes
    after a colon with a word that places it in time ("at", "about") before it."""
    if match.group("meridiem") or match.group("oclock"):
        return True
    placed = match.group("lead") or match.group("hedge")
    return match.group("sep") == ":" and bool(placed)


def _span(match: re.Match[str], *, named_part: bool) -> str:
    """The time's words, with the part of the day when that is what places it ("about 1:30
    in the morning")."""
    end = match.end("after") if named_part else match.end("time")
    return match.string[match.start() : end].strip()


def minutes_apart(a: ClockTime, b: ClockTime) -> int:
    """How far apart two times are, around the dial both can be read on."""
    dial = min(a.dial, b.dial)
    gap = abs(a.minutes % dial - b.minutes % dial)
    return min(gap, dial - gap)


def check_times(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """A conflict if a and b put one event at clock times outside each other's windows;
    compatible if at times within them. A time one side alone gives adds nothing here (the
    date check already says when)."""
    times_a, times_b = extract_times(a), extract_times(b)
    if not times_a or not times_b:
        return []
    first_a, first_b = times_a[0], times_b[0]
    gap = minutes_apart(first_a, first_b)
    if gap <= max(first_a.slack, first_b.slack):
        reason = f"times agree: '{first_a.span}' ~ '{first_b.span}'"
        return [Finding("date", Effect.COMPATIBLE, reason, first_a.span, first_b.span)]
    ignore = frozenset(stem(word) for span in (first_a.span, first_b.span) for word in span.split())
    if not (same_event_known or same_event(a, b, ignore)):
        return []
    reason = f"times differ: '{first_a.span}' vs '{first_b.span}'"
    return [Finding("date", Effect.CONFLICT, reason, first_a.span, first_b.span)]
