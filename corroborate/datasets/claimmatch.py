"""ClaimMatch (Pisarevskaya & Zubiaga 2025, ``claimmatch/ClaimMatchData.csv``).

1,000 pairs built from CheckThat! 2022: ``claim1`` is a tweet, ``claim2`` a fact-check (its
title, summary and the checked claim). The file is tab-separated with a header and
double-quoted fields. Mapping: 1 (the two can be resolved by one fact-check) → entails
(symmetric); 0 → unrelated (symmetric). A reporting set only: never train on it. The group
is the fact-check text.
"""

from __future__ import annotations

from pathlib import Path

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

MATCH_LABELS: dict[str, Relation] = {"1": "entails", "0": "unrelated"}


def load_claimmatch(data_dir: Path) -> list[LabeledPair]:
    """All ClaimMatch tweet/fact-check pairs (rows with another label are skipped)."""
    rows = read_table(Path(data_dir) / "claimmatch" / "ClaimMatchData.csv", delimiter="\t")
    return [
        LabeledPair(
            row["claim1"],
            row["claim2"],
            MATCH_LABELS[row["label"].strip()],
            symmetric=True,
            group=row["claim2"],
        )
        for row in rows
        if row["label"].strip() in MATCH_LABELS
    ]
