"""Sentence vectors kept on disk by text digest, so no sentence is encoded twice across runs."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corroborate.embedders import (
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    LEGACY_BACKEND,
    Embedder,
    backend_of,
    get_embedder,
)
from corroborate.embedders.onnx_export import recipe

DEFAULT_CACHE_DIR = Path(".cache/embeddings")
_SHARD_SIZE = 4096


def text_digest(text: str) -> bytes:
    """A 20-byte key for ``text``."""
    return hashlib.sha1(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Encodes texts with the model named ``model`` on ``backend``, reusing vectors stored
    under ``folder``.

    ``embedder`` replaces the model loaded by name (tests pass a fake one; its backend is
    used). Vectors of each backend are kept apart (torch ones where they always were).

    New vectors are written in shards as they are computed, so an interrupted run keeps them.
    """

    def __init__(
        self,
        folder: Path = DEFAULT_CACHE_DIR,
        model: str = DEFAULT_MODEL,
        embedder: Embedder | None = None,
        backend: str = DEFAULT_BACKEND,
    ) -> None:
        self.model = model
        self._embedder = embedder
        self.backend = backend_of(embedder) if embedder is not None else backend
        suffix = "" if self.backend == LEGACY_BACKEND else f"@{self.backend}"
        if self.backend == "onnx":
            suffix += "-" + hashlib.sha256(recipe().encode()).hexdigest()[:8]
        self.folder = Path(folder) / (model.replace("/", "__") + suffix)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._rows: dict[bytes, int] = {}
        self._blocks: list[np.ndarray] = []
        self._size = 0
        for shard in sorted(self.folder.glob("shard-*.npz")):
            with np.load(shard) as stored:
                self._add(list(stored["digests"]), stored["vectors"])
        self._vectors = self._stacked()

    def __len__(self) -> int:
        return self._size

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Return ``(len(texts), dim)`` float32 unit vectors, encoding only unseen texts."""
        digests = [text_digest(text) for text in texts]
        missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in self._rows}
        if missing:
            self._encode_missing(list(missing), list(missing.values()), show_progress)
        rows = np.fromiter((self._rows[d] for d in digests), dtype=np.int64, count=len(digests))
        return self._vectors[rows]

    def _encode_missing(self, digests: list[bytes], texts: list[str], progress: bool) -> None:
        embedder = self._embedder or get_embedder(self.model, self.backend)
        order = np.argsort([len(text) for text in texts], kind="stable")
        for start in range(0, len(order), _SHARD_SIZE):
            chunk = order[start : start + _SHARD_SIZE]
            vectors = embedder.encode([texts[i] for i in chunk], show_progress=progress)
            chunk_digests = [digests[i] for i in chunk]
            self._write_shard(chunk_digests, vectors)
            self._add(chunk_digests, vectors)
        self._vectors = self._stacked()

    def _write_shard(self, digests: list[bytes], vectors: np.ndarray) -> None:
        """Write one shard atomically, under a name no other process picks."""
        name = f"shard-{time.time_ns()}-{os.getpid()}.npz"
        partial = self.folder / f".{name}.partial"
        with partial.open("wb") as handle:
            np.savez(handle, digests=np.array(digests, dtype="S20"), vectors=vectors)
        partial.replace(self.folder / name)

    def _add(self, digests: list[bytes], vectors: np.ndarray) -> None:
        for offset, digest in enumerate(digests):
            self._rows[bytes(digest)] = self._size + offset
        self._blocks.append(np.asarray(vectors, dtype=np.float32))
        self._size += len(digests)

    def _stacked(self) -> np.ndarray:
        if not self._blocks:
            return np.zeros((0, 0), dtype=np.float32)
        self._blocks = [np.concatenate(self._blocks)]
        return self._blocks[0]
