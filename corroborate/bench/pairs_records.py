"""The labeled pair a benchmark run scores, and the ``--labels`` mapping of a file's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from corroborate.errors import CorroborateError
from corroborate.relations.judge import LABELS


@dataclass(frozen=True, slots=True)
class BenchPair:
    """Two claims and the gold class (in the label space of the set they come from)."""

    claim_a: str
    claim_b: str
    label: str
    id: str = ""
    source_a: str = ""
    source_b: str = ""
    date_a: dt.date | None = None
    date_b: dt.date | None = None


def parse_label_map(text: str | None) -> dict[str, str]:
    """``"agree=1,unrelated=0"`` → ``{"1": "agree", "0": "unrelated"}`` (file value → label).

    Several values may map to one label (``agree=yes,agree=1``); the four relation names
    always map to themselves unless a value takes them over.
    """
    mapping: dict[str, str] = {label: label for label in LABELS}
    if not text:
        return mapping
    for item in text.split(","):
        label, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not value:
            raise CorroborateError(
                f"--labels item {item.strip()!r} is not LABEL=VALUE; write e.g. "
                "--labels agree=1,unrelated=0"
            )
        if label not in LABELS:
            raise CorroborateError(
                f"--labels item {item.strip()!r}: {label!r} is not one of {', '.join(LABELS)}"
            )
        mapping[value] = label
    return mapping


def label_names(mapping: Mapping[str, str]) -> str:
    """The accepted values, for error messages: ``1 (agree), 0 (unrelated), agree, ...``."""
    return ", ".join(
        value if value == label else f"{value} ({label})" for value, label in mapping.items()
    )
