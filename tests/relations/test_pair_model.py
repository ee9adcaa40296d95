"""The shipped pair model: loads offline with onnxruntime and gives six probabilities a pair."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import CorroborateError
from corroborate.relations.pair_model import PAIR_CLASSES, PairModel, load_pair_model


def test_the_packaged_model_gives_a_distribution_per_pair_in_input_order() -> None:
    model = load_pair_model()
    texts_a = ["Iran will supply Russia with up to 300 drones.", "The bridge collapsed."]
    texts_b = ["Iran will supply Russia with hundreds of drones.", "The bridge collapsed."]
    together = model.predict(texts_a, texts_b)
    assert together.shape == (2, len(PAIR_CLASSES))
    assert np.allclose(together.sum(axis=1), 1.0, atol=1e-4)
    alone = model.predict(texts_a[1:], texts_b[1:])
    assert np.allclose(alone[0], together[1], atol=0.05)
    assert model.predict([], []).shape == (0, len(PAIR_CLASSES))


def test_a_missing_model_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="train_pair_model"):
        PairModel(tmp_path / "absent.onnx")
