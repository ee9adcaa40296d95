"""Calibrated confidence for the judge's verdicts: P(the verdict is right | kind, raw score).

The judge's raw confidence is whatever probability its rule rests on (the head's mean
P(entails), P(contradicts), P(unrelated), or how related the pair is). Those numbers are not
probabilities of being right, so each *kind* of verdict (``agree``, ``adds_detail``,
``contradicts`` found by a check or by the head, ``unrelated`` on another subject or "same
story, different fact") gets its own monotone map from raw score to the share of such verdicts
that were right on held-out training pairs, fitted by isotonic regression (pool adjacent
violators) and read with linear interpolation, so that nearby raw scores stay nearby.

The maps are stored as JSON in ``corroborate/artifacts/judge_calibration.json`` and written by
``python -m corroborate.training.calibrate``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.errors import CorroborateError

CALIBRATION_FILE = "judge_calibration.json"


def default_calibration_path() -> Path:
    """Where the packaged calibration lives."""
    return Path(str(resources.files("corroborate").joinpath("artifacts", CALIBRATION_FILE)))


def isotonic_fit(
    scores: np.ndarray, correct: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Non-decreasing fit of ``correct`` (0/1) on ``scores`` by pool adjacent violators.

    Returns the knots ``(x, y, n)``: the weighted mean score, the fitted rate and the number
    of points of each pooled block, x increasing and y non-decreasing.
    """
    if len(scores) == 0:
        raise ValueError("isotonic_fit needs at least one score")
    scores = np.asarray(scores, dtype=np.float64)
    w = np.ones_like(scores) if weights is None else np.asarray(weights, dtype=np.float64)
    # equal scores form one point first, so that the knots' x are distinct
    x, which, counts = np.unique(scores, return_inverse=True, return_counts=True)
    total = np.bincount(which, weights=w)
    hits = np.bincount(which, weights=w * np.asarray(correct, dtype=np.float64))
    # each block: total weight, weighted sum of y, weighted sum of x, number of points
    blocks: list[list[float]] = []
    for xi, wi, hi, ni in zip(x, total, hits, counts, strict=True):
        blocks.append([wi, hi, wi * xi, float(ni)])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][0] > blocks[-1][1] / blocks[-1][0]:
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    knots = np.array(blocks)
    return knots[:, 2] / knots[:, 0], knots[:, 1] / knots[:, 0], knots[:, 3]


def shrunk(rates: np.ndarray, counts: np.ndarray, base: float, strength: float) -> np.ndarray:
    """Each block's rate pulled towards ``base`` as if ``strength`` more points at the base
    rate were in it (small blocks at the ends of the range then cannot claim 0 or 1), kept
    non-decreasing."""
    pulled = (rates * counts + base * strength) / (counts + strength)
    return np.maximum.accumulate(pulled)


def _without_flat_interiors(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The knots less those inside a flat run (same y on both sides), which leaves the map
    as it was, and less all but the last of knots at one x."""
    keep = np.ones(len(y), dtype=bool)
    keep[1:-1] = (y[1:-1] != y[:-2]) | (y[1:-1] != y[2:])
    keep[:-1] &= x[:-1] != x[1:]  # knots that rounding made equal: keep the last
    return x[keep], y[keep]


@dataclass(frozen=True)
class CalibrationMap:
    """One verdict kind's map from raw score to calibrated confidence."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    pairs: int
    """How many held-out verdicts of this kind the map was fitted on."""

    def __call__(self, raw: float) -> float:
        return float(np.interp(raw, self.x, self.y))

    def to_dict(self) -> dict[str, Any]:
        return {"x": list(self.x), "y": list(self.y), "pairs": self.pairs}


@dataclass(frozen=True)
class Calibration:
    """Calibrated confidence per verdict kind; kinds without a map keep their raw score."""

    maps: Mapping[str, CalibrationMap]
    metadata: Mapping[str, Any]

    def confidence(self, kind: str, raw: float) -> float:
        """The calibrated confidence of a verdict of ``kind`` with raw score ``raw``."""
        found = self.maps.get(kind)
        return found(raw) if found is not None else raw

    @classmethod
    def fit(
        cls,
        kinds: Sequence[str],
        raw: np.ndarray,
        correct: np.ndarray,
        weights: np.ndarray,
        metadata: Mapping[str, Any],
        min_pairs: int = 30,
        prior_pairs: float = 20.0,
    ) -> Calibration:
        """One isotonic map per kind with at least ``min_pairs`` verdicts, each block shrunk
        towards the kind's overall rate by ``prior_pairs`` (:func:`shrunk`)."""
        kinds_array = np.asarray(kinds)
        maps = {}
        for kind in sorted(set(kinds)):
            mask = kinds_array == kind
            if mask.sum() < min_pairs:
                continue
            x, y, n = isotonic_fit(raw[mask], correct[mask], weights[mask])
            base = float(np.average(correct[mask], weights=weights[mask]))
            y = shrunk(y, n, base, prior_pairs)
            x, y = _without_flat_interiors(np.round(x, 5), np.round(y, 5))
            maps[kind] = CalibrationMap(
                tuple(float(v) for v in x), tuple(float(v) for v in y), int(mask.sum())
            )
        return cls(maps, dict(metadata))

    def save(self, path: Path) -> None:
        """Write the maps as JSON (temp file + rename)."""
        data = {"maps": {k: m.to_dict() for k, m in self.maps.items()}, **self.metadata}
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        """Read a calibration written by :meth:`save` (the packaged one by default)."""
        path = Path(path) if path is not None else default_calibration_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            maps = {
                kind: CalibrationMap(tuple(m["x"]), tuple(m["y"]), int(m["pairs"]))
                for kind, m in data.pop("maps").items()
            }
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CorroborateError(
                f"judge calibration {path} is missing or unreadable ({error}); reinstall the "
                "package or rewrite it with `python -m corroborate.training.calibrate`"
            ) from error
        return cls(maps, data)


def expected_calibration_error(
    confidence: np.ndarray,
    correct: np.ndarray,
    weights: np.ndarray | None = None,
    bins: int = 10,
) -> float:
    """ECE: the (weighted) gap between confidence and accuracy over equal-width bins."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    weights = np.ones_like(confidence) if weights is None else np.asarray(weights, np.float64)
    if len(confidence) == 0 or weights.sum() == 0:
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            w = weights[mask]
            gap = np.average(confidence[mask], weights=w) - np.average(correct[mask], weights=w)
            total += w.sum() * abs(gap)
    return float(total / weights.sum())
