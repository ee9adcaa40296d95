"""Benchmark the claims pipeline on the 982 ECB+ documents (issues 2, 15).

In one process, on the default embedder (int8 ONNX): raw encoder throughput (sentences/s,
all the sentences in one ``encode`` call), end-to-end ingest throughput (claims/s, from
reading a JSONL file to the committed index) and their ratio, then query latency over
perturbed corpus sentences, with and without embedding the query.

    python benchmarks/bench_ingest.py --data-dir ../shared/datasets --out reports/ingest.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corroborate import Corpus
from corroborate.claims import canonical_url
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.datasets.ecbplus_documents import load_ecbplus_documents
from corroborate.embedders import Embedder, backend_of, get_embedder
from corroborate.models import Article, QueryResult
from corroborate.threads import single_threaded

REPO_ROOT = Path(__file__).resolve().parents[1]
RATIO_TARGET = 0.9
P50_TARGET_MS = 50.0
WARMUP_QUERIES = 10


class TimedEmbedder:
    """Wraps an embedder and adds up the time spent in ``encode``."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.model = inner.model
        self.dimension = inner.dimension
        self.seconds = 0.0
        self.texts = 0

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        started = time.perf_counter()
        vectors = self.inner.encode(texts, show_progress=show_progress)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return vectors


class TimedCorpus(Corpus):
    """A corpus whose ingest encodes through a :class:`TimedEmbedder`."""

    def __init__(self, directory: Path, timer: TimedEmbedder) -> None:
        super().__init__(directory)
        self.timer = timer

    @property
    def embedder(self) -> Embedder:
        return self.timer


