"""SICK (``extra/sick/SICK.txt``): sentence pairs with directional entailment labels.

Mapping for :func:`load_sick` (3-way, the benchmark): ENTAILMENT → entails, NEUTRAL → neutral,
CONTRADICTION → contradicts. :func:`load_sick_directional` keeps ``entailment_AB`` and
``entailment_BA`` (each ``entails`` / ``neutral`` / ``contradicts``) and the relatedness score,
for training. ``SemEval_set``: TRAIN and TRIAL may train; TEST is reported and never trained on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

SickSet = Literal["TRAIN", "TRIAL", "TEST"]
THREE_WAY: dict[str, Relation] = {
    "ENTAILMENT": "entails",
    "NEUTRAL": "neutral",
    "CONTRADICTION": "contradicts",
}
_DIRECTED: dict[str, Relation] = {"entails": "entails", "neutral": "neutral"}


@dataclass(frozen=True, slots=True)
class DirectedPair:
    """A SICK pair with its label read each way and its relatedness (1-5)."""

    text_a: str
    text_b: str
    a_to_b: Relation
    b_to_a: Relation
    relatedness: float
    group: str


def _direction(value: str) -> Relation:
    """``A_entails_B`` / ``B_neutral_A`` / ``A_contradicts_B`` → the relation word."""
    word = value.split("_")[1]
    return _DIRECTED.get(word, "contradicts")


def _rows(data_dir: Path, sets: tuple[SickSet, ...]) -> list[dict[str, str]]:
    path = Path(data_dir) / "extra" / "sick" / "SICK.txt"
    return [
        row for row in read_table(path, delimiter="\t", quoted=False) if row["SemEval_set"] in sets
    ]


def load_sick(data_dir: Path, sets: tuple[SickSet, ...] = ("TEST",)) -> list[LabeledPair]:
    """3-way pairs of the given SemEval sets (the test set by default)."""
    return [
        LabeledPair(
            row["sentence_A"],
            row["sentence_B"],
            THREE_WAY[row["entailment_label"]],
            symmetric=row["entailment_label"] == "CONTRADICTION",
            group=row["sentence_A_original"],
        )
        for row in _rows(data_dir, sets)
    ]


def load_sick_directional(
    data_dir: Path, sets: tuple[SickSet, ...] = ("TRAIN", "TRIAL")
) -> list[DirectedPair]:
    """Pairs with both directions' labels, from the training sets by default."""
    return [
        DirectedPair(
            row["sentence_A"],
            row["sentence_B"],
            _direction(row["entailment_AB"]),
            _direction(row["entailment_BA"]),
            float(row["relatedness_score"]),
            row["sentence_A_original"],
        )
        for row in _rows(data_dir, sets)
    ]
