"""Fuse a dense (embedding) ranking with a lexical (BM25) one into a single ranking.

Two rules: ``convex`` mixes min-max normalised scores, ``weight * dense + (1 - weight) *
lexical``; ``rrf`` (reciprocal rank fusion) adds ``w / (rrf_k + rank)`` from each list, with
the same weight split. A row missing from one list gets nothing from that list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

from corroborate.retrieval.ranking import Ranking

FusionMethod = Literal["convex", "rrf"]
FUSION_METHODS: tuple[FusionMethod, ...] = get_args(FusionMethod)
RRF_K = 60.0


@dataclass(frozen=True)
class FusionRule:
    """How the engine fuses its two candidate lists: the rule, the dense list's weight, and
    how many candidates each retriever proposes."""

    method: FusionMethod
    weight: float
    depth: int = 100


ENGINE_FUSION = FusionRule(method="convex", weight=0.5)
"""What ``query`` uses: the best of the 42 rules of ``corroborate bench retrieval``'s grid for
the engine's own lists on CheckThat! 2021 2A train and dev together (1,196 tweets; MAP@5
0.897, against 0.882 for the dense weight 0.7 that dev alone chose; benchmarks/RESULTS.md)."""


def fuse(
    dense: Ranking,
    lexical: Ranking,
    *,
    weight: float = 0.5,
    method: FusionMethod = "convex",
    rrf_k: float = RRF_K,
) -> Ranking:
    """One ranking from two; ``weight`` in [0, 1] is the dense list's share."""
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"weight must lie in [0, 1], not {weight}")
    parts: list[tuple[Ranking, np.ndarray]]
    if method == "convex":
        parts = [
            (dense, weight * min_max(dense.scores)),
            (lexical, (1.0 - weight) * min_max(lexical.scores)),
        ]
    elif method == "rrf":
        parts = [
            (dense, weight / (rrf_k + np.arange(1, len(dense) + 1))),
            (lexical, (1.0 - weight) / (rrf_k + np.arange(1, len(lexical) + 1))),
        ]
    else:
        raise ValueError(f"unknown fusion method {method!r}; known: {', '.join(FUSION_METHODS)}")
    return _add_up(parts)


def min_max(scores: np.ndarray) -> np.ndarray:
    """Scores mapped onto [0, 1] (all 1 when they are all equal)."""
    if len(scores) == 0:
        return np.zeros(0, dtype=np.float64)
    low, high = float(scores.min()), float(scores.max())
    if high <= low:
        return np.ones(len(scores), dtype=np.float64)
    return (scores.astype(np.float64) - low) / (high - low)


def _add_up(parts: Sequence[tuple[Ranking, np.ndarray]]) -> Ranking:
    """Sum each row's contributions over the lists; best first, ties by lower id."""
    ids = np.unique(np.concatenate([ranking.ids for ranking, _ in parts]))
    totals = np.zeros(len(ids), dtype=np.float64)
    for ranking, contribution in parts:
        totals[np.searchsorted(ids, ranking.ids)] += contribution
    order = np.argsort(-totals, kind="stable")
    return Ranking(ids[order].astype(np.int64), totals[order].astype(np.float32))
