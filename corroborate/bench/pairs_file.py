"""Read a user's labeled pairs from CSV, JSONL or Parquet, with errors naming file and line.

Columns (names matched without regard to case): ``claim_a``, ``claim_b``, ``label``; optional
``id``, ``source_a`` / ``source_b`` (or ``source`` for both) and ``date_a`` / ``date_b`` (or
``date`` for both; the judge's date checks use them to resolve "Saturday" and the like).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from corroborate.bench.pairs_records import BenchPair, label_names
from corroborate.errors import InputError, RecordProblem
from corroborate.readers.validation import RecordError, is_blank, parquet_frame, parse_date

REQUIRED = ("claim_a", "claim_b", "label")
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
_COLUMN_FIX = (
    "name the columns claim_a, claim_b and label (optional: id, source_a, source_b, date_a, date_b)"
)


def read_pairs(path: Path, labels: Mapping[str, str]) -> list[BenchPair]:
    """All pairs of ``path``; ``labels`` maps the file's label values to relation labels.

    Raises :class:`InputError` at the first bad record: a missing column, an empty claim,
    an unknown label value or a bad date, with its line (row for Parquet) and a fix.
    """
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            RecordProblem(
                str(path),
                None,
                f"unknown file type {path.suffix!r}",
                "use .csv, .jsonl or .parquet",
            )
        )
    if not path.is_file():
        raise InputError(RecordProblem(str(path), None, "no such file", "check the path"))
    rows = {"csv": _csv_rows, "jsonl": _jsonl_rows, "parquet": _parquet_rows}[kind](path)
    pairs = []
    try:
        for line, row in rows:
            try:
                pairs.append(_pair(row, labels))
            except RecordError as error:
                raise InputError(error.problem(str(path), line)) from None
    except RecordError as error:
        raise InputError(error.problem(str(path), error.line)) from None
    if not pairs:
        raise InputError(RecordProblem(str(path), None, "no pairs in the file", _COLUMN_FIX))
    return pairs


def _pair(row: Mapping[str, object], labels: Mapping[str, str]) -> BenchPair:
    value = _text(row.get("label"))
    if value not in labels:
        raise RecordError(
            f"unknown label {value!r}",
            f"use one of {label_names(labels)}, or map it with --labels, "
            f"e.g. --labels agree={value}",
        )
    claims = [_text(row.get(column)) for column in ("claim_a", "claim_b")]
    for column, claim in zip(("claim_a", "claim_b"), claims, strict=True):
        if not claim:
            raise RecordError(f"empty {column}", f"give the text of both claims in {column}")
    return BenchPair(
        claims[0],
        claims[1],
        labels[value],
        id=_text(row.get("id")),
        source_a=_text(row.get("source_a", row.get("source"))),
        source_b=_text(row.get("source_b", row.get("source"))),
        date_a=_date(row.get("date_a", row.get("date"))),
        date_b=_date(row.get("date_b", row.get("date"))),
    )


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _date(value: object) -> dt.date | None:
    return None if is_blank(value) else parse_date(value)


def _check_header(columns: list[str], line: int | None = 1) -> None:
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise RecordError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(found: {', '.join(columns) or 'none'})",
            _COLUMN_FIX,
            line=line,
        )


def _lower(row: Mapping[str, object]) -> dict[str, object]:
    return {str(key).strip().lower(): value for key, value in row.items() if key is not None}


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_header([str(name).strip().lower() for name in reader.fieldnames or []])
        start = reader.line_num + 1
        for row in reader:
            if None in row:
                raise RecordError(
                    f"the row has more fields than the header ({len(reader.fieldnames or [])})",
                    "quote fields that contain commas, quotes or line breaks",
                    line=start,
                )
            yield start, _lower(row)
            start = reader.line_num + 1


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise RecordError(
                    f"invalid JSON: {error.msg}", "write one JSON object per line", number
                ) from None
            if not isinstance(value, dict):
                raise RecordError(
                    f"the line holds a JSON {type(value).__name__}, not an object",
                    'write one object per line: {"claim_a": ..., "claim_b": ..., "label": ...}',
                    number,
                )
            row = _lower(value)
            try:
                _check_header(list(row))
            except RecordError as error:
                error.line = number
                raise
            yield number, row


def _parquet_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    frame = parquet_frame(path, "check that the file is complete Parquet")
    frame = frame.rename({name: name.strip().lower() for name in frame.columns})
    _check_header(frame.columns, line=None)
    yield from enumerate(frame.iter_rows(named=True), start=1)
