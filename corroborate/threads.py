"""Thread pools for one-at-a-time work.

A single query is too small to share between cores: with the other core busy, torch's and
FAISS's thread pools spin waiting for each other (benchmarks/RESULTS.md: p50 556 ms with two
threads against 17 ms with one, on the same index). Queries therefore run on one thread. The
ONNX embedder runs a one-text call on its own one-thread session.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run the block with FAISS (and torch, when it is loaded) on one thread, then restore
    their settings. Torch is never imported here: a query on the ONNX embedder has no use
    for it."""
    import faiss

    torch = sys.modules.get("torch")
    torch_threads = torch.get_num_threads() if torch is not None else None
    faiss_threads = faiss.omp_get_max_threads()
    if torch is not None:
        torch.set_num_threads(1)
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        if torch is not None and torch_threads is not None:
            torch.set_num_threads(torch_threads)
        faiss.omp_set_num_threads(faiss_threads)
