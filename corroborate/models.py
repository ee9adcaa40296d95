"""Plain data records shared by every module: articles, claims and query results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as read from input, before cleaning.

    ``source`` and ``line`` say where the record came from, for error messages.
    """

    headline: str
    date: dt.date
    url: str
    sentences: tuple[str, ...]
    source: str = "<memory>"
    line: int | None = None


@dataclass(frozen=True)
class Claim:
    """One cleaned sentence of an article, with its provenance."""

    claim_id: str
    text: str
    article_id: str
    url: str
    domain: str
    date: dt.date
    headline: str
    position: int


@dataclass(frozen=True)
class QueryHit:
    """A stored claim that matched a query, with its cosine similarity, index row and
    ``relevance``: its score in the search's fused dense + lexical ranking (what orders
    the hits)."""

    claim: Claim
    similarity: float
    row: int
    relevance: float = 0.0


@dataclass(frozen=True)
class SourceGroup:
    """The hits of one source domain, best first."""

    domain: str
    hits: tuple[QueryHit, ...]

    @property
    def best_similarity(self) -> float:
        return max(hit.similarity for hit in self.hits)


@dataclass(frozen=True)
class QueryResult:
    """What a query returns: the hits, grouped by source domain, best group first.

    ``query_tokens`` and ``token_window`` are set when the query was longer than the model's
    token window, so only its first ``token_window`` tokens were embedded.
    """

    query: str
    groups: tuple[SourceGroup, ...] = field(default_factory=tuple)
    below_floor: tuple[QueryHit, ...] = ()
    """Claims among the nearest that scored below the similarity floor (not in ``groups``)."""
    floor: float = 0.0
    query_tokens: int | None = None
    token_window: int | None = None

    @property
    def truncated(self) -> bool:
        """Whether the model read only part of the query."""
        return self.query_tokens is not None

    @property
    def hits(self) -> list[QueryHit]:
        """Every hit, most similar (cosine) first."""
        return sorted(
            (hit for group in self.groups for hit in group.hits),
            key=lambda hit: -hit.similarity,
        )

    @property
    def ranked(self) -> list[QueryHit]:
        """Every hit in the search's own order (fused dense + lexical relevance)."""
        return sorted(
            (hit for group in self.groups for hit in group.hits),
            key=lambda hit: -hit.relevance,
        )
