"""Progress of long steps as (done, total) counts: for a progress bar, or for log lines."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np

from corroborate.embedders import Embedder, backend_of

Meter = Callable[[int, int], None]
"""Told ``done`` of ``total`` items of the current step are finished."""
EMBED_CHUNK = 1024


class MeteredEmbedder:
    """An embedder that encodes in chunks and reports the sentences done after each."""

    def __init__(self, inner: Embedder, meter: Meter, chunk: int = EMBED_CHUNK) -> None:
        self.inner = inner
        self.meter = meter
        self.chunk = chunk
        self.model = inner.model
        self.dimension = inner.dimension
        self.backend = backend_of(inner)

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        parts = []
        self.meter(0, len(texts))
        for start in range(0, len(texts), self.chunk):
            parts.append(self.inner.encode(texts[start : start + self.chunk]))
            self.meter(min(start + self.chunk, len(texts)), len(texts))
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(parts)


def logging_meter(logger: logging.Logger, steps: int = 10) -> Meter:
    """A meter writing a log line each time another 1/``steps`` of a step is done."""
    last = {"total": -1, "step": 0}

    def meter(done: int, total: int) -> None:
        if total != last["total"] or done == 0:
            last["total"], last["step"] = total, 0
        step = done * steps // total if total else 0
        if step > last["step"]:
            last["step"] = step
            logger.info("%d of %d done (%d%%)", done, total, 100 * done // max(total, 1))

    return meter


def chunked(total: int, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` ranges covering ``total`` items, ``size`` at a time."""
    return [(start, min(start + size, total)) for start in range(0, total, size)]
