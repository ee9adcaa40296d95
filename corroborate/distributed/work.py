"""Grouping's neighbour search and judging as Ray tasks (:class:`GroupingWork`).

Neighbour lists are computed in partitions of claim rows (each task reads the vectors and
the previous lists from the object store; a row's list does not depend on the partition),
pairs are judged one :class:`~corroborate.grouping.work.PairBatch` per task, with the judge
shipped once. Results are put back in order, so the groups are the local engine's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corroborate.distributed.cluster import MAX_RETRIES, partitions, require_ray
from corroborate.embedders.meter import Meter
from corroborate.grouping.work import PairBatch
from corroborate.relations.judge import Judgement, RelationJudge
from corroborate.retrieval.neighbours import NeighbourLists, updated_lists

ROWS_PER_TASK = 256
"""Fewest claim rows a neighbour-search task takes."""


def _lists_of(
    vectors: np.ndarray,
    previous: NeighbourLists,
    known: np.ndarray,
    valid: np.ndarray,
    k: int,
    start: int,
    end: int,
) -> tuple[np.ndarray, np.ndarray, int]:
    lists, searched = updated_lists(vectors, previous, known, valid, k, np.arange(start, end))
    return lists.ids, lists.scores, searched


def _judged(judge: RelationJudge, batch: PairBatch) -> list[Judgement]:
    return batch.judged(judge)


class RayWork:
    """Neighbour search and judging spread over ``cpus`` CPUs of the connected cluster."""

    def __init__(self, cpus: int) -> None:
        self.cpus = cpus

    def neighbour_lists(
        self,
        vectors: np.ndarray,
        previous: NeighbourLists,
        known: np.ndarray,
        valid: np.ndarray,
        k: int,
    ) -> tuple[NeighbourLists, int]:
        ray = require_ray()
        task = ray.remote(max_retries=MAX_RETRIES)(_lists_of)
        shared = [ray.put(item) for item in (vectors, previous, known, valid)]
        spans = partitions(len(vectors), 4 * self.cpus, ROWS_PER_TASK)
        parts = ray.get([task.remote(*shared, k, start, end) for start, end in spans])
        if not parts:
            return updated_lists(vectors, previous, known, valid, k)
        ids = np.vstack([part[0] for part in parts])
        scores = np.vstack([part[1] for part in parts])
        return NeighbourLists(ids, scores), sum(part[2] for part in parts)

    def judge(
        self, judge: RelationJudge, batches: Sequence[PairBatch], meter: Meter | None
    ) -> list[Judgement]:
        ray = require_ray()
        total = sum(len(batch) for batch in batches)
        if meter is not None:
            meter(0, total)
        if not batches:
            return []
        task = ray.remote(max_retries=MAX_RETRIES)(_judged)
        shared = ray.put(judge)
        refs = [task.remote(shared, batch) for batch in batches]
        done, pending = 0, list(refs)
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            done += len(batches[refs.index(ready[0])])
            if meter is not None:
                meter(done, total)
        return [judgement for part in ray.get(refs) for judgement in part]
