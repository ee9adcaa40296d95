"""Benchmark the nightly batch (issue 4): a first run, then an incremental run adding 5 %.

The corpus has at least 20,000 claims: the 982 ECB+ documents, the seeds/ articles and, to
pass the claim target, real news sentences from MRPC's ``msr_paraphrase_data.txt`` grouped
into articles by site and web date. A seeded shuffle puts 95 % of the articles in the first
inbox and 5 % in the second. In one process: ``run_nightly`` on the first inbox into a fresh
index and report folder, then on the second; each run's time by stage (ingest = read, clean,
embed and index; grouping; report writing) and the ratio second / first. Then, as a check,
the final index is regrouped from zero and compared with the incremental groups.

    python benchmarks/bench_nightly.py --data-dir ../shared/datasets --out /tmp/nightly.json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import platform
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench_ingest import load_average, write_jsonl

from corroborate import Corpus
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.datasets.ecbplus_documents import load_ecbplus_documents
from corroborate.grouping.groups import build_groups, group_differences, update_groups
from corroborate.grouping.state import state_path
from corroborate.models import Article
from corroborate.nightly import RunSummary, run_nightly
from corroborate.readers import read_inputs
from corroborate.relations.judge import get_judge

REPO_ROOT = Path(__file__).resolve().parents[1]
RATIO_TARGET = 0.15
MRPC_FILE = Path("mrpc") / "msr_paraphrase_data.txt"


def mrpc_articles(path: Path) -> list[Article]:
    """MRPC's sentences as articles: one per site and web date (sites named ``*`` are left
    out, having no outlet). URLs and headlines are synthetic; sentences keep file order."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            site, day = row["URL"].strip(), row["Web Date"].strip()
            if site and site != "*" and day:
                grouped[(site, day)].append(row["String"].strip())
    articles = []
    for (site, day), sentences in sorted(grouped.items()):
        date = dt.datetime.strptime(day, "%Y/%m/%d").date()
        articles.append(
            Article(
                headline=f"News from {site} on {date.isoformat()}",
                date=date,
                url=f"https://{site}/mrpc/{date.isoformat()}",
                sentences=tuple(sentences),
                source=str(path),
            )
        )
    return articles


def corpus_articles(
    data_dir: Path, min_sentences: int, seed: int, topics: int | None = None
) -> dict[str, list[Article]]:
    """ECB+ (all topics, or the first ``topics`` for a smoke run) and seeds/ whole, then MRPC
    articles in a seeded order until there are ``min_sentences`` sentences."""
    sources = {
        "ecbplus": load_ecbplus_documents(
            data_dir, range(1, topics + 1) if topics is not None else None
        ),
        "seeds": [item for item in read_inputs([REPO_ROOT / "seeds"]) if isinstance(item, Article)],
    }
    count = sum(len(article.sentences) for articles in sources.values() for article in articles)
    extra = mrpc_articles(data_dir / MRPC_FILE)
    random.Random(seed).shuffle(extra)
    sources["mrpc"] = []
    for article in extra:
        if count >= min_sentences:
            break
        sources["mrpc"].append(article)
        count += len(article.sentences)
    return sources


def split(articles: list[Article], share: float, seed: int) -> tuple[list[Article], list[Article]]:
    """A seeded shuffle cut into (1 - share, share)."""
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    cut = round(len(shuffled) * (1 - share))
    return shuffled[:cut], shuffled[cut:]


def timed_run(corpus: Corpus, inbox: Path, out: Path) -> dict[str, Any]:
    """One nightly run, its wall time and its summary (with the per-stage seconds)."""
    started = time.perf_counter()
    summary: RunSummary = run_nightly(corpus, inbox, out)
    wall = time.perf_counter() - started
    result = summary.to_dict()
    result["wall_seconds"] = round(wall, 3)
    result["stages"]["other"] = round(wall - sum(result["stages"].values()), 3)
    print(f"[bench] {summary.line()}", file=sys.stderr, flush=True)
    return result


def check_from_zero(corpus: Corpus) -> dict[str, Any]:
    """Regroup the final index from zero and compare with the incremental groups."""
    searcher = corpus.searcher()
    started = time.perf_counter()
    scratch = build_groups(searcher, get_judge())
    seconds = time.perf_counter() - started
    incremental, stats = update_groups(searcher, get_judge(), state_path(corpus.directory))
    differences = group_differences(incremental, scratch)
    return {
        "from_zero_grouping_seconds": round(seconds, 3),
        "groups": len(scratch),
        "differences": len(differences),
        "first_differences": differences[:5],
        "rerun_stats": stats.to_dict(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=Path("reports/bench_nightly.json"))
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--min-sentences", type=int, default=21_000)
    parser.add_argument("--share", type=float, default=0.05, help="share of articles held back")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--topics", type=int, default=None, help="ECB+ topics (smoke runs)")
    parser.add_argument("--no-check", action="store_true", help="skip the from-zero regroup")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-nightly-"))
    sources = corpus_articles(args.data_dir, args.min_sentences, args.seed, args.topics)
    articles = [article for chunk in sources.values() for article in chunk]
    first, second = split(articles, args.share, args.seed)
    inboxes = {"first": workdir / "inbox-first", "second": workdir / "inbox-second"}
    for name, chunk in (("first", first), ("second", second)):
        inboxes[name].mkdir(parents=True, exist_ok=True)
        write_jsonl(chunk, inboxes[name] / "articles.jsonl")
    corpus, out = Corpus(workdir / "index"), workdir / "reports"
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "command": " ".join(sys.argv),
        "load_before": load_average(),
        "articles": {name: len(chunk) for name, chunk in sources.items()},
        "sentences": sum(len(article.sentences) for article in articles),
        "split": {"first": len(first), "second": len(second)},
    }
    print(f"[bench] {json.dumps(result)}", file=sys.stderr, flush=True)
    result["first"] = timed_run(corpus, inboxes["first"], out)
    result["second"] = timed_run(corpus, inboxes["second"], out)
    result["load_after_runs"] = load_average()
    result["ratio"] = round(result["second"]["wall_seconds"] / result["first"]["wall_seconds"], 4)
    result["ratio_by_stage"] = {
        stage: round(seconds / result["first"]["stages"][stage], 4)
        for stage, seconds in result["second"]["stages"].items()
        if result["first"]["stages"].get(stage)
    }
    result["target"] = RATIO_TARGET
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    if not args.no_check:
        result["check"] = check_from_zero(corpus)
        result["load_after_check"] = load_average()
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
