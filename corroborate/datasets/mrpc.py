"""Microsoft Research Paraphrase Corpus, original files (``mrpc/msr_paraphrase_{split}.txt``).

Mapping: 1 paraphrase → entails (both directions, so symmetric); 0 → neutral (same story,
not the same statement). The group is the first sentence's id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair
from corroborate.datasets.tables import read_table


def load_mrpc(data_dir: Path, split: Literal["train", "test"]) -> list[LabeledPair]:
    """MRPC sentence pairs of ``split``."""
    rows = read_table(
        Path(data_dir) / "mrpc" / f"msr_paraphrase_{split}.txt", delimiter="\t", quoted=False
    )
    return [
        LabeledPair(
            row["#1 String"],
            row["#2 String"],
            "entails" if row["Quality"] == "1" else "neutral",
            symmetric=row["Quality"] == "1",
            group=row["#1 ID"],
        )
        for row in rows
    ]
