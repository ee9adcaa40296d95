"""Faults for whole commands: ``ingest`` and ``run`` killed with SIGKILL at random moments
(or the moment a file is being written), then checked and finished; writers racing readers.
Shared by tests/storage/test_kills.py, tests/nightly/test_nightly_kills.py and
benchmarks/bench_faults.py. Subprocesses run tests/fault_cli.py (no model is loaded)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.corpus import Corpus
from corroborate.report.folders import LATEST, REPORT_JSON
from corroborate.storage.manifest import MANIFEST_FILE

LAUNCHER = Path(__file__).with_name("fault_cli.py")
TOPICS = ["drones", "bridge", "election", "storm", "vaccine", "strike", "summit", "fire"]
OUTLETS = ["one.example", "two.example", "three.example", "four.example"]


def write_inbox(folder: Path, articles: int, *, first: int = 0) -> Path:
    """``articles`` text-format articles (numbered from ``first``) spread over four outlets,
    each of three claims, one of which three other outlets repeat (so groups form); no line
    repeats within an outlet, so no claim is dropped as boilerplate whatever the order."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + articles):
        topic = TOPICS[number % len(TOPICS)]
        outlet = OUTLETS[number % len(OUTLETS)]
        sentences = [
            f"Officials confirmed the {topic} story number {number // len(OUTLETS)} on Monday.",
            f"The {topic} report from {outlet} adds detail number {number}.",
            f"Witnesses described the {topic} scene number {number} at length.",
        ]
        (folder / f"{outlet}_{number:05d}.txt").write_text(
            f"{topic.title()} story {number}\n20240301\nhttps://{outlet}/{topic}/{number}\n"
            + "\n".join(sentences) + "\n",
            encoding="utf-8",
        )  # fmt: skip
    return folder


def command(*args: str) -> list[str]:
    return [sys.executable, str(LAUNCHER), *args]


def _environment() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def run_to_end(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args), capture_output=True, text=True, env=_environment(), timeout=timeout
    )


def _writing(folder: Path) -> bool:
    """Whether a temporary file (a write in progress) is under ``folder``."""
    try:
        return any(".tmp" in path.name for path in folder.rglob("*"))
    except OSError:  # a file went away while listed
        return False


def kill_during(args: list[str], delay: float, watch: Path | None = None) -> bool:
    """Start ``corroborate ARGS`` and SIGKILL it after ``delay`` seconds or, with ``watch``,
    as soon as a file is being written under that folder (at most ``delay`` seconds). Returns
    whether it was killed (False: it finished first)."""
    process = subprocess.Popen(
        command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_environment()
    )
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and process.poll() is None:
        if watch is not None and _writing(watch):
            break
        time.sleep(0.001 if watch is not None else 0.01)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True


@dataclass(frozen=True)
class IndexState:
    """What an index holds: claim ids and texts in row order, and the FAISS rows."""

    claim_ids: list[str]
    texts: list[str]
    vectors: np.ndarray

    @classmethod
    def of(cls, directory: Path) -> IndexState:
        store = Corpus(directory).store
        claims = store.claims()
        index = store.vector_index()
        vectors = index.reconstruct(np.arange(len(index), dtype=np.int64))
        return cls(claims["claim_id"].to_list(), claims["text"].to_list(), vectors)

    def same_as(self, other: IndexState) -> bool:
        """Same claims in the same rows, with the same vectors (up to float rounding)."""
        return (
            self.claim_ids == other.claim_ids
            and self.texts == other.texts
            and self.vectors.shape == other.vectors.shape
            and bool(np.allclose(self.vectors, other.vectors, atol=1e-6))
        )


def check_readable(index_dir: Path, name: str) -> None:
    """After a kill: ``index info`` and a query succeed (or, if no generation was committed,
    both say there is no index); nothing half-written is read. Run in this process, which
    must use the digest embedder."""
    runner = CliRunner()
    args = ["--index-dir", str(index_dir), "--index", name]
    info = runner.invoke(app, ["index", "info", *args, "--json"])
    query = runner.invoke(app, ["query", "Officials confirmed the drones story", *args, "--json"])
    if not (index_dir / name / MANIFEST_FILE).exists():
        for result in (info, query):
            assert result.exit_code == 2 and "no index" in result.stderr, result.output
        return
    assert info.exit_code == 0, (info.output, info.exception)
    data = json.loads(info.stdout)
    assert data["claims"] == len(Corpus(index_dir / name).store.claims())
    assert query.exit_code == 0, (query.output, query.exception)
    json.loads(query.stdout)


def check_report_folder(out: Path) -> None:
    """``latest`` (if any) points to a complete report; no dated folder is half-written."""
    if (out / LATEST).exists():
        json.loads((out / LATEST / REPORT_JSON).read_text(encoding="utf-8"))
    for folder in out.iterdir() if out.exists() else []:
        if folder.is_dir() and folder.name[:1].isdigit():
            json.loads((folder / REPORT_JSON).read_text(encoding="utf-8"))


def random_delay(rng: random.Random, span: float) -> tuple[float, bool]:
    """A kill moment: uniform over ``span`` seconds, or (one time in two) the first write."""
    return rng.uniform(0.0, span), rng.random() < 0.5
