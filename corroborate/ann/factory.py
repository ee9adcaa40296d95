"""Create or load a vector index by kind name (``auto`` picks one by size)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from corroborate.ann.base import VectorIndex
from corroborate.ann.choice import AUTO_KIND, auto_params, choose_kind
from corroborate.ann.flat import FlatIndex
from corroborate.ann.hnsw import HNSWIndex
from corroborate.ann.ivfpq import IVFPQIndex
from corroborate.ann.ivfpq_rerank import IVFPQRerankIndex
from corroborate.ann.ivfsq import IVFSQIndex
from corroborate.errors import CorroborateError

DEFAULT_KIND = AUTO_KIND


class IndexType(Protocol):
    """How the factory makes and reads one kind of index."""

    lossy: bool
    """Whether stored vectors come back only approximately (rebuilds then re-embed)."""

    def create(self, dimension: int, params: Mapping[str, Any], expected: int) -> VectorIndex: ...

    def load(
        self, path: Path, dimension: int, params: Mapping[str, Any], mmap: bool
    ) -> VectorIndex: ...


class _Flat:
    """Exact search: no parameters, always read whole into memory."""

    lossy = False

    @staticmethod
    def create(dimension: int, params: Mapping[str, Any], expected: int) -> VectorIndex:
        return FlatIndex(dimension)

    @staticmethod
    def load(path: Path, dimension: int, params: Mapping[str, Any], mmap: bool) -> VectorIndex:
        return FlatIndex.load(path, dimension)


INDEX_KINDS: dict[str, IndexType] = {
    "flat": _Flat(),
    "hnsw": HNSWIndex,
    "ivfpq": IVFPQIndex,
    "ivfpq_rerank": IVFPQRerankIndex,
    "ivfsq": IVFSQIndex,
}


def index_type(kind: str) -> IndexType:
    """The registered type called ``kind``."""
    try:
        return INDEX_KINDS[kind]
    except KeyError:
        known = ", ".join([*sorted(INDEX_KINDS), AUTO_KIND])
        raise CorroborateError(f"unknown index type {kind!r}; known types: {known}") from None


def create_index(
    kind: str, dimension: int, params: Mapping[str, Any] | None = None, *, expected: int = 0
) -> VectorIndex:
    """A new, empty index of ``kind`` sized for ``expected`` vectors.

    ``auto`` becomes :func:`choose_kind` of ``expected`` with :func:`auto_params` for that
    size; ``params`` override the type's defaults (see each type's module) and are ignored
    for ``auto``.
    """
    if kind == AUTO_KIND:
        kind = choose_kind(expected)
        params = auto_params(kind, expected)
    return index_type(kind).create(dimension, params or {}, expected)


def load_index(
    kind: str,
    path: Path,
    dimension: int,
    params: Mapping[str, Any] | None = None,
    *,
    mmap: bool = False,
) -> VectorIndex:
    """Read an index of ``kind`` written by ``VectorIndex.save``.

    ``params`` are the manifest's (search-time ones such as ``efSearch`` and ``nprobe`` take
    effect); with ``mmap`` the types that support it leave their bulk data in the file and
    the index is read-only.
    """
    return index_type(kind).load(path, dimension, params or {}, mmap)
