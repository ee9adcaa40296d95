"""The interface every vector index backend implements."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np


class VectorIndex(Protocol):
    """An inner-product index over unit vectors; row ids are 0..len-1 in insertion order."""

    kind: str
    dimension: int

    @property
    def params(self) -> dict[str, Any]:
        """Parameters recorded in the manifest so the index can be rebuilt the same way."""
        ...

    def __len__(self) -> int: ...

    def add(self, vectors: np.ndarray) -> None:
        """Append vectors; their ids continue from the current length."""
        ...

    def search(
        self, queries: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(scores, ids)`` of shape ``(len(queries), k)``; missing slots have id -1.

        ``allowed_ids`` restricts the search to those rows (filters by date or source).
        """
        ...

    def reconstruct(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of rows ``ids`` (approximate for quantised types)."""
        ...

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (the caller makes the write atomic)."""
        ...
