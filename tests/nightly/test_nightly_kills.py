"""``corroborate run`` killed with SIGKILL at random moments (ingest, grouping, report):
each time the index answers ``index info`` and a query, every report folder is whole, and
the next run ends where an uninterrupted run ends: same claims, ids, FAISS rows and groups.
(benchmarks/bench_faults.py runs many more.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_runs import run_kill_campaign

from corroborate.relations.mlp import default_artifact_path

KILLS = 2


@pytest.mark.skipif(not default_artifact_path().is_file(), reason="no relation model artifact")
def test_run_killed_at_random_moments_converges_to_an_uninterrupted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_digest_embedder(monkeypatch)
    figures = run_kill_campaign(tmp_path, KILLS, seed=61)
    assert figures.failures == []
    assert (figures.trials, figures.claims_lost, figures.claims_extra) == (KILLS, 0, 0)
