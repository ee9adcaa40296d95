"""SNLI (BECEL copy, ``becel/snli/{validation,test}.tsv``).

Mapping: 0 entailment → entails, 1 neutral → neutral, 2 contradiction → contradicts
(symmetric). Rows with label -1 (no annotator agreement) are skipped. The group is the premise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

NLI_LABELS: dict[str, Relation] = {"0": "entails", "1": "neutral", "2": "contradicts"}


def load_snli(data_dir: Path, split: Literal["validation", "test"]) -> list[LabeledPair]:
    """SNLI premise/hypothesis pairs of ``split``."""
    rows = read_table(
        Path(data_dir) / "becel" / "snli" / f"{split}.tsv", delimiter="\t", quoted=False
    )
    return [
        LabeledPair(
            row["premise"],
            row["hypothesis"],
            NLI_LABELS[row["label"]],
            symmetric=row["label"] == "2",
            group=row["premise"],
        )
        for row in rows
        if row["label"] in NLI_LABELS
    ]
