"""The shipped relation head: loads, gives probabilities, and separates obvious pairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.datasets import RELATIONS
from corroborate.errors import CorroborateError
from corroborate.relations.features import LEXICAL_NAMES
from corroborate.relations.mlp import RelationHead, default_artifact_path

ARTIFACT_LIMIT_BYTES = 30 * 1024 * 1024


@pytest.fixture(scope="module")
def head() -> RelationHead:
    return RelationHead.load()


def random_pairs(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    rng = np.random.default_rng(seed)
    u, v = (rng.normal(size=(count, 384)).astype(np.float32) for _ in range(2))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    texts_a = [f"Officials said {i} people were hurt on Monday." for i in range(count)]
    texts_b = [f"Nobody was hurt in the storm {i % 3} days ago." for i in range(count)]
    return u, v, texts_a, texts_b


def test_shipped_artifact_is_small_and_documented(head: RelationHead) -> None:
    path = default_artifact_path()
    assert path.stat().st_size <= ARTIFACT_LIMIT_BYTES
    assert (path.parent / "RELATION_MODEL.md").is_file()
    assert head.labels == RELATIONS
    assert head.weights[0].shape[0] == 4 * 384 + len(LEXICAL_NAMES)
    assert head.metadata is not None and "held_out_metrics" in head.metadata


def test_probabilities_have_one_row_per_pair_and_sum_to_one(head: RelationHead) -> None:
    proba = head.predict_proba(*random_pairs(50))
    assert proba.shape == (50, 4)
    assert np.all(proba >= 0)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)


def test_predictions_are_deterministic_and_row_independent(head: RelationHead) -> None:
    u, v, a, b = random_pairs(20)
    whole = head.predict_proba(u, v, a, b)
    np.testing.assert_array_equal(whole, head.predict_proba(u, v, a, b))
    np.testing.assert_allclose(
        whole[5:6], head.predict_proba(u[5:6], v[5:6], a[5:6], b[5:6]), rtol=1e-5, atol=1e-6
    )


def test_save_and_load_round_trip(head: RelationHead, tmp_path: Path) -> None:
    path = tmp_path / "head.npz"
    head.save(path)
    again = RelationHead.load(path)
    pairs = random_pairs(10)
    np.testing.assert_allclose(head.predict_proba(*pairs), again.predict_proba(*pairs), atol=1e-6)


def test_loading_a_missing_artifact_says_how_to_get_one(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match=r"corroborate\.training\.train"):
        RelationHead.load(tmp_path / "absent.npz")


@pytest.mark.model
def test_separates_paraphrase_unrelated_and_negated_pairs(head: RelationHead) -> None:
    from corroborate.embedders import get_embedder

    claim = "The company reported a profit of 5 million dollars last year."
    others = [
        "Last year the company reported a 5 million dollar profit.",
        "The football team won the championship on Sunday.",
        "The company did not report a profit last year.",
    ]
    vectors = get_embedder().encode([claim, *others])
    u = np.repeat(vectors[:1], len(others), axis=0)
    proba = head.predict_proba(u, vectors[1:], [claim] * len(others), others)
    assert [RELATIONS[i] for i in proba.argmax(axis=1)] == ["entails", "unrelated", "contradicts"]
    backward = head.predict_proba(vectors[1:2], u[:1], others[:1], [claim])
    assert RELATIONS[int(backward.argmax())] == "entails"
