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


def confusion_matrix(gold: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """``(n_classes, n_classes)`` counts; row = gold class, column = predicted class."""
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(gold, dtype=np.int64), np.asarray(predicted, dtype=np.int64)), 1)
    return matrix


def class_scores(confusion: np.ndarray) -> np.ndarray:
    """``(n_classes, 4)`` rows of precision, recall, F1 and support from a confusion matrix.

    A class never predicted (or never present) scores 0 precision (recall), as in ``f1``.
    """
    true_positive = np.diag(confusion).astype(np.float64)
    predicted = confusion.sum(axis=0).astype(np.float64)
    support = confusion.sum(axis=1).astype(np.float64)
    precision = np.divide(
        true_positive, predicted, out=np.zeros_like(true_positive), where=predicted > 0
    )
    recall_ = np.divide(true_positive, support, out=np.zeros_like(true_positive), where=support > 0)
    total = precision + recall_
    f1_ = np.divide(2 * precision * recall_, total, out=np.zeros_like(total), where=total > 0)
    return np.stack([precision, recall_, f1_, support], axis=1)


def confusion_macro_f1(confusion: np.ndarray) -> float:
    """Mean F1 over the classes with gold support (the same definition as ``macro_f1``)."""
    scores = class_scores(confusion)
    present = scores[:, 3] > 0
    return float(scores[present, 2].mean()) if present.any() else 0.0


def fnc1_weighted_score(gold: np.ndarray, predicted: np.ndarray, unrelated: int) -> float:
    """FNC-1's official weighted score relative to a perfect submission, in percent.

    0.25 for each correct related/unrelated decision, 0.75 more for each related pair whose
    stance is right; ``unrelated`` is the code of the unrelated class.
    """
    related_gold = gold != unrelated
    related_predicted = predicted != unrelated
    score = 0.25 * np.sum(gold == predicted) + 0.5 * np.sum((gold == predicted) & related_gold)
    score += 0.25 * np.sum(related_gold & related_predicted)
    best = 0.25 * np.sum(~related_gold) + 1.0 * np.sum(related_gold)
    return float(100 * score / best) if best else 0.0
