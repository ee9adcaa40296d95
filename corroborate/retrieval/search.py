"""Search stored claims for a query and group the hits by source domain.

Judging each hit (agree / adds detail / contradicts) is a separate step that takes the
:class:`QueryResult` this module returns.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from corroborate.ann import VectorIndex
from corroborate.claims import RepeatedLines, source_domain
from corroborate.errors import CorroborateError
from corroborate.models import Claim, QueryHit, QueryResult, SourceGroup
from corroborate.retrieval.hybrid import ENGINE_FUSION, FusionRule, fuse
from corroborate.retrieval.lexical import lexical_search
from corroborate.retrieval.ranking import Ranking
from corroborate.storage import ClaimStore, Manifest
from corroborate.storage.fulltext import FullTextIndex


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search to a date range and/or some source domains."""

    since: dt.date | None = None
    until: dt.date | None = None
    sources: tuple[str, ...] = ()

    @classmethod
    def build(
        cls, since: dt.date | None, until: dt.date | None, sources: Iterable[str] = ()
    ) -> SearchFilters:
        domains = tuple(sorted({_as_domain(source) for source in sources}))
        return cls(since, until, domains)

    def matches(self, claim: Claim) -> bool:
        """Whether ``claim`` passes every filter."""
        return (
            (self.since is None or claim.date >= self.since)
            and (self.until is None or claim.date <= self.until)
            and (not self.sources or claim.domain in self.sources)
        )

    @property
    def active(self) -> bool:
        return self.since is not None or self.until is not None or bool(self.sources)

    def check_sources(self, known: Iterable[str]) -> None:
        """Raise :class:`CorroborateError` for a source with no claims, suggesting the
        stored domain it probably means ("reuters" -> "reuters.com")."""
        domains = sorted(set(known))
        for source in self.sources:
            if source in domains:
                continue
            guesses = [domain for domain in domains if domain.split(".")[0] == source.split(".")[0]]
            guesses = guesses or difflib.get_close_matches(source, domains, n=1, cutoff=0.6)
            hint = f"; did you mean {guesses[0]}?" if guesses else "; see 'corroborate index info'"
            raise CorroborateError(f"no claims from {source!r}{hint}")


def _as_domain(source: str) -> str:
    source = source.strip().lower()
    return source_domain(source if "://" in source else f"https://{source}")


def claim_from_row(row: dict[str, object]) -> Claim:
    """Rebuild a :class:`Claim` from one row of the claims table."""
    return Claim(
        claim_id=str(row["claim_id"]),
        text=str(row["text"]),
        article_id=str(row["article_id"]),
        url=str(row["url"]),
        domain=str(row["domain"]),
        date=row["date"],  # type: ignore[arg-type]
        headline=str(row["headline"]),
        position=int(row["position"]),  # type: ignore[call-overload]
    )


