"""Ranking metrics for one query (average precision at k, recall at k) and their means.

``average_precision_at`` follows the CheckThat! scorer: the precision at each relevant item
found in the first ``k``, summed and divided by the number of relevant items (not by
``min(k, relevant)``); queries with a single relevant item, nearly all here, are unaffected.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

import numpy as np

MAP_AT = (1, 3, 5, 10)
RECALL_AT = (1, 5, 10, 100)
PRIMARY = "map@5"


def average_precision_at(ranked: Sequence[str], relevant: Set[str], k: int) -> float:
    """Average precision of the first ``k`` items of ``ranked``."""
    if not relevant:
        return 0.0
    found = 0
    total = 0.0
    for position, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            found += 1
            total += found / position
    return total / len(relevant)


def recall_at(ranked: Sequence[str], relevant: Set[str], k: int) -> float:
    """Share of the relevant items found in the first ``k`` of ``ranked``."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Set[str]) -> float:
    """1 / position of the first relevant item (0 when none is ranked)."""
    return next((1.0 / pos for pos, item in enumerate(ranked, start=1) if item in relevant), 0.0)


def mean_metrics(
    rankings: Sequence[Sequence[str]], relevants: Sequence[Set[str]]
) -> dict[str, float]:
    """MAP@k, recall@k and MRR over queries, keyed ``map@5``, ``recall@10``, ``mrr``."""
    if len(rankings) != len(relevants):
        raise ValueError(f"{len(rankings)} rankings for {len(relevants)} queries")
    pairs = list(zip(rankings, relevants, strict=True))
    metrics = {
        f"map@{k}": _mean([average_precision_at(r, rel, k) for r, rel in pairs]) for k in MAP_AT
    }
    metrics |= {f"recall@{k}": _mean([recall_at(r, rel, k) for r, rel in pairs]) for k in RECALL_AT}
    metrics["mrr"] = _mean([reciprocal_rank(r, rel) for r, rel in pairs])
    return metrics


def _mean(values: list[float]) -> float:
    return float(np.mean(values)) if values else 0.0
