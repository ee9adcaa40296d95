"""Approximate search on a navigable small-world graph: FAISS ``IndexHNSWFlat`` (inner product).

The graph keeps the full float32 vectors (``dimension * 4`` bytes per claim plus about
``M * 8`` bytes of links), so scores are exact and vectors come back exactly; only some
neighbours may be missed. Vectors can be added at any time. A memory-mapped load reads the
graph but leaves the vectors in the file, paged in as searches touch them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from corroborate.ann.arrays import as_rows, refuse_read_only
from corroborate.ann.params import merge_params
from corroborate.ann.selection import RowFilter
from corroborate.errors import IndexCorruptError

DEFAULTS = {"M": 32, "efConstruction": 80, "efSearch": 512}
"""``efSearch`` 512 is what a million vectors need for recall@10 of 0.95; an ``auto`` index
sets it by size instead (:func:`corroborate.ann.choice.hnsw_ef_search`: 64 below 100k), and
an explicit one can lower it in the manifest or with ``--params``."""
EXACT_BELOW = 0.1
"""Filters keeping less than this share of rows are searched exactly: walking the graph
would visit about ``1 / share`` times more nodes to find enough allowed ones."""


class HNSWIndex:
    """Graph search; ``efSearch`` trades speed for recall (raised for filtered searches)."""

    kind = "hnsw"
    lossy = False

    def __init__(
        self,
        dimension: int,
        params: Mapping[str, Any] | None = None,
        faiss_index: faiss.IndexHNSWFlat | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.dimension = dimension
        self._params = merge_params(self.kind, DEFAULTS, params or {})
        if faiss_index is None:
            faiss_index = faiss.IndexHNSWFlat(
                dimension, self._params["M"], faiss.METRIC_INNER_PRODUCT
            )
        self._index = faiss_index
        self._index.hnsw.efConstruction = self._params["efConstruction"]
        self._index.hnsw.efSearch = self._params["efSearch"]
        self._storage = faiss.downcast_index(self._index.storage)
        self._read_only = read_only

    @classmethod
    def create(cls, dimension: int, params: Mapping[str, Any], expected: int) -> HNSWIndex:
        """A new, empty graph (its parameters do not depend on the expected size)."""
        return cls(dimension, params)

    @classmethod
    def load(cls, path: Path, dimension: int, params: Mapping[str, Any], mmap: bool) -> HNSWIndex:
        """Read a saved graph; with ``mmap`` the vectors stay in the file (read-only)."""
        flags = faiss.IO_FLAG_MMAP_IFC if mmap else 0
        index = faiss.read_index(str(path), flags)  # already of its concrete FAISS class
        if not isinstance(index, faiss.IndexHNSWFlat):
            raise IndexCorruptError(f"{path} holds a {type(index).__name__}, not an HNSW index")
        links = faiss.vector_to_array(index.hnsw.cum_nneighbor_per_level)  # 0, 2M, 3M, ...
        stored = {"M": int(links[2] - links[1]), "efConstruction": index.hnsw.efConstruction}
        return cls(dimension, {**params, **stored}, index, read_only=mmap)

    @property
    def params(self) -> dict[str, Any]:
        return dict(self._params)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        if self._read_only:
            raise refuse_read_only(self.kind)
        self._index.add(as_rows(vectors, self.dimension))

    def search(
        self, queries: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        queries = as_rows(queries, self.dimension)
        if allowed_ids is None:
            scores, ids = self._index.search(queries, k)
            return scores, ids
        rows = RowFilter.build(allowed_ids, len(self))
        if rows.fraction < EXACT_BELOW:
            exact = faiss.SearchParameters()
            exact.sel = rows.selector
            scores, ids = self._storage.search(queries, k, params=exact)
            return scores, ids
        graph = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # not in the stubs
        graph.sel = rows.selector
        graph.efSearch = math.ceil(self._params["efSearch"] / rows.fraction)
        scores, ids = self._index.search(queries, k, params=graph)
        return scores, ids

    def reconstruct(self, ids: np.ndarray) -> np.ndarray:
        rows = np.asarray(ids, dtype=np.int64)
        if rows.size == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._storage.reconstruct_batch(rows), dtype=np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))
