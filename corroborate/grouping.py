"""Corroboration groups across sources, from a k-nearest-neighbour graph of the claims.

Cost is O(n·k): each claim is compared with its ``k`` nearest neighbours only, never with
every other claim. Neighbours from other outlets are judged; "same claim" edges (agree, adds
detail) are merged into groups; a claim that contradicts a group member joins that group as a
contradicting voice. Every member is then judged against the group's canonical claim, so each
outlet's verdict and its reason are relative to one sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import faiss
import numpy as np

from corroborate.corroboration import LABEL_ORDER
from corroborate.models import Claim
from corroborate.relations.judge import Label, RelationJudge
from corroborate.search import ClaimSearcher, claim_from_row
from corroborate.stance import Stance
from corroborate.unionfind import Components, origin_numbers

DEFAULT_NEIGHBOURS = 10
DEFAULT_MIN_SIMILARITY = 0.63


@dataclass(frozen=True)
class ClaimGroup:
    """One claim as carried by several outlets."""

    group_id: str
    canonical: Claim
    members: tuple[Stance, ...]
    """Other outlets' claims (never the canonical one), agreeing first."""

    @property
    def outlets(self) -> list[str]:
        return sorted({self.canonical.domain, *(member.claim.domain for member in self.members)})

    @property
    def origins(self) -> int:
        return len({0, *(member.origin for member in self.members)})

    def with_label(self, label: Label) -> list[Stance]:
        return [member for member in self.members if member.label == label]


def _neighbour_edges(
    vectors: np.ndarray, domains: Sequence[str], k: int, min_similarity: float
) -> list[tuple[int, int, float]]:
    """Pairs (i, j), i < j, of claims from different outlets among each other's k nearest."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    scores, ids = index.search(vectors, min(k + 1, len(vectors)))
    edges: dict[tuple[int, int], float] = {}
    for row, (row_scores, row_ids) in enumerate(zip(scores, ids, strict=True)):
        for score, other in zip(row_scores, row_ids, strict=True):
            if other < 0 or other == row or score < min_similarity:
                continue
            if domains[row] == domains[other]:
                continue
            edges[(min(row, int(other)), max(row, int(other)))] = float(score)
    return [(left, right, score) for (left, right), score in sorted(edges.items())]


def _canonical(rows: list[int], vectors: np.ndarray, claims: Sequence[Claim]) -> int:
    """The most central claim of a group (highest summed similarity), earliest on ties."""
    similarity = vectors[rows] @ vectors[rows].T
    centrality = similarity.sum(axis=1)
    return min(
        range(len(rows)),
        key=lambda i: (
            -round(float(centrality[i]), 4),
            claims[rows[i]].date,
            claims[rows[i]].claim_id,
        ),
    )


def build_groups(
    searcher: ClaimSearcher,
    judge: RelationJudge,
    *,
    k: int = DEFAULT_NEIGHBOURS,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> list[ClaimGroup]:
    """Group every searchable claim with matching claims of other outlets."""
    row_ids = searcher.searchable_ids()
    if row_ids.size < 2:
        return []
    vectors = searcher.index.reconstruct(row_ids)
    claims = [claim_from_row(searcher.claims.row(int(row), named=True)) for row in row_ids]
    domains = [claim.domain for claim in claims]
    edges = _neighbour_edges(vectors, domains, k, min_similarity)
    judgements = judge.judge(
        [claims[left].text for left, _, _ in edges],
        [claims[right].text for _, right, _ in edges],
        vectors[[left for left, _, _ in edges]],
        vectors[[right for _, right, _ in edges]],
        [claims[left].date for left, _, _ in edges],
        [claims[right].date for _, right, _ in edges],
    )
    components = Components()
    contradictions: list[tuple[int, int]] = []
    for (left, right, _), judgement in zip(edges, judgements, strict=True):
        if judgement.label in ("agree", "adds_detail"):
            components.union(left, right)
        elif judgement.label == "contradicts":
            contradictions.append((left, right))
    members_of = {row: rows for rows in components.groups() for row in rows}
    for left, right in contradictions:
        for anchor, other in ((left, right), (right, left)):
            if anchor in members_of and other not in members_of:
                members_of[anchor].append(other)
    unique = {id(rows): rows for rows in members_of.values()}
    groups = [_judged_group(rows, vectors, claims, judge) for rows in unique.values()]
    found = [group for group in groups if group is not None]
    return sorted(found, key=lambda group: (-len(group.outlets), group.canonical.claim_id))


def _judged_group(
    rows: list[int], vectors: np.ndarray, claims: Sequence[Claim], judge: RelationJudge
) -> ClaimGroup | None:
    """Judge each member against the canonical claim; keep one claim per other outlet."""
    centre = rows[_canonical(rows, vectors, claims)]
    canonical = claims[centre]
    others = sorted(
        (row for row in rows if row != centre and claims[row].domain != canonical.domain),
        key=lambda row: -float(vectors[row] @ vectors[centre]),
    )
    if not others:
        return None
    judgements = judge.judge(
        [canonical.text] * len(others),
        [claims[row].text for row in others],
        np.repeat(vectors[centre : centre + 1], len(others), axis=0),
        vectors[others],
        [canonical.date] * len(others),
        [claims[row].date for row in others],
    )
    origin_of = dict(zip(others, origin_numbers(vectors[[centre, *others]])[1:], strict=True))
    members: dict[str, Stance] = {}
    for row, judgement in zip(others, judgements, strict=True):
        domain = claims[row].domain
        if judgement.label == "unrelated" or domain in members:
            continue
        similarity = float(vectors[row] @ vectors[centre])
        members[domain] = Stance(claims[row], judgement, origin_of[row], similarity)
    if not members:
        return None
    ordered = sorted(
        members.values(), key=lambda member: (LABEL_ORDER[member.label], member.claim.domain)
    )
    digest = hashlib.blake2b(canonical.claim_id.encode(), digest_size=8).hexdigest()
    return ClaimGroup(digest, canonical, tuple(ordered))
