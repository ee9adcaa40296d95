"""Exact inner-product search with FAISS ``IndexFlatIP``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np


class FlatIndex:
    """Exact search: every query is compared with every stored vector."""

    kind = "flat"

    def __init__(self, dimension: int, faiss_index: faiss.Index | None = None) -> None:
        self.dimension = dimension
        self._index = faiss_index if faiss_index is not None else faiss.IndexFlatIP(dimension)

    @classmethod
    def load(cls, path: Path, dimension: int) -> FlatIndex:
        return cls(dimension, faiss.read_index(str(path)))

    @property
    def params(self) -> dict[str, Any]:
        return {"metric": "inner_product"}

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        if vectors.ndim != 2 or vectors.shape[1] != self.dimension:
            raise ValueError(
                f"expected vectors of shape (n, {self.dimension}), got {vectors.shape}"
            )
        self._index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def search(
        self, queries: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        params = None
        if allowed_ids is not None:
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed_ids, dtype=np.int64))
            params = faiss.SearchParameters()
            params.sel = selector
        scores, ids = self._index.search(queries, k, params=params)
        return scores, ids

    def reconstruct(self, ids: np.ndarray) -> np.ndarray:
        rows = np.asarray(ids, dtype=np.int64)
        if rows.size == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._index.reconstruct_batch(rows), dtype=np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))
