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
    """Holds one generation of an index in memory and answers searches against it."""

    def __init__(self, claims: pl.DataFrame, index: VectorIndex, lines: pl.DataFrame) -> None:
        self.claims = claims
        self.index = index
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
        """The ``k`` most similar claims to ``vector``, grouped by domain, best first; those of
        the ``k`` below ``min_similarity`` are kept apart (:attr:`QueryResult.below_floor`)."""
        filters = filters or SearchFilters()
        filters.check_sources(self.domains())
        allowed = self.allowed_ids(filters)
        if len(self.index) == 0 or (allowed is not None and allowed.size == 0):
            return QueryResult(query=query)
        scores, ids = self.index.search(vector.reshape(1, -1), k, allowed_ids=allowed)
        found = [
            QueryHit(claim_from_row(self.claims.row(int(row), named=True)), float(score), int(row))
            for score, row in zip(scores[0], ids[0], strict=True)
            if row >= 0
        ]
        hits = [hit for hit in found if hit.similarity >= min_similarity]
        below = tuple(hit for hit in found if hit.similarity < min_similarity)
        return QueryResult(
            query=query, groups=group_by_domain(hits), below_floor=below, floor=min_similarity
        )


def group_by_domain(hits: Sequence[QueryHit]) -> tuple[SourceGroup, ...]:
    """Group hits by source domain; groups ordered by their best hit, hits best first."""
    by_domain: dict[str, list[QueryHit]] = {}
    for hit in sorted(hits, key=lambda hit: -hit.similarity):
        by_domain.setdefault(hit.claim.domain, []).append(hit)
    return tuple(SourceGroup(domain, tuple(group)) for domain, group in by_domain.items())
