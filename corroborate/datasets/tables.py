"""Reading the files of the public sets: delimited tables and JSON lines, as dict rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corroborate.errors import CorroborateError

FIELD_LIMIT = 1 << 24
"""FNC-1 article bodies exceed csv's default field limit; set when a table is read."""


def read_table(
    path: Path,
    *,
    delimiter: str = ",",
    quoted: bool = True,
    fieldnames: list[str] | None = None,
) -> Iterator[dict[str, str]]:
    """Yield the rows of a delimited file with a header line (or the given ``fieldnames``).

    ``quoted=False`` reads quote characters as text (the tab-separated GLUE and MSR files).
    Rows with more fields than the header keep the first ones only.
    """
    _require(path)
    csv.field_size_limit(FIELD_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(
            handle,
            fieldnames=fieldnames,
            delimiter=delimiter,
            quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
        )
        for row in reader:
            yield {key: value for key, value in row.items() if key is not None}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON object on each non-blank line of ``path``."""
    _require(path)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _require(path: Path) -> None:
    if not path.is_file():
        raise CorroborateError(
            f"dataset file {path} not found; pass --data-dir pointing at the shared datasets folder"
        )
