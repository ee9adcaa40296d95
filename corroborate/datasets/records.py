"""The record every loader returns and the four relation labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

Relation = Literal["entails", "neutral", "contradicts", "unrelated"]
RELATIONS: tuple[Relation, ...] = get_args(Relation)

DEFAULT_DATA_DIR = Path("../shared/datasets")


@dataclass(frozen=True, slots=True)
class LabeledPair:
    """An ordered sentence pair: does ``text_a`` (premise) support ``text_b`` (hypothesis)?

    ``symmetric`` says the label holds with the texts swapped too (paraphrases, contradictions,
    unrelated pairs). Pairs with the same ``group`` (a premise, an article body, a claim) must
    stay on one side of a train/validation split.
    """

    text_a: str
    text_b: str
    label: Relation
    symmetric: bool = False
    group: str = ""

    def swapped(self) -> LabeledPair:
        """The same pair with the texts in the other order (only valid when symmetric)."""
        if not self.symmetric:
            raise ValueError(f"label {self.label!r} of this pair does not hold when swapped")
        return LabeledPair(self.text_b, self.text_a, self.label, True, self.group)
