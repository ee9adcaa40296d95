"""The shipped pair model: loads offline with onnxruntime and gives six probabilities a pair."""

from __future__ import annotations

import pickle
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


PAIRS_A = [
    "Russia wants hundreds of Iranian drones for its war in Ukraine.",
    "The balloon was shot down off South Carolina.",
    "Blinken postponed his trip to Beijing.",
]
PAIRS_B = [
    "Iran is preparing to supply Russia with up to 300 drones.",
    "A second balloon was seen over Latin America.",
    "The canal reopened to traffic on Monday.",
]
_SWAPPED = [
    PAIR_CLASSES.index(name)
    for name in ("agree", "adds_b", "adds_a", "contradicts", "related", "unrelated")
]


def test_a_pair_read_alone_gets_the_same_probabilities_whatever_is_read_beside_it() -> None:
    model = load_pair_model()
    each = model.predict_each(PAIRS_A, PAIRS_B)
    for i in range(len(PAIRS_A)):
        assert np.array_equal(
            model.predict_each(PAIRS_A[i : i + 1], PAIRS_B[i : i + 1])[0], each[i]
        )
    assert model.predict_each([], []).shape == (0, len(PAIR_CLASSES))


def test_a_pair_reads_the_same_in_either_order_with_the_adding_sides_swapped() -> None:
    model = load_pair_model()
    forward = model.predict_each(PAIRS_A, PAIRS_B)
    backward = model.predict_each(PAIRS_B, PAIRS_A)
    canonical = model.predict_canonical(PAIRS_A, PAIRS_B)
    assert np.allclose(canonical, model.predict_canonical(PAIRS_B, PAIRS_A)[:, _SWAPPED])
    for row, (a, b) in enumerate(zip(PAIRS_A, PAIRS_B, strict=True)):
        # read once, shorter claim first (ties by text: row 1)
        expected = forward[row] if (len(a), a) <= (len(b), b) else backward[row][_SWAPPED]
        assert np.allclose(canonical[row], expected)
    assert not np.allclose(forward, backward[:, _SWAPPED])


def test_pairs_read_before_are_remembered_not_run_again(monkeypatch: pytest.MonkeyPatch) -> None:
    model = PairModel()
    first = model.predict_canonical(PAIRS_A, PAIRS_B)
    runs: list[int] = []
    run = model._run
    monkeypatch.setattr(model, "_run", lambda batch: runs.append(len(batch)) or run(batch))
    # the first pair turned round is a pair read before; the last is new
    again = model.predict_canonical(
        [PAIRS_B[0], *PAIRS_A, PAIRS_B[0]], [PAIRS_A[0], *PAIRS_B, PAIRS_B[1]]
    )
    assert runs == [1]
    assert np.array_equal(again[1:4], first)
    assert np.array_equal(again[0], first[0][_SWAPPED])


def test_the_model_pickles_as_its_path_for_ray_workers() -> None:
    model = load_pair_model()
    copy = pickle.loads(pickle.dumps(model))
    assert copy.path == model.path and copy is not model
    assert np.array_equal(copy.predict_each(PAIRS_A, PAIRS_B), model.predict_each(PAIRS_A, PAIRS_B))
