"""RTE (BECEL copy of GLUE, ``becel/rte/{train,validation}.tsv``).

Mapping: 0 entailment → entails; 1 not_entailment → neutral (RTE does not separate
contradiction from neutral). The group is the premise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair
from corroborate.datasets.tables import read_table


def load_rte(data_dir: Path, split: Literal["train", "validation"]) -> list[LabeledPair]:
    """RTE premise/hypothesis pairs of ``split``."""
    rows = read_table(
        Path(data_dir) / "becel" / "rte" / f"{split}.tsv", delimiter="\t", quoted=False
    )
    return [
        LabeledPair(
            row["sentence1"],
            row["sentence2"],
            "entails" if row["label"] == "0" else "neutral",
            group=row["sentence1"],
        )
        for row in rows
    ]
