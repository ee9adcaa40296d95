"""Turn a set of allowed row ids into a FAISS ``IDSelector`` for filtered search."""

from __future__ import annotations

from dataclasses import dataclass

import faiss
import numpy as np


@dataclass(frozen=True)
class RowFilter:
    """A bitmap of the rows a search may return, and the share of rows it keeps.

    A bitmap is built in about a millisecond for a million rows, unlike a hash set
    (``IDSelectorBatch``), so the per-query cost stays small even when nearly every row is
    allowed. Keep the object alive while FAISS searches with :attr:`selector`: the selector
    points into :attr:`bits` without owning it.
    """

    selector: faiss.IDSelector
    bits: np.ndarray
    allowed: int
    fraction: float

    @classmethod
    def build(cls, allowed_ids: np.ndarray, ntotal: int) -> RowFilter:
        """A filter over rows ``0..ntotal-1`` keeping ``allowed_ids`` (others are ignored)."""
        mask = np.zeros(ntotal, dtype=bool)
        ids = np.asarray(allowed_ids, dtype=np.int64)
        mask[ids[(ids >= 0) & (ids < ntotal)]] = True
        bits = np.packbits(mask, bitorder="little")
        allowed = int(mask.sum())
        selector = faiss.IDSelectorBitmap(ntotal, faiss.swig_ptr(bits))
        return cls(selector, bits, allowed, allowed / ntotal if ntotal else 0.0)
