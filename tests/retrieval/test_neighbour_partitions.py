"""Neighbour lists computed in disjoint row partitions equal the lists computed whole (what
lets an engine spread the search over workers)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from corroborate.retrieval.neighbours import NeighbourLists, search_lists, updated_lists


def _vectors(count: int, seed: int = 5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(10, 16))
    rows = centres[rng.integers(0, 10, count)] + 0.3 * rng.normal(size=(count, 16))
    rows[count // 3 : count // 3 + 5] = rows[2]  # exact ties across partitions
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize(("old", "cuts"), [(0, [37, 90]), (120, [1, 64, 150]), (179, [100])])
def test_partitioned_lists_stack_to_the_whole(old: int, cuts: list[int]) -> None:
    total = 180
    vectors = _vectors(total)
    previous = NeighbourLists.empty(total, 6)
    if old:
        kept = search_lists(vectors[:old], np.arange(old), 6)
        previous.ids[:old], previous.scores[:old] = kept.ids, kept.scores
    known = np.arange(total) < old
    valid = known.copy()
    valid[::17] = False  # some old claims lost a neighbour: searched afresh
    whole, searched = updated_lists(vectors, previous, known, valid, 6)
    bounds = [0, *cuts, total]
    parts = [
        updated_lists(vectors, previous, known, valid, 6, np.arange(start, end))
        for start, end in itertools.pairwise(bounds)
    ]
    assert np.array_equal(np.vstack([lists.ids for lists, _ in parts]), whole.ids)
    assert np.array_equal(np.vstack([lists.scores for lists, _ in parts]), whole.scores)
    assert sum(count for _, count in parts) == searched
