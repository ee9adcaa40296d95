"""Pick an index type, and its search effort, from the number of vectors (kind ``"auto"``).

The rule (384-d MiniLM vectors, one core; figures in benchmarks/RESULTS.md, "Index types at
scale"):

- below :data:`FLAT_BELOW` (10,000) vectors, exact search (``flat``): about 2 ms a query
  there, and nothing to tune;
- up to :data:`HNSW_BELOW` (5 million), HNSW: at 15,109 real claims 0.24 ms a query with
  recall@10 0.994 (``efSearch`` 64), against 2.4 ms for exact search, which takes 15 ms at
  100k and 70-150 ms at a million, where HNSW takes 2.6 ms (recall 0.972, ``efSearch`` 512).
  It keeps the exact vectors (a rebuild needs no re-embedding), at 1.8 kB per claim;
- above, IVF-SQ8 (a quarter of HNSW's size; 5 ms and recall 0.965 at a million).

The IVF-PQ types are never chosen: plain IVF-PQ's recall@10 stays near 0.8, and
``ivfpq_rerank`` (141 bytes a claim in memory, 0.964 in 8.6 ms at a million) is for a small
memory budget, at the price of latency and of the exact vectors on disk. The store applies
the rule again whenever an ``auto`` index grows across a threshold
(:func:`corroborate.ann.growth.rechosen`).

HNSW's ``efSearch`` (:func:`hnsw_ef_search`) grows with the graph, as the recall a given
``efSearch`` reaches falls. Recall@10 against exact search for ``efSearch`` 32 / 64 / 128 /
256 / 512, measured on ``corroborate bench speed``'s synthetic vectors (harder than real
sentences: 64 gives 0.99 on 15k real claims), 2026-11-30:

======== ===== ===== ===== ===== =====
vectors    32    64   128   256   512
======== ===== ===== ===== ===== =====
10,000   0.954 0.988 0.996 0.999 1.000
30,000   0.926 0.973 0.995 0.998 1.000
100,000  0.912 0.953 0.983 0.995 0.998
200,000  0.890 0.938 0.973 0.991 0.996
300,000  0.865 0.924 0.956 0.982 0.994
1M       0.762 0.834 0.903 0.944 0.972
======== ===== ===== ===== ===== =====

Each step of :data:`HNSW_EF_SEARCH` is the smallest value reaching 0.95 at the top of its
range: 64 below 100,000, 128 below 300,000, 256 below 600,000 (not measured there: 0.982 at
300k and 0.944 at 1M put 0.95 near 800k, so 600k keeps a margin), 512 above.
"""

from __future__ import annotations

from typing import Any

AUTO_KIND = "auto"
FLAT_BELOW = 10_000
"""Exact search stays near 2 ms per query below this size; HNSW takes over from here."""
HNSW_BELOW = 5_000_000
"""At this size HNSW takes about 9 GB, so the four-times smaller IVF-SQ8 takes over."""
HNSW_EF_SEARCH: tuple[tuple[int, int], ...] = (
    (100_000, 64),
    (300_000, 128),
    (600_000, 256),
)
"""``(below this many vectors, efSearch)`` steps; :data:`HNSW_EF_SEARCH_LARGE` above."""
HNSW_EF_SEARCH_LARGE = 512


def choose_kind(n_vectors: int) -> str:
    """``flat`` for small indexes, ``hnsw`` up to a few million vectors, ``ivfsq`` above."""
    if n_vectors < FLAT_BELOW:
        return "flat"
    if n_vectors < HNSW_BELOW:
        return "hnsw"
    return "ivfsq"


def hnsw_ef_search(n_vectors: int) -> int:
    """The ``efSearch`` an HNSW graph of ``n_vectors`` needs for recall@10 of 0.95."""
    return next((ef for below, ef in HNSW_EF_SEARCH if n_vectors < below), HNSW_EF_SEARCH_LARGE)


def auto_params(kind: str, n_vectors: int) -> dict[str, Any]:
    """Search-time parameters ``auto`` sets for a ``kind`` index of ``n_vectors`` (the build
    parameters are the type's defaults for that size)."""
    if kind == "hnsw":
        return {"efSearch": hnsw_ef_search(n_vectors)}
    return {}
