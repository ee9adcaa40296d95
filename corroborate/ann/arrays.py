"""Checks shared by the index backends on the arrays they are given."""

from __future__ import annotations

import numpy as np

from corroborate.errors import CorroborateError


def as_rows(vectors: np.ndarray, dimension: int) -> np.ndarray:
    """``vectors`` as a C-contiguous float32 matrix of ``dimension`` columns."""
    if vectors.ndim != 2 or vectors.shape[1] != dimension:
        raise ValueError(f"expected vectors of shape (n, {dimension}), got {vectors.shape}")
    return np.ascontiguousarray(vectors, dtype=np.float32)


def refuse_read_only(kind: str) -> CorroborateError:
    """The error for adding to an index opened memory-mapped, read-only."""
    return CorroborateError(
        f"this {kind} index was opened read-only (memory-mapped); load it with mmap=False to add"
    )
