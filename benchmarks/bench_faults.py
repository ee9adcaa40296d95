"""Fault campaign at scale (issue 16): fuzzed inputs for every reader, ``ingest`` and ``run``
killed with SIGKILL at random moments, concurrent writers with readers.

Runs with the digest test embedder (tests/embedder_doubles.py) in place of MiniLM, so the
figures are about the readers, the store and the nightly run, not the model. Prints one JSON
object; exits 1 if any check failed.

    python benchmarks/bench_faults.py --inputs 10000 --ingest-every 20 --kills 100 --races 3
    python benchmarks/bench_faults.py --only-big-file --big-file-mb 20   # bounded articles

The bounded-article part uses the packaged model (a child ``corroborate ingest`` per file,
its peak RSS from ``wait4``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from embedder_doubles import DigestEmbedder  # noqa: E402
from fault_inputs import FuzzInput, check_ingest, check_reading, fuzz_input  # noqa: E402
from fault_runs import ingest_kill_campaign, run_kill_campaign, writers_and_readers  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402

import corroborate.corpus  # noqa: E402
from corroborate.readers import MAX_SENTENCES  # noqa: E402


def fuzz(inputs: int, ingest_every: int) -> dict[str, Any]:
    """Read ``inputs`` generated inputs (every ``ingest_every``-th also through the CLI)."""
    outcomes: Counter[str] = Counter()
    failure: list[str] = []

    @settings(
        max_examples=inputs,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(item=fuzz_input())
    def one(item: FuzzInput) -> None:
        outcomes["tried"] += 1
        with tempfile.TemporaryDirectory() as folder:
            claims = check_reading(item, Path(folder))
            outcomes["ended as claims" if claims else "ended as errors (or no claim)"] += 1
            if outcomes["tried"] % ingest_every == 0:
                code = check_ingest(item, Path(folder))
                outcomes[f"ingested through the CLI, exit {code}"] += 1

    started = time.perf_counter()
    try:
        one()
    except Exception as error:  # hypothesis re-raises the shrunk failing example
        failure.append(f"{type(error).__name__}: {error}"[:2000])
    return {**outcomes, "failures": failure, "seconds": round(time.perf_counter() - started, 1)}


def _ingest_measured(path: Path, index_dir: Path) -> dict[str, Any]:
    """``corroborate ingest PATH --json`` with the real model in a child process: its wall
    seconds, peak RSS, claims added and warnings."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "corroborate", "ingest", str(path), "--index-dir",
         str(index_dir), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    report = json.loads(stdout)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "claims": report["claims_added"],
        "warnings": len(report["warnings"]),
        "exit": process.returncode,
    }


def bounded_articles(megabytes: int, folder: Path) -> dict[str, Any]:
    """One article of ``megabytes`` MB of one repeated sentence, one of as many distinct
    sentences (cut at the sentence limit), and one of exactly the limit's distinct sentences,
    each ingested with the packaged model into a fresh index."""
    header = "Headline\n20240301\nhttps://news.example/big\n"
    size = megabytes * 1_000_000
    line = "Moscow wants hundreds of Iranian drones, officials said on Monday.\n"
    files = {
        "repeated": header + line * (size // len(line)),
        "distinct": header
        + "".join(f"Officials gave figure number {n} for the drones on Monday.\n"
                  for n in range(size // 60)),
        "limit": header
        + "".join(f"Officials gave figure number {n} for the drones on Monday.\n"
                  for n in range(MAX_SENTENCES)),
    }  # fmt: skip
    figures = {}
    for name, text in files.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        figures[name] = {"bytes": path.stat().st_size, **_ingest_measured(path, folder / name)}
    figures["distinct_over_limit_time"] = round(
        figures["distinct"]["seconds"] / figures["limit"]["seconds"], 2
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="fuzzed inputs to read")
    parser.add_argument("--ingest-every", type=int, default=20, help="also ingest every Nth")
    parser.add_argument("--kills", type=int, default=100, help="kills of ingest, and of run")
    parser.add_argument("--races", type=int, default=3, help="rounds of 4 writers + readers")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--big-file-mb", type=int, default=0,
        help="also ingest one article this large with the real model (0: skip)",
    )  # fmt: skip
    parser.add_argument("--only-big-file", action="store_true", help="skip the campaigns")
    args = parser.parse_args()
    if args.only_big_file:
        with tempfile.TemporaryDirectory() as temp:
            print(json.dumps({"bounded_articles": bounded_articles(args.big_file_mb, Path(temp))}))
        return 0
    embedder = DigestEmbedder()
    corroborate.corpus.get_embedder = lambda spec=None: embedder  # type: ignore[assignment]
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        figures["fuzz"] = fuzz(args.inputs, args.ingest_every)
        for name, campaign in (("ingest", ingest_kill_campaign), ("run", run_kill_campaign)):
            started = time.perf_counter()
            found = campaign(root / f"kill-{name}", args.kills, seed=args.seed)
            figures[f"kill_{name}"] = {
                **found.to_dict(),
                "seconds": round(time.perf_counter() - started, 1),
            }
        races = [writers_and_readers(root / f"race-{n}").to_dict() for n in range(args.races)]
        figures["races"] = {
            "rounds": len(races),
            "queries": sum(race["queries"] for race in races),
            "reader_errors": sum(len(race["reader_errors"]) for race in races),
            "writer_failures": sum(len(race["writer_failures"]) for race in races),
            "duplicates": sum(race["duplicates"] for race in races),
            "claims_lost": sum(race["claims_lost"] for race in races),
            "errors_seen": [e for race in races for e in race["reader_errors"]][:5],
        }
        if args.big_file_mb:
            figures["bounded_articles"] = bounded_articles(args.big_file_mb, root / "big")
    print(json.dumps(figures, indent=2))
    failed = (
        figures["fuzz"]["failures"]
        or any(figures[f"kill_{name}"]["failures"] for name in ("ingest", "run"))
        or any(figures["races"][key] for key in ("reader_errors", "writer_failures", "duplicates",
                                                  "claims_lost"))
    )  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
