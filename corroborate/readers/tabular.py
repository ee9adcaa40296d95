"""Record formats with many articles per file: JSONL, CSV and Parquet.

Every record has ``title`` (or ``headline``), ``date``, ``url`` and either ``text``
(free text, split into sentences here) or ``sentences`` (a list of strings; in CSV
a JSON-encoded list). Column names are matched without regard to case.
A bad record becomes a problem at its line (its row for Parquet); the other
records of the file are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeAlias

import pyarrow.parquet as pq

from corroborate.errors import RecordProblem, RecordWarning
from corroborate.models import Article
from corroborate.readers.limits import MAX_RECORD_BYTES, ArticleLimits, bounded_lines
from corroborate.readers.sentences import split_sentences
from corroborate.readers.validation import (
    RecordError,
    at_line,
    check_headline,
    check_sentences,
    check_url,
    decode_utf8,
    is_blank,
    open_text_stream,
    parse_date,
)

# A record, or what is wrong with it, and the line (or row) it starts on.
_Record: TypeAlias = tuple[int, Mapping[str, object] | RecordError]

_COLUMNS = {
    "title (or headline)": ("title", "headline"),
    "date": ("date",),
    "url": ("url",),
    "text (or sentences)": ("text", "sentences"),
}
_COLUMNS_FIX = "name the columns title, date, url, and text or sentences"
_SENTENCES_LIST_FIX = 'give "sentences" as a JSON list of strings, e.g. ["One.", "Two."]'


Read: TypeAlias = Article | RecordProblem | RecordWarning
_DEFAULT_LIMITS = ArticleLimits()


def read_jsonl(
    stream: io.BufferedReader, source: str, limits: ArticleLimits = _DEFAULT_LIMITS
) -> Iterator[Read]:
    """Yield an article or a problem for each non-blank line of a JSONL stream."""
    return _articles(_jsonl_records(stream), source, limits)


def read_csv(
    stream: io.BufferedReader, source: str, limits: ArticleLimits = _DEFAULT_LIMITS
) -> Iterator[Read]:
    """Yield an article or a problem for each row of a CSV stream with a header row."""
    return _articles(_csv_records(stream), source, limits)


def read_parquet(
    stream: io.BufferedReader, source: str, limits: ArticleLimits = _DEFAULT_LIMITS
) -> Iterator[Read]:
    """Yield an article or a problem for each row of a Parquet file; rows count from 1."""
    return _articles(_parquet_records(stream), source, limits)


def _articles(records: Iterator[_Record], source: str, limits: ArticleLimits) -> Iterator[Read]:
    """Turn records into articles (each after a warning if it was cut at the sentence
    limit); a RecordError raised by ``records`` ends the file."""
    empty = True
    try:
        for line, record in records:
            empty = False
            yield from _article_or_problem(record, source, line, limits)
    except RecordError as error:
        yield error.problem(source, None)
        return
    if empty:
        yield RecordProblem(
            source,
            None,
            "no records in the file",
            "add articles: one JSON object a line (JSONL), or rows under a header row (CSV)",
        )


def _article_or_problem(
    record: Mapping[str, object] | RecordError, source: str, line: int, limits: ArticleLimits
) -> list[Read]:
    if isinstance(record, RecordError):
        return [record.problem(source, line)]
    try:
        article, cut = _article(record, source, line, limits)
    except RecordError as error:
        return [error.problem(source, line)]
    if not cut:
        return [article]
    return [RecordWarning(source, line, *limits.cut_message()), article]


def _article(
    record: Mapping[str, object], source: str, line: int, limits: ArticleLimits
) -> tuple[Article, bool]:
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    title = fields.get("title")
    sentences, cut = check_sentences(_sentences(fields), limits)
    article = Article(
        headline=check_headline(fields.get("headline") if is_blank(title) else title),
        date=parse_date(fields.get("date")),
        url=check_url(fields.get("url")),
        sentences=sentences,
        source=source,
        line=line,
    )
    return article, cut


def _sentences(fields: Mapping[str, object]) -> Iterable[object]:
    listed = fields.get("sentences")
    if not is_blank(listed):
        return _sentence_list(listed)
    text = fields.get("text")
    if is_blank(text):
        raise RecordError(
            "no sentences: 'text' and 'sentences' are both missing or empty",
            "put the article body in 'text', or a list of sentences in 'sentences'",
        )
    if not isinstance(text, str):
        raise RecordError(
            f"'text' must be a string, not {type(text).__name__}",
            "put the article body in 'text' as one string",
        )
    return split_sentences(text)


def _sentence_list(value: object) -> list[object]:
    """The ``sentences`` field as a list; a string must hold a JSON list."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise RecordError("'sentences' is not a JSON list", _SENTENCES_LIST_FIX) from None
    if not isinstance(value, list):
        raise RecordError(
            f"'sentences' must be a list, not {type(value).__name__}", _SENTENCES_LIST_FIX
        )
    return value


