"""report.html: one self-contained page (inline CSS and SVG, no script, no external assets).

Every piece of article text (claims, headlines, outlet names, URLs, reasons) goes through
:func:`html.escape`; a Content-Security-Policy forbids scripts besides.
"""

from __future__ import annotations

from html import escape

from corroborate.report.links import is_web_url, sentence_link, sentence_place
from corroborate.report.model import Report
from corroborate.report.svg import STANCE_COLORS, matrix_svg, timeline_svg
from corroborate.report.views import ClaimView, GroupView, MemberView, SideView, Stance
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

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1d1d1f; background: #fafafa; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #ddd; }
.meta, .note { color: #555; font-size: .9rem; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
  gap: .5rem; margin: 0; }
.stats div { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: .6rem; }
.stats dt { color: #555; font-size: .85rem; }
.stats dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
.group { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: .8rem;
  margin: .8rem 0; }
.claim { font-weight: 600; margin: 0; }
.members { list-style: none; padding: 0; margin: .5rem 0 0; }
.members li { margin: .35rem 0; overflow-wrap: anywhere; }
.badge { display: inline-block; min-width: 6.5rem; padding: 0 .4rem; border-radius: 4px;
  color: #fff; font-size: .8rem; text-align: center; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; margin-top: .6rem; }
.side { border-left: 4px solid; padding: .2rem .6rem; overflow-wrap: anywhere; }
.side p { margin: .2rem 0; }
.side.first { border-color: #1f5fbf; } .side.other { border-color: #8a6d00; }
.side-head { font-weight: 600; }
.group .sides { grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
mark { background: #ffe08a; padding: 0 .1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
svg { max-width: 100%; height: auto; background: #fff; }
a { color: #0b57d0; }
@media (max-width: 40rem) {
  main { padding: .6rem; }
  .sides { grid-template-columns: 1fr; }
  .badge { min-width: 0; }
}
"""


def _badge_css() -> str:
    return "".join(
        f".badge.{stance} {{ background: {color}; }} .side.{stance} {{ border-color: {color}; }}\n"
        for stance, color in STANCE_COLORS.items()
    )


def _marked(text: str, span: str | None) -> str:
    """``text`` escaped, with the first occurrence of ``span`` in a ``<mark>``."""
    parts = split_at(text, span)
    if parts is None:
        return escape(text)
    before, marked, after = parts
    return f"{escape(before)}<mark>{escape(marked)}</mark>{escape(after)}"


def _source(claim: ClaimView) -> str:
    """Outlet, date and the sentence's place in its article, linked to the sentence itself
    (a text fragment) when the article's URL is http(s)."""
    label = f"{escape(claim.domain)} · {claim.date.isoformat()}"
    place = f' <span class="note">({escape(sentence_place(claim.position))})</span>'
    if is_web_url(claim.url):
        link = escape(sentence_link(claim.url, claim.text))
        return f'<a href="{link}" title="{escape(claim.headline)}">{label}</a>{place}'
    return label + place


def _badge(stance: Stance) -> str:
    return f'<span class="badge {stance}">{escape(STANCE_NAMES[stance])}</span>'


def _member_item(claim: ClaimView, stance: Stance, member: MemberView | None) -> str:
    note = ""
    if member is not None and member.label != "agree":
        note = f' <span class="note">({escape(member.reason)})</span>'
    return f"<li>{_badge(stance)} {_source(claim)}: {escape(claim.text)}{note}</li>"


def _card_head(group: GroupView, title: str) -> str:
    counts = dispute_summary(group) if group.contested else verdict_counts(group.counts)
    return (
        f'<p class="claim">{escape(title)}</p>'
        f'<p class="meta">{escape(reach(group))} · {escape(counts)}</p>'
    )


def _group_card(group: GroupView) -> str:
    """A group with each outlet's claim; a disputed one as its positions instead."""
    if group.contested:
        body = f'<div class="sides">{"".join(_side_card(group, s) for s in group.sides)}</div>'
    else:
        items = [_member_item(group.canonical, "canonical", None)]
        items += [_member_item(member.claim, member.label, member) for member in group.members]
        body = f'<ul class="members">{"".join(items)}</ul>'
    return (
        f'<article class="group" id="g-{escape(group.group_id)}">'
        + _card_head(group, f"{group.rank}. {group.canonical.text}")
        + body
        + "</article>"
    )


def _side_card(group: GroupView, side: SideView) -> str:
    claims = "".join(
        f"<li>{_source(claim)}<br>&ldquo;{_marked(claim.text, side.words)}&rdquo;</li>"
        for claim in side.claims
    )
    reasons = sorted(set(side.reasons))
    note = f'<p class="note">How it differs: {escape("; ".join(reasons))}</p>' if reasons else ""
    tone = "first" if side is group.sides[0] else "other"
    return (
        f'<div class="side {tone}"><p class="side-head">{escape(side_heading(side))}</p>'
        f'<p class="note">first seen {side.first_seen.isoformat()}</p>'
        f'<ul class="members">{claims}</ul>{note}</div>'
    )


def _contested_card(group: GroupView) -> str:
    """A disputed group as its positions side by side, most independent origins first."""
    sides = "".join(_side_card(group, side) for side in group.sides)
    return (
        f'<article class="group dispute" id="d-{escape(group.group_id)}">'
        f'<p class="claim">{escape(group.canonical.text)}</p>'
        f'<p class="meta">{escape(dispute_summary(group))}</p>'
        f'<div class="sides">{sides}</div></article>'
    )


def _headline(report: Report) -> str:
    cells = "".join(
        f"<div><dt>{escape(caption)}</dt><dd>{value}</dd></div>"
        for caption, value in headline_items(report.headline)
    )
    return f'<section id="headline"><h2>At a glance</h2><dl class="stats">{cells}</dl></section>'


def _changes(report: Report) -> str:
    changes = report.changes
    parts = [f"<p>{escape(changes_summary(changes))}</p>"]
    if changes.new:
        items = "".join(
            f"<li>{escape(report.group(group_id).canonical.text)} "
            f'<span class="note">({escape(", ".join(report.group(group_id).outlets))})</span></li>'
            for group_id in changes.new
        )
        parts.append(f"<h3>New groups</h3><ul>{items}</ul>")
    if changes.changed:
        items = "".join(
            f"<li>{escape(report.group(change.group_id).canonical.text)} "
            f'<span class="note">{escape(change_detail(change))}</span></li>'
            for change in changes.changed
        )
        parts.append(f"<h3>Changed</h3><ul>{items}</ul>")
    if changes.gone:
        items = "".join(f"<li>{escape(gone.text)}</li>" for gone in changes.gone)
        parts.append(f"<h3>No longer found</h3><ul>{items}</ul>")
    return f'<section id="changes"><h2>What is new</h2>{"".join(parts)}</section>'


def _single_source(report: Report) -> str:
    single = report.single_source
    items = "".join(f"<li>{_source(claim)}: {escape(claim.text)}</li>" for claim in single.sample)
    return (
        '<section id="single-source"><h2>Carried by one source only</h2>'
        f"<p>{single.total} claims appear in one outlet only. A sample, largest outlets first:"
        f"</p><ul>{items}</ul></section>"
    )


def _outlets(report: Report) -> str:
    head = "".join(
        f"<th>{name}</th>"
        for name in (
            "outlet",
            "articles",
            "claims",
            "groups",
            "agree",
            "adds detail",
            "disputed",
            "minority position",
            "first to carry",
        )
    )
    rows = "".join(
        f"<tr><td>{escape(row.domain)}</td><td>{row.articles}</td><td>{row.claims}</td>"
        f"<td>{row.groups}</td><td>{percent(row.agree_rate)}</td>"
        f"<td>{percent(row.adds_detail_rate)}</td><td>{row.disputed}</td>"
        f"<td>{percent(row.minority_rate)}</td>"
        f"<td>{percent(row.first_rate)}</td></tr>"
        for row in report.outlets
    )
    return (
        '<section id="outlets"><h2>Outlets</h2>'
        '<p class="note">Rates are shares of the groups an outlet carries; carrying the '
        "reference claim counts as agreeing. A minority position is a disputed group where the "
        "outlet's position has fewer independent origins than another: it says others reported "
        "it differently, not which report is right.</p>"
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _legend() -> str:
    return " ".join(_badge(stance) for stance in STANCE_COLORS)


def _matrix(report: Report) -> str:
    stories = "".join(
        f"<li>{escape(report.group(group_id).canonical.text)}</li>"
        for group_id in report.matrix.groups
    )
    return (
        '<section id="matrix"><h2>Outlets by story</h2>'
        f'<p class="note">{_legend()}</p><div class="scroll">{matrix_svg(report)}</div>'
        f"<ol>{stories}</ol></section>"
    )


def _timeline(report: Report) -> str:
    return (
        '<section id="timeline"><h2>Timeline</h2>'
        '<p class="note">Days after each story was first seen. '
        f'{_legend()}</p><div class="scroll">{timeline_svg(report)}</div></section>'
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    index = report.index
    top = "".join(_group_card(report.group(group_id)) for group_id in report.top)
    contested = "".join(_contested_card(report.group(group_id)) for group_id in report.contested)
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            f"<title>Corroboration report {escape(report.generated_at)}</title>",
            f"<style>{_CSS}{_badge_css()}</style></head><body><main>",
            "<header><h1>Corroboration report</h1>",
            f'<p class="meta">Generated {escape(report.generated_at)} from index '
            f"{escape(index.path)} (generation {index.generation}, "
            f"model {escape(index.model)}).</p></header>",
            _headline(report),
            '<section id="contested"><h2>Disputed claims</h2>'
            f"<p>{escape(plural(report.headline.contested_groups, 'group'))} where outlets "
            "report different things, each position with its outlets, dates and sentences, "
            "the one with most independent origins first; the differing words are highlighted."
            f"</p>{contested}</section>",
            _changes(report),
            '<section id="corroborated"><h2>Most corroborated</h2>'
            f'<p class="note">Most independent origins first.</p>{top}</section>',
            _single_source(report),
            _outlets(report),
            _matrix(report),
            _timeline(report),
            '<footer class="note"><p>Made by corroborate. Verdicts are machine judgements: '
            "read the sources before relying on them.</p></footer>",
            "</main></body></html>",
            "",
        ]
    )
