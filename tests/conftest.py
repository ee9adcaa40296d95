"""Shared fixtures: the embedding model is loaded once per test session."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The packaged MiniLM embedder (cached by ``get_embedder`` for the whole session)."""
    from corroborate.embedders import get_embedder

    return get_embedder()
