"""What the inverted-file indexes (IVF-PQ, IVF-SQ) share: training, filtered search, loading.

Training: an IVF index must learn its coarse centroids (and its codebooks) from data. Until
the index holds :attr:`IVFIndex.min_train` vectors (39 per centroid, FAISS's rule of thumb for
k-means) it keeps them uncompressed and searches them exactly; the ``add`` that reaches that
count trains once, on a sample of every vector held so far, and encodes them all. Later adds
are encoded with what was learnt then and never retrain: rebuild the index
(:func:`corroborate.storage.rebuild.rebuild_index`) after it has grown a lot, which also
picks ``nlist`` for the new size.

Vectors are unit length, so the index ranks by L2 distance (FAISS's fastest IVF path) and
reports ``1 - distance / 2``, the inner product. An 8-byte id and an 8-byte entry of the
id→position map (for :meth:`IVFIndex.reconstruct`) are stored per vector besides its code.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self, cast

import faiss
import numpy as np

from corroborate.ann.arrays import as_rows, refuse_read_only
from corroborate.ann.params import merge_params
from corroborate.ann.selection import RowFilter
from corroborate.errors import IndexCorruptError

POINTS_PER_CENTROID = 39
TRAIN_PER_LIST = 64
SEED = 1234


def default_lists(expected: int) -> dict[str, int]:
    """``nlist``: the power of two nearest ``4 * sqrt(expected)`` (FAISS's guideline; 4,096
    lists for a million vectors); ``nprobe``: see :func:`default_nprobe`.

    Training time grows with ``nlist`` squared (about 4 minutes for 4,096 lists on one core).
    """
    nlist = 2 ** max(0, round(math.log2(4 * math.sqrt(max(expected, 1)))))
    return {"nlist": nlist, "nprobe": default_nprobe(nlist)}


def default_nprobe(nlist: int) -> int:
    """64 lists: on the benchmark's data IVF-SQ8 needs 32 to 64 probes for recall@10 of 0.95
    whether there are 256 or 4,096 lists (benchmarks/RESULTS.md)."""
    return min(nlist, 64)


def encode_with(codec: bytes, vectors: np.ndarray) -> np.ndarray:
    """The IVF codes (list number and code) of ``vectors`` under ``codec``
    (:meth:`IVFIndex.codec`); a row's code depends on that row alone."""
    ivf = faiss.deserialize_index(np.frombuffer(codec, dtype=np.uint8))
    return np.asarray(ivf.sa_encode(np.ascontiguousarray(vectors, dtype=np.float32)))


