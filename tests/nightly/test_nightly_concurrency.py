"""Two ``corroborate run`` processes at once: the second waits (or, told not to wait long,
exits with a message naming the holder); nothing is corrupted and the final state is the one
a single run leaves."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from seed_labels import SEEDS

from corroborate.corpus import Corpus
from corroborate.grouping.state import GroupingState, state_path
from corroborate.relations.mlp import default_artifact_path
from corroborate.report.folders import LATEST
from corroborate.storage import WriteLock

STORY = "chinese-balloon"
TIMEOUT = 420


def _inbox(root: Path) -> Path:
    """A small inbox: one seed story's articles."""
    inbox = root / "inbox"
    inbox.mkdir()
    for path in sorted(SEEDS.glob(f"*_{STORY}.txt")):
        shutil.copy(path, inbox / path.name)
    return inbox


def _command(inbox: Path, root: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "corroborate",
        "run",
        str(inbox),
        "--index-dir",
        str(root / "indexes"),
        "--index",
        "nightly",
        "--out",
        str(out),
        "--json",
        *extra,
    ]


def _start(command: list[str]) -> subprocess.Popen[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    return process.returncode, stdout, stderr


def _dated_folders(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if path.name[:1].isdigit())


def _leftovers(*folders: Path) -> list[str]:
    return [str(path) for folder in folders for path in folder.rglob("*") if ".tmp" in path.name]


@pytest.mark.skipif(not default_artifact_path().is_file(), reason="no relation model artifact")
@pytest.mark.model
def test_three_runs_at_once_on_one_index_wait_for_each_other_and_corrupt_nothing(
    tmp_path: Path,
) -> None:
    """Two runs into one OUT and a third into another, all started together: on the shared
    OUT one run reports and the other waits, then finds nothing new and says so; the other
    OUT gets its own report of the same groups (the index lock orders the ingests, and the
    grouping state beside the index is replaced whole)."""
    inbox, out, other = _inbox(tmp_path), tmp_path / "out", tmp_path / "other-out"
    targets = [out, out, other]
    processes = [_start(_command(inbox, tmp_path, target, "--wait", "300")) for target in targets]
    results = [_finish(process) for process in processes]
    for code, _, stderr in results:
        assert code == 0, stderr
    summaries = [json.loads(stdout) for _, stdout, _ in results]
    shared = summaries[:2]
    writer = next(summary for summary in shared if summary["report_written"])
    waiter = next(summary for summary in shared if not summary["report_written"])
    articles = len(list(inbox.iterdir()))
    assert waiter["articles_new"] == 0 and waiter["report"] == writer["report"]
    assert summaries[2]["report_written"]
    assert sorted(summary["articles_new"] for summary in summaries) == [0, 0, articles]
    assert all("Read " in stderr for _, _, stderr in results)
    # The run that ingested (whichever OUT it wrote to) grouped every claim and logged it.
    logged = next(
        stderr
        for (_, _, stderr), summary in zip(results, summaries, strict=True)
        if summary["articles_new"] == articles
    )
    for line in ("INFO corroborate.nightly: grouping claims", "done (100%)"):
        assert line in logged, logged

    corpus = Corpus(tmp_path / "indexes" / "nightly")
    manifest = corpus.store.manifest()
    added = sum(summary["claims_added"] for summary in summaries)
    assert (manifest.articles, manifest.claims) == (articles, added)
    assert _dated_folders(out) == [Path(writer["report"]).name]
    assert len(_dated_folders(other)) == 1
    reports = [
        json.loads((folder / LATEST / "report.json").read_text("utf-8")) for folder in (out, other)
    ]
    assert reports[0]["groups"] == reports[1]["groups"]
    assert reports[0]["headline"]["groups"] == writer["groups"]
    state = GroupingState.load(state_path(corpus.directory))
    assert state is not None and len(state.claim_ids) == reports[0]["headline"]["claims"]
    assert _leftovers(out, other, corpus.directory) == []


@pytest.mark.skipif(not default_artifact_path().is_file(), reason="no relation model artifact")
def test_a_run_that_cannot_get_the_lock_exits_non_zero_naming_the_holder(
    tmp_path: Path,
) -> None:
    inbox, out = _inbox(tmp_path), tmp_path / "out"
    with WriteLock(out, timeout=5):
        code, stdout, stderr = _finish(_start(_command(inbox, tmp_path, out, "--wait", "1")))
    assert code == 2 and stdout == ""
    assert "in use by another corroborate process" in stderr
    assert f"pid {os.getpid()}" in stderr and "--wait" in stderr
    assert not (tmp_path / "indexes" / "nightly").exists()
    assert _dated_folders(out) == [] and not (out / LATEST).exists()
