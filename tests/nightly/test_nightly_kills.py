"""``corroborate run`` killed with SIGKILL at random moments (ingest, grouping, report):
each time the index answers ``index info`` and a query, every report folder is whole, and
the next run ends where an uninterrupted run ends: same claims, ids, FAISS rows and groups.
(benchmarks/bench_faults.py runs 100.)"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_runs import (
    IndexState,
    check_readable,
    check_report_folder,
    kill_during,
    random_delay,
    run_to_end,
    write_inbox,
)
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.relations.mlp import default_artifact_path
from corroborate.report.folders import LATEST, REPORT_JSON

KILLS = 2


def _run_args(inbox: Path, root: Path) -> list[str]:
    return ["run", str(inbox), "--index-dir", str(root), "--index", "x", "--out", str(root / "out")]


def _groups(root: Path) -> list[dict[str, object]]:
    report = json.loads((root / "out" / LATEST / REPORT_JSON).read_text(encoding="utf-8"))
    return report["groups"]  # type: ignore[no-any-return]


@pytest.mark.skipif(not default_artifact_path().is_file(), reason="no relation model artifact")
def test_run_killed_at_random_moments_converges_to_an_uninterrupted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_digest_embedder(monkeypatch)
    inbox = write_inbox(tmp_path / "inbox", 48)
    reference_root = tmp_path / "reference"
    started = time.monotonic()
    finished = run_to_end(*_run_args(inbox, reference_root))
    assert finished.returncode == 0, finished.stderr
    span = time.monotonic() - started
    reference = IndexState.of(reference_root / "x")

    rng = random.Random(61)
    for trial in range(KILLS):
        root = tmp_path / f"trial-{trial}"
        delay, at_write = random_delay(rng, span)
        kill_during(_run_args(inbox, root), span if at_write else delay, root if at_write else None)
        check_readable(root, "x")
        check_report_folder(root / "out")
        again = CliRunner().invoke(app, _run_args(inbox, root))
        assert again.exit_code == 0, again.output
        assert IndexState.of(root / "x").same_as(reference)
        assert _groups(root) == _groups(reference_root)
        assert not [p for p in root.rglob("*") if ".tmp" in p.name or p.name == ".lock"]