class IVFIndex(ABC):
    """Inverted lists of compressed codes; ``nprobe`` lists are scanned per query."""

    kind: str
    lossy = True
    _codec_field: str | None = None
    """The trained code book's attribute of the FAISS index (``sq``, ``pq``)."""
    mmap_flag = faiss.IO_FLAG_MMAP
    """How :meth:`load` memory-maps the file: the inverted lists stay in it."""
    max_probe_factor = 16
    """A filtered search probes at most this many times ``nprobe`` lists. With 1% of a
    million IVF-SQ8 vectors allowed, 16 keeps recall@10 at 0.989 (benchmarks/RESULTS.md; an
    earlier run: 0.98 in 8 ms, 8 gave 0.95, no limit 27 ms)."""

    def __init__(
        self,
        dimension: int,
        params: Mapping[str, int],
        faiss_index: faiss.Index | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.dimension = dimension
        self._params = dict(params)
        self._index = faiss_index if faiss_index is not None else faiss.IndexFlatIP(dimension)
        self._read_only = read_only
        if self.trained:
            self._ivf().nprobe = self._params["nprobe"]

    @staticmethod
    @abstractmethod
    def default_params(dimension: int, expected: int) -> dict[str, int]:
        """Parameters for an index expected to hold ``expected`` vectors."""

    @abstractmethod
    def _new_ivf(self, quantizer: faiss.IndexFlatL2) -> faiss.IndexIVF:
        """An untrained FAISS index with this object's parameters."""

    @staticmethod
    @abstractmethod
    def _built_params(index: faiss.IndexIVF) -> dict[str, int] | None:
        """The parameters ``index`` was built with, or ``None`` if it is another IVF type."""

    def _wrapped(self, ivf: faiss.IndexIVF) -> faiss.Index:
        """The index searched, around the trained ``ivf`` (here ``ivf`` itself, with the id
        map :meth:`reconstruct` needs)."""
        ivf.make_direct_map()  # row id -> list position, for reconstruct()
        return ivf

    @staticmethod
    def _unwrapped(index: faiss.Index) -> faiss.IndexIVF | None:
        """The IVF index inside a loaded ``index`` of this type, else ``None``."""
        return index if isinstance(index, faiss.IndexIVF) else None

    def _search_params(self, lists: faiss.SearchParametersIVF) -> faiss.SearchParameters:
        """What a trained index is searched with, given the IVF search parameters."""
        return lists

    def _ivf(self) -> faiss.IndexIVF:
        ivf = self._unwrapped(self._index)
        if ivf is None:
            raise IndexCorruptError(f"this {self.kind} index is not trained")
        return ivf

    @classmethod
    def create(cls, dimension: int, params: Mapping[str, Any], expected: int) -> Self:
        """A new, untrained index; defaults are sized for ``expected`` vectors (``nprobe`` for
        the ``nlist`` given, if one is)."""
        merged = merge_params(cls.kind, cls.default_params(dimension, expected), params)
        if "nprobe" not in params:
            merged["nprobe"] = default_nprobe(merged["nlist"])
        return cls(dimension, merged)

    @classmethod
    def load(cls, path: Path, dimension: int, params: Mapping[str, Any], mmap: bool) -> Self:
        """Read a saved index; with ``mmap`` the inverted lists stay in the file (read-only)."""
        index = faiss.read_index(str(path), cls.mmap_flag if mmap else 0)
        merged = merge_params(cls.kind, cls.default_params(dimension, index.ntotal), params)
        wrong_type = IndexCorruptError(f"{path} holds a {type(index).__name__}, not {cls.kind}")
        if not isinstance(index, faiss.IndexFlat):
            ivf = cls._unwrapped(index)
            built = None if ivf is None else cls._built_params(ivf)
            if built is None:
                raise wrong_type
            merged |= built
        return cls(dimension, merged, index, read_only=mmap)

    @property
    def params(self) -> dict[str, Any]:
        return dict(self._params)

    @property
    def trained(self) -> bool:
        """Whether the vectors are encoded yet (else they are held uncompressed)."""
        return not isinstance(self._index, faiss.IndexFlat)

    @property
    def min_train(self) -> int:
        """How many vectors the index waits for before it trains."""
        return POINTS_PER_CENTROID * self._params["nlist"]

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        rest = self.prepare_add(vectors)
        if len(rest):
            self._index.add(rest)

    def prepare_add(self, vectors: np.ndarray) -> np.ndarray:
        """The first half of :meth:`add`: hold ``vectors`` uncompressed while the index is
        below :attr:`min_train` (returning none), or train once if they take it there;
        returns the vectors still to encode and append, in id order (with the held ones
        after a training). Encoding them elsewhere (:meth:`codec`, :func:`encode_with`) and
        :meth:`append_codes` gives the index :meth:`add` would, byte for byte."""
        if self._read_only:
            raise refuse_read_only(self.kind)
        vectors = as_rows(vectors, self.dimension)
        if self.trained:
            return vectors
        if len(self) + len(vectors) < self.min_train:
            self._index.add(vectors)
            return vectors[:0]
        if len(self):
            vectors = np.vstack([self._index.reconstruct_n(0, len(self)), vectors])
        self._index = self._trained_on(vectors)
        return vectors

    def codec(self) -> bytes | None:
        """A trained index's coarse quantiser and code book without its lists (what
        :func:`encode_with` needs; kilobytes to a few MB), or ``None`` for an untrained
        index or one wrapped around its IVF (whose adds must go through the wrapper)."""
        ivf = self._unwrapped(self._index)
        if ivf is None or ivf is not self._index or self._codec_field is None:
            return None
        empty = self._new_ivf(cast(faiss.IndexFlatL2, faiss.clone_index(ivf.quantizer)))
        setattr(empty, self._codec_field, getattr(ivf, self._codec_field))
        empty.is_trained, empty.by_residual = True, ivf.by_residual
        return bytes(faiss.serialize_index(empty))

    def append_codes(self, codes: np.ndarray) -> None:
        """Append vectors encoded by :func:`encode_with` (ids continue from the length)."""
        if self._read_only:
            raise refuse_read_only(self.kind)
        self._ivf().add_sa_codes(np.ascontiguousarray(codes, dtype=np.uint8))

    def _trained_on(self, vectors: np.ndarray) -> faiss.Index:
        ivf = self._new_ivf(faiss.IndexFlatL2(self.dimension))
        ivf.nprobe = self._params["nprobe"]
        index = self._wrapped(ivf)
        size = min(len(vectors), max(self.min_train, TRAIN_PER_LIST * self._params["nlist"]))
        sample = np.random.default_rng(SEED).choice(len(vectors), size, replace=False)
        index.train(vectors[np.sort(sample)])
        return index

    def search(
        self, queries: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        queries = as_rows(queries, self.dimension)
        rows = None if allowed_ids is None else RowFilter.build(allowed_ids, len(self))
        if not self.trained:
            exact = faiss.SearchParameters()
            exact.sel = None if rows is None else rows.selector
            scores, ids = self._index.search(queries, k, params=exact)
            return scores, ids
        lists = faiss.SearchParametersIVF()
        lists.nprobe = self._params["nprobe"]
        if rows is not None:
            # A filter keeping a share f of the rows leaves about f of each list: probe 1/f
            # times more lists (up to max_probe_factor times) to see enough allowed rows.
            share = max(rows.fraction, 1 / self.max_probe_factor)
            lists.nprobe = min(self._params["nlist"], math.ceil(lists.nprobe / share))
            lists.sel = rows.selector
        distances, ids = self._index.search(queries, k, params=self._search_params(lists))
        return 1.0 - distances / 2.0, ids

    def reconstruct(self, ids: np.ndarray) -> np.ndarray:
        rows = np.asarray(ids, dtype=np.int64)
        if rows.size == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self._index.reconstruct_batch(rows), dtype=np.float32)

    def save(self, path: Path) -> None:
        if self._read_only:
            # Memory-mapped lists would be written as a reference to the file they came from.
            raise refuse_read_only(self.kind)
        faiss.write_index(self._index, str(path))
