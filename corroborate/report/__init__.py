"""Stage 8, report: the report data model and its HTML, Markdown, Parquet and JSON forms.

In: the claim groups and their verdicts from :mod:`corroborate.grouping`. Out: a report folder
(``report.html``, ``report.md``, ``report.json``, ``groups.parquet``) and the JSON forms of
results (:mod:`~corroborate.report.serialize`).
"""

from corroborate.report.changes import read_previous
from corroborate.report.files import write_report
from corroborate.report.html import render_html
from corroborate.report.markdown import render_markdown
from corroborate.report.model import SCHEMA_VERSION, IndexSnapshot, Limits, Report, build_report

__all__ = [
    "SCHEMA_VERSION",
    "IndexSnapshot",
    "Limits",
    "Report",
    "build_report",
    "read_previous",
    "render_html",
    "render_markdown",
    "write_report",
]
