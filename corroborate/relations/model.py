"""The interface every relation model meets, in a module of its own so that the judge and the
models it can use (the packaged head, the cross-encoder cascade) never import each other."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class RelationModel(Protocol):
    """Anything giving P(entails, neutral, contradicts, unrelated) for ordered pairs."""

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray: ...
