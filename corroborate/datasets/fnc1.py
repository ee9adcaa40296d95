"""Fake News Challenge stage 1 (``fnc1/{train,competition_test}_{stances,bodies}.csv``).

Each pair is (article body, headline): does the body support the headline? Mapping:
agree → entails, disagree → contradicts, discuss → neutral, unrelated → unrelated. The
body is whole; split it into sentences to compare claims. The group is the body id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

STANCES: dict[str, Relation] = {
    "agree": "entails",
    "disagree": "contradicts",
    "discuss": "neutral",
    "unrelated": "unrelated",
}


def load_fnc1(data_dir: Path, split: Literal["train", "competition_test"]) -> list[LabeledPair]:
    """Body/headline pairs of ``split``."""
    folder = Path(data_dir) / "fnc1"
    bodies = {
        row["Body ID"]: row["articleBody"] for row in read_table(folder / f"{split}_bodies.csv")
    }
    return [
        LabeledPair(
            bodies[row["Body ID"]],
            row["Headline"],
            STANCES[row["Stance"]],
            symmetric=row["Stance"] == "unrelated",
            group=row["Body ID"],
        )
        for row in read_table(folder / f"{split}_stances.csv")
    ]
