"""Classification metrics in numpy (no scikit-learn needed at run time)."""

from __future__ import annotations

import numpy as np


def accuracy(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Share of exact matches."""
    return float(np.mean(gold == predicted)) if len(gold) else 0.0


def f1(gold: np.ndarray, predicted: np.ndarray, positive: int) -> float:
    """F1 of class ``positive``."""
    true_positive = np.sum((predicted == positive) & (gold == positive))
    predicted_positive = np.sum(predicted == positive)
    actual_positive = np.sum(gold == positive)
    if true_positive == 0:
        return 0.0
    precision = true_positive / predicted_positive
    recall = true_positive / actual_positive
    return float(2 * precision * recall / (precision + recall))


def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Mean F1 over the classes present in ``gold``."""
    classes = np.unique(gold)
    return float(np.mean([f1(gold, predicted, int(c)) for c in classes])) if len(classes) else 0.0


def recall(gold: np.ndarray, predicted: np.ndarray, positive: int) -> float:
    """Recall of class ``positive``."""
    actual = gold == positive
    return float(np.mean(predicted[actual] == positive)) if actual.any() else 0.0
