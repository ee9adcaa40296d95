"""Fit the judge's confidence calibration on held-out training pairs and write the artifact.

    python -m corroborate.training.calibrate --data-dir ../shared/datasets

The pairs are the tenth of each training source that the relation head never trained on
(the same group split as ``corroborate.training.train``). Each verdict is right when its
coarse class matches the gold one: agree or adds_detail for an entailed pair, contradicts for
a contradiction, unrelated for a neutral or unrelated pair. Sources are weighted with the
head's training shares. The printed ECE comes from two-fold cross-fitting (fit on one half of
the groups, measure on the other), so it is not measured on the pairs it was fitted on.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corroborate.datasets import DEFAULT_DATA_DIR, LabeledPair
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.relations.calibration import (
    Calibration,
    default_calibration_path,
    expected_calibration_error,
)
from corroborate.relations.judge import Judgement, RelationJudge, verdict_kind
from corroborate.training.train import SOURCE_SHARES, Settings, is_held_out
from corroborate.training.training_data import training_pairs

COARSE_GOLD = {"entails": "supports", "contradicts": "contradicts"}
COARSE_VERDICT = {"agree": "supports", "adds_detail": "supports", "contradicts": "contradicts"}


def is_right(pair: LabeledPair, judgement: Judgement) -> bool:
    """Whether the verdict's coarse class (supports / contradicts / other) is the gold one."""
    gold = COARSE_GOLD.get(pair.label, "other")
    return COARSE_VERDICT.get(judgement.label, "other") == gold


def held_out_pairs(
    data_dir: Path, cache: EmbeddingCache, seed: int
) -> list[tuple[str, LabeledPair]]:
    """(source, pair) for every held-out training pair, in a fixed order."""
    share = Settings().held_out_share
    return [
        (source, pair)
        for source, pairs in training_pairs(data_dir, cache, seed).items()
        for pair in pairs
        if is_held_out(pair.group, seed, share)
    ]


def cross_fit(
    kinds: Sequence[str],
    raw: np.ndarray,
    correct: np.ndarray,
    weights: np.ndarray,
    fold: np.ndarray,
) -> np.ndarray:
    """Calibrated confidences, each from maps fitted on the other half (``fold``) of the
    pairs: what the ECE is measured on, so it is not measured on the pairs it was fitted on."""
    cross_fitted = np.empty_like(raw)
    for side in (False, True):
        fitted = Calibration.fit(
            [k for k, f in zip(kinds, fold, strict=True) if f != side],
            raw[fold != side],
            correct[fold != side],
            weights[fold != side],
            {},
        )
        cross_fitted[fold == side] = [
            fitted.confidence(k, r) for k, r, f in zip(kinds, raw, fold, strict=True) if f == side
        ]
    return cross_fitted


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=default_calibration_path())
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--seed", type=int, default=Settings.seed)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cache = EmbeddingCache(args.cache_dir)
    rows = held_out_pairs(args.data_dir, cache, args.seed)
    pairs = [pair for _, pair in rows]
    sources = np.array([source for source, _ in rows])
    u = cache.encode([p.text_a for p in pairs], show_progress=True)
    v = cache.encode([p.text_b for p in pairs], show_progress=True)
    judged = RelationJudge(calibrate=False).judge(
        [p.text_a for p in pairs], [p.text_b for p in pairs], u, v
    )
    kinds = [verdict_kind(j) for j in judged]
    raw = np.array([j.confidence for j in judged])
    correct = np.array([is_right(p, j) for p, j in zip(pairs, judged, strict=True)], dtype=float)
    counts = {s: int((sources == s).sum()) for s in SOURCE_SHARES}
    weights = np.array([SOURCE_SHARES[s] / counts[s] for s in sources])
    fold = np.array([is_held_out(p.group, args.seed + 1, 0.5) for p in pairs])
    cross_fitted = cross_fit(kinds, raw, correct, weights, fold)
    metadata = {
        "fitted_on": "held-out tenth of the relation head's training sources (by group)",
        "sources": counts,
        "source_shares": SOURCE_SHARES,
        "seed": args.seed,
        "ece_raw": round(expected_calibration_error(raw, correct, weights), 4),
        "ece_calibrated_cross_fitted": round(
            expected_calibration_error(cross_fitted, correct, weights), 4
        ),
        "accuracy": round(float(np.average(correct, weights=weights)), 4),
    }
    calibration = Calibration.fit(kinds, raw, correct, weights, metadata)
    calibration.save(args.out)
    for kind, mapped in calibration.maps.items():
        mask = np.array(kinds) == kind
        print(
            f"{kind:22s} verdicts {mapped.pairs:6d}  right {correct[mask].mean():.3f}  "
            f"raw mean {raw[mask].mean():.3f}"
        )
    print(
        f"ECE raw {metadata['ece_raw']:.4f} -> calibrated (cross-fitted) "
        f"{metadata['ece_calibrated_cross_fitted']:.4f} over {len(pairs)} pairs; "
        f"wrote {args.out} in {time.perf_counter() - started:.0f}s"
    )


if __name__ == "__main__":
    main()
