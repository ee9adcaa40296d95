"""Move an index's vectors into another type: what rebuilds and ``auto`` re-choices share."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from corroborate.ann.base import VectorIndex
from corroborate.ann.choice import AUTO_KIND, choose_kind
from corroborate.ann.factory import create_index, index_type

CHUNK = 262_144
"""Vectors copied per step (a quantised target trains on a sample of the first step(s))."""


def exact_vectors(index: VectorIndex, chunk: int = CHUNK) -> Iterator[np.ndarray]:
    """Every vector of a type that keeps them exactly (flat, HNSW), in id order, a chunk at a
    time."""
    if index_type(index.kind).lossy:
        raise ValueError(f"a {index.kind} index keeps only approximate vectors")
    for start in range(0, len(index), chunk):
        yield index.reconstruct(np.arange(start, min(start + chunk, len(index))))


def rechosen(index: VectorIndex, total: int) -> VectorIndex:
    """The index an ``auto`` index should be once it holds ``total`` vectors.

    ``index`` itself while its type is still the one :func:`choose_kind` picks for ``total``
    (or while it keeps only approximate vectors, which could not be copied without loss);
    else a new index of the chosen type, sized for ``total``, holding ``index``'s vectors
    with the same ids. ``index`` is not changed.
    """
    kind = choose_kind(total)
    if kind == index.kind or index_type(index.kind).lossy:
        return index
    target = create_index(AUTO_KIND, index.dimension, expected=total)
    for vectors in exact_vectors(index):
        target.add(vectors)
    return target
