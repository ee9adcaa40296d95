"""Relation-model building blocks that need no sentence model: features, rules, cache, metrics."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from corroborate.bench.metrics import f1, macro_f1
from corroborate.datasets import RELATIONS
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.features import LEXICAL_NAMES, lexical_features, pair_features
from corroborate.training.evaluate import fnc1_score
from corroborate.training.negation import negate


def lexical(a: str, b: str) -> dict[str, float]:
    return dict(zip(LEXICAL_NAMES, lexical_features(a, b), strict=True))


def test_lexical_features_flag_number_and_negation_mismatches() -> None:
    same = lexical("Sales rose 5% in 2020.", "Sales rose 5% in 2020.")
    changed = lexical("Sales rose 5% in 2020.", "Sales did not rise 7% in 2020.")
    assert same["b_numbers_missing_in_a"] == 0.0
    assert changed["b_numbers_missing_in_a"] == 1.0
    assert same["negation_parity_differs"] == 0.0
    assert changed["negation_parity_differs"] == 1.0
    assert same["b_tokens_in_a"] == 1.0
    assert changed["b_tokens_in_a"] < 1.0


def test_lexical_coverage_is_directional() -> None:
    features = lexical("A man in a red shirt is playing guitar on stage.", "A man plays.")
    assert features["a_content_in_b"] < features["b_content_in_a"]
    assert features["log_length_ratio"] < 0


def test_pair_features_concatenate_vectors_and_lexical_cues() -> None:
    u = np.eye(3, dtype=np.float32)[:2]
    v = np.eye(3, dtype=np.float32)[[0, 2]]
    features = pair_features(u, v, ["a b", "c d"], ["a b", "e f"])
    assert features.shape == (2, 4 * 3 + len(LEXICAL_NAMES))
    cosine = features[:, 4 * 3 + LEXICAL_NAMES.index("cosine")]
    assert cosine.tolist() == [1.0, 0.0]
    with pytest.raises(ValueError):
        pair_features(u, v, ["only one text"], ["a", "b"])


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("A man is sleeping.", "A man is not sleeping."),
        ("Two dogs are not running.", "Two dogs are running."),
        ("The minister has resigned.", "The minister has not resigned."),
        ("The cat sat.", None),
    ],
)
def test_negate_flips_the_first_auxiliary(sentence: str, negated: str | None) -> None:
    assert negate(sentence) == negated


class CountingEmbedder:
    """Fake embedder: a text's vector is its length on the first axis."""

    model = "fake"
    dimension = 2

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_embedding_cache_encodes_each_text_once_across_instances(tmp_path: Path) -> None:
    embedder = CountingEmbedder()
    first = EmbeddingCache(tmp_path, "fake", embedder)
    vectors = first.encode(["abc", "de", "abc"])
    assert vectors[:, 0].tolist() == [3.0, 2.0, 3.0]
    assert sorted(embedder.encoded) == ["abc", "de"]
    second = EmbeddingCache(tmp_path, "fake", embedder)
    assert len(second) == 2
    assert second.encode(["de", "f"])[:, 0].tolist() == [2.0, 1.0]
    assert sorted(embedder.encoded) == ["abc", "de", "f"]


def test_metrics_on_hand_counted_cases() -> None:
    gold = np.array([1, 1, 0, 0])
    predicted = np.array([1, 0, 0, 1])
    assert f1(gold, predicted, 1) == pytest.approx(0.5)
    assert macro_f1(gold, gold) == 1.0
    unrelated = RELATIONS.index("unrelated")
    agree = RELATIONS.index("entails")
    stances = np.array([unrelated, agree, agree])
    assert fnc1_score(stances, stances) == 100.0
    always_unrelated = np.full(3, unrelated)
    assert fnc1_score(stances, always_unrelated) == pytest.approx(100 * 0.25 / 2.25)
