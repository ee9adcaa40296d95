"""The packaged model reports its token window and how many tokens a text takes."""

from __future__ import annotations

import pytest

from corroborate.embedders import token_overflow


@pytest.mark.model
def test_the_packaged_model_counts_tokens_against_its_window(embedder) -> None:  # type: ignore[no-untyped-def]
    assert embedder.max_tokens == 256
    short = embedder.count_tokens("Moscow wants hundreds of Iranian drones")
    assert 6 < short < 20
    assert token_overflow(embedder, "Moscow wants drones") is None
    tokens, window = token_overflow(embedder, " ".join(["drones"] * 300)) or (0, 0)
    assert window == 256 and tokens > 300
