"""``ingest`` killed with SIGKILL at random moments (or as it writes a file), into an empty
index and into one that already holds a batch: each time ``index info`` and a query work
(nothing half-written is read), and a fresh ingest of the same input ends with the claims,
ids and FAISS rows of an uninterrupted ingest. (benchmarks/bench_faults.py runs 100.)"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_runs import (
    IndexState,
    check_readable,
    kill_during,
    random_delay,
    run_to_end,
    write_inbox,
)
from typer.testing import CliRunner

from corroborate.cli.app import app

KILLS = 4


def _ingest_args(inbox: Path, root: Path) -> list[str]:
    return ["ingest", str(inbox), "--index-dir", str(root), "--index", "x"]


def _leftovers(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if ".tmp" in p.name or p.name == ".lock"]


def test_ingest_killed_at_random_moments_converges_to_an_uninterrupted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_digest_embedder(monkeypatch)
    half = write_inbox(tmp_path / "half", 60)
    full = write_inbox(tmp_path / "full", 60)
    write_inbox(full, 60, first=60)
    base = tmp_path / "base"  # an index already holding the first half
    assert run_to_end(*_ingest_args(half, base)).returncode == 0
    started = time.monotonic()
    reference_root = tmp_path / "reference"
    shutil.copytree(base, reference_root)
    assert run_to_end(*_ingest_args(full, reference_root)).returncode == 0
    span = time.monotonic() - started
    reference = IndexState.of(reference_root / "x")
    empty_reference = IndexState.of(base / "x")

    rng = random.Random(16)
    killed = 0
    for trial in range(KILLS):
        root = tmp_path / f"trial-{trial}"
        grown = trial % 2 == 1
        if grown:
            shutil.copytree(base, root)
        inbox = full if grown else half
        delay, at_write = random_delay(rng, span)
        killed += kill_during(
            _ingest_args(inbox, root), span if at_write else delay, root if at_write else None
        )
        check_readable(root, "x")
        again = CliRunner().invoke(app, _ingest_args(inbox, root))
        assert again.exit_code == 0, again.output
        assert IndexState.of(root / "x").same_as(reference if grown else empty_reference)
        assert _leftovers(root) == []
    assert killed >= KILLS // 2
