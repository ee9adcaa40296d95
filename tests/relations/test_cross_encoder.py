"""The packaged NLI cross-encoder and the head -> cross-encoder cascade."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from corroborate.datasets.records import RELATIONS
from corroborate.errors import CorroborateError
from corroborate.relations.cross_encoder import (
    EVERY_PAIR,
    CascadeGate,
    CrossEncoderRelations,
)
from corroborate.relations.packaged_nli import (
    NLI_LABELS,
    WEIGHTS_FILE,
    PackagedNLI,
    default_artifact_dir,
    export_cross_encoder,
)

ENTAILMENT = NLI_LABELS.index("entailment")
CONTRADICTION = NLI_LABELS.index("contradiction")


@pytest.fixture(scope="module")
def packaged() -> PackagedNLI:
    """The shipped artifact as the judge loads it (fp32 compute)."""
    return PackagedNLI()


def test_artifact_is_small_and_packaged() -> None:
    weights = default_artifact_dir() / WEIGHTS_FILE
    assert weights.is_file()
    assert weights.stat().st_size < 30_000_000


def test_probabilities_are_three_way_distributions(packaged: PackagedNLI) -> None:
    pairs = [
        ("A man is playing a guitar on stage.", "A man is performing music."),
        ("The cat sleeps on the sofa.", "Stock markets fell sharply on Monday."),
    ]
    probabilities = packaged.predict(pairs)
    assert probabilities.shape == (2, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert packaged.labels == ("entailment", "neutral", "contradiction")


@pytest.mark.parametrize(
    ("premise", "hypothesis", "label"),
    [
        ("A man is playing a guitar on stage.", "A man is playing an instrument.", ENTAILMENT),
        (
            "Two children are playing soccer in the park.",
            "Nobody is playing soccer in the park.",
            CONTRADICTION,
        ),
        (
            "The company said it did not sign the contract.",
            "The company signed the contract.",
            CONTRADICTION,
        ),
        (
            "The storm killed three people in the village.",
            "The storm killed nobody in the village.",
            CONTRADICTION,
        ),
    ],
)
def test_obvious_pairs(packaged: PackagedNLI, premise: str, hypothesis: str, label: int) -> None:
    assert int(packaged.predict([(premise, hypothesis)])[0].argmax()) == label


class _FixedHead:
    """A stand-in head: the given P(unrelated), the rest spread evenly."""

    def __init__(self, unrelated: Sequence[float]) -> None:
        self.unrelated = np.asarray(unrelated, dtype=np.float32)

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        probabilities = np.repeat(((1 - self.unrelated) / 3)[:, None], 4, axis=1)
        probabilities[:, RELATIONS.index("unrelated")] = self.unrelated
        return probabilities


class _RecordingNLI:
    """A stand-in NLI model that always says contradiction and records what it saw."""

    labels: tuple[str, ...] = ("contradiction", "entailment", "neutral")

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.seen += list(pairs)
        return np.tile(np.array([[0.9, 0.05, 0.05]], dtype=np.float32), (len(pairs), 1))


def _unit_pairs(cosines: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    angles = np.arccos(np.asarray(cosines))
    u = np.tile(np.array([[1.0, 0.0]]), (len(cosines), 1))
    v = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return u.astype(np.float32), v.astype(np.float32)


def test_cascade_sends_only_gated_pairs() -> None:
    head = _FixedHead([0.1, 0.1, 0.9, 0.6])
    nli = _RecordingNLI()
    cascade = CrossEncoderRelations(nli, head, CascadeGate(min_cosine=0.63, max_unrelated=0.8))
    u, v = _unit_pairs([0.9, 0.5, 0.9, 0.7])
    texts_a, texts_b = ["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3"]
    probabilities = cascade.predict_proba(u, v, texts_a, texts_b)
    # pair 1 is below the similarity gate, pair 2 is ruled unrelated by the head
    assert nli.seen == [("a0", "b0"), ("a3", "b3")]
    assert cascade.scored_pairs == 2
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-6)
    contradicts = RELATIONS.index("contradicts")
    assert probabilities[0, contradicts] == pytest.approx(0.9 * 0.9)
    assert probabilities[3, contradicts] == pytest.approx(0.9 * 0.4)
    assert np.allclose(probabilities[[1, 2]], head.predict_proba(u, v, texts_a, texts_b)[[1, 2]])


def test_cascade_without_gate_scores_every_pair() -> None:
    nli = _RecordingNLI()
    cascade = CrossEncoderRelations(nli, _FixedHead([0.95, 0.1]), EVERY_PAIR)
    u, v = _unit_pairs([0.1, 0.2])
    cascade.predict_proba(u, v, ["a", "b"], ["c", "d"])
    assert len(nli.seen) == 2


def test_non_nli_labels_are_refused() -> None:
    nli = _RecordingNLI()
    nli.labels = ("negative", "positive", "other")
    with pytest.raises(CorroborateError, match="entailment"):
        CrossEncoderRelations(nli, _FixedHead([0.1]))


def test_export_is_a_standard_cross_encoder(tmp_path: Path, packaged: PackagedNLI) -> None:
    """The exported folder loads by path like any sentence-transformers CrossEncoder and gives
    the packaged model's fp32 answers (the int8 form gives the same label)."""
    folder = export_cross_encoder(tmp_path / "nli")
    pairs = [("A woman is slicing an onion.", "A woman is cutting a vegetable.")]
    cascade = CrossEncoderRelations(str(folder), _FixedHead([0.0]), EVERY_PAIR)
    exported = cascade.scorer.predict(pairs)
    assert cascade.scorer.labels == NLI_LABELS
    assert np.allclose(exported, packaged.predict(pairs), atol=1e-4)
    assert exported.argmax() == PackagedNLI(quantize=True).predict(pairs).argmax() == ENTAILMENT


@pytest.fixture(scope="module")
def cascade_judge():  # type: ignore[no-untyped-def]
    from corroborate.relations.judge import get_judge

    return get_judge("packaged")


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        (
            "The storm killed three people in the village on Sunday.",
            "The storm killed twelve people in the village on Sunday.",
            "contradicts",
        ),
        (
            "The minister resigned on Monday after the vote.",
            "The minister did not resign on Monday after the vote.",
            "contradicts",
        ),
        (
            "The minister resigned on Monday after the vote.",
            "The minister resigned on Monday after losing the vote in parliament.",
            "adds_detail",
        ),
    ],
)
def test_cascade_judge_on_hand_made_pairs(
    cascade_judge, embedder, a: str, b: str, label: str
) -> None:  # type: ignore[no-untyped-def]
    vectors = embedder.encode([a, b])
    (verdict,) = cascade_judge.judge([a], [b], vectors[:1], vectors[1:])
    assert verdict.label == label