class ClaimSearcher:
    """Holds one generation of an index in memory and answers searches against it: dense
    (the vector index) and lexical (the full-text index, when the generation has one)
    candidates fused by ``fusion``."""

    def __init__(
        self,
        claims: pl.DataFrame,
        index: VectorIndex,
        lines: pl.DataFrame,
        full_text: FullTextIndex | None = None,
        fusion: FusionRule = ENGINE_FUSION,
    ) -> None:
        self.claims = claims
        self.index = index
        self.full_text = full_text
        self.fusion = fusion
        repeated = RepeatedLines.from_rows(lines.iter_rows())
        keep = [
            not repeated.is_repeated(domain, key)
            for domain, key in zip(claims["domain"], claims["line_key"], strict=True)
        ]
        self._searchable = pl.Series("searchable", keep, dtype=pl.Boolean)

    def domains(self) -> set[str]:
        """Every source domain with a stored claim."""
        return set(self.claims["domain"].unique().to_list())

    def searchable_ids(self) -> np.ndarray:
        """Row ids of every claim that is not a repeated boilerplate line."""
        return np.flatnonzero(self._searchable.to_numpy()).astype(np.int64)

    def allowed_ids(self, filters: SearchFilters) -> np.ndarray | None:
        """Row ids passing the filters, or ``None`` when every row may be returned."""
        mask = self._searchable
        if filters.since is not None:
            mask = mask & (self.claims["date"] >= filters.since)
        if filters.until is not None:
            mask = mask & (self.claims["date"] <= filters.until)
        if filters.sources:
            mask = mask & self.claims["domain"].is_in(list(filters.sources))
        if mask.all():
            return None
        return np.flatnonzero(mask.to_numpy()).astype(np.int64)

    def search(
        self,
        query: str,
        vector: np.ndarray,
        *,
        k: int = 20,
        filters: SearchFilters | None = None,
        min_similarity: float = 0.0,
    ) -> QueryResult:
        """The ``k`` claims that best match ``query`` (whose vector is ``vector``), grouped by
        domain, best first; those of the ``k`` below ``min_similarity`` (cosine) are kept
        apart (:attr:`QueryResult.below_floor`)."""
        filters = filters or SearchFilters()
        filters.check_sources(self.domains())
        allowed = self.allowed_ids(filters)
        if len(self.index) == 0 or (allowed is not None and allowed.size == 0):
            return QueryResult(query=query)
        ranking, similarity = self.rank(query, vector, k, allowed)
        found = [
            QueryHit(
                claim_from_row(self.claims.row(int(row), named=True)),
                similarity[int(row)],
                int(row),
                relevance=float(score),
            )
            for row, score in zip(ranking.ids, ranking.scores, strict=True)
        ]
        hits = [hit for hit in found if hit.similarity >= min_similarity]
        below = tuple(hit for hit in found if hit.similarity < min_similarity)
        return QueryResult(
            query=query, groups=group_by_domain(hits), below_floor=below, floor=min_similarity
        )

    def rank(
        self, query: str, vector: np.ndarray, k: int, allowed: np.ndarray | None
    ) -> tuple[Ranking, dict[int, float]]:
        """The ``k`` best rows for ``query``, dense and lexical candidates fused (dense alone
        without a full-text index), and each row's cosine similarity to ``vector``."""
        depth = max(k, self.fusion.depth)
        scores, ids = self.index.search(vector.reshape(1, -1), depth, allowed_ids=allowed)
        found = ids[0] >= 0
        dense = Ranking(ids[0][found].astype(np.int64), scores[0][found].astype(np.float32))
        similarity = dict(zip(dense.ids.tolist(), dense.scores.tolist(), strict=True))
        if self.full_text is None:
            return Ranking(dense.ids[:k], dense.scores[:k]), similarity
        lexical = lexical_search(self.full_text, query, depth, allowed)
        fused = fuse(dense, lexical, weight=self.fusion.weight, method=self.fusion.method)
        top = Ranking(fused.ids[:k], fused.scores[:k])
        missing = [row for row in top.ids.tolist() if row not in similarity]
        if missing:
            rebuilt = self.index.reconstruct(np.array(missing, dtype=np.int64))
            cosines = rebuilt @ np.asarray(vector, dtype=np.float32).reshape(-1)
            similarity.update(zip(missing, cosines.tolist(), strict=True))
        return top, similarity


def load_searcher(
    store: ClaimStore, manifest: Manifest, fusion: FusionRule = ENGINE_FUSION
) -> ClaimSearcher:
    """A searcher over the generation ``manifest`` of ``store`` names."""
    return ClaimSearcher(
        store.claims(manifest),
        store.vector_index(manifest),
        store.line_counts(manifest),
        store.full_text(manifest),
        fusion,
    )


def group_by_domain(hits: Sequence[QueryHit]) -> tuple[SourceGroup, ...]:
    """Group hits by source domain; groups ordered by their best hit, hits best first (by
    the fused relevance of the search)."""
    by_domain: dict[str, list[QueryHit]] = {}
    for hit in sorted(hits, key=lambda hit: -hit.relevance):
        by_domain.setdefault(hit.claim.domain, []).append(hit)
    return tuple(SourceGroup(domain, tuple(group)) for domain, group in by_domain.items())
