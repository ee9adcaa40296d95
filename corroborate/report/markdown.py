"""report.md: the report as Markdown for chat and e-mail (article text backslash-escaped, so
it can neither format nor inject HTML)."""

from __future__ import annotations

import re

from corroborate.report.links import is_web_url, sentence_link, sentence_place
from corroborate.report.model import Report
from corroborate.report.views import ClaimView, GroupView
from corroborate.report.wording import (
    STANCE_NAMES,
    change_detail,
    changes_summary,
    dispute_summary,
    headline_items,
    percent,
    plural,
    reach,
    side_heading,
    split_at,
    verdict_counts,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """``text`` with every Markdown control character escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _bolded(text: str, span: str | None) -> str:
    parts = split_at(text, span)
    if parts is None:
        return md(text)
    before, marked, after = parts
    return f"{md(before)}**{md(marked)}**{md(after)}"


def _source(claim: ClaimView) -> str:
    """Outlet and date, linked to the sentence (a text fragment) for http(s) URLs, and the
    sentence's place in its article."""
    label = f"{md(claim.domain)} ({claim.date.isoformat()})"
    place = sentence_place(claim.position)
    if is_web_url(claim.url):
        link = sentence_link(claim.url, claim.text).replace("(", "%28").replace(")", "%29")
        return f"[{label}]({link}), {place}"
    return f"{label}, {place}"


def _verdict_lines(group: GroupView) -> list[str]:
    lines = []
    agreeing = [member.claim.domain for member in group.with_label("agree")]
    if agreeing:
        lines.append(f"   - {STANCE_NAMES['agree']}: {md(', '.join(agreeing))}")
    for member in [*group.with_label("adds_detail"), *group.with_label("contradicts")]:
        lines.append(
            f"   - {STANCE_NAMES[member.label]}: {_source(member.claim)}: "
            f"{md(member.claim.text)} ({md(member.reason)})"
        )
    return lines


def _top(report: Report) -> list[str]:
    lines = ["## Most corroborated", ""]
    for group_id in report.top:
        group = report.group(group_id)
        lines.append(
            f"{group.rank}. **{md(group.canonical.text)}**  \n"
            f"   {md(reach(group))} · {md(verdict_counts(group.counts))}"
        )
        lines += _verdict_lines(group)
    return [*lines, ""]


def _dispute(group: GroupView) -> list[str]:
    lines = [f"### {md(group.canonical.text)}", "", md(dispute_summary(group)), ""]
    for side in group.sides:
        lines.append(f"- **{md(side_heading(side))}**, first seen {side.first_seen.isoformat()}")
        lines += [
            f"  - {_source(claim)}: {_bolded(claim.text, side.words)}" for claim in side.claims
        ]
        reasons = sorted(set(side.reasons))
        if reasons:
            lines.append(f"  - how it differs: {md('; '.join(reasons))}")
    return [*lines, ""]


def _contested(report: Report) -> list[str]:
    lines = [
        "## Disputed claims",
        "",
        f"{plural(report.headline.contested_groups, 'group')} where outlets report different "
        "things; each position with its outlets, the one with most independent origins first.",
        "",
    ]
    for group_id in report.contested:
        lines += _dispute(report.group(group_id))
    return [*lines, ""]


def _changes(report: Report) -> list[str]:
    changes = report.changes
    lines = ["## What is new", "", md(changes_summary(changes)), ""]
    lines += [f"- new: {md(report.group(group_id).canonical.text)}" for group_id in changes.new]
    lines += [
        f"- changed: {md(report.group(change.group_id).canonical.text)} "
        f"({md(change_detail(change))})"
        for change in changes.changed
    ]
    lines += [f"- no longer found: {md(gone.text)}" for gone in changes.gone]
    return [*lines, ""]


def _single_source(report: Report) -> list[str]:
    single = report.single_source
    lines = [
        "## Carried by one source only",
        "",
        f"{single.total} claims appear in one outlet only; a sample:",
        "",
    ]
    lines += [f"- {_source(claim)}: {md(claim.text)}" for claim in single.sample]
    return [*lines, ""]


def _outlets(report: Report) -> list[str]:
    lines = [
        "## Outlets",
        "",
        "| outlet | claims | groups | agree | adds detail | disputed | minority position "
        "| first to carry |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {md(row.domain)} | {row.claims} | {row.groups} | {percent(row.agree_rate)} | "
        f"{percent(row.adds_detail_rate)} | {row.disputed} | {percent(row.minority_rate)} | "
        f"{percent(row.first_rate)} |"
        for row in report.outlets
    ]
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    """The report as one Markdown document."""
    numbers = " · ".join(
        f"**{value}** {caption}" for caption, value in headline_items(report.headline)
    )
    lines = [
        "# Corroboration report",
        "",
        f"Generated {md(report.generated_at)} from index {md(report.index.path)} "
        f"(generation {report.index.generation}).",
        "",
        numbers,
        "",
        *_contested(report),
        *_changes(report),
        *_top(report),
        *_single_source(report),
        *_outlets(report),
    ]
    return "\n".join(lines)
