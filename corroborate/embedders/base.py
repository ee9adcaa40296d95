"""The interface every embedder backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns sentences into L2-normalised float32 vectors.

    ``model`` is the model identity recorded in an index manifest: an index built with one
    model is never searched with another.
    """

    model: str

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Return an array of shape ``(len(texts), dimension)``, each row of unit length."""
        ...
