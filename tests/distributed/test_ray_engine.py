"""``corroborate run --engine ray`` on a local Ray (2 CPUs) gives the local engine's index
and groups, survives an encoder actor killed mid-run, and a run killed outright leaves the
index as it was. Skipped only where the ``ray`` extra is not installed (CI installs it)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

pytest.importorskip("ray", reason="the ray extra is not installed: pip install 'corroborate[ray]'")

from corroborate.ann import create_index
from corroborate.cli import app
from corroborate.corpus import Corpus
from corroborate.distributed import connected
from corroborate.distributed.indexing import add_on_cluster
from corroborate.grouping.groups import group_differences
from corroborate.nightly import run_nightly, snapshot
from corroborate.storage.lock import LOCK_FILE, WriteLock
from corroborate.storage.manifest import MANIFEST_FILE

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
STORIES = {
    "first": ("baltimore-key-bridge", "chinese-balloon"),
    "second": ("drone",),  # the Russia-Iran drone story, told by ten outlets
    "third": ("titan-submersible",),
}


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    with connected(num_cpus=2):
        yield


@pytest.fixture(scope="module")
def inboxes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("inboxes")
    found = {}
    for name, stories in STORIES.items():
        found[name] = root / name
        found[name].mkdir()
        for path in sorted(SEEDS.glob("*.txt")):
            if any(story in path.name for story in stories):
                shutil.copy(path, found[name] / path.name)
    return found


def _descendants() -> dict[int, str]:
    """This test process's descendant processes (pid → command line)."""
    parents, commands = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        commands[int(entry)] = command.decode(errors="replace")
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found = {}
    for pid in commands:
        at = pid
        while at > 1 and at in parents:
            at = parents[at]
            if at == os.getpid():
                found[pid] = commands[pid]
                break
    return found


class EncoderKiller(threading.Thread):
    """Kills (SIGKILL) the first encoder actor's process seen encoding a chunk."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.killed: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set() and not self.killed:
            for pid, command in _descendants().items():
                if "ChunkEncoder" in command and ".submit" in command:
                    os.kill(pid, signal.SIGKILL)
                    self.killed.append(pid)
                    break
            time.sleep(0.05)


def test_ray_run_gives_the_local_index_and_groups_despite_a_killed_encoder(
    ray_cluster: None, inboxes: dict[str, Path], tmp_path: Path
) -> None:
    local = Corpus(tmp_path / "indexes" / "local")
    run_nightly(local, inboxes["first"], tmp_path / "local-reports")
    shutil.copytree(local.directory, tmp_path / "indexes" / "ray")
    shutil.copytree(tmp_path / "local-reports", tmp_path / "ray-reports", symlinks=True)
    run_nightly(local, inboxes["second"], tmp_path / "local-reports")

    killer = EncoderKiller()
    killer.start()
    result = CliRunner().invoke(
        app,
        [
            "run", str(inboxes["second"]), "--index", "ray",
            "--index-dir", str(tmp_path / "indexes"), "--out", str(tmp_path / "ray-reports"),
            "--engine", "ray", "--json",
        ],
    )  # fmt: skip
    killer.stop.set()
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["engine"] == "ray" and summary["claims_added"] > 0
    assert killer.killed, "no encoder actor was seen encoding"
    assert summary["grouping"]["mode"] == "incremental"
    assert summary["grouping"]["searched"] < summary["grouping"]["claims"]

    remote = Corpus(tmp_path / "indexes" / "ray")
    ours, theirs = local.store.claims(), remote.store.claims()
    assert theirs["claim_id"].n_unique() == theirs.height  # nothing duplicated
    assert theirs.equals(ours)  # nothing lost, same order
    rows = np.arange(len(ours))
    assert np.array_equal(
        local.searcher().index.reconstruct(rows), remote.searcher().index.reconstruct(rows)
    )
    local_groups, _ = snapshot(local)
    ray_groups, _ = snapshot(remote)
    assert local_groups.groups and group_differences(local_groups.groups, ray_groups.groups) == []


def test_ivf_shards_added_on_the_cluster_are_the_local_index(
    ray_cluster: None, tmp_path: Path
) -> None:
    rows = np.random.default_rng(9).normal(size=(700, 16)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    here, there = (create_index("ivfsq", 16, {"nlist": 4}) for _ in range(2))
    for batch in (rows[:500], rows[500:]):
        here.add(batch)
        there = add_on_cluster(there, batch, cpus=2)
    here.save(tmp_path / "here.faiss")
    there.save(tmp_path / "there.faiss")
    assert (tmp_path / "here.faiss").read_bytes() == (tmp_path / "there.faiss").read_bytes()


def test_a_run_killed_outright_leaves_the_index_as_it_was(
    ray_cluster: None, inboxes: dict[str, Path], tmp_path: Path
) -> None:
    import ray

    corpus = Corpus(tmp_path / "index")
    corpus.ingest([inboxes["first"]])
    before = _snapshot(corpus.directory)
    address = ray.get_runtime_context().gcs_address
    command = [
        sys.executable, "-m", "corroborate", "run", str(inboxes["third"]),
        "--index", "index", "--index-dir", str(tmp_path), "--out", str(tmp_path / "reports"),
        "--engine", "ray", "--ray-address", address,
    ]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    for line in process.stderr:
        if "ingesting new articles" in line or time.monotonic() > deadline:
            break
    time.sleep(2.0)  # reading and encoding on the cluster; the commit comes after
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    after = _snapshot(corpus.directory)
    assert process.returncode == -signal.SIGKILL
    # killed while it held the write lock, the run leaves the lock file (the kernel drops the
    # lock, no one removes the file): it locks nothing, and the next writer removes it
    stale = after.pop(LOCK_FILE, None)
    assert after == before
    assert json.loads(before[MANIFEST_FILE])["claims"] == len(corpus.searcher().index)
    if stale is not None:
        with WriteLock(corpus.directory, timeout=0):
            pass
        assert not (corpus.directory / LOCK_FILE).exists()


def test_an_unreachable_cluster_address_fails_fast_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    result = CliRunner().invoke(
        app,
        [
            "run", str(SEEDS), "--index-dir", str(tmp_path), "--out", str(tmp_path / "reports"),
            "--engine", "ray", "--ray-address", "127.0.0.1:1",
        ],
    )  # fmt: skip
    assert result.exit_code == 2
    said = result.output + caplog.text  # the error line goes to stderr's log, off a terminal
    assert "cannot reach a Ray cluster at 127.0.0.1:1" in said
    assert "ray start --head" in said
    assert not (tmp_path / "default").exists()


def test_ray_reading_applies_the_same_limits_and_problems_as_local_reading(
    ray_cluster: None, tmp_path: Path
) -> None:
    from corroborate.distributed.reading import read_records
    from corroborate.errors import RecordWarning
    from corroborate.readers import ArticleLimits, read_inputs

    long = tmp_path / "long.txt"
    sentences = "\n".join(f"Sentence number {n} says something new." for n in range(30))
    long.write_text(f"Headline\n20240301\nhttps://news.example/story\n{sentences}\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    paths = [long, tmp_path / "missing.txt", empty, SEEDS]
    limits = ArticleLimits(max_sentences=10)
    here = list(read_inputs(paths, limits=limits))
    there = read_records(paths, None, groups=3, limits=limits)
    assert there == here
    assert any(isinstance(record, RecordWarning) for record in there)


def _snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (the full-text index is a folder) and its bytes."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
