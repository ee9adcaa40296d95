"""``ingest`` killed with SIGKILL at random moments (or as it writes a file), into an empty
index and into one that already holds a batch: each time ``index info`` and a query work
(nothing half-written is read), and a fresh ingest of the same input ends with the claims,
ids and FAISS rows of an uninterrupted ingest. (benchmarks/bench_faults.py runs many more.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_runs import ingest_kill_campaign

KILLS = 4


def test_ingest_killed_at_random_moments_converges_to_an_uninterrupted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_digest_embedder(monkeypatch)
    figures = ingest_kill_campaign(tmp_path, KILLS, seed=16)
    assert figures.failures == []
    assert (figures.trials, figures.claims_lost, figures.claims_extra) == (KILLS, 0, 0)
    assert figures.killed >= KILLS // 2
