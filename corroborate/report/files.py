"""Write every file of one report into a folder."""

from __future__ import annotations

from pathlib import Path

from corroborate.report.html import render_html
from corroborate.report.markdown import render_markdown
from corroborate.report.model import Report
from corroborate.report.tables import write_tables


def write_report(report: Report, folder: Path) -> None:
    """``report.html``, ``report.md``, ``report.json`` and ``groups.parquet`` in ``folder``."""
    (folder / "report.html").write_text(render_html(report), encoding="utf-8")
    (folder / "report.md").write_text(render_markdown(report), encoding="utf-8")
    write_tables(report, folder)
