"""Which lexical index (issue 15): tantivy, SQLite FTS5 and bm25s side by side on CheckThat! 2A.

Each library indexes the 13,824 verified claims (``title subtitle claim``) and answers the
tweets of dev and test (links removed). Reported per library: MAP@5 on each split, build
seconds, query p50 / p95 (one query at a time, top 100), and whether it can add rows to a
stored index without rebuilding it. ``--old-rev REV`` adds the hand-written BM25 that
``corroborate/retrieval/lexical.py`` held at git revision REV. bm25s is not a
dependency of corroborate (tantivy is); install it beside it to include it
(``pip install --target DIR bm25s==0.3.16`` and ``PYTHONPATH=DIR``).

    python benchmarks/bench_lexical.py --data-dir ../shared/datasets --old-rev 44f8669
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sqlite3
import subprocess
import tempfile
import time
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.ranking_metrics import PRIMARY, mean_metrics
from corroborate.bench.retrieval import lexical_text, query_text
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.datasets.checkthat import load_queries, load_verified_claims
from corroborate.retrieval.lexical import lexical_search, query_terms
from corroborate.storage.fulltext import FullTextIndex, write_full_text

Search = Callable[[str, int], list[int]]
DEPTH = 100


def engine_system(texts: Sequence[str], folder: Path) -> Search:
    """What corroborate stores and searches: tantivy (corroborate/storage/fulltext.py)."""
    path = folder / "lexical.tantivy"
    write_full_text(path, texts, start=0)
    index = FullTextIndex.open(path)
    return lambda query, k: lexical_search(index, query, k).ids.tolist()


def fts5_system(texts: Sequence[str], folder: Path) -> Search:
    """SQLite FTS5 (porter unicode61, bm25()), the query as the OR of its terms."""
    db = sqlite3.connect(folder / "fts5.sqlite")
    db.execute(
        "CREATE VIRTUAL TABLE claims USING fts5(text, "
        "tokenize='porter unicode61 remove_diacritics 2', detail=column)"
    )
    db.executemany("INSERT INTO claims(rowid, text) VALUES (?, ?)", enumerate(texts))
    db.commit()

    def search(query: str, k: int) -> list[int]:
        terms = query_terms(query)
        if not terms:
            return []
        rows = db.execute(
            "SELECT rowid FROM claims WHERE claims MATCH ? ORDER BY rank LIMIT ?",
            (" OR ".join(f'"{term}"' for term in terms), k),
        ).fetchall()
        return [row[0] for row in rows]

    return search


def bm25s_system(texts: Sequence[str], folder: Path) -> Search:
    import bm25s

    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(
        bm25s.tokenize(list(texts), stopwords="en", show_progress=False), show_progress=False
    )
    retriever.save(str(folder / "bm25s"))
    loaded = bm25s.BM25.load(str(folder / "bm25s"), mmap=True)

    def search(query: str, k: int) -> list[int]:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        ids, scores = loaded.retrieve(tokens, k=min(k, len(texts)), show_progress=False)
        return [int(i) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]

    return search


def handwritten_system(rev: str) -> Callable[[Sequence[str], Path], Search]:
    source = subprocess.run(
        ["git", "show", f"{rev}:corroborate/retrieval/lexical.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("old_lexical")
    exec(compile(source, f"{rev}:lexical.py", "exec"), module.__dict__)

    def build(texts: Sequence[str], folder: Path) -> Search:
        index = module.BM25Index(texts)
        return lambda query, k: index.scores(query, k).ids.tolist()

    return build


def measure(
    name: str, build: Callable[[Sequence[str], Path], Search], data_dir: Path, incremental: bool
) -> dict[str, Any]:
    claims = load_verified_claims(data_dir)
    texts = [lexical_text(claim) for claim in claims]
    ids = [claim.claim_id for claim in claims]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        search = build(texts, Path(folder))
        build_s = time.perf_counter() - started
        row: dict[str, Any] = {
            "system": name,
            "build_s": round(build_s, 2),
            "adds_rows_in_place": incremental,
        }
        latencies: list[float] = []
        for split in ("dev", "test"):
            queries = load_queries(data_dir, split)
            ranked = []
            for query in queries:
                started = time.perf_counter()
                found = search(query_text(query), DEPTH)
                latencies.append(time.perf_counter() - started)
                ranked.append([ids[i] for i in found])
            row[f"{split}_{PRIMARY}"] = round(
                mean_metrics(ranked, [q.relevant for q in queries])[PRIMARY], 4
            )
        row["query_p50_ms"] = round(1000 * float(np.percentile(latencies, 50)), 3)
        row["query_p95_ms"] = round(1000 * float(np.percentile(latencies, 95)), 3)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--old-rev", help="also the hand-written BM25 of this git revision")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    systems: list[tuple[str, Callable[[Sequence[str], Path], Search], bool]] = [
        ("tantivy (corroborate's full-text index)", engine_system, True),
        ("sqlite-fts5", fts5_system, True),
    ]
    if importlib.util.find_spec("bm25s") is not None:
        systems.append(("bm25s", bm25s_system, False))
    if args.old_rev:
        systems.append((f"hand-written@{args.old_rev}", handwritten_system(args.old_rev), False))
    rows = [
        measure(name, build, args.data_dir, incremental) for name, build, incremental in systems
    ]
    report = {"machine": f"{platform.node()} {platform.machine()}", "systems": rows}
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
