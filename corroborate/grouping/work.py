"""Where grouping's two heavy steps run: neighbour search and judging.

:func:`corroborate.grouping.groups.update_groups` hands them to a :class:`GroupingWork`:
:class:`LocalWork` runs them here, :mod:`corroborate.distributed` on Ray workers. Both give
the same lists (a row's exact list does not depend on which rows are computed with it) and
judge the same batches of pairs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from corroborate.embedders.meter import Meter
from corroborate.relations.judge import Judgement, RelationJudge
from corroborate.retrieval.neighbours import NeighbourLists, updated_lists

JUDGE_CHUNK = 2048
"""Pairs judged per call (one batch; progress is told after each)."""


@dataclass(frozen=True)
class PairBatch:
    """Claim pairs (a_i, b_i) to judge: texts, unit vectors and dates of each side."""

    texts_a: list[str]
    texts_b: list[str]
    u: np.ndarray
    v: np.ndarray
    dates_a: list[dt.date]
    dates_b: list[dt.date]

    def __len__(self) -> int:
        return len(self.texts_a)

    def judged(self, judge: RelationJudge) -> list[Judgement]:
        """One judgement per pair, in order."""
        return judge.judge(self.texts_a, self.texts_b, self.u, self.v, self.dates_a, self.dates_b)


@dataclass(frozen=True)
class NeighbourSearch:
    """What :func:`~corroborate.retrieval.neighbours.updated_lists` needs, to run whole or
    on a part of the rows."""

    vectors: np.ndarray
    previous: NeighbourLists
    known: np.ndarray
    valid: np.ndarray
    k: int

    def lists(self, rows: np.ndarray | None = None) -> tuple[NeighbourLists, int]:
        """The lists of ``rows`` (default: all), and how many of them were searched."""
        return updated_lists(self.vectors, self.previous, self.known, self.valid, self.k, rows)


class GroupingWork(Protocol):
    """Runs the neighbour search and the judging of :func:`update_groups`."""

    def neighbour_lists(self, search: NeighbourSearch) -> tuple[NeighbourLists, int]:
        """What ``search.lists()`` returns."""
        ...

    def judge(
        self, judge: RelationJudge, batches: Sequence[PairBatch], meter: Meter | None
    ) -> list[Judgement]:
        """The judgements of every batch, concatenated in order; ``meter`` hears the pairs
        done."""
        ...


class LocalWork:
    """Both steps in this process."""

    def neighbour_lists(self, search: NeighbourSearch) -> tuple[NeighbourLists, int]:
        return search.lists()

    def judge(
        self, judge: RelationJudge, batches: Sequence[PairBatch], meter: Meter | None
    ) -> list[Judgement]:
        total = sum(len(batch) for batch in batches)
        judgements: list[Judgement] = []
        if meter is not None:
            meter(0, total)
        for batch in batches:
            judgements += batch.judged(judge)
            if meter is not None:
                meter(len(judgements), total)
        return judgements
