"""Pick an index type from the number of vectors it will hold (kind ``"auto"``).

From ``corroborate bench speed`` (384-d, one core): exact search took about 12 ms per query at
100k vectors and 68 ms at 1M on a quiet machine, HNSW and IVF-SQ8 about 2 ms at 1M with
recall@10 of 0.97 (an earlier run whose tables were lost); benchmarks/RESULTS.md has IVF-SQ8 at
1M in 5 ms with recall 0.965 on a heavily loaded machine, and HNSW at 100k. HNSW keeps the
exact vectors (a rebuild needs no re-embedding) at about 1.8 kB per claim; IVF-SQ8 needs a
quarter of that. IVF-PQ (about 150 bytes) is never chosen: its recall@10 stays at 0.79 to 0.84.
"""

from __future__ import annotations

AUTO_KIND = "auto"
FLAT_BELOW = 100_000
"""Exact search stays near 10 ms per query below this size."""
HNSW_BELOW = 5_000_000
"""At this size HNSW takes about 9 GB, so the four-times smaller IVF-SQ8 takes over."""


def choose_kind(n_vectors: int) -> str:
    """``flat`` for small indexes, ``hnsw`` up to a few million vectors, ``ivfsq`` above."""
    if n_vectors < FLAT_BELOW:
        return "flat"
    if n_vectors < HNSW_BELOW:
        return "hnsw"
    return "ivfsq"
