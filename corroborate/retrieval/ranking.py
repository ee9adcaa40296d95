"""A ranked result list (row ids with their scores, best first) and how to cut one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Ranking:
    """Row ids (int64) and their scores (float32), best first, of equal length."""

    ids: np.ndarray
    scores: np.ndarray

    def __post_init__(self) -> None:
        if self.ids.shape != self.scores.shape or self.ids.ndim != 1:
            raise ValueError(
                f"ids {self.ids.shape} and scores {self.scores.shape} must be 1-d "
                "and of the same length"
            )

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def empty(cls) -> Ranking:
        """A ranking with no rows."""
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


def top_k(scores: np.ndarray, k: int, *, floor: float | None = None) -> Ranking:
    """The ``k`` best rows of a score vector (ties broken by lower id).

    Rows scoring ``floor`` or less are left out when ``floor`` is given.
    """
    candidates = np.arange(len(scores)) if floor is None else np.flatnonzero(scores > floor)
    ids = candidates[np.argsort(-scores[candidates], kind="stable")[:k]].astype(np.int64)
    return Ranking(ids, scores[ids].astype(np.float32))
