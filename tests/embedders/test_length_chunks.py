"""Bulk encoding in length-sorted chunks: every text once, like lengths together, vectors back
in input order; and the thread count of the ONNX embedder's bulk session."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest
from embedder_doubles import DigestEmbedder

from corroborate.embedders.meter import encode_in_chunks, length_chunks
from corroborate.embedders.onnx_model import THREADS_ENV, default_threads


class RecordingEmbedder(DigestEmbedder):
    """Digest vectors, remembering the texts of each ``encode`` call."""

    def __init__(self) -> None:
        super().__init__(8)
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts)


def _texts(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(["word"] * rng.randint(1, 40)) + f" {i}" for i in range(count)]


def test_chunks_cover_every_row_once_shortest_first_ties_in_input_order() -> None:
    texts = ["ccc", "a", "bb", "a2", "dddd", "b2", "e"]
    chunks = length_chunks(texts, 3)
    assert [len(chunk) for chunk in chunks] == [3, 3, 1]
    rows = np.concatenate(chunks).tolist()
    assert rows == [1, 6, 2, 3, 5, 0, 4]  # "a", "e", then the two-letter ones as given
    assert length_chunks([], 3) == []


def test_encode_in_chunks_gives_input_order_with_like_lengths_per_call() -> None:
    texts = _texts(50)
    embedder = RecordingEmbedder()
    vectors = encode_in_chunks(embedder, texts, chunk=8)
    assert np.array_equal(vectors, DigestEmbedder(8).encode(texts))
    assert [len(call) for call in embedder.calls] == [8] * 6 + [2]
    assert sorted(text for call in embedder.calls for text in call) == sorted(texts)
    for shorter, longer in zip(embedder.calls, embedder.calls[1:], strict=False):
        assert max(map(len, shorter)) <= min(map(len, longer))
    assert encode_in_chunks(embedder, [], chunk=8).shape == (0, 8)


def test_bulk_threads_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_ENV, "3")
    assert default_threads() == 3
    monkeypatch.delenv(THREADS_ENV)
    assert 1 <= default_threads() <= 8
