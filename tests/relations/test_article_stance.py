"""The article-level stance model: features, artifact, library call and ``corroborate stance``."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.errors import CorroborateError, InputError
from corroborate.relations.article_stance import (
    FEATURE_NAMES,
    STANCES,
    ArticleInput,
    article_features,
    sentence_rule,
)
from corroborate.relations.article_stance_model import ArticleStanceModel
from corroborate.relations.judge import RelationJudge
from corroborate.relations.stance_of_article import article_stance, read_article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SUEZ = SEEDS / "aljazeera.com_2021-03-29_suez-canal-ever-given.txt"
DRONES = SEEDS / "apnews.com_2022-07-16_russia-iran-drones.txt"
runner = CliRunner()


class FixedHead:
    """A relation model saying the same thing of every pair: P(entails) high when the
    sentence vectors agree, P(unrelated) high otherwise."""

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        close = np.einsum("ij,ij->i", u, v) > 0.9
        return np.where(close[:, None], [[0.8, 0.1, 0.05, 0.05]], [[0.02, 0.03, 0.05, 0.9]]).astype(
            np.float32
        )


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _features(item: ArticleInput) -> dict[str, float]:
    matrix, _ = article_features([item], RelationJudge(FixedHead()))
    assert matrix.shape == (1, len(FEATURE_NAMES))
    return dict(zip(FEATURE_NAMES, matrix[0].tolist(), strict=True))


CLAIM = "Iran delivered drones to Russia"
SENTENCES = [
    "The weather in Tehran was mild on Tuesday.",
    "Iran delivered drones to Russia, officials in Kyiv said.",
    "Tehran called the report a hoax and said it was false.",
    "It was not clear whether any drones had been delivered.",
]
VECTORS = np.stack([_unit(0, 1, 0), _unit(1, 0.1, 0), _unit(0.5, 0, 1), _unit(0.6, 0.2, 0.8)])


def test_features_on_a_hand_made_article() -> None:
    item = ArticleInput(CLAIM, _unit(1, 0, 0), SENTENCES, VECTORS)
    features = _features(item)
    assert features["cosine_max"] == pytest.approx(float(VECTORS[1, 0]))
    assert features["coverage_best"] == 1.0  # iran, deliver, drone, russia all in sentence 2
    assert features["best_position"] == 0.25  # the second of four sentences
    assert features["body_refuting_share"] == 0.25
    assert features["body_refuting_count"] == pytest.approx(math.log1p(2))  # hoax, false
    assert features["body_open_hedges"] == 0.25
    assert features["body_sentences"] == pytest.approx(math.log1p(4))
    assert features["claim_question"] == 0.0
    # the closest sentence restates the claim: the fixed head says entails, the judge agrees
    assert features["head_fwd_max_entails"] == pytest.approx(0.8)
    assert features["judged_share_agree"] + features["judged_share_adds_detail"] == pytest.approx(
        1 / 3
    )
    assert features["sentence_rule_different_subject"] == 0.0


def test_features_of_an_article_off_the_subject() -> None:
    item = ArticleInput("Salvage teams freed the Ever Given", _unit(0, 0, 1), SENTENCES[:2],
                        VECTORS[:2])  # fmt: skip
    features = _features(item)
    assert features["cosine_max"] == pytest.approx(0.0, abs=1e-6)
    assert features["share_on_subject"] == 0.0
    assert features["coverage_body"] == 0.0
    assert features["sentence_rule_different_subject"] == 1.0
    assert features["judged_share_different_subject"] == 1.0


def test_article_input_checks_its_shapes() -> None:
    with pytest.raises(ValueError, match="at least one sentence"):
        ArticleInput(CLAIM, _unit(1, 0, 0), [], np.zeros((0, 3)))
    with pytest.raises(ValueError, match="2 sentences but 1 vectors"):
        ArticleInput(CLAIM, _unit(1, 0, 0), SENTENCES[:2], VECTORS[:1])


def test_sentence_rule_prefers_a_stance_then_the_subject() -> None:
    assert sentence_rule(["same_story", "contradicts", "agree"]) == "contradicts"
    assert sentence_rule(["different_subject", "same_story"]) == "same_story"
    assert sentence_rule(["different_subject"]) == "different_subject"


def test_packaged_artifact_gives_probabilities() -> None:
    model = ArticleStanceModel.load()
    assert model.metadata["trained_on"] == "FNC-1 train"
    assert model.metadata["labels"] == list(STANCES)
    rows = np.random.default_rng(0).normal(size=(20, len(FEATURE_NAMES))).astype(np.float32)
    probabilities = model.predict_proba(model.mean + rows * model.scale)
    assert probabilities.shape == (20, 4)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert (probabilities >= 0).all()
    assert np.array_equal(probabilities, model.predict_proba(model.mean + rows * model.scale))


def test_model_round_trips_and_rejects_other_features(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    width = len(FEATURE_NAMES)
    layers = (
        (rng.normal(size=(width, 8)).astype(np.float32), rng.normal(size=8).astype(np.float32)),
        (rng.normal(size=(8, 4)).astype(np.float32), rng.normal(size=4).astype(np.float32)),
    )
    model = ArticleStanceModel(layers, np.zeros(width), np.ones(width), {"note": "test"})
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = ArticleStanceModel.load(path)
    rows = rng.normal(size=(5, width)).astype(np.float32)
    assert np.allclose(loaded.predict_proba(rows), model.predict_proba(rows), atol=2e-2)
    assert loaded.metadata["note"] == "test"
    stored = dict(np.load(path))
    stored["metadata"] = np.array(json.dumps({"features": ["other"], "labels": list(STANCES)}))
    np.savez(path, **stored)
    with pytest.raises(CorroborateError, match="other features"):
        ArticleStanceModel.load(path)
    with pytest.raises(CorroborateError, match="not found"):
        ArticleStanceModel.load(tmp_path / "missing.npz")


def test_read_article_drops_the_header_and_reads_plain_text() -> None:
    article = read_article(SUEZ)
    assert article.headline is not None and "Ever Given" in article.headline
    assert not any(line.startswith("https://") for line in article.sentences)
    text = read_article("Ships queued for days. The canal reopened on Monday.")
    assert text.sentences == ["Ships queued for days.", "The canal reopened on Monday."]
    with pytest.raises(InputError, match="no such file"):
        read_article("seeds/no-such-article.txt")


def test_library_call_is_deterministic(embedder) -> None:  # type: ignore[no-untyped-def]
    claim = "Iran has supplied drones to Russia"
    first = article_stance(claim, DRONES, embedder=embedder)
    second = article_stance(claim, DRONES, embedder=embedder)
    assert first == second
    assert first.label in STANCES
    assert sum(first.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert first.confidence == max(first.probabilities.values())
    assert first.evidence[0].cosine >= first.evidence[-1].cosine
    assert first.evidence[0].verdict is not None


def test_cli_json_on_an_unrelated_seed_article(embedder) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app, ["stance", "Russia fired Iranian-made drones at Kyiv", str(SUEZ), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["label"] == "unrelated"
    assert report["headline"].startswith("Suez Canal")
    assert set(report["probabilities"]) == set(STANCES)
    assert all(sentence["verdict"] for sentence in report["evidence"][:3])


def test_cli_table_and_missing_file(embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = runner.invoke(app, ["stance", "The Ever Given was freed", str(SUEZ)])
    assert shown.exit_code == 0, shown.output
    assert "closest sentences" in shown.stdout
    missing = runner.invoke(app, ["stance", "Any claim", str(tmp_path / "absent.txt")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_cli_help_has_an_example() -> None:
    result = runner.invoke(app, ["stance", "--help"])
    assert result.exit_code == 0
    assert "corroborate stance" in result.stdout
    assert "--json" in result.stdout
