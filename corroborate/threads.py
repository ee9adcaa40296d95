"""Thread pools for one-at-a-time work.

A single query is too small to share between cores: with the other core busy, torch's and
FAISS's thread pools spin waiting for each other (benchmarks/RESULTS.md: p50 556 ms with two
threads against 17 ms with one, on the same index). Queries therefore run on one thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run the block with torch and FAISS on one thread, then restore their settings."""
    import faiss
    import torch

    torch_threads, faiss_threads = torch.get_num_threads(), faiss.omp_get_max_threads()
    torch.set_num_threads(1)
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(torch_threads)
        faiss.omp_set_num_threads(faiss_threads)
