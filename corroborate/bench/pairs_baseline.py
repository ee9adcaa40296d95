"""The plain cosine-threshold baseline: classes ordered by rising cosine, cut by thresholds.

With the order (unrelated, discuss, agree) and thresholds (t1, t2), a pair with cosine below
t1 is unrelated, below t2 discuss, else agree. :func:`fit_thresholds` picks the thresholds
that maximise macro-F1 on a training split, searching a grid of its cosine quantiles.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from corroborate.bench.metrics import confusion_macro_f1

GRID = 201
"""Candidate thresholds: this many quantiles of the training cosines."""


def predict(cosines: np.ndarray, thresholds: Sequence[float], order: Sequence[int]) -> np.ndarray:
    """Class codes: ``order[i]`` for cosines between ``thresholds[i-1]`` and ``thresholds[i]``."""
    if len(order) != len(thresholds) + 1:
        raise ValueError(f"{len(order)} classes need {len(order) - 1} thresholds")
    steps = np.searchsorted(np.asarray(thresholds, dtype=np.float64), cosines, side="right")
    return np.asarray(order, dtype=np.int64)[steps]


def fit_thresholds(
    cosines: np.ndarray, gold: np.ndarray, order: Sequence[int], n_classes: int
) -> tuple[tuple[float, ...], float]:
    """The thresholds maximising macro-F1 of ``predict`` on (``cosines``, ``gold``), and that F1.

    Exhaustive over non-decreasing choices from the grid; counts per class below each
    candidate are precomputed, so each choice costs O(classes²), not O(pairs).
    """
    cuts = len(order) - 1
    candidates = np.unique(np.quantile(cosines, np.linspace(0.0, 1.0, GRID)))
    candidates = np.concatenate([candidates, [np.inf]])
    ordering = np.argsort(cosines, kind="stable")
    sorted_cosines, sorted_gold = cosines[ordering], gold[ordering]
    # below[j, c]: pairs of gold class c with cosine < candidates[j]
    positions = np.searchsorted(sorted_cosines, candidates, side="left")
    one_hot = np.zeros((len(cosines) + 1, n_classes), dtype=np.int64)
    one_hot[np.arange(1, len(cosines) + 1), sorted_gold] = 1
    cumulative = one_hot.cumsum(axis=0)
    below = cumulative[positions]
    total = cumulative[-1]
    best: tuple[tuple[float, ...], float] = ((), -1.0)
    for choice in itertools.combinations_with_replacement(range(len(candidates)), cuts):
        edges = [np.zeros(n_classes, dtype=np.int64), *(below[j] for j in choice), total]
        confusion = np.zeros((n_classes, n_classes), dtype=np.int64)
        for step, code in enumerate(order):
            confusion[:, code] += edges[step + 1] - edges[step]
        score = confusion_macro_f1(confusion)
        if score > best[1]:
            best = (tuple(float(candidates[j]) for j in choice), score)
    return best
