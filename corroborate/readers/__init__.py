"""Stage 1, readers: news articles from text, JSONL, CSV and Parquet files, folders or stdin.

In: paths (or ``-`` for stdin) in the seed text format or a table format. Out: validated
:class:`~corroborate.models.Article` records, or errors naming file, line and fix; free text is
split into sentences by :mod:`~corroborate.readers.sentences`.
"""

from __future__ import annotations

from corroborate.readers.inputs import (
    FORMAT_BY_EXTENSION,
    MISSING_PATH,
    SUPPORTED_FORMATS,
    InputFile,
    plan_inputs,
    read_input_file,
    read_inputs,
)
from corroborate.readers.limits import MAX_LINE_CHARS, MAX_SENTENCES, ArticleLimits
from corroborate.readers.tabular import Read

__all__ = [
    "FORMAT_BY_EXTENSION",
    "MAX_LINE_CHARS",
    "MAX_SENTENCES",
    "MISSING_PATH",
    "SUPPORTED_FORMATS",
    "ArticleLimits",
    "InputFile",
    "Read",
    "plan_inputs",
    "read_input_file",
    "read_inputs",
]
