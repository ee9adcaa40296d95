"""CheckThat! 2021 task 2A retrieval benchmark: BM25, dense MiniLM, their fusion, and the
engine's own search.

Queries are the tweets with links removed, read as ``query`` reads a claim
(:func:`corroborate.claims.claim_text`). Claims are indexed as ``title subtitle claim``
for BM25 (tantivy, :mod:`corroborate.storage.fulltext`) and as ``title. claim`` for the
embedder (both chosen on dev; see ``benchmarks/RESULTS.md``). The ``hybrid`` fusion rule and
weight are chosen on the tuning split (dev by default, never test), then applied unchanged
to the split reported.

``engine`` is exactly what ``corroborate query`` does: the claims (``title. claim``) are
committed to a real index directory (Parquet, FAISS, full-text file) and each tweet is
answered by :meth:`corroborate.retrieval.search.ClaimSearcher.search` with the engine's
fixed fusion rule (:data:`corroborate.retrieval.hybrid.ENGINE_FUSION`). The report's
``engine_tuning_grid`` scores the other rules for the engine's lists on the tuning split;
``ENGINE_FUSION`` was chosen from that grid on train and dev together.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from corroborate.ann import DEFAULT_KIND, create_index
from corroborate.bench.ranking_metrics import PRIMARY, mean_metrics
from corroborate.claims import claim_text
from corroborate.datasets.checkthat import (
    ClaimQuery,
    Split,
    VerifiedClaim,
    load_queries,
    load_verified_claims,
    strip_links,
)
from corroborate.retrieval.hybrid import (
    ENGINE_FUSION,
    FUSION_METHODS,
    FusionMethod,
    FusionRule,
    fuse,
)
from corroborate.retrieval.lexical import lexical_search
from corroborate.retrieval.ranking import Ranking
from corroborate.retrieval.search import ClaimSearcher, load_searcher
from corroborate.storage import ClaimStore
from corroborate.storage.fulltext import FullTextIndex
from corroborate.storage.store import NewBatch

Encoder = Callable[[Sequence[str]], np.ndarray]
DATASET = "checkthat2021-2a"
REFERENCE = {"checkthat2022_2a_english_bm25_baseline_map@5": 0.818}


@dataclass(frozen=True)
class RetrievalSettings:
    """Candidates kept from each retriever, and the fusion weights tried."""

    depth: int = 100
    weights: tuple[float, ...] = tuple(round(0.05 * step, 2) for step in range(21))


@dataclass(frozen=True)
class FusionChoice:
    """The fusion rule and dense weight that scored best on the tuning split."""

    method: FusionMethod
    weight: float
    tuning_score: float


def lexical_text(claim: VerifiedClaim) -> str:
    """What BM25 indexes for a claim."""
    return " ".join(part for part in (claim.title, claim.subtitle, claim.text) if part)


def dense_text(claim: VerifiedClaim) -> str:
    """What the embedder encodes for a claim."""
    return f"{claim.title}. {claim.text}" if claim.title else claim.text


def query_text(query: ClaimQuery) -> str:
    """What every system searches for a tweet: the tweet without links, as ``query`` reads a
    claim (:func:`~corroborate.claims.claim_text`: cleaned, the post's signature removed)."""
    return claim_text(strip_links(query.text))


@dataclass(frozen=True)
class SplitRankings:
    """Each query's BM25 and dense candidates."""

    queries: Sequence[ClaimQuery]
    bm25: Sequence[Ranking]
    dense: Sequence[Ranking]

    def fused(self, method: FusionMethod, weight: float) -> list[Ranking]:
        """Each query's two candidate lists fused with ``method`` and dense ``weight``."""
        return [
            fuse(dense, lexical, weight=weight, method=method)
            for dense, lexical in zip(self.dense, self.bm25, strict=True)
        ]


class ClaimRetrievers:
    """BM25 and a FAISS inner-product index over the same verified claims."""

    def __init__(
        self, claims: Sequence[VerifiedClaim], encode: Encoder, settings: RetrievalSettings
    ) -> None:
        self.claim_ids = [claim.claim_id for claim in claims]
        self.encode = encode
        self.settings = settings
        self.bm25 = FullTextIndex.in_memory(lexical_text(claim) for claim in claims)
        self.vectors = encode([dense_text(claim) for claim in claims])
        self.index = create_index(DEFAULT_KIND, self.vectors.shape[1])
        self.index.add(self.vectors)

    def rank(self, queries: Sequence[ClaimQuery]) -> SplitRankings:
        """The ``depth`` best claims for every query from each retriever."""
        texts = [query_text(query) for query in queries]
        depth = self.settings.depth
        bm25 = [lexical_search(self.bm25, text, depth) for text in texts]
        scores, rows = self.index.search(self.encode(texts), depth)
        dense = [
            Ranking(r[r >= 0].astype(np.int64), s[r >= 0])
            for s, r in zip(scores, rows, strict=True)
        ]
        return SplitRankings(queries, bm25, dense)

    def metrics(
        self, queries: Sequence[ClaimQuery], rankings: Sequence[Ranking]
    ) -> dict[str, float]:
        """MAP@k, recall@k and MRR of ``rankings`` against the queries' relevant claims."""
        ranked = [[self.claim_ids[row] for row in ranking.ids] for ranking in rankings]
        return mean_metrics(ranked, [query.relevant for query in queries])


def engine_store(folder: Path, claims: Sequence[VerifiedClaim], vectors: np.ndarray) -> ClaimStore:
    """An index directory at ``folder`` holding ``claims`` (text ``title. claim``, one claim
    an article of one outlet) with their ``vectors``, committed as ``ingest`` commits."""
    store = ClaimStore(folder)
    with store.lock():
        store.create("checkthat-bench", int(vectors.shape[1]), DEFAULT_KIND)
        texts = [dense_text(claim) for claim in claims]
        ids = [claim.claim_id for claim in claims]
        count = len(claims)
        urls = [f"https://checkthat.invalid/{claim_id}" for claim_id in ids]
        frame = pl.DataFrame(
            {
                "claim_id": ids,
                "text": texts,
                "article_id": ids,
                "url": urls,
                "domain": ["checkthat.invalid"] * count,
                "date": [dt.date(2021, 1, 1)] * count,
                "headline": [claim.title for claim in claims],
                "position": [0] * count,
                "line_key": ids,
            }
        )
        articles = frame.select(
            "article_id",
            pl.col("url").alias("canonical_url"),
            "url",
            pl.col("claim_id").alias("fingerprint"),
            "domain",
            "date",
            "headline",
            pl.col("url").alias("source"),
            pl.lit(1).alias("claims"),
        )
        lines = pl.DataFrame(
            schema={"domain": pl.String, "line_key": pl.String, "articles": pl.Int32}
        )
        store.commit(NewBatch(frame, vectors, articles, lines))
    return store


def engine_rankings(
    searcher: ClaimSearcher, queries: Sequence[ClaimQuery], encode: Encoder, depth: int
) -> list[Ranking]:
    """Each query answered as ``corroborate query`` answers it (top ``depth``, no floor)."""
    texts = [query_text(query) for query in queries]
    vectors = encode(texts)
    rankings = []
    for text, vector in zip(texts, vectors, strict=True):
        hits = searcher.search(text, vector, k=depth).ranked
        rankings.append(
            Ranking(
                np.array([hit.row for hit in hits], dtype=np.int64),
                np.array([hit.relevance for hit in hits], dtype=np.float32),
            )
        )
    return rankings


def engine_grid(
    store: ClaimStore,
    retrievers: ClaimRetrievers,
    queries: Sequence[ClaimQuery],
    encode: Encoder,
) -> list[dict[str, Any]]:
    """MAP@5 of the engine's search on ``queries`` under every fusion rule tried."""
    grid = []
    for method in FUSION_METHODS:
        for weight in retrievers.settings.weights:
            tried = load_searcher(store, store.manifest(), FusionRule(method, weight))
            rankings = engine_rankings(tried, queries, encode, retrievers.settings.depth)
            score = retrievers.metrics(queries, rankings)[PRIMARY]
            grid.append({"method": method, "weight": weight, PRIMARY: score})
    return grid


def choose_fusion(
    retrievers: ClaimRetrievers, tuning: SplitRankings
) -> tuple[FusionChoice, list[dict[str, Any]]]:
    """The best (method, weight) by MAP@5 on ``tuning`` (first best wins), and the grid."""
    tried = [
        FusionChoice(
            method,
            weight,
            retrievers.metrics(tuning.queries, tuning.fused(method, weight))[PRIMARY],
        )
        for method in FUSION_METHODS
        for weight in retrievers.settings.weights
    ]
    grid = [{"method": c.method, "weight": c.weight, PRIMARY: c.tuning_score} for c in tried]
    return max(tried, key=lambda choice: choice.tuning_score), grid


def run_retrieval_benchmark(
    data_dir: Path,
    encode: Encoder,
    *,
    split: Split = "test",
    tune_split: Split = "dev",
    settings: RetrievalSettings | None = None,
) -> dict[str, Any]:
    """Score BM25, dense and hybrid retrieval on ``split``; fusion tuned on ``tune_split``."""
    if tune_split == "test":
        raise ValueError("the fusion weight is never chosen on the test split")
    settings = settings or RetrievalSettings()
    started = time.perf_counter()
    claims = load_verified_claims(data_dir)
    retrievers = ClaimRetrievers(claims, encode, settings)
    choice, grid = choose_fusion(retrievers, retrievers.rank(load_queries(data_dir, tune_split)))
    evaluated = retrievers.rank(load_queries(data_dir, split))
    with tempfile.TemporaryDirectory() as folder:
        store = engine_store(Path(folder) / "engine", claims, retrievers.vectors)
        searcher = load_searcher(store, store.manifest())
        engine = engine_rankings(searcher, evaluated.queries, encode, settings.depth)
        engine_tuning = engine_grid(store, retrievers, load_queries(data_dir, tune_split), encode)
    systems = {
        "bm25": retrievers.metrics(evaluated.queries, evaluated.bm25),
        "dense": retrievers.metrics(evaluated.queries, evaluated.dense),
        "hybrid": retrievers.metrics(
            evaluated.queries, evaluated.fused(choice.method, choice.weight)
        ),
        "engine": retrievers.metrics(evaluated.queries, engine),
    }
    return {
        "dataset": DATASET,
        "split": split,
        "tuned_on": tune_split,
        "queries": len(evaluated.queries),
        "claims": len(claims),
        "primary": PRIMARY,
        "systems": systems,
        "fusion": asdict(choice),
        "engine_fusion": asdict(ENGINE_FUSION),
        "engine_tuning_grid": engine_tuning,
        "settings": {
            **asdict(settings),
            "bm25": "tantivy BM25 (k1 1.2, b 0.75), English stemming tokenizer",
            "engine_text": "title. claim",
            "bm25_text": "title subtitle claim",
            "dense_text": "title. claim",
            "query_text": "tweet without links, read as a claim (cleaned, handles as names)",
        },
        "tuning_grid": grid,
        "reference": REFERENCE,
        "seconds": round(time.perf_counter() - started, 1),
    }
