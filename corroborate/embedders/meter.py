"""Progress of long steps as (done, total) counts: for a progress bar, or for log lines."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np

from corroborate.embedders import Embedder, backend_of

Meter = Callable[[int, int], None]
"""Told ``done`` of ``total`` items of the current step are finished."""
EMBED_CHUNK = 256
"""Texts per encode call: progress is told after each, and an engine spreading the encoding
hands out one chunk at a time (the chunks fix the vectors' last bits; see encode_in_chunks).
A multiple of the ONNX embedder's batch, so a chunk's batches are the ones a single call
over all the texts would make."""


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
        return encode_in_chunks(self.inner, texts, self.meter, self.chunk)


def encode_in_chunks(
    embedder: Embedder,
    texts: Sequence[str],
    meter: Meter | None = None,
    chunk: int = EMBED_CHUNK,
    *,
    show_progress: bool = False,
) -> np.ndarray:
    """Encode ``texts`` in the chunks of :func:`length_chunks` (one ``encode`` call each,
    telling ``meter`` after each); the vectors come back in the order of ``texts``. A
    vector's last bits depend on the texts it is batched with, so whoever must give the same
    vectors (another engine) encodes the same chunks."""
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    if meter is not None:
        meter(0, len(texts))
    done = 0
    for rows in length_chunks(texts, chunk):
        out[rows] = embedder.encode([texts[row] for row in rows], show_progress=show_progress)
        done += len(rows)
        if meter is not None:
            meter(done, len(texts))
    return out


def length_chunks(texts: Sequence[str], size: int = EMBED_CHUNK) -> list[np.ndarray]:
    """The row numbers of ``texts``, ``size`` at a time, cut from the texts sorted by length
    (ties in input order): an encoder's batches then hold texts of about one length, so
    little of each batch is padding, as when all the texts are encoded in one call."""
    order = np.argsort(np.fromiter((len(text) for text in texts), dtype=np.int64), kind="stable")
    return [order[start:end] for start, end in chunked(len(texts), size)]


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
