"""The interface every embedder backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

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


@runtime_checkable
class TokenWindow(Protocol):
    """An embedder that reads at most ``max_tokens`` tokens of a text (the rest is cut)."""

    max_tokens: int

    def count_tokens(self, text: str) -> int:
        """How many tokens ``text`` takes, special tokens included, before any cut."""
        ...


def token_overflow(embedder: object, text: str) -> tuple[int, int] | None:
    """``(tokens, window)`` when ``embedder`` reads only part of ``text``, else None (also
    for an embedder with no token window)."""
    if not isinstance(embedder, TokenWindow):
        return None
    tokens = embedder.count_tokens(text)
    return (tokens, embedder.max_tokens) if tokens > embedder.max_tokens else None
