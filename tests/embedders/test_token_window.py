"""Both backends of the packaged model report their token window and how many tokens a text
takes."""

from __future__ import annotations

import pytest

from corroborate.embedders import get_embedder, token_overflow


@pytest.mark.model
@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_the_packaged_model_counts_tokens_against_its_window(backend: str) -> None:
    embedder = get_embedder(backend=backend)
    window = embedder.max_tokens  # type: ignore[attr-defined]
    assert window == 256
    short = embedder.count_tokens("Moscow wants hundreds of Iranian drones")  # type: ignore[attr-defined]
    assert 6 < short < 20
    assert token_overflow(embedder, "Moscow wants drones") is None
    tokens, reported = token_overflow(embedder, " ".join(["drones"] * 300)) or (0, 0)
    assert reported == window and tokens > 300
