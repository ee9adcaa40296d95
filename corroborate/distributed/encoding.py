"""Encode claims on an actor pool: each actor holds one encoder, each call one chunk.

The chunks are the local engine's (:func:`~corroborate.embedders.meter.length_chunks`: the
claims sorted by length, :data:`~corroborate.embedders.meter.EMBED_CHUNK` at a time, one
``encode`` call each), so the vectors are bit for bit the local ones.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from corroborate.distributed.cluster import MAX_RETRIES, require_ray
from corroborate.embedders import Embedder, get_embedder
from corroborate.embedders.meter import EMBED_CHUNK, Meter, length_chunks


class ChunkEncoder:
    """A Ray Data actor: loads the embedder for :attr:`model` once, encodes chunk rows."""

    model: str

    def __init__(self) -> None:
        self.embedder = get_embedder(self.model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        vectors = [
            np.ascontiguousarray(self.embedder.encode([str(text) for text in texts])).tobytes()
            for texts in batch["texts"]
        ]
        return {"chunk": batch["chunk"], "vectors": np.array(vectors, dtype=object)}


def encode_on_cluster(
    embedder: Embedder,
    texts: Sequence[str],
    meter: Meter | None,
    actors: int,
    chunk: int = EMBED_CHUNK,
) -> np.ndarray:
    """The vectors of ``texts`` from a pool of up to ``actors`` encoders (one CPU each)
    loading ``embedder``'s model; ``meter`` hears how many texts are done."""
    ray = require_ray()
    encoder = type("ChunkEncoder", (ChunkEncoder,), {"model": embedder.model})
    spans = length_chunks(texts, chunk)
    if not spans:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    rows = [{"chunk": at, "texts": [texts[row] for row in span]} for at, span in enumerate(spans)]
    with warnings.catch_warnings():
        # Ray 2.60 names these "ray_remote_args" and plans named parameters (pinned < 2.64)
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            encoder,
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=max(1, min(actors, len(rows)))),
            num_cpus=1,
            max_restarts=MAX_RETRIES,
            max_task_retries=MAX_RETRIES,
        )
    parts: dict[int, np.ndarray] = {}
    done = 0
    if meter is not None:
        meter(0, len(texts))
    for row in dataset.iter_rows():
        at = int(row["chunk"])
        if at in parts:
            continue  # a retried chunk seen twice: same texts, same vectors
        vectors = np.frombuffer(row["vectors"], dtype=np.float32).reshape(-1, embedder.dimension)
        parts[at] = vectors
        done += len(vectors)
        if meter is not None:
            meter(done, len(texts))
    missing = [at for at in range(len(spans)) if at not in parts]
    if missing or done != len(texts):
        raise RuntimeError(f"the encoders returned {done} of {len(texts)} vectors")
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    for at, span in enumerate(spans):
        out[span] = parts[at]
    return out