def _check_columns(columns: Iterable[str]) -> None:
    """Raise one error naming every required column the file lacks."""
    found = [column.strip().lower() for column in columns]
    missing = [
        name
        for name, accepted in _COLUMNS.items()
        if not any(column in found for column in accepted)
    ]
    if missing:
        raise RecordError(
            f"missing columns: {', '.join(missing)} (found: {', '.join(found) or 'none'})",
            _COLUMNS_FIX,
        )


def _jsonl_records(stream: io.BufferedReader) -> Iterator[_Record]:
    open_text_stream(stream)
    for number, raw in enumerate(bounded_lines(stream, MAX_RECORD_BYTES), start=1):
        if raw is None:
            yield number, _record_too_long()
        elif raw.strip():
            yield number, _json_object(raw, number)


def _record_too_long() -> RecordError:
    return RecordError(
        f"the record is over {MAX_RECORD_BYTES:,} bytes long",
        "split the article into several records; one record holds one article",
    )


def _json_object(raw: bytes, number: int) -> Mapping[str, object] | RecordError:
    try:
        value = json.loads(decode_utf8(raw, first_line=number))
    except RecordError as error:
        return error
    except json.JSONDecodeError as error:
        return RecordError(
            f"invalid JSON: {error.msg} at column {error.colno}",
            "write one complete JSON object per line",
        )
    if not isinstance(value, dict):
        return RecordError(
            f"the line holds a JSON {type(value).__name__}, not an object",
            'write one JSON object per line, e.g. {"title": ..., "date": ..., "url": ..., '
            '"text": ...}',
        )
    return value


CSV_FIELD_LIMIT = 131_072
"""Largest CSV field read (set on every read: other code may change csv's global limit); an
unclosed quote then ends at this many characters with an error instead of eating the file."""


def _csv_records(stream: io.BufferedReader) -> Iterator[_Record]:
    open_text_stream(stream)
    bad_lines: list[RecordError] = []
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(_decoded_lines(stream, bad_lines))
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise RecordError(
                f"malformed CSV, the rest of the file is skipped: {error}",
                "check the quoting of the record that starts here",
                start,
            ) from None
        if row is None:
            return
        if header is not None and row:
            yield start, _csv_record(header, row, bad_lines)
        elif row:
            if bad_lines:
                raise bad_lines[0]
            with at_line(start):
                _check_columns(row)
            header = row
        bad_lines.clear()


def _decoded_lines(stream: io.BufferedReader, bad_lines: list[RecordError]) -> Iterator[str]:
    """Decode each line; a line that is not UTF-8 (or too long) is noted in ``bad_lines``
    and patched."""
    for number, raw in enumerate(bounded_lines(stream, MAX_RECORD_BYTES), start=1):
        if raw is None:
            error = _record_too_long()
            error.line = number
            bad_lines.append(error)
            yield "\n"
            continue
        try:
            yield decode_utf8(raw, first_line=number)
        except RecordError as error:
            bad_lines.append(error)
            yield raw.decode("utf-8", errors="replace")


def _csv_record(
    header: list[str], row: list[str], bad_lines: list[RecordError]
) -> Mapping[str, object] | RecordError:
    if bad_lines:
        return bad_lines[0]
    if len(row) != len(header):
        return RecordError(
            f"the row has {len(row)} fields but the header has {len(header)}",
            "quote fields that contain commas, quotes or line breaks",
        )
    return dict(zip(header, row, strict=True))


_PARQUET_FIX = "check that the file is Parquet and complete, or pass the right --format"
_PARQUET_BATCH = 512


def _parquet_records(stream: io.BufferedReader) -> Iterator[_Record]:
    """The rows of a Parquet file, read a batch at a time (bounded memory)."""
    source: io.BufferedReader | io.BytesIO = stream
    if not stream.seekable():  # stdin: Parquet keeps its index at the end
        source = io.BytesIO(stream.read())
    try:
        parquet = pq.ParquetFile(source)
        columns = parquet.schema_arrow.names
    except Exception as error:  # pyarrow reports unreadable files with many exception types
        raise RecordError(
            f"not a readable Parquet file: {_first_line(error)}", _PARQUET_FIX
        ) from None
    _check_columns(columns)
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH):
            for record in batch.to_pylist():
                row += 1
                yield row, record
    except Exception as error:
        raise RecordError(
            f"Parquet data unreadable after row {row}: {_first_line(error)}", _PARQUET_FIX
        ) from None


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
