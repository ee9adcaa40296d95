"""A stand-in for the embedding model: deterministic unit vectors derived from each text's
digest, the same in every process, so tests and subprocesses never load MiniLM."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pytest is not imported at run time: subprocesses load this module too
    import pytest

DIMENSION = 384
"""The packaged model's dimension, so the relation head can judge pairs of these vectors."""


class DigestEmbedder:
    """One pseudo-random unit vector per distinct text (identical texts, identical vectors)."""

    model = "digest-test"
    backend = "onnx"
    """The default backend, so indexes it builds pass the manifest's backend check."""
    max_tokens = 256
    """A token window, as the real model has: here one token per word."""

    def __init__(self, dimension: int = DIMENSION) -> None:
        self.dimension = dimension

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8)
            rng = np.random.default_rng(int.from_bytes(seed.digest(), "little"))
            rows[row] = rng.standard_normal(self.dimension)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True).clip(min=1e-9)


def use_digest_embedder(monkeypatch: pytest.MonkeyPatch) -> DigestEmbedder:
    """Make every :class:`corroborate.Corpus` embed with a :class:`DigestEmbedder`."""
    embedder = DigestEmbedder()
    monkeypatch.setattr("corroborate.corpus.get_embedder", lambda *spec_and_backend: embedder)
    return embedder
