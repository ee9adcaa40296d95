"""Benchmark the Ray engine (issue 17): the same nightly runs on the local engine and on a
local Ray with 1 and 2 workers; same groups, and time per stage.

The corpus is ``bench_nightly.py``'s (ECB+ documents, seeds/, then MRPC articles up to
``--min-sentences``), cut 95 % / 5 % by a seeded shuffle into a first and an incremental
inbox of several JSONL files each (Ray reads one block per group of files). Each engine
runs both inboxes into its own index (``WORKDIR/<engine>``); each heavy step is timed
(read, line counts, extraction, encoding, index add, neighbour search, judging). Every
Ray run's groups are compared with the local engine's (``group_differences``), so the
local engine must run first (in this invocation or an earlier one on the same WORKDIR).

    python benchmarks/bench_ray.py --data-dir ../shared/datasets --min-sentences 4000 \\
        --engines local,ray:2 --workdir /tmp/bench-ray --out /tmp/bench-ray/parity.json
    python benchmarks/bench_ray.py --data-dir ../shared/datasets --min-sentences 4000 \\
        --engines ray:1 --workdir /tmp/bench-ray --out /tmp/bench-ray/one.json
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_ingest import load_average, write_jsonl
from bench_nightly import corpus_articles, split

from corroborate import Corpus
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.grouping.groups import group_differences
from corroborate.nightly import LOCAL, Engine, run_nightly, snapshot

FILES_PER_INBOX = 8


class Timed:
    """Wraps an engine's steps or work and adds up the seconds of each method."""

    def __init__(self, inner: Any, seconds: dict[str, float]) -> None:
        self._inner = inner
        self._seconds = seconds

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._inner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self._seconds[name] += time.perf_counter() - started

        return timed


@contextlib.contextmanager
def engine_named(name: str) -> Iterator[tuple[Engine, float]]:
    """The engine called ``local`` or ``ray:N`` (a local Ray of N CPUs), and the seconds it
    took to start."""
    if name == "local":
        yield LOCAL, 0.0
        return
    from corroborate.distributed import connected, ray_engine

    cpus = int(name.split(":")[1])
    started = time.perf_counter()
    with connected(num_cpus=cpus):
        yield ray_engine(cpus), time.perf_counter() - started


def write_inbox(articles: list[Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(articles) // FILES_PER_INBOX)
    for at in range(0, len(articles), size):
        write_jsonl(articles[at : at + size], folder / f"articles-{at // size:02d}.jsonl")


def run_engine(name: str, inboxes: dict[str, Path], workdir: Path) -> dict[str, Any]:
    """Both runs on one engine, timed by step."""
    label = name.replace(":", "-")
    result: dict[str, Any] = {"load_before": load_average()}
    with engine_named(name) as (engine, startup):
        result["startup_seconds"] = round(startup, 3)
        corpus = Corpus(workdir / label / "index")
        for run in ("first", "second"):
            seconds: dict[str, float] = defaultdict(float)
            timed = Engine(engine.name, Timed(engine.steps, seconds), Timed(engine.work, seconds))
            started = time.perf_counter()
            summary = run_nightly(corpus, inboxes[run], workdir / label / "reports", engine=timed)
            wall = time.perf_counter() - started
            print(f"[bench] {name} {run}: {summary.line()}", file=sys.stderr, flush=True)
            result[run] = {
                "wall_seconds": round(wall, 3),
                "stages": summary.stages,
                "steps": {step: round(value, 3) for step, value in seconds.items()},
                "claims_added": summary.claims_added,
                "claims": summary.claims,
                "groups": summary.groups,
                "grouping": summary.grouping,
            }
    result["load_after"] = load_average()
    return result


def compare_with_local(name: str, workdir: Path) -> dict[str, Any]:
    """The engine's final groups against the local engine's (when it has run here)."""
    if not (workdir / "local" / "index").is_dir():
        return {"skipped": "no local run in this WORKDIR"}
    theirs, _ = snapshot(Corpus(workdir / name.replace(":", "-") / "index"), incremental=False)
    ours, _ = snapshot(Corpus(workdir / "local" / "index"), incremental=False)
    differences = group_differences(ours.groups, theirs.groups)
    return {
        "groups": len(ours.groups),
        "claims": len(ours.claims),
        "differences": len(differences),
        "first_differences": differences[:5],
        "same_claims": [claim.claim_id for claim in ours.claims]
        == [claim.claim_id for claim in theirs.claims],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--engines", default="local,ray:1,ray:2")
    parser.add_argument("--min-sentences", type=int, default=4000)
    parser.add_argument("--share", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--topics", type=int, default=None, help="ECB+ topics (smoke runs)")
    args = parser.parse_args()

    sources = corpus_articles(args.data_dir, args.min_sentences, args.seed, args.topics)
    articles = [article for chunk in sources.values() for article in chunk]
    first, second = split(articles, args.share, args.seed)
    inboxes = {"first": args.workdir / "inbox-first", "second": args.workdir / "inbox-second"}
    if not inboxes["first"].exists():
        write_inbox(first, inboxes["first"])
        write_inbox(second, inboxes["second"])
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "command": " ".join(sys.argv),
        "sentences": sum(len(article.sentences) for article in articles),
        "split": {"first": len(first), "second": len(second)},
        "engines": {},
    }
    for name in args.engines.split(","):
        result["engines"][name] = run_engine(name, inboxes, args.workdir)
        if name != "local":
            result["engines"][name]["against_local"] = compare_with_local(name, args.workdir)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
