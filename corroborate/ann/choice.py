"""Pick an index type from the number of vectors it will hold (kind ``"auto"``)."""

from __future__ import annotations

AUTO_KIND = "auto"
FLAT_BELOW = 100_000
"""Exact search stays under about 10 ms per query below this size (see benchmarks/RESULTS.md)."""
HNSW_BELOW = 5_000_000
"""Above this the graph (about 1.8 kB per 384-d claim) outgrows a small machine's memory and
takes hours to build on two cores; the compressed IVF-PQ index takes about 150 bytes."""


def choose_kind(n_vectors: int) -> str:
    """``flat`` for small indexes, ``hnsw`` up to a few million vectors, ``ivfpq`` above."""
    if n_vectors < FLAT_BELOW:
        return "flat"
    if n_vectors < HNSW_BELOW:
        return "hnsw"
    return "ivfpq"
