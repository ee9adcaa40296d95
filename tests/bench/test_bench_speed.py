"""The index speed benchmark's pieces on tiny inputs (no model, no data sets)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.bench.speed import (
    SpeedReport,
    SpeedSettings,
    exact_top,
    format_filtered,
    format_markdown,
    measure_kind,
    random_filter,
    recall_at,
    synthetic_vectors,
)

DIM = 16


@pytest.fixture(scope="module")
def bases() -> np.ndarray:
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(200, DIM)) + 2.0  # a shared mean direction, like real embeddings
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_sizes_include_100k_and_the_largest() -> None:
    assert SpeedSettings.sizes_up_to(1_000_000) == (100_000, 1_000_000)
    assert SpeedSettings.sizes_up_to(20_000) == (20_000,)


def test_synthetic_vectors_are_unit_length_and_near_their_source(bases: np.ndarray) -> None:
    vectors = synthetic_vectors(bases, 5000, noise=1.0, seed=0)
    assert vectors.shape == (5000, DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    nearest_base = (vectors @ bases.T).max(axis=1)
    assert nearest_base.mean() > (vectors @ bases.mean(axis=0)).mean()
    np.testing.assert_array_equal(vectors, synthetic_vectors(bases, 5000, noise=1.0, seed=0))


def test_exact_top_with_a_filter_matches_brute_force(bases: np.ndarray) -> None:
    corpus = synthetic_vectors(bases, 3000, noise=1.0, seed=1)
    queries = bases[:20]
    rows = random_filter(queries, corpus, 10, share=0.3, seed=0)
    scores = queries @ corpus.T
    scores[:, np.setdiff1d(np.arange(3000), rows.allowed)] = -np.inf
    expected = np.argsort(-scores, axis=1, kind="stable")[:, :10]
    assert recall_at(rows.truth, expected) == 1.0
    assert (
        recall_at(exact_top(queries, corpus, 10), np.argsort(-(queries @ corpus.T))[:, :10]) == 1.0
    )


def test_measure_kind_reports_a_tuned_setting(bases: np.ndarray, tmp_path: Path) -> None:
    corpus = synthetic_vectors(bases, 2000, noise=1.0, seed=2)
    queries = bases[:20]
    truth = exact_top(queries, corpus, 10)
    filters = [random_filter(queries, corpus, 10, 0.5, seed=0)]
    settings = SpeedSettings(data_dir=tmp_path, sizes=(2000,), params={"ivfsq": {"nlist": 16}})
    results = [
        measure_kind(kind, corpus, queries, truth, filters, settings, tmp_path)
        for kind in ("flat", "ivfsq")
    ]
    flat, ivfsq = results
    assert flat.chosen.recall == 1.0 and flat.bytes_per_claim == pytest.approx(DIM * 4, rel=0.01)
    assert [trial.setting["nprobe"] for trial in ivfsq.trials] == [4, 8, 16]
    assert ivfsq.params["nprobe"] == ivfsq.chosen.setting["nprobe"]
    assert ivfsq.filtered[0].allowed_share == 0.5 and ivfsq.filtered[0].recall > 0.8
    for trial in [*ivfsq.trials, *ivfsq.filtered]:  # each query's CPU time <= its wall time
        assert 0 < trial.cpu_p50_ms <= trial.p50_ms * 1.01 + 1e-3
    assert list(tmp_path.iterdir()) == []
    report = SpeedReport({}, {}, {}, results)
    assert "| 2,000 | ivfsq |" in format_markdown(report)
    assert "| 50% |" in format_filtered(report)


def test_rerank_type_sweeps_probes_and_factors_and_counts_its_memory(
    bases: np.ndarray, tmp_path: Path
) -> None:
    corpus = synthetic_vectors(bases, 2000, noise=1.0, seed=2)
    queries = bases[:20]
    truth = exact_top(queries, corpus, 10)
    params = {"ivfpq_rerank": {"nlist": 16, "m": 4, "nbits": 4}}  # trains at 624 vectors
    settings = SpeedSettings(data_dir=tmp_path, sizes=(2000,), params=params)
    result = measure_kind("ivfpq_rerank", corpus, queries, truth, [], settings, tmp_path)
    assert [trial.setting for trial in result.trials[:3]] == [
        {"nprobe": 8, "rerank": 5},
        {"nprobe": 8, "rerank": 10},
        {"nprobe": 8, "rerank": 20},
    ]
    assert {trial.setting["nprobe"] for trial in result.trials} == {8, 16}  # nlist is 16
    assert result.params["rerank"] == result.chosen.setting["rerank"]
    # The exact float32 copy stays on disk; memory holds the 4-byte codes, the ids and the
    # distance tables FAISS builds on load (nlist * m * 2**nbits floats).
    tables = 4 * 16 * 4 * 2**4 / 2000
    on_disk_only = result.bytes_per_claim - result.memory_bytes_per_claim
    assert on_disk_only == pytest.approx(DIM * 4 - tables)
    assert result.memory_bytes_per_claim < DIM * 4
    best = max(trial.recall for trial in result.trials)
    assert best >= 0.95
