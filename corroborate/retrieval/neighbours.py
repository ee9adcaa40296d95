"""Exact k-nearest-neighbour lists of claim vectors, computed whole or updated for new claims.

A claim's list is its ``k`` most similar other claims, ranked by a float64 dot product of
the stored float32 vectors that is computed pair by pair (so a score never depends on what
else is scored with it), ties broken by position. FAISS float32 search only proposes
candidates, with a margin far above its rounding error. So a list is the same whether it was
computed over all claims at once or updated as claims arrived: :func:`updated_lists` on an
old list plus new claims equals :func:`search_lists` over everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import faiss
import numpy as np

SCORE_MARGIN = 1e-4
"""Float32 inner products of unit vectors err by far less than this."""
EXTRA_CANDIDATES = 8
"""Candidates fetched beyond ``k``, so ties at the cut are seen without a full scan."""


@dataclass(frozen=True)
class NeighbourLists:
    """Row ``i``: positions of claim ``i``'s nearest other claims, best first (-1 pads),
    and their scores (-inf pads)."""

    ids: np.ndarray
    scores: np.ndarray

    @classmethod
    def empty(cls, rows: int, k: int) -> NeighbourLists:
        return cls(np.full((rows, k), -1, dtype=np.int64), np.full((rows, k), -np.inf))

    @property
    def k(self) -> int:
        return int(self.ids.shape[1])

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The real (unpadded) neighbours of claim ``i`` and their scores."""
        keep = self.ids[i] >= 0
        return self.ids[i][keep], self.scores[i][keep]


def list_length(claims: int, k: int) -> int:
    """How many neighbours each of ``claims`` claims has: ``k``, or all others when fewer."""
    return max(0, min(k, claims - 1))


def exact_scores(query: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Float64 dot products of one vector with each row of ``others``, pair by pair."""
    left = np.ascontiguousarray(query, dtype=np.float64).reshape(1, -1)
    right = np.ascontiguousarray(others, dtype=np.float64)
    return (left * right).sum(axis=1)


PAIR_CHUNK = 4096
"""Pairs :func:`paired_scores` multiplies at once (bounds its float64 temporaries)."""


def paired_scores(vectors: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Float64 dot products of ``vectors[left[i]]`` with ``vectors[right[i]]``, each as
    :func:`exact_scores` computes it (the same products summed the same way)."""
    found = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), PAIR_CHUNK):
        end = start + PAIR_CHUNK
        one = vectors[left[start:end]].astype(np.float64)
        other = vectors[right[start:end]].astype(np.float64)
        found[start:end] = (one * other).sum(axis=1)
    return found


def _ranked(
    query: np.ndarray, candidates: np.ndarray, vectors: np.ndarray, keep: int
) -> tuple[np.ndarray, np.ndarray]:
    """The best ``keep`` of ``candidates`` for ``query``: by exact score, then position."""
    scores = exact_scores(query, vectors[candidates])
    order = np.lexsort((candidates, -scores))[:keep]
    return candidates[order], scores[order]


def _flat_index(vectors: np.ndarray) -> faiss.IndexFlatIP:
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _proposals(
    found: np.ndarray, found_scores: np.ndarray, floor: float, complete: bool
) -> np.ndarray | None:
    """The found ids whose float32 score may reach ``floor``, or ``None`` when more than were
    fetched might (every fetched one qualifies and the search did not see everything)."""
    if not complete and found_scores[-1] >= floor - SCORE_MARGIN:
        return None
    return found[(found >= 0) & (found_scores >= floor - SCORE_MARGIN)]


