"""Index types at scale (issue 5): build time, bytes per claim, query latency and recall@10.

Embedding a million sentences takes hours on a small CPU, so the corpus is synthetic but
shaped like real MiniLM sentence vectors: a few thousand real sentences (ECB+ pair sentences
and MRPC) are embedded once; each synthetic vector is one of them plus Gaussian noise drawn
with the real vectors' own covariance (times ``noise``), renormalised to unit length. The
queries are held-out real sentence vectors that are not used to make the corpus. Recall@10
is the share of the exact (brute-force) top 10 that an index returns in its top 10.

For each size and index type (flat, HNSW, IVF-PQ, IVF-PQ with exact re-ranking, IVF-SQ):
build time (``add`` of every vector, training included), file size per claim and the part
of it a query scans in memory (all of it but the re-ranking copy of ``ivfpq_rerank``, whose
candidates only are read), then, for each search-time setting (``efSearch``, ``nprobe``,
``rerank``), recall@10 and the latency of single queries (k=10) on the index
loaded the way a reader loads it (memory-mapped where the type supports it), after one
warm-up pass. The setting reported is the fastest that reaches the recall target, else the
one with the best recall; filtered searches (a random share of rows allowed) are then
measured at that setting.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from corroborate.ann import VectorIndex, create_index, load_index
from corroborate.ann.ivfpq import IVFPQIndex
from corroborate.ann.ivfpq_rerank import IVFPQRerankIndex
from corroborate.datasets import load_ecbplus, load_mrpc
from corroborate.embedders import Embedder

SEARCH_KNOBS: dict[str, tuple[str, tuple[int, ...]]] = {
    "hnsw": ("efSearch", (16, 32, 64, 128, 256, 512)),
    "ivfpq": ("nprobe", (4, 8, 16, 32, 64, 128, 256)),
    "ivfsq": ("nprobe", (4, 8, 16, 32, 64, 128, 256)),
}
RERANK_LADDER: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "ivfpq_rerank": ((8, 16, 32, 64, 128), (5, 10, 20, 40)),
}
"""``nprobe`` values times ``rerank`` factors tried for the re-ranking type."""
SMALL_SIZE = 100_000
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SpeedSettings:
    """What to build and measure."""

    data_dir: Path
    sizes: tuple[int, ...]
    kinds: tuple[str, ...] = ("flat", "hnsw", "ivfpq", "ivfpq_rerank", "ivfsq")
    params: dict[str, dict[str, int]] = field(default_factory=dict)
    queries: int = 200
    real: int = 4000
    noise: float = 1.0
    k: int = 10
    recall_target: float = 0.95
    filter_shares: tuple[float, ...] = (0.95, 0.05, 0.01)
    seed: int = 0

    @staticmethod
    def sizes_up_to(claims: int) -> tuple[int, ...]:
        """100k and ``claims`` (just ``claims`` when it is not above 100k)."""
        return tuple(sorted({min(SMALL_SIZE, claims), claims}))


@dataclass(frozen=True)
class Trial:
    """One search-time setting: its recall@k and single-query latency, searching every row or
    only a random ``allowed_share`` of them (recall then against the exact filtered top k).

    ``cpu_p50_ms`` is the median CPU time of the searching thread per query (all of the
    search's CPU time with one FAISS thread): unlike wall time it barely grows when other jobs
    share the cores."""

    setting: dict[str, int]
    recall: float
    p50_ms: float
    p95_ms: float
    allowed_share: float = 1.0
    cpu_p50_ms: float = 0.0


@dataclass(frozen=True)
class KindResult:
    """One index type at one size; ``bytes_per_claim`` is the file's size,
    ``memory_bytes_per_claim`` the part of it a query scans (see :func:`scanned_bytes`)."""

    size: int
    kind: str
    params: dict[str, Any]
    build_s: float
    load_s: float
    bytes_per_claim: float
    trials: list[Trial]
    chosen: Trial
    filtered: list[Trial]
    memory_bytes_per_claim: float = 0.0


@dataclass(frozen=True)
class SpeedReport:
    """Every result, with how the data was made and the machine it ran on."""

    settings: dict[str, Any]
    data: dict[str, Any]
    machine: dict[str, Any]
    results: list[KindResult]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def real_sentences(data_dir: Path, count: int, seed: int) -> list[str]:
    """``count`` distinct sentences from the ECB+ sentence pairs and MRPC, in random order."""
    pairs = [
        *load_ecbplus(data_dir, range(1, 100)),
        *load_mrpc(data_dir, "train"),
        *load_mrpc(data_dir, "test"),
    ]
    texts = sorted({text for pair in pairs for text in (pair.text_a, pair.text_b)})
    if count > len(texts):
        raise ValueError(f"asked for {count} real sentences but the data sets hold {len(texts)}")
    order = np.random.default_rng(seed).permutation(len(texts))[:count]
    return [texts[i] for i in order]


def synthetic_vectors(bases: np.ndarray, size: int, noise: float, seed: int) -> np.ndarray:
    """``size`` unit vectors: random ``bases`` rows plus noise shaped like the bases' spread."""
    dimension = bases.shape[1]
    covariance = np.cov(bases, rowvar=False) + 1e-6 * np.eye(dimension)
    shape = np.linalg.cholesky(covariance).T.astype(np.float32) * np.float32(noise)
    rng = np.random.default_rng(seed)
    out = np.empty((size, dimension), dtype=np.float32)
    for start in range(0, size, 65_536):
        stop = min(start + 65_536, size)
        rows = bases[rng.integers(0, len(bases), stop - start)]
        rows = rows + rng.standard_normal((stop - start, dimension), dtype=np.float32) @ shape
        out[start:stop] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return out


@dataclass(frozen=True)
class Filter:
    """A random share of the rows and the exact top k of each query among them."""

    share: float
    allowed: np.ndarray
    truth: np.ndarray


def exact_top(
    queries: np.ndarray, corpus: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> np.ndarray:
    """Ids of the brute-force inner-product top ``k`` (among the ``allowed`` rows)."""
    if allowed is None:
        return faiss.knn(queries, corpus, k, metric=faiss.METRIC_INNER_PRODUCT)[1]
    scores, ids = [], []
    for start in range(0, len(allowed), 262_144):
        rows = allowed[start : start + 262_144]
        chunk_scores, chunk_ids = faiss.knn(
            queries, corpus[rows], k, metric=faiss.METRIC_INNER_PRODUCT
        )
        scores.append(chunk_scores)
        ids.append(rows[chunk_ids])
    order = np.argsort(-np.hstack(scores), axis=1, kind="stable")[:, :k]
    return np.take_along_axis(np.hstack(ids), order, axis=1)


def random_filter(
    queries: np.ndarray, corpus: np.ndarray, k: int, share: float, seed: int
) -> Filter:
    """Keep a random ``share`` of the rows (as a date or source filter would)."""
    rng = np.random.default_rng(seed)
    allowed = np.flatnonzero(rng.random(len(corpus)) < share).astype(np.int64)
    return Filter(share, allowed, exact_top(queries, corpus, k, allowed))


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of each query's true top-k ids found in its returned top-k."""
    shared = [len(np.intersect1d(a, b)) for a, b in zip(found, truth, strict=True)]
    return float(np.mean(shared)) / truth.shape[1]


def _trial(
    index: VectorIndex,
    queries: np.ndarray,
    truth: np.ndarray,
    setting: dict[str, int],
    rows: Filter | None = None,
) -> Trial:
    k = truth.shape[1]
    allowed = None if rows is None else rows.allowed
    index.search(queries, k, allowed_ids=allowed)  # warm-up: pages memory-mapped data in
    found = np.empty_like(truth)
    timings, cpu = np.empty(len(queries)), np.empty(len(queries))
    for row, query in enumerate(queries):
        started, cpu_started = time.perf_counter(), time.thread_time()
        _, ids = index.search(query[None, :], k, allowed_ids=allowed)
        timings[row] = time.perf_counter() - started
        cpu[row] = time.thread_time() - cpu_started
        found[row] = ids[0]
    p50, p95 = np.percentile(timings * 1000, [50, 95])
    share = 1.0 if rows is None else rows.share
    cpu_p50 = float(np.median(cpu * 1000))
    return Trial(setting, recall_at(found, truth), float(p50), float(p95), share, cpu_p50)


def _choose(trials: Sequence[Trial], target: float) -> Trial:
    meeting = [trial for trial in trials if trial.recall >= target]
    if meeting:
        return min(meeting, key=lambda trial: trial.p50_ms)
    return max(trials, key=lambda trial: trial.recall)


def measure_kind(
    kind: str,
    corpus: np.ndarray,
    queries: np.ndarray,
    truth: np.ndarray,
    filters: Sequence[Filter],
    settings: SpeedSettings,
    workdir: Path,
) -> KindResult:
    """Build, save, reload and search one index type over ``corpus``; then search with each
    filter at the setting chosen."""
    size, dimension = corpus.shape
    index = create_index(kind, dimension, settings.params.get(kind), expected=size)
    started = time.perf_counter()
    index.add(corpus)
    build_s = time.perf_counter() - started
    params = index.params
    path = workdir / f"{kind}-{size}.faiss"
    index.save(path)
    file_bytes = path.stat().st_size
    memory_bytes = scanned_bytes(index, file_bytes)
    del index
    trials, load_times = [], []
    for setting in _search_settings(kind, params):
        started = time.perf_counter()
        loaded = load_index(kind, path, dimension, {**params, **setting}, mmap=True)
        load_times.append(time.perf_counter() - started)
        trials.append(_trial(loaded, queries, truth, setting))
        del loaded
    chosen = _choose(trials, settings.recall_target)
    loaded = load_index(kind, path, dimension, {**params, **chosen.setting}, mmap=True)
    filtered = [_trial(loaded, queries, rows.truth, chosen.setting, rows) for rows in filters]
    del loaded
    path.unlink()
    return KindResult(
        size=size,
        kind=kind,
        params={**params, **chosen.setting},
        build_s=build_s,
        load_s=load_times[0],
        bytes_per_claim=file_bytes / size,
        trials=trials,
        chosen=chosen,
        filtered=filtered,
        memory_bytes_per_claim=memory_bytes / size,
    )


def scanned_bytes(index: VectorIndex, file_bytes: int) -> int:
    """Bytes queries need in memory to be fast: ``index``'s file but for a trained
    ``ivfpq_rerank``'s exact float32 copy of the vectors (memory-mapped, of which a query
    reads only its ``rerank * k`` candidates), plus the IVF-PQ distance tables FAISS builds
    on load (:attr:`IVFPQIndex.table_bytes`)."""
    memory = file_bytes
    if isinstance(index, IVFPQRerankIndex) and index.trained:
        memory -= len(index) * index.dimension * 4
    if isinstance(index, IVFPQIndex):
        memory += index.table_bytes
    return memory


def _search_settings(kind: str, params: dict[str, Any]) -> list[dict[str, int]]:
    nlist = params.get("nlist")
    if kind in RERANK_LADDER:
        probes, factors = RERANK_LADDER[kind]
        return [
            {"nprobe": probe, "rerank": factor}
            for probe in probes
            if nlist is None or probe <= nlist
            for factor in factors
        ]
    if kind not in SEARCH_KNOBS:
        return [{}]
    knob, values = SEARCH_KNOBS[kind]
    return [{knob: value} for value in values if nlist is None or value <= nlist]


def machine_info() -> dict[str, Any]:
    """CPU, cores, load averages, FAISS version and threads, date."""
    cpu = platform.processor()
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        cpu = next((line.split(":", 1)[1].strip() for line in handle if "model name" in line), cpu)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_1_5_15": [round(value, 2) for value in os.getloadavg()],
        "faiss": faiss.__version__,
        "faiss_threads": faiss.omp_get_max_threads(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def run_speed(
    settings: SpeedSettings, embedder: Embedder, progress: Progress = lambda _: None
) -> SpeedReport:
    """Embed the real sentences, then build and measure each size and index type."""
    machine = machine_info()
    texts = real_sentences(settings.data_dir, settings.real, settings.seed)
    progress(f"embedding {len(texts)} real sentences with {embedder.model}")
    real = embedder.encode(texts)
    queries, bases = real[: settings.queries], real[settings.queries :]
    real_truth = exact_top(queries, bases, settings.k)
    data: dict[str, Any] = {
        "source": "ECB+ sentence pairs and MRPC sentences, embedded with " + embedder.model,
        "generator": (
            f"synthetic = real sentence vector + {settings.noise} x Gaussian noise with the "
            "real vectors' covariance, renormalised"
        ),
        "real_bases": len(bases),
        "queries": f"{len(queries)} held-out real sentence vectors",
        "real_query_top1_top10_similarity": _top_similarities(queries, bases, real_truth),
    }
    results: list[KindResult] = []
    with tempfile.TemporaryDirectory(prefix="corroborate-speed-") as workdir:
        for size in settings.sizes:
            progress(f"{size:,} synthetic vectors")
            corpus = synthetic_vectors(bases, size, settings.noise, settings.seed + size)
            truth = exact_top(queries, corpus, settings.k)
            filters = [
                random_filter(queries, corpus, settings.k, share, settings.seed)
                for share in settings.filter_shares
            ]
            data[f"synthetic_{size}_query_top1_top10_similarity"] = _top_similarities(
                queries, corpus, truth
            )
            for kind in settings.kinds:
                progress(f"  {kind}: building and searching")
                result = measure_kind(
                    kind, corpus, queries, truth, filters, settings, Path(workdir)
                )
                progress(f"  {kind}: {_summary(result)}")
                results.append(result)
            del corpus
    machine["load_1_5_15_after"] = [round(value, 2) for value in os.getloadavg()]
    return SpeedReport(_settings_dict(settings), data, machine, results)


def _top_similarities(queries: np.ndarray, corpus: np.ndarray, ids: np.ndarray) -> list[float]:
    first = np.einsum("ij,ij->i", queries, corpus[ids[:, 0]])
    last = np.einsum("ij,ij->i", queries, corpus[ids[:, -1]])
    return [round(float(first.mean()), 3), round(float(last.mean()), 3)]


def _settings_dict(settings: SpeedSettings) -> dict[str, Any]:
    values = asdict(settings)
    values["data_dir"] = str(settings.data_dir)
    return values


def _summary(result: KindResult) -> str:
    """Every figure of the tables but the sweep, so a run cut short still leaves them."""
    chosen = result.chosen
    filtered = "; ".join(
        f"{trial.allowed_share:.0%} allowed: recall {trial.recall:.3f}, "
        f"p50/p95 {trial.p50_ms:.2f}/{trial.p95_ms:.2f} ms (CPU {trial.cpu_p50_ms:.2f})"
        for trial in result.filtered
    )
    return (
        f"build {result.build_s:.1f} s, load {result.load_s:.2f} s, "
        f"{result.bytes_per_claim:.0f} B/claim ({result.memory_bytes_per_claim:.0f} scanned in "
        f"memory), p50/p95 {chosen.p50_ms:.2f}/{chosen.p95_ms:.2f} "
        f"ms (CPU {chosen.cpu_p50_ms:.2f}), recall@10 {chosen.recall:.3f} at "
        f"{_setting_text(result.params)}; {filtered}"
    )


def format_markdown(report: SpeedReport) -> str:
    """The results as a Markdown table, with ratios to flat measured in the same run."""
    flat = {result.size: result for result in report.results if result.kind == "flat"}
    lines = [
        "| claims | type | parameters | build s | load s | bytes/claim on disk | in memory "
        "| p50 ms | p95 ms | CPU p50 ms | p50 speed-up vs flat | recall@10 |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in report.results:
        chosen, base = result.chosen, flat.get(result.size)
        speed_up = f"{base.chosen.p50_ms / chosen.p50_ms:.1f}x" if base else "-"
        lines.append(
            f"| {result.size:,} | {result.kind} | {_setting_text(result.params)} "
            f"| {result.build_s:.1f} | {result.load_s:.2f} | {result.bytes_per_claim:.0f} "
            f"| {result.memory_bytes_per_claim:.0f} | {chosen.p50_ms:.2f} | {chosen.p95_ms:.2f} "
            f"| {chosen.cpu_p50_ms:.2f} | {speed_up} | {chosen.recall:.3f} |"
        )
    return "\n".join(lines)


def format_sweeps(report: SpeedReport) -> str:
    """Recall and latency of every search-time setting tried, as a Markdown table."""
    lines = [
        "| claims | type | setting | recall@10 | p50 ms | p95 ms | CPU p50 ms |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for result in report.results:
        lines.extend(
            f"| {result.size:,} | {result.kind} | {_setting_text(trial.setting)} "
            f"| {trial.recall:.3f} | {trial.p50_ms:.2f} | {trial.p95_ms:.2f} "
            f"| {trial.cpu_p50_ms:.2f} |"
            for trial in result.trials
        )
    return "\n".join(lines)


def format_filtered(report: SpeedReport) -> str:
    """Filtered searches (a random share of rows allowed) at each type's chosen setting."""
    lines = [
        "| claims | type | rows allowed | recall@10 | p50 ms | p95 ms | CPU p50 ms |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for result in report.results:
        lines.extend(
            f"| {result.size:,} | {result.kind} | {trial.allowed_share:.0%} "
            f"| {trial.recall:.3f} | {trial.p50_ms:.2f} | {trial.p95_ms:.2f} "
            f"| {trial.cpu_p50_ms:.2f} |"
            for trial in result.filtered
        )
    return "\n".join(lines)


def _setting_text(values: dict[str, Any]) -> str:
    return ", ".join(f"{key}={value}" for key, value in values.items()) or "-"
