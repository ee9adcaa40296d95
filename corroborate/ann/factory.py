"""Create or load a vector index by kind name."""

from __future__ import annotations

from pathlib import Path

from corroborate.ann.base import VectorIndex
from corroborate.ann.flat import FlatIndex
from corroborate.errors import CorroborateError

DEFAULT_KIND = "flat"
INDEX_KINDS: dict[str, type[FlatIndex]] = {"flat": FlatIndex}


def _kind_class(kind: str) -> type[FlatIndex]:
    try:
        return INDEX_KINDS[kind]
    except KeyError:
        known = ", ".join(sorted(INDEX_KINDS))
        raise CorroborateError(f"unknown index type {kind!r}; known types: {known}") from None


def create_index(kind: str, dimension: int) -> VectorIndex:
    """A new, empty index of ``kind``."""
    return _kind_class(kind)(dimension)


def load_index(kind: str, path: Path, dimension: int) -> VectorIndex:
    """Read an index of ``kind`` written by ``VectorIndex.save``."""
    return _kind_class(kind).load(path, dimension)
