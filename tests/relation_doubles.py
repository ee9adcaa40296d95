"""Test doubles for the relation model: probabilities the test sets, for the judge's rules."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corroborate.datasets.records import RELATIONS

ENTAILS = {"entails": 0.9, "neutral": 0.1}
NEUTRAL = {"neutral": 0.9, "entails": 0.1}


class FixedModel:
    """Returns P(a ⇒ b) = forward and P(b ⇒ a) = backward for every pair."""

    def __init__(self, forward: dict[str, float], backward: dict[str, float]) -> None:
        self.forward = np.array([forward.get(label, 0.0) for label in RELATIONS], np.float32)
        self.backward = np.array([backward.get(label, 0.0) for label in RELATIONS], np.float32)
        self.calls = 0

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        row = self.forward if self.calls % 2 == 0 else self.backward
        self.calls += 1
        return np.tile(row, (len(texts_a), 1))


class FixedPairModel:
    """A pair model whose six probabilities the test sets; it records the pairs it was
    asked about."""

    def __init__(self, **given: float) -> None:
        from corroborate.relations.pair_model import PAIR_CLASSES

        self.row = np.array([given.get(name, 0.0) for name in PAIR_CLASSES], np.float32)
        self.asked: list[tuple[str, str]] = []

    def predict_canonical(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
        self.asked += list(zip(texts_a, texts_b, strict=True))
        return np.tile(self.row, (len(texts_a), 1))
