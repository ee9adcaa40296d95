"""STS Benchmark (``stsb/sts-{train,dev,test}.csv``, tab-separated, no header).

Mapping: similarity >= 4 → entails (symmetric); <= 1 → unrelated (symmetric); scores in
between are skipped (they mix partial overlap with SNLI-style contradictions).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

_FIELDS = ["genre", "file", "year", "sid", "score", "sentence1", "sentence2"]
AGREE_MIN = 4.0
UNRELATED_MAX = 1.0


def load_stsb(data_dir: Path, split: Literal["train", "dev", "test"]) -> list[LabeledPair]:
    """STS-B pairs of ``split`` whose score falls in a mapped band."""
    pairs = []
    rows = read_table(
        Path(data_dir) / "stsb" / f"sts-{split}.csv",
        delimiter="\t",
        quoted=False,
        fieldnames=_FIELDS,
    )
    for row in rows:
        score = float(row["score"])
        if UNRELATED_MAX < score < AGREE_MIN:
            continue
        label: Relation = "entails" if score >= AGREE_MIN else "unrelated"
        pairs.append(
            LabeledPair(
                row["sentence1"],
                row["sentence2"],
                label,
                symmetric=True,
                group=f"{row['file']}/{row['sid']}",
            )
        )
    return pairs
