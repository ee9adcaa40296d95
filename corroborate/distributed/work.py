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
from corroborate.grouping.work import NeighbourSearch, PairBatch
from corroborate.relations.judge import Judgement, RelationJudge
from corroborate.retrieval.neighbours import NeighbourLists

ROWS_PER_TASK = 256
"""Fewest claim rows a neighbour-search task takes."""


def _lists_of(search: NeighbourSearch, start: int, end: int) -> tuple[NeighbourLists, int]:
    return search.lists(np.arange(start, end))


def _judged(judge: RelationJudge, batch: PairBatch) -> list[Judgement]:
    return batch.judged(judge)


class RayWork:
    """Neighbour search and judging spread over ``cpus`` CPUs of the connected cluster."""

    def __init__(self, cpus: int) -> None:
        self.cpus = cpus

    def neighbour_lists(self, search: NeighbourSearch) -> tuple[NeighbourLists, int]:
        ray = require_ray()
        task = ray.remote(max_retries=MAX_RETRIES)(_lists_of)
        shared = ray.put(search)
        spans = partitions(len(search.vectors), 4 * self.cpus, ROWS_PER_TASK)
        parts = ray.get([task.remote(shared, start, end) for start, end in spans])
        if not parts:
            return search.lists()
        ids = np.vstack([lists.ids for lists, _ in parts])
        scores = np.vstack([lists.scores for lists, _ in parts])
        return NeighbourLists(ids, scores), sum(searched for _, searched in parts)

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