def search_lists(vectors: np.ndarray, rows: np.ndarray, k: int) -> NeighbourLists:
    """The neighbour lists of the claims at positions ``rows`` among all ``vectors``."""
    count = len(vectors)
    keep = list_length(count, k)
    lists = NeighbourLists.empty(len(rows), keep)
    if keep == 0 or len(rows) == 0:
        return lists
    fetch = min(count, keep + 1 + EXTRA_CANDIDATES)
    found_scores, found = _flat_index(vectors).search(
        np.ascontiguousarray(vectors[rows], dtype=np.float32), fetch
    )
    for at, row in enumerate(rows):
        others = found[at] != row
        kth = float(found_scores[at][others][keep - 1])
        proposed = _proposals(found[at], found_scores[at], kth, fetch == count)
        if proposed is None:
            scan = vectors @ vectors[row]
            proposed = np.flatnonzero(scan >= kth - SCORE_MARGIN)
        proposed = proposed[proposed != row].astype(np.int64)
        ids, scores = _ranked(vectors[row], proposed, vectors, keep)
        lists.ids[at, : len(ids)], lists.scores[at, : len(ids)] = ids, scores
    return lists


def updated_lists(
    vectors: np.ndarray,
    previous: NeighbourLists,
    known: np.ndarray,
    valid: np.ndarray,
    k: int,
    rows: np.ndarray | None = None,
) -> tuple[NeighbourLists, int]:
    """Lists of all claims (or of the claims at positions ``rows``, in that order), reusing
    ``previous`` where ``valid``.

    ``known`` marks the claims that were there before (the others are new); ``valid`` the
    known claims whose ``previous`` row is still their exact list among the known claims
    (ids already mapped to current positions: none of their neighbours was removed). Every
    other claim is searched afresh; a valid claim's list only merges in the new claims that
    may beat its current last neighbour. A row's list does not depend on which other rows
    are asked for, so disjoint ``rows`` can be computed apart and stacked. Returns the lists
    and how many claims were searched.
    """
    count = len(vectors)
    keep = list_length(count, k)
    rows = np.arange(count, dtype=np.int64) if rows is None else np.asarray(rows, np.int64)
    lists = NeighbourLists.empty(len(rows), keep)
    fresh_at = np.flatnonzero(~valid[rows]).astype(np.int64)
    searched = search_lists(vectors, rows[fresh_at], k)
    lists.ids[fresh_at], lists.scores[fresh_at] = searched.ids, searched.scores
    kept_at = np.flatnonzero(valid[rows]).astype(np.int64)
    kept = rows[kept_at]
    width = min(previous.k, keep)
    lists.ids[kept_at, :width] = previous.ids[kept, :width]
    lists.scores[kept_at, :width] = previous.scores[kept, :width]
    newcomers = np.flatnonzero(~known).astype(np.int64)
    if keep == 0 or kept.size == 0 or newcomers.size == 0:
        return lists, int(fresh_at.size)
    fetch = min(newcomers.size, keep + EXTRA_CANDIDATES)
    found_scores, found_at = _flat_index(vectors[newcomers]).search(
        np.ascontiguousarray(vectors[kept], dtype=np.float32), fetch
    )
    # a row's last score (-inf when its list is not full): only newcomers that may beat it
    floors = lists.scores[kept_at, keep - 1]
    beaten = np.flatnonzero(found_scores[:, 0] >= floors - SCORE_MARGIN)
    for at, local, row in zip(
        beaten.tolist(), kept_at[beaten].tolist(), kept[beaten].tolist(), strict=True
    ):
        old_ids, _ = lists.row(local)
        floor = float(floors[at])
        proposed_at = _proposals(found_at[at], found_scores[at], floor, fetch == newcomers.size)
        if proposed_at is None:
            scan = vectors[newcomers] @ vectors[row]
            proposed_at = np.flatnonzero(scan >= floor - SCORE_MARGIN)
        candidates = np.unique(np.concatenate([old_ids, newcomers[proposed_at]]))
        ids, scores = _ranked(vectors[row], candidates, vectors, keep)
        lists.ids[local, :], lists.scores[local, :] = -1, -np.inf
        lists.ids[local, : len(ids)], lists.scores[local, : len(ids)] = ids, scores
    return lists, int(fresh_at.size)
