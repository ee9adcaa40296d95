"""Stage 8, report: the report data model and its HTML, Markdown, Parquet and JSON forms.

In: the claim groups and their verdicts from :mod:`corroborate.grouping`. Out: a report folder
(``report.html``, ``report.md``, ``report.json``, ``groups.parquet``) and the JSON forms of
results (:mod:`~corroborate.report.serialize`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corroborate.report.changes import read_previous
    from corroborate.report.files import write_report
    from corroborate.report.html import render_html
    from corroborate.report.markdown import render_markdown
    from corroborate.report.model import (
        SCHEMA_VERSION,
        IndexSnapshot,
        Limits,
        Report,
        build_report,
    )

_HOMES = {
    "read_previous": "changes",
    "write_report": "files",
    "render_html": "html",
    "render_markdown": "markdown",
    "SCHEMA_VERSION": "model",
    "IndexSnapshot": "model",
    "Limits": "model",
    "Report": "model",
    "build_report": "model",
}


def __getattr__(name: str) -> Any:
    """Load a report module on first use, so a query that only needs
    :mod:`~corroborate.report.serialize` does not import the renderers."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)


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
