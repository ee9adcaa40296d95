"""Inline SVG charts of a report: the outlet-by-story matrix and the timeline.

Every text drawn comes from articles, so each goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from corroborate.report.model import Report
from corroborate.report.views import Stance
from corroborate.report.wording import STANCE_NAMES, shorten

STANCE_COLORS: dict[Stance, str] = {
    "canonical": "#4a4a4a",
    "agree": "#1b7f3b",
    "adds_detail": "#1f5fbf",
    "contradicts": "#c62828",
}
STANCE_MARKS: dict[Stance, str] = {
    "canonical": "◆",
    "agree": "✓",
    "adds_detail": "+",
    "contradicts": "✗",
}
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'
_LABEL_WIDTH = 150
_MAX_DAYS = 30
_COLUMN_LABEL_HEIGHT = 190
"""Room above the grid for each column's claim, written at 45 degrees."""
_COLUMN_LABEL_CHARS = 38


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" {_FONT}>'
        + _title(title)
        + "".join(body)
        + "</svg>"
    )


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def matrix_svg(report: Report) -> str:
    """A grid of outlets (rows) by top groups (columns), each cell the outlet's stance."""
    matrix = report.matrix
    cell = 26
    top = _COLUMN_LABEL_HEIGHT
    width = _LABEL_WIDTH + cell * len(matrix.groups) + _COLUMN_LABEL_HEIGHT
    height = top + cell * len(matrix.outlets) + 8
    body = []
    for column, group_id in enumerate(matrix.groups):
        x, y = _LABEL_WIDTH + cell * column + cell / 2 + 4, top - 6
        claim = report.group(group_id).canonical.text
        body.append(
            f'<text x="{x:g}" y="{y:g}" transform="rotate(-45 {x:g} {y:g})">'
            + _title(claim)
            + f"{escape(shorten(claim, _COLUMN_LABEL_CHARS))}</text>"
        )
    for row, (domain, cells) in enumerate(zip(matrix.outlets, matrix.cells, strict=True)):
        y = top + cell * row
        body.append(_text(_LABEL_WIDTH - 8, y + cell / 2 + 4, domain, "end"))
        for column, stance in enumerate(cells):
            x = _LABEL_WIDTH + cell * column
            box = f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" rx="3" '
            if stance is None:
                body.append(box + 'fill="#f1f1f1"/>')
                continue
            claim = report.group(matrix.groups[column]).canonical.text
            mark = STANCE_MARKS[stance]
            body.append(
                "<g>"
                + _title(f"{domain} {STANCE_NAMES[stance]}: {claim}")
                + box
                + f'fill="{STANCE_COLORS[stance]}"/>'
                + _text(x + cell / 2, y + cell / 2 + 4, mark, "middle", ' fill="#fff"')
                + "</g>"
            )
    return _svg(width, height, "Which outlet carried which story, and how", body)


def timeline_svg(report: Report) -> str:
    """For each top group, when each outlet carried it (days after it was first seen)."""
    days = max((point.day for row in report.timeline for point in row.points), default=1)
    days = min(max(days, 1), _MAX_DAYS)
    plot = 480
    step = plot / days
    line = 18
    width = _LABEL_WIDTH + plot + 110
    body = [
        _text(_LABEL_WIDTH + step * day, 14, "day 0" if day == 0 else f"+{day}", "middle")
        for day in sorted({0, days // 2, days})
    ]
    y = 28
    for row in report.timeline:
        group = report.group(row.group_id)
        body.append(
            _text(
                4,
                y + 14,
                f"{group.rank}. {shorten(group.canonical.text, 100)}",
                extra=' font-weight="600"',
            )
        )
        y += line + 4
        for point in row.points:
            x = _LABEL_WIDTH + step * min(point.day, days)
            middle = y + line / 2
            body += [
                _text(_LABEL_WIDTH - 8, middle + 4, point.domain, "end"),
                f'<line x1="{_LABEL_WIDTH}" y1="{middle:g}" x2="{_LABEL_WIDTH + plot}" '
                f'y2="{middle:g}" stroke="#ddd"/>',
                f'<circle cx="{x:g}" cy="{middle:g}" r="6" fill="{STANCE_COLORS[point.stance]}">'
                + _title(f"{point.domain} {STANCE_NAMES[point.stance]}, {point.date.isoformat()}")
                + "</circle>",
                _text(
                    _LABEL_WIDTH + plot + 10,
                    middle + 4,
                    point.date.isoformat(),
                    extra=' fill="#666"',
                ),
            ]
            y += line
        y += 10
    return _svg(int(width), int(y), "When each outlet carried each top story", body)
