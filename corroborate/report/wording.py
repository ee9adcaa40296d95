"""Plain-text phrases shared by the HTML and Markdown renderers (never escaped here: the
renderer escapes every phrase, since phrases may hold outlet names)."""

from __future__ import annotations

from collections.abc import Mapping

from corroborate.report.changes import Changes, GroupChange
from corroborate.report.model import Headline
from corroborate.report.views import VERDICTS, GroupView, SideView, Stance

STANCE_NAMES: dict[Stance, str] = {
    "canonical": "reference",
    "agree": "agrees",
    "adds_detail": "adds detail",
    "contradicts": "reports otherwise",
}
_COUNT_NAMES = {"agree": "agree", "adds_detail": "add detail", "contradicts": "report otherwise"}


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``1 outlet``, ``2 outlets``."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def side_words(side: SideView, limit: int = 60) -> str:
    """What a side says: the words it differs on, or the start of its first claim."""
    return side.words or shorten(side.claims[0].text, limit)


def side_heading(side: SideView) -> str:
    """``"hundreds" — 5 outlets, 4 independent origins`` (the claim itself when no words)."""
    words = f'"{side_words(side)}"'
    return (
        f"{words} — {plural(len(side.outlets), 'outlet')}, "
        f"{plural(side.origins, 'independent origin')}"
    )


def dispute_summary(group: GroupView) -> str:
    """``2 positions: "hundreds" (5 outlets) · "only a few dozen" (1 outlet)``."""
    parts = [
        f'"{side_words(side)}" ({plural(len(side.outlets), "outlet")})' for side in group.sides
    ]
    summary = f"{plural(len(group.sides), 'position')}: " + " · ".join(parts)
    silent = group.silent_outlets()
    if silent:
        summary += f"; also in the story, saying nothing on it: {', '.join(silent)}"
    return summary


def headline_items(headline: Headline) -> list[tuple[str, int]]:
    """The headline numbers with their captions, in display order."""
    return [
        ("articles", headline.articles),
        ("claims", headline.claims),
        ("outlets", headline.outlets),
        ("corroboration groups", headline.groups),
        ("disputed groups", headline.contested_groups),
        ("single-source claims", headline.single_source_claims),
    ]


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:.0%}"


def verdict_counts(counts: Mapping[str, int]) -> str:
    """``3 agree · 1 add detail · 0 contradict``."""
    return " · ".join(f"{counts.get(label, 0)} {_COUNT_NAMES[label]}" for label in VERDICTS)


def reach(group: GroupView) -> str:
    """``8 outlets · 5 independent origins · first seen 2022-07-12 by tass.com``."""
    return (
        f"{plural(len(group.outlets), 'outlet')} · "
        f"{plural(group.origins, 'independent origin')} · first seen "
        f"{group.first_seen.isoformat()} by {', '.join(group.first_outlets)}"
    )


def changes_summary(changes: Changes) -> str:
    if changes.baseline is None:
        return f"No previous report to compare with: all {changes.new_groups} groups are new."
    return (
        f"Since the report of {changes.baseline.generated_at}: {changes.new_groups} new groups, "
        f"{changes.changed_groups} with changed verdicts or outlets, "
        f"{changes.gone_groups} no longer found."
    )


def change_detail(change: GroupChange) -> str:
    """``agree 3 → 4, contradict 0 → 1; new outlets: cnn.com``."""
    parts = [
        f"{_COUNT_NAMES[label]} {change.before.get(label, 0)} → {change.after.get(label, 0)}"
        for label in VERDICTS
        if change.before.get(label, 0) != change.after.get(label, 0)
    ]
    text = ", ".join(parts) or "same counts"
    if change.outlets_added:
        text += f"; new outlets: {', '.join(change.outlets_added)}"
    if change.outlets_dropped:
        text += f"; dropped outlets: {', '.join(change.outlets_dropped)}"
    return text


def split_at(text: str, span: str | None) -> tuple[str, str, str] | None:
    """``(before, span, after)`` around the first occurrence of ``span`` in ``text`` (any
    case), or ``None`` when it does not occur."""
    start = text.lower().find(span.lower()) if span else -1
    if span is None or start < 0:
        return None
    end = start + len(span)
    return text[:start], text[start:end], text[end:]
