"""Faults for whole commands: ``ingest`` and ``run`` killed with SIGKILL at random moments
(or the moment a file is being written), then checked and finished; writers racing readers.
Shared by tests/storage/test_kills.py, tests/storage/test_writers_and_readers.py,
tests/nightly/test_nightly_kills.py and benchmarks/bench_faults.py. Subprocesses run
tests/fault_cli.py (no model is loaded)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
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


@dataclass
class KillFigures:
    """What a kill campaign found: trials, how many were killed (the rest finished before the
    moment drawn), claims of the reference missing or extra at the end, and failed checks."""

    trials: int = 0
    killed: int = 0
    killed_mid_write: int = 0
    claims_lost: int = 0
    claims_extra: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _leftovers(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if ".tmp" in p.name or p.name == ".lock"]


def _compare(found: IndexState, reference: IndexState, figures: KillFigures) -> None:
    figures.claims_lost += len(set(reference.claim_ids) - set(found.claim_ids))
    figures.claims_extra += len(found.claim_ids) - len(
        set(found.claim_ids) & set(reference.claim_ids)
    )
    assert found.same_as(reference), "the final index differs from an uninterrupted ingest"


def _trial(figures: KillFigures, check: Callable[[], None]) -> None:
    figures.trials += 1
    try:
        check()
    except AssertionError as error:
        figures.failures.append(f"trial {figures.trials}: {error}"[:500])


def _ingest_args(inbox: Path, root: Path) -> list[str]:
    return ["ingest", str(inbox), "--index-dir", str(root), "--index", "x"]


def ingest_kill_campaign(folder: Path, kills: int, seed: int, articles: int = 60) -> KillFigures:
    """Kill ``ingest`` ``kills`` times, alternately into an empty index and into one already
    holding a first batch; after each kill check ``index info`` and a query, ingest the same
    input again in this process (which must use the digest embedder) and compare with an
    uninterrupted ingest."""
    half = write_inbox(folder / "half", articles)
    full = write_inbox(folder / "full", articles)
    write_inbox(full, articles, first=articles)
    base = folder / "base"
    assert run_to_end(*_ingest_args(half, base)).returncode == 0
    reference_root = folder / "reference"
    shutil.copytree(base, reference_root)
    started = time.monotonic()
    assert run_to_end(*_ingest_args(full, reference_root)).returncode == 0
    span = time.monotonic() - started
    references = {False: IndexState.of(base / "x"), True: IndexState.of(reference_root / "x")}
    rng = random.Random(seed)
    figures = KillFigures()
    for trial in range(kills):
        root = folder / f"trial-{trial}"
        grown = trial % 2 == 1
        if grown:
            shutil.copytree(base, root)
        inbox = full if grown else half
        delay, at_write = random_delay(rng, span)
        killed = kill_during(
            _ingest_args(inbox, root), span if at_write else delay, root if at_write else None
        )
        figures.killed += killed
        figures.killed_mid_write += killed and at_write

        def check(root: Path = root, inbox: Path = inbox, grown: bool = grown) -> None:
            check_readable(root, "x")
            again = CliRunner().invoke(app, _ingest_args(inbox, root))
            assert again.exit_code == 0, again.output
            _compare(IndexState.of(root / "x"), references[grown], figures)
            assert _leftovers(root) == [], _leftovers(root)

        _trial(figures, check)
        shutil.rmtree(root, ignore_errors=True)
    return figures


def _run_args(inbox: Path, root: Path) -> list[str]:
    return ["run", str(inbox), "--index-dir", str(root), "--index", "x", "--out", str(root / "out")]


def _groups(root: Path) -> list[object]:
    report = json.loads((root / "out" / LATEST / REPORT_JSON).read_text(encoding="utf-8"))
    return list(report["groups"])


def run_kill_campaign(folder: Path, kills: int, seed: int, articles: int = 48) -> KillFigures:
    """Kill ``run`` ``kills`` times (ingest, grouping or report); after each check the index
    and the report folder, run again in this process and compare index and groups with an
    uninterrupted run."""
    inbox = write_inbox(folder / "inbox", articles)
    reference_root = folder / "reference"
    started = time.monotonic()
    finished = run_to_end(*_run_args(inbox, reference_root))
    assert finished.returncode == 0, finished.stderr
    span = time.monotonic() - started
    reference = IndexState.of(reference_root / "x")
    rng = random.Random(seed)
    figures = KillFigures()
    for trial in range(kills):
        root = folder / f"trial-{trial}"
        delay, at_write = random_delay(rng, span)
        killed = kill_during(
            _run_args(inbox, root), span if at_write else delay, root if at_write else None
        )
        figures.killed += killed
        figures.killed_mid_write += killed and at_write

        def check(root: Path = root) -> None:
            check_readable(root, "x")
            check_report_folder(root / "out")
            again = CliRunner().invoke(app, _run_args(inbox, root))
            assert again.exit_code == 0, again.output
            _compare(IndexState.of(root / "x"), reference, figures)
            assert _groups(root) == _groups(reference_root), "groups differ"
            assert _leftovers(root) == [], _leftovers(root)

        _trial(figures, check)
        shutil.rmtree(root, ignore_errors=True)
    return figures


@dataclass
class RaceFigures:
    """Concurrent writers and readers: queries answered, reader errors, writer failures,
    and the final claims against the union of the inputs."""

    writers: int = 0
    queries: int = 0
    reader_errors: list[str] = field(default_factory=list)
    writer_failures: list[str] = field(default_factory=list)
    claims: int = 0
    expected_claims: int = 0
    duplicates: int = 0
    claims_lost: int = 0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _reader(directory: Path, stop: threading.Event, figures: RaceFigures) -> None:
    corpus = Corpus(directory)
    while not stop.is_set():
        try:
            corpus.query("Officials confirmed the drones story", k=5, min_similarity=-1)
            corpus.info()
            figures.queries += 1
        except BaseException as error:  # every failure counts, whatever its type
            figures.reader_errors.append(repr(error)[:300])
            return


def writers_and_readers(
    folder: Path, writers: int = 4, articles: int = 64, readers: int = 2
) -> RaceFigures:
    """``writers`` ingest processes at once, each given an overlapping share of the articles,
    while ``readers`` threads of this process (digest embedder) query and read the info."""
    everything = write_inbox(folder / "all", articles)
    files = sorted(everything.iterdir())
    share = articles // writers
    inboxes = []
    for writer in range(writers):  # each writer's share overlaps the next writer's
        inbox = folder / f"inbox-{writer}"
        inbox.mkdir()
        for offset in range(2 * share):
            path = files[(writer * share + offset) % articles]
            shutil.copy(path, inbox / path.name)
        inboxes.append(inbox)
    directory = folder / "ix"
    Corpus(directory).ingest([files[0]])  # readers start on an existing index
    Corpus(directory).query("warm up", min_similarity=-1)  # imports done before the race
    figures = RaceFigures(writers=writers)
    stop = threading.Event()
    threads = [
        threading.Thread(target=_reader, args=(directory, stop, figures)) for _ in range(readers)
    ]
    for thread in threads:
        thread.start()
    processes = [
        subprocess.Popen(
            command("ingest", str(inbox), "--index-dir", str(folder), "--index", "ix",
                    "--lock-timeout", "600"),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_environment(),
        )
        for inbox in inboxes
    ]  # fmt: skip
    for process in processes:
        _, stderr = process.communicate(timeout=900)
        if process.returncode != 0:
            figures.writer_failures.append(stderr[-300:])
    stop.set()
    for thread in threads:
        thread.join(120)
    reference = Corpus(folder / "reference")
    reference.ingest([everything])
    expected = set(reference.store.claims()["claim_id"].to_list())
    found = Corpus(directory).store.claims()["claim_id"].to_list()
    figures.claims, figures.expected_claims = len(found), len(expected)
    figures.duplicates = len(found) - len(set(found))
    figures.claims_lost = len(expected - set(found))
    return figures
