"""Exact inner-product search with FAISS ``IndexFlatIP``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faiss
import numpy as np

from corroborate.ann.arrays import as_rows
from corroborate.ann.selection import RowFilter


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
        self._index.add(as_rows(vectors, self.dimension))

    def search(
        self, queries: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        queries = as_rows(queries, self.dimension)
        if allowed_ids is None:
            scores, ids = self._index.search(queries, k)
            return scores, ids
        # A bitmap of a million rows is built in 2-15 ms; a hash set of the allowed ids
        # (IDSelectorBatch) took 180 ms for 950,000 of them, on every query.
        rows = RowFilter.build(allowed_ids, len(self))
        params = faiss.SearchParameters()
        params.sel = rows.selector
        scores, ids = self._index.search(queries, k, params=params)
        return scores, ids

    def reconstruct(self, ids: np.ndarray) -> np.ndarray:
        rows = np.asarray(ids, dtype=np.int64)
        if rows.size == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._index.reconstruct_batch(rows), dtype=np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))
