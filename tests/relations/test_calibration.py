"""Isotonic calibration of the judge's confidence: fitting, reading, saving, ECE."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import CorroborateError
from corroborate.relations.calibration import (
    Calibration,
    expected_calibration_error,
    isotonic_fit,
    shrunk,
)


def test_isotonic_fit_pools_violators_and_is_non_decreasing() -> None:
    x, y, n = isotonic_fit(np.array([0.4, 0.1, 0.3, 0.2]), np.array([1, 1, 1, 0]))
    # sorted: 0.1 -> 1, 0.2 -> 0 violate and pool to 0.5 at x 0.15; then 1, 1
    assert list(np.round(x, 3)) == [0.15, 0.3, 0.4]
    assert list(y) == [0.5, 1.0, 1.0]
    assert list(n) == [2, 1, 1]
    assert np.all(np.diff(y) >= 0)


def test_shrinking_keeps_small_end_blocks_off_zero_and_one_and_stays_monotone() -> None:
    rates = np.array([0.0, 0.4, 0.45, 1.0])
    counts = np.array([2.0, 500.0, 2.0, 3.0])
    pulled = shrunk(rates, counts, base=0.5, strength=20.0)
    assert 0.4 < pulled[0] < 0.5  # two points at 0 barely move the base rate
    # the big block pulls only a little (0.404), then is raised to keep the map monotone
    assert pulled[1] == pulled[0]
    assert pulled[-1] < 0.6
    assert np.all(np.diff(pulled) >= 0)


def test_equal_scores_make_one_knot() -> None:
    x, y, n = isotonic_fit(np.array([1.0, 1.0, 1.0, 0.5]), np.array([1, 0, 1, 0]))
    assert list(x) == [0.5, 1.0]
    assert list(np.round(y, 3)) == [0.0, 0.667]
    assert list(n) == [1, 3]


def test_isotonic_fit_uses_weights() -> None:
    _, y, _ = isotonic_fit(np.array([0.1, 0.2]), np.array([1, 0]), np.array([3.0, 1.0]))
    assert y == pytest.approx([0.75])


def test_isotonic_fit_rejects_empty_input() -> None:
    with pytest.raises(ValueError, match="at least one"):
        isotonic_fit(np.array([]), np.array([]))


def _fitted() -> Calibration:
    rng = np.random.default_rng(0)
    raw = rng.uniform(0, 1, 400)
    correct = (rng.uniform(0, 1, 400) < raw * 0.5).astype(float)  # right half as often as said
    kinds = ["agree"] * 400
    return Calibration.fit(kinds, raw, correct, np.ones(400), {"note": "test"})


def test_calibration_lowers_overconfident_scores_and_stays_in_range() -> None:
    calibration = _fitted()
    assert calibration.confidence("agree", 0.9) < 0.7
    values = [calibration.confidence("agree", r) for r in np.linspace(-1, 2, 31)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert values == sorted(values)


def test_a_kind_without_enough_pairs_keeps_its_raw_score() -> None:
    calibration = Calibration.fit(["rare"] * 5, np.full(5, 0.9), np.zeros(5), np.ones(5), {})
    assert "rare" not in calibration.maps
    assert calibration.confidence("rare", 0.9) == 0.9


def test_calibration_survives_save_and_load(tmp_path: Path) -> None:
    calibration = _fitted()
    path = tmp_path / "calibration.json"
    calibration.save(path)
    again = Calibration.load(path)
    assert again.metadata["note"] == "test"
    for raw in (0.05, 0.5, 0.95):
        assert again.confidence("agree", raw) == pytest.approx(
            calibration.confidence("agree", raw), abs=1e-4
        )
    assert not path.with_suffix(".tmp").exists()


def test_an_unreadable_calibration_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorroborateError, match=r"broken\.json"):
        Calibration.load(path)


def test_the_packaged_calibration_loads_and_maps_into_unit_range() -> None:
    calibration = Calibration.load()
    assert calibration.maps
    for mapped in calibration.maps.values():
        assert all(0.0 <= y <= 1.0 for y in mapped.y)
        assert list(mapped.y) == sorted(mapped.y)


def test_expected_calibration_error() -> None:
    confidence = np.array([0.9, 0.9, 0.9, 0.9, 0.1, 0.1])
    assert expected_calibration_error(confidence, np.array([1, 1, 1, 1, 0, 0])) == pytest.approx(
        (4 * 0.1 + 2 * 0.1) / 6
    )
    assert expected_calibration_error(np.array([0.5, 0.5]), np.array([1, 0])) == 0.0