@dataclass(frozen=True)
class Query:
    """A perturbed corpus sentence and where the original sentence came from."""

    text: str
    url: str
    position: int


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def write_jsonl(articles: Sequence[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            record = {
                "title": article.headline,
                "date": article.date.isoformat(),
                "url": article.url,
                "sentences": list(article.sentences),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def encode_rate(embedder: Embedder, texts: Sequence[str]) -> dict[str, Any]:
    """Encode ``texts`` in one call and return the sentences per second."""
    load = load_average()
    started = time.perf_counter()
    embedder.encode(texts)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "per_second": round(len(texts) / seconds, 1),
        "load": load,
    }


def perturb(sentence: str, rng: random.Random) -> str:
    """Drop one word and swap two neighbouring ones, so a query never equals a claim."""
    words = sentence.split()
    del words[rng.randrange(len(words))]
    swap = rng.randrange(len(words) - 1)
    words[swap], words[swap + 1] = words[swap + 1], words[swap]
    return " ".join(words)


def draw_queries(articles: Sequence[Article], count: int, seed: int) -> list[Query]:
    """``count`` perturbed sentences of six words or more, drawn at random."""
    rng = random.Random(seed)
    pool = [
        (sentence, article.url, position)
        for article in articles
        for position, sentence in enumerate(article.sentences)
        if len(sentence.split()) >= 6
    ]
    return [
        Query(perturb(sentence, rng), canonical_url(url), position)
        for sentence, url, position in rng.sample(pool, min(count, len(pool)))
    ]


def latencies_ms(run: Callable[[int], object], count: int) -> list[float]:
    timings = []
    for index in range(count):
        started = time.perf_counter()
        run(index)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def summary_ms(timings: Sequence[float]) -> dict[str, float]:
    p50, p95 = np.percentile(timings, [50, 95])
    return {"p50": round(float(p50), 2), "p95": round(float(p95), 2), "max": round(max(timings), 2)}


def query_latency(corpus: Corpus, queries: Sequence[Query], k: int) -> dict[str, Any]:
    """p50/p95 of ``Corpus.query`` and of the search alone, after a few warm-up queries."""
    for query in queries[:WARMUP_QUERIES]:
        corpus.query(query.text, k=k)
    load = load_average()
    results: list[QueryResult] = []
    full = latencies_ms(lambda i: results.append(corpus.query(queries[i].text, k=k)), len(queries))
    searcher = corpus.searcher()
    vectors = corpus.embedder.encode([query.text for query in queries])
    search_only = latencies_ms(
        lambda i: searcher.search(queries[i].text, vectors[i], k=k), len(queries)
    )
    found = sum(
        bool(result.hits)
        and (result.hits[0].claim.url, result.hits[0].claim.position) == (query.url, query.position)
        for result, query in zip(results, queries, strict=True)
    )
    return {
        "load": load,
        "query_ms": summary_ms(full),
        "search_only_ms": summary_ms(search_only),
        "top_hit_is_source_sentence": round(found / len(queries), 3),
    }


def measure_queries(directory: Path, queries: Sequence[Query], k: int) -> dict[str, Any]:
    """Query latency with the index warm, with the default threads and then with one thread."""
    corpus = Corpus(directory)
    corpus.embedder.encode([queries[0].text])
    started = time.perf_counter()
    corpus.query(queries[0].text, k=k)
    first_ms = (time.perf_counter() - started) * 1000
    default_threads = query_latency(corpus, queries, k)
    with single_threaded():
        single_thread = query_latency(corpus, queries, k)
    return {
        "queries": len(queries),
        "k": k,
        "first_query_ms": round(first_ms, 2),
        **default_threads,
        "one_thread": single_thread,
    }


def measure_ingest(articles: Sequence[Article], workdir: Path) -> dict[str, Any]:
    """Ingest the articles from a JSONL file; the embedder is timed inside the pipeline."""
    path = workdir / "ecbplus.jsonl"
    write_jsonl(articles, path)
    timer = TimedEmbedder(get_embedder())
    corpus = TimedCorpus(workdir / "index", timer)
    load = load_average()
    started = time.perf_counter()
    report = corpus.ingest([path])
    seconds = time.perf_counter() - started
    if report.problems:
        raise SystemExit(f"ingest reported problems: {report.problems[:3]}")
    return {
        "seconds": round(seconds, 3),
        "per_second": round(report.claims_added / seconds, 1),
        "load": load,
        "articles_added": report.articles_added,
        "duplicates": report.duplicates,
        "claims": report.claims_added,
        "lines_dropped": report.lines_dropped,
        "encode_seconds": round(timer.seconds, 3),
        "encode_claims_per_second": round(report.claims_added / timer.seconds, 1),
        "other_seconds": round(seconds - timer.seconds, 3),
        "encode_share": round(timer.seconds / seconds, 3),
        "input_mb": round(path.stat().st_size / 1e6, 2),
    }


def machine_info() -> dict[str, Any]:
    import faiss
    import onnxruntime
    import sentence_transformers
    import torch

    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False)
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "torch_threads": torch.get_num_threads(),
        "faiss_threads": faiss.omp_get_max_threads(),
        "uptime": uptime.stdout.strip(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "sentence_transformers": sentence_transformers.__version__,
        "faiss": faiss.__version__,
        "onnxruntime": onnxruntime.__version__,
        "platform": platform.platform(),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def run(data_dir: Path, limit: int | None, query_count: int, k: int, seed: int) -> dict[str, Any]:
    articles = load_ecbplus_documents(data_dir)[:limit]
    sentences = [sentence for article in articles for sentence in article.sentences]
    embedder = get_embedder()
    embedder.encode(sentences[:64])
    encode_before = encode_rate(embedder, sentences)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        ingest = measure_ingest(articles, Path(tmp))
        encode_after = encode_rate(embedder, sentences)
        queries = measure_queries(Path(tmp) / "index", draw_queries(articles, query_count, seed), k)
    encode_mean = (encode_before["per_second"] + encode_after["per_second"]) / 2
    return {
        "benchmark": "ingest throughput and query latency (issue 2)",
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "data": {"articles": len(articles), "sentences": len(sentences)},
        "embedder": {
            "backend": backend_of(embedder),
            "threads": getattr(embedder, "threads", None),
            "batch_size": getattr(embedder, "batch_size", None),
        },
        "encode": {"before_ingest": encode_before, "after_ingest": encode_after},
        "encode_sentences_per_second": round(encode_mean, 1),
        "ingest": ingest,
        "ingest_claims_per_second": round(ingest["per_second"], 1),
        "ratio_ingest_to_encode": round(ingest["per_second"] / encode_mean, 3),
        "ratio_target": RATIO_TARGET,
        "query": queries,
        "p50_target_ms": P50_TARGET_MS,
        "machine": machine_info(),
    }


def print_table(result: dict[str, Any]) -> None:
    ingest, query, encode = result["ingest"], result["query"], result["encode"]
    one = query["one_thread"]
    rows = [
        ("articles / sentences", f"{result['data']['articles']} / {result['data']['sentences']}"),
        (
            "(a) encode, sentences/s",
            f"{result['encode_sentences_per_second']:.1f} (before ingest "
            f"{encode['before_ingest']['per_second']:.1f}, after "
            f"{encode['after_ingest']['per_second']:.1f})",
        ),
        (
            "(b) ingest, claims/s",
            f"{result['ingest_claims_per_second']:.1f} ({ingest['claims']} claims "
            f"in {ingest['seconds']:.1f} s)",
        ),
        (
            "    encoding inside ingest",
            f"{ingest['encode_seconds']:.1f} s ({ingest['encode_claims_per_second']:.1f} claims/s, "
            f"{ingest['encode_share']:.1%} of ingest)",
        ),
        ("    everything else", f"{ingest['other_seconds']:.1f} s"),
        ("ratio (b)/(a)", f"{result['ratio_ingest_to_encode']:.3f} (target >= {RATIO_TARGET})"),
        ("first query (loads index)", f"{query['first_query_ms']:.1f} ms"),
        (
            "query p50 / p95, embed + search",
            f"{query['query_ms']['p50']:.1f} / {query['query_ms']['p95']:.1f} ms "
            f"(target p50 <= {P50_TARGET_MS:.0f})",
        ),
        (
            "query p50 / p95, search only",
            f"{query['search_only_ms']['p50']:.1f} / {query['search_only_ms']['p95']:.1f} ms",
        ),
        (
            "  same, encoder + FAISS on 1 thread",
            f"{one['query_ms']['p50']:.1f} / {one['query_ms']['p95']:.1f} ms",
        ),
        (
            "  search only, 1 thread",
            f"{one['search_only_ms']['p50']:.1f} / {one['search_only_ms']['p95']:.1f} ms",
        ),
        ("top hit = source sentence", f"{query['top_hit_is_source_sentence']:.1%}"),
        ("machine", f"{result['machine']['usable_cores']} cores, {result['machine']['uptime']}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--limit", type=int, help="use only the first N documents")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    result = run(args.data_dir, args.limit, args.queries, args.k, args.seed)
    print_table(result)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
