"""CheckThat! 2021 task 2A retrieval benchmark: BM25, dense MiniLM and their fusion.

Queries are the tweets with links removed. Claims are indexed as ``title subtitle claim``
for BM25 and as ``title. claim`` for the embedder (both chosen on dev; see
``benchmarks/RESULTS.md``). The fusion rule and weight are chosen on the tuning split
(dev by default, never test), then applied unchanged to the split reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.ann import DEFAULT_KIND, create_index
from corroborate.bench.ranking_metrics import PRIMARY, mean_metrics
from corroborate.datasets.checkthat import (
    ClaimQuery,
    Split,
    VerifiedClaim,
    load_queries,
    load_verified_claims,
    strip_links,
)
from corroborate.retrieval.hybrid import FUSION_METHODS, FusionMethod, fuse
from corroborate.retrieval.lexical import BM25Index
from corroborate.retrieval.ranking import Ranking

Encoder = Callable[[Sequence[str]], np.ndarray]
DATASET = "checkthat2021-2a"
REFERENCE = {"checkthat2022_2a_english_bm25_baseline_map@5": 0.818}


@dataclass(frozen=True)
class RetrievalSettings:
    """BM25 parameters, candidates kept from each retriever, and the fusion weights tried."""

    k1: float = 1.2
    b: float = 0.75
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
    """What both retrievers see of a tweet."""
    return strip_links(query.text)


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
        self.bm25 = BM25Index([lexical_text(c) for c in claims], k1=settings.k1, b=settings.b)
        vectors = encode([dense_text(claim) for claim in claims])
        self.index = create_index(DEFAULT_KIND, vectors.shape[1])
        self.index.add(vectors)

    def rank(self, queries: Sequence[ClaimQuery]) -> SplitRankings:
        """The ``depth`` best claims for every query from each retriever."""
        texts = [query_text(query) for query in queries]
        depth = self.settings.depth
        bm25 = [self.bm25.scores(text, depth) for text in texts]
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
    systems = {
        "bm25": retrievers.metrics(evaluated.queries, evaluated.bm25),
        "dense": retrievers.metrics(evaluated.queries, evaluated.dense),
        "hybrid": retrievers.metrics(
            evaluated.queries, evaluated.fused(choice.method, choice.weight)
        ),
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
        "settings": {
            **asdict(settings),
            "bm25_text": "title subtitle claim",
            "dense_text": "title. claim",
            "query_text": "tweet without links",
        },
        "tuning_grid": grid,
        "reference": REFERENCE,
        "seconds": round(time.perf_counter() - started, 1),
    }
