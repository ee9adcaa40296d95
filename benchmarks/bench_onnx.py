"""The int8 ONNX embedder against the float32 torch one (issue 15), side by side in one run.

Per backend: sentences/s on ``--sample`` STS-B test sentences, cosine of each vector to the
float32 torch vector (every STS-B test sentence; ``--sample`` CheckThat! claims and every test
tweet), STS-B test Spearman of the cosine with the gold score, and CheckThat! 2021 2A test
MAP@5 (BM25, dense, hybrid) for the backends named by ``--retrieval``.

    python benchmarks/bench_onnx.py --data-dir ../shared/datasets --out reports/onnx.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.retrieval import run_retrieval_benchmark
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.datasets.checkthat import load_queries, load_verified_claims, strip_links
from corroborate.embedders import Embedder, get_embedder
from corroborate.embedders.cache import EmbeddingCache

SAMPLE = 2000


def stsb_rows(data_dir: Path) -> list[tuple[str, str, float]]:
    rows = []
    for line in (data_dir / "stsb" / "sts-test.csv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7:
            rows.append((fields[5], fields[6], float(fields[4])))
    return rows


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ranks_a = np.argsort(np.argsort(a)).astype(float)
    ranks_b = np.argsort(np.argsort(b)).astype(float)
    return float(np.corrcoef(ranks_a, ranks_b)[0, 1])


def rate(embedder: Embedder, texts: list[str]) -> float:
    embedder.encode(texts[:64])
    started = time.perf_counter()
    embedder.encode(texts)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--sample", type=int, default=SAMPLE, help="sentences timed, claims")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(".cache/bench_onnx"), help="vectors kept here"
    )
    parser.add_argument(
        "--retrieval",
        nargs="*",
        default=["torch", "onnx"],
        help="backends to run the CheckThat! retrieval benchmark for (13,824 claims each)",
    )
    args = parser.parse_args()
    rows = stsb_rows(args.data_dir)
    sentences = list(dict.fromkeys(s for a, b, _ in rows for s in (a, b)))
    where = {sentence: row for row, sentence in enumerate(sentences)}
    pairs = np.array([(where[a], where[b]) for a, b, _ in rows])
    gold = np.array([score for _, _, score in rows])
    checkthat = [c.text for c in load_verified_claims(args.data_dir)][: args.sample] + [
        strip_links(q.text) for q in load_queries(args.data_dir, "test")
    ]
    backends = {"torch": get_embedder(backend="torch"), "onnx": get_embedder(backend="onnx")}
    report: dict[str, Any] = {}
    reference: dict[str, np.ndarray] = {}
    for name, embedder in backends.items():
        vectors = {"stsb": embedder.encode(sentences), "checkthat": embedder.encode(checkthat)}
        reference = reference or vectors
        stsb = vectors["stsb"]
        entry: dict[str, Any] = {
            "sentences_per_s": round(rate(embedder, sentences[: args.sample]), 1),
            "stsb_spearman": round(
                spearman((stsb[pairs[:, 0]] * stsb[pairs[:, 1]]).sum(1), gold), 4
            ),
        }
        for part, got in vectors.items():
            cosines = (got * reference[part]).sum(axis=1)
            entry[f"{part}_cosine_mean"] = round(float(cosines.mean()), 4)
            entry[f"{part}_cosine_min"] = round(float(cosines.min()), 4)
        print(name, json.dumps(entry), flush=True)
        report[name] = entry
        if name not in args.retrieval:
            continue
        cache = EmbeddingCache(args.cache_dir, f"{embedder.model}-{name}", embedder)
        retrieval = run_retrieval_benchmark(args.data_dir, cache.encode)
        entry["checkthat_test_map@5"] = {k: v["map@5"] for k, v in retrieval["systems"].items()}
        print(name, json.dumps(entry), flush=True)
    report["speedup"] = round(
        report["onnx"]["sentences_per_s"] / report["torch"]["sentences_per_s"], 2
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
