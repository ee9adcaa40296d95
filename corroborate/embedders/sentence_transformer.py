"""Embedder backed by a sentence-transformers model (PyTorch)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class SentenceTransformerEmbedder:
    """Encodes with ``sentence_transformers.SentenceTransformer`` on the CPU, in batches."""

    backend = "torch"

    def __init__(self, model: str, location: str, *, batch_size: int = 64) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(location, device="cpu")
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise ValueError(f"model {model!r} does not report its embedding dimension")
        self.dimension = int(dimension)
        self.max_tokens = int(self._model.max_seq_length or 512)

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` with the model's tokenizer (special tokens included, no cut)."""
        return len(self._model.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
