"""Fit the pair-model judge's confidence calibration and write the artifact.

    python -m corroborate.training.calibrate_pair_judge --data-dir ../shared/datasets

Fitted on the project's dev set (``benchmarks/devset/news_pairs.csv``: a verdict is right when
its label is the gold one) and on the pairs the pair model held out of its training (right
when the verdict's class is among those the pair's label allows), the two weighted equally.
The printed ECE is cross-fitted (two folds by group).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.relations.calibration import (
    Calibration,
    default_calibration_path,
    expected_calibration_error,
)
from corroborate.relations.judge import PAIR_CALIBRATION, Judgement, RelationJudge, verdict_kind
from corroborate.relations.pair_judge import verdict_class
from corroborate.relations.pair_model import load_pair_model
from corroborate.training.calibrate import cross_fit
from corroborate.training.pair_data import SOURCE_SIZES, pair_training_data
from corroborate.training.train import is_held_out
from corroborate.training.train_cross_encoder import LEXICAL_MODEL, LexicalEmbedder
from corroborate.training.train_pair_model import DEV_SET, Settings, read_dev_set, split_pairs

TRAINING_SCALE = 0.75
"""The share of :data:`SOURCE_SIZES` the shipped pair model was trained with."""
DEV_LABELS = ("agree", "adds_detail", "contradicts", "unrelated")


def _judge(texts_a: list[str], texts_b: list[str], cache: EmbeddingCache) -> list[Judgement]:
    """Raw (uncalibrated) verdicts of the pair-model judge: what the calibration is fitted on."""
    judge = RelationJudge(pair_model=load_pair_model(), calibrate=False)
    return judge.judge(texts_a, texts_b, cache.encode(texts_a), cache.encode(texts_b))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument(
        "--out", type=Path, default=default_calibration_path().with_name(PAIR_CALIBRATION)
    )
    args = parser.parse_args(argv)
    settings = Settings()
    sizes = {k: max(1, round(v * TRAINING_SCALE)) for k, v in SOURCE_SIZES.items()}
    lexical = EmbeddingCache(DEFAULT_CACHE_DIR, LEXICAL_MODEL, LexicalEmbedder())
    _, held_out = split_pairs(
        pair_training_data(args.data_dir, lexical, settings.seed, sizes), settings
    )
    dev = read_dev_set(args.dev_set)
    cache = EmbeddingCache(args.cache_dir)
    dev_judged = _judge([a for a, _, _ in dev], [b for _, b, _ in dev], cache)
    held_judged = _judge([p.text_a for p in held_out], [p.text_b for p in held_out], cache)
    judged = dev_judged + held_judged
    correct = np.array(
        [j.label == DEV_LABELS[label] for j, (_, _, label) in zip(dev_judged, dev, strict=True)]
        + [verdict_class(j) in p.allowed for j, p in zip(held_judged, held_out, strict=True)],
        dtype=float,
    )
    weights = np.array([1 / len(dev)] * len(dev) + [1 / len(held_out)] * len(held_out))
    groups = [f"dev:{i // 4}" for i in range(len(dev))] + [p.group for p in held_out]
    fold = np.array([is_held_out(group, settings.seed + 1, 0.5) for group in groups])
    kinds = [verdict_kind(j) for j in judged]
    raw = np.array([j.confidence for j in judged])
    cross_fitted = cross_fit(kinds, raw, correct, weights, fold)
    metadata = {
        "fitted_on": "the dev set and the pair model's held-out training pairs, equally weighted",
        "pairs": {"dev": len(dev), "held_out": len(held_out)},
        "ece_raw": round(expected_calibration_error(raw, correct, weights), 4),
        "ece_calibrated_cross_fitted": round(
            expected_calibration_error(cross_fitted, correct, weights), 4
        ),
        "accuracy": round(float(np.average(correct, weights=weights)), 4),
    }
    Calibration.fit(kinds, raw, correct, weights, metadata).save(args.out)
    print(f"{metadata}; wrote {args.out}")


if __name__ == "__main__":
    main()
