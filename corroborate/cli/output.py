"""Machine output (JSON, CSV) written as plain text to stdout, never through a markup renderer.

Text for people goes through rich; anything a program reads goes through here, so what is
printed is exactly what is stored (no markup, emoji codes or wrapping applied).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corroborate.report.serialize import to_json


def write_json(data: Any) -> None:
    """Print ``data`` as JSON, exactly as serialised, with a final newline."""
    sys.stdout.write(to_json(data) + "\n")
    sys.stdout.flush()


def write_jsonl(data: Any) -> None:
    """Print ``data`` as one line of JSON (a JSON Lines record)."""
    sys.stdout.write(to_json(data, indent=None) + "\n")
    sys.stdout.flush()


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Print ``rows`` as RFC 4180 CSV under a header of ``columns`` (other keys ignored)."""
    writer = csv.DictWriter(
        sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    sys.stdout.flush()
