"""Read news articles from text, JSONL, CSV and Parquet files, directories or stdin."""

from __future__ import annotations

from corroborate.readers.inputs import FORMAT_BY_EXTENSION, SUPPORTED_FORMATS, read_inputs
from corroborate.readers.validation import MAX_LINE_CHARS

__all__ = ["FORMAT_BY_EXTENSION", "MAX_LINE_CHARS", "SUPPORTED_FORMATS", "read_inputs"]
