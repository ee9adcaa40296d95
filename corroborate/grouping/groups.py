"""Corroboration groups across sources, from a k-nearest-neighbour graph of the claims.

Judging is O(n·k): each claim is judged against its ``k`` nearest neighbours only, never
against every other claim. The candidate search is hybrid: beside its dense neighbours each
claim proposes its best BM25 matches from the full-text index
(:func:`~corroborate.retrieval.lexical.lexical_neighbours`, recomputed each run, since the
idf moves as claims arrive), kept when their cosine reaches the same floor. Neighbours from
other outlets are judged; "same claim" edges
(agree, adds detail) are merged into groups; a contradiction between two groups (or a claim
and a group) joins them into one disputed group, whose sides are found by judging its
dissenting members against each other. Every member is then judged against the group's
canonical claim, so each outlet's verdict and its reason are relative to one sentence.

With a state file (:mod:`corroborate.grouping.state`) a regroup is incremental: only new
claims (and claims that lost a neighbour) are searched, old lists merge in the new claims
that beat their last neighbour, and only edges and member pairs never judged before are
judged. (The neighbour search itself is exact, FAISS flat: O(n²·d) arithmetic from zero,
O(n·m·d) for m new claims; the judging, the slow part, is O(n·k) and O(m·k).) The result is
the same as grouping from zero: the neighbour lists are exact and a
judgement depends on its pair only, except that the judge's float32 head may round a
confidence differently (around the 7th digit) in a batch of another size, so
:func:`group_differences` compares confidences with a tolerance. The components are rebuilt
each time (cheap).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from corroborate.embedders.meter import Meter, chunked
from corroborate.grouping.corroboration import LABEL_ORDER
from corroborate.grouping.stance import Stance
from corroborate.grouping.state import (
    GroupingState,
    Pair,
    claim_digest,
    judge_identity,
    known_positions,
)
from corroborate.grouping.unionfind import Components, origin_numbers
from corroborate.grouping.work import (
    JUDGE_CHUNK,
    GroupingWork,
    LocalWork,
    NeighbourSearch,
    PairBatch,
)
from corroborate.models import Claim
from corroborate.relations.judge import Judgement, Label, RelationJudge
from corroborate.retrieval.lexical import lexical_neighbours
from corroborate.retrieval.neighbours import NeighbourLists, exact_scores
from corroborate.retrieval.search import ClaimSearcher, claim_from_row

DEFAULT_NEIGHBOURS = 10
DEFAULT_MIN_SIMILARITY = 0.63
T = TypeVar("T")


@dataclass(frozen=True)
class ClaimGroup:
    """One claim as carried by several outlets."""

    group_id: str
    canonical: Claim
    members: tuple[Stance, ...]
    """Other outlets' claims (never the canonical one), agreeing first."""
    sides: tuple[int, ...] = ()
    """The position each member takes, by number: 0 is the canonical claim's (every member
    agreeing with it or adding detail), and members contradicting it share a number when they
    agree with each other. Empty when no member contradicts the canonical claim."""

    @property
    def outlets(self) -> list[str]:
        return sorted({self.canonical.domain, *(member.claim.domain for member in self.members)})

    @property
    def origins(self) -> int:
        return len({0, *(member.origin for member in self.members)})

    def with_label(self, label: Label) -> list[Stance]:
        return [member for member in self.members if member.label == label]

    def side_numbers(self) -> tuple[int, ...]:
        """:attr:`sides`, or for a group built without them, sides told by the words each
        contradicting member differs on (same words, same side)."""
        if self.sides or not self.with_label("contradicts"):
            return self.sides
        numbers: dict[str, int] = {}
        found = []
        for member in self.members:
            if member.label != "contradicts":
                found.append(0)
                continue
            conflict = member.judgement.conflict
            words = (conflict[1] or "") if conflict else ""
            key = words.casefold() or member.claim.claim_id
            found.append(numbers.setdefault(key, len(numbers) + 1))
        return tuple(found)

    @property
    def contested(self) -> bool:
        return len(set(self.side_numbers())) > 1


@dataclass
class GroupingStats:
    """How much work a regroup did and how much it reused."""

    mode: str = "full"
    """``full`` (nothing reusable was stored) or ``incremental``."""
    claims: int = 0
    new_claims: int = 0
    """Claims the stored state did not know (or knew with another text or vector)."""
    searched: int = 0
    """Claims whose neighbour list was searched afresh."""
    edges: int = 0
    lexical_edges: int = 0
    """Edges proposed by the full-text index only (not in any dense neighbour list)."""
    edges_judged: int = 0
    members: int = 0
    members_judged: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Claims:
    """The searchable claims of one generation, by position."""

    claims: list[Claim]
    vectors: np.ndarray

    @property
    def ids(self) -> list[str]:
        return [claim.claim_id for claim in self.claims]

    def pair(self, a: int, b: int) -> Pair:
        return (self.claims[a].claim_id, self.claims[b].claim_id)

    def batches(self, pairs: Sequence[tuple[int, int]]) -> list[PairBatch]:
        """The pairs (a, b) of positions, :data:`JUDGE_CHUNK` to a batch."""
        found = []
        for start, end in chunked(len(pairs), JUDGE_CHUNK):
            left = [a for a, _ in pairs[start:end]]
            right = [b for _, b in pairs[start:end]]
            found.append(
                PairBatch(
                    [self.claims[a].text for a in left],
                    [self.claims[b].text for b in right],
                    self.vectors[left],
                    self.vectors[right],
                    [self.claims[a].date for a in left],
                    [self.claims[b].date for b in right],
                )
            )
        return found


def _neighbour_edges(
    lists: NeighbourLists, claims: Sequence[Claim], min_similarity: float
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of claims from different outlets, one in the other's list."""
    edges: set[tuple[int, int]] = set()
    for row in range(len(claims)):
        ids, scores = lists.row(row)
        for other, score in zip(ids.tolist(), scores.tolist(), strict=True):
            if score >= min_similarity and claims[row].domain != claims[other].domain:
                edges.add((min(row, other), max(row, other)))
    return sorted(edges)


def _lexical_edges(
    searcher: ClaimSearcher, data: _Claims, min_similarity: float
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of claims from different outlets, one among the other's best
    BM25 matches, whose cosine similarity reaches ``min_similarity`` too (none without a
    full-text index)."""
    if searcher.full_text is None:
        return []
    texts = [claim.text for claim in data.claims]
    edges: set[tuple[int, int]] = set()
    for a, b in lexical_neighbours(searcher.full_text, texts, searcher.searchable_ids()):
        if data.claims[a].domain == data.claims[b].domain:
            continue
        if float(exact_scores(data.vectors[a], data.vectors[b : b + 1])[0]) >= min_similarity:
            edges.add((min(a, b), max(a, b)))
    return sorted(edges)


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


def _components(
    edges: Sequence[tuple[int, int]], labels: Sequence[Label]
) -> tuple[list[list[int]], list[list[int]]]:
    """Two groupings of the rows. Parts: rows joined by agreeing edges, a lone claim
    contradicting a member added to its group. Disputes: parts joined by a contradiction
    between them (a contradiction is the same claim with a conflicting fact, so both
    positions belong in one group, as its sides)."""
    components = Components()
    for (left, right), label in zip(edges, labels, strict=True):
        if label in ("agree", "adds_detail"):
            components.union(left, right)
    members_of = {row: rows for rows in components.groups() for row in rows}
    contradictions = [
        edge for edge, label in zip(edges, labels, strict=True) if label == "contradicts"
    ]
    for left, right in contradictions:
        for anchor, other in ((left, right), (right, left)):
            if anchor in members_of and other not in members_of:
                members_of[anchor].append(other)
    parts = list({id(rows): rows for rows in members_of.values()}.values())
    joined = Components()
    for rows in parts:
        for row in rows:
            joined.union(rows[0], row)
    for left, right in contradictions:
        if left in members_of and right in members_of:
            joined.union(left, right)
    return parts, joined.groups()


def _kept_groups(
    disputes: list[ClaimGroup | None], parts: list[ClaimGroup | None], part_of: list[int]
) -> list[ClaimGroup]:
    """Each dispute, unless it carries fewer outlets than one of the parts it joins (its
    canonical claim speaks for only some of them): then those parts, separately."""
    chosen: list[ClaimGroup] = []
    for index, dispute in enumerate(disputes):
        inside = [part for part, owner in zip(parts, part_of, strict=True) if owner == index]
        inside_found = [part for part in inside if part is not None]
        widest = max((len(part.outlets) for part in inside_found), default=0)
        if dispute is not None and (len(inside) <= 1 or len(dispute.outlets) >= widest):
            chosen.append(dispute)
        else:
            chosen += inside_found
    return chosen


def _layout(rows: list[int], data: _Claims) -> tuple[int, list[int]]:
    """A group's canonical row and its other outlets' rows, most similar first."""
    claims, vectors = data.claims, data.vectors
    centre = rows[_canonical(rows, vectors, claims)]
    others = sorted(
        (row for row in rows if row != centre and claims[row].domain != claims[centre].domain),
        key=lambda row: -float(vectors[row] @ vectors[centre]),
    )
    return centre, others


def _kept_rows(
    centre: int, others: list[int], data: _Claims, verdicts: Mapping[Pair, Judgement]
) -> dict[str, int]:
    """Each outlet's member row: its most similar claim not judged unrelated."""
    kept: dict[str, int] = {}
    for row in others:
        domain = data.claims[row].domain
        if domain not in kept and verdicts[data.pair(centre, row)].label != "unrelated":
            kept[domain] = row
    return kept


def _dissenting_pairs(
    centre: int, others: list[int], data: _Claims, verdicts: Mapping[Pair, Judgement]
) -> list[tuple[int, int]]:
    """Pairs of member rows that both contradict the canonical claim (to find who sides with
    whom)."""
    dissenting = [
        row
        for row in _kept_rows(centre, others, data, verdicts).values()
        if verdicts[data.pair(centre, row)].stance_of_b == "contradicts"
    ]
    return [(a, b) for i, a in enumerate(dissenting) for b in dissenting[i + 1 :]]


def _side_numbers(
    rows: Sequence[int], centre: int, data: _Claims, verdicts: Mapping[Pair, Judgement]
) -> dict[int, int]:
    """Each member row's side: 0 for the canonical claim's, 1, 2... for members contradicting
    it, those agreeing with each other (either way round) sharing a number."""
    dissenting = [
        row for row in rows if verdicts[data.pair(centre, row)].stance_of_b == "contradicts"
    ]
    components = Components()
    for index, row in enumerate(dissenting):
        components.find(row)
        for other in dissenting[:index]:
            pair = data.pair(other, row)
            judgement = verdicts[pair] if pair in verdicts else verdicts[data.pair(row, other)]
            if judgement.label in ("agree", "adds_detail"):
                components.union(other, row)
    numbers: dict[int, int] = {}
    sides = {row: 0 for row in rows}
    for row in dissenting:
        sides[row] = numbers.setdefault(components.find(row), len(numbers) + 1)
    return sides


def _judged_group(
    centre: int, others: list[int], data: _Claims, verdicts: dict[Pair, Judgement]
) -> ClaimGroup | None:
    """The group from each member's judgement against the canonical; one claim per outlet,
    each on a side."""
    claims, vectors = data.claims, data.vectors
    canonical = claims[centre]
    origin_of = dict(zip(others, origin_numbers(vectors[[centre, *others]])[1:], strict=True))
    kept = _kept_rows(centre, others, data, verdicts)
    if not kept:
        return None
    members = {
        row: Stance(
            claims[row],
            verdicts[data.pair(centre, row)],
            origin_of[row],
            float(vectors[row] @ vectors[centre]),
        )
        for row in kept.values()
    }
    ordered = sorted(
        members, key=lambda row: (LABEL_ORDER[members[row].label], members[row].claim.domain)
    )
    side_of = _side_numbers(ordered, centre, data, verdicts)
    sides = tuple(side_of[row] for row in ordered)
    digest = hashlib.blake2b(canonical.claim_id.encode(), digest_size=8).hexdigest()
    return ClaimGroup(
        digest,
        canonical,
        tuple(members[row] for row in ordered),
        sides if len(set(sides)) > 1 else (),
    )


def _judge_missing(
    pairs: Sequence[tuple[int, int]],
    data: _Claims,
    judge: RelationJudge,
    cache: Mapping[Pair, object],
    meter: Meter | None,
    work: GroupingWork,
) -> tuple[list[tuple[int, int]], list[Judgement]]:
    """The pairs (by position) missing from ``cache``, each once, and their judgements."""
    missing = list(dict.fromkeys(pair for pair in pairs if data.pair(*pair) not in cache))
    return missing, work.judge(judge, data.batches(missing), meter)


def _reuse_or_judge(
    pairs: Sequence[tuple[int, int]],
    data: _Claims,
    judge: RelationJudge,
    cached: Mapping[Pair, T],
    keep: Callable[[Judgement], T],
    meter: Meter | None,
    work: GroupingWork,
) -> tuple[dict[Pair, T], int]:
    """For every pair (by position): the cached value, else ``keep`` of its judgement now;
    and how many pairs were judged."""
    judged, judgements = _judge_missing(pairs, data, judge, cached, meter, work)
    fresh = {data.pair(*pair): keep(j) for pair, j in zip(judged, judgements, strict=True)}
    found: dict[Pair, T] = {}
    for pair in (data.pair(*pair) for pair in pairs):
        found[pair] = fresh[pair] if pair in fresh else cached[pair]
    return found, len(judged)


def _load_claims(searcher: ClaimSearcher) -> _Claims:
    row_ids = searcher.searchable_ids()
    vectors = searcher.index.reconstruct(row_ids) if row_ids.size else np.zeros((0, 0))
    claims = [claim_from_row(searcher.claims.row(int(row), named=True)) for row in row_ids]
    return _Claims(claims, np.ascontiguousarray(vectors, dtype=np.float32))


def _previous_lists(
    state: GroupingState | None, data: _Claims, digests: list[str], k: int
) -> tuple[NeighbourLists, np.ndarray, np.ndarray]:
    """The stored lists in current positions, which claims are known, which lists are valid."""
    count = len(data.claims)
    known = np.zeros(count, dtype=bool)
    valid = np.zeros(count, dtype=bool)
    if state is None:
        return NeighbourLists.empty(count, 0), known, valid
    found = known_positions(state, data.ids, digests)
    now = np.fromiter(found, dtype=np.int64, count=len(found))
    before = np.fromiter(found.values(), dtype=np.int64, count=len(found))
    known[now] = True
    if state.k != k:
        return NeighbourLists.empty(count, 0), known, valid
    to_now = np.full(len(state.claim_ids) + 1, -1, dtype=np.int64)
    to_now[before] = now
    stored = state.lists.ids[before]
    mapped = np.where(stored >= 0, to_now[stored], -1)
    previous = NeighbourLists.empty(count, state.lists.k)
    previous.ids[now], previous.scores[now] = mapped, state.lists.scores[before]
    valid[now] = ~((stored >= 0) & (mapped < 0)).any(axis=1)
    return previous, known, valid


def update_groups(
    searcher: ClaimSearcher,
    judge: RelationJudge,
    state_file: Path | None = None,
    *,
    k: int = DEFAULT_NEIGHBOURS,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    meter: Meter | None = None,
    work: GroupingWork | None = None,
) -> tuple[list[ClaimGroup], GroupingStats]:
    """Group every searchable claim, reusing (then replacing) the state in ``state_file``.

    The groups equal those of a regroup from zero; only the work differs (see the stats).
    ``meter`` hears how many pairs are judged, first of the edges, then of the members.
    ``work`` runs the neighbour search and the judging (default: here, :class:`LocalWork`);
    the union-find over the judged edges and the layout of the groups run here.
    """
    work = work or LocalWork()
    data = _load_claims(searcher)
    stats = GroupingStats(claims=len(data.claims))
    if len(data.claims) < 2:
        return [], stats
    identity = judge_identity(judge)
    state = GroupingState.load(state_file) if state_file is not None else None
    digests = [
        claim_digest(claim, vector) for claim, vector in zip(data.claims, data.vectors, strict=True)
    ]
    previous, known, valid = _previous_lists(state, data, digests, k)
    search = NeighbourSearch(data.vectors, previous, known, valid, k)
    lists, stats.searched = work.neighbour_lists(search)
    same_judge = state is not None and state.judge == identity
    stats.mode = "incremental" if same_judge or bool(known.any()) else "full"
    stats.new_claims = int((~known).sum())

    dense_edges = _neighbour_edges(lists, data.claims, min_similarity)
    edges = sorted(set(dense_edges) | set(_lexical_edges(searcher, data, min_similarity)))
    stats.lexical_edges = len(edges) - len(dense_edges)
    cached = state if state is not None and same_judge else GroupingState(k, identity)
    edge_labels, stats.edges_judged = _reuse_or_judge(
        edges, data, judge, cached.edges, lambda judgement: judgement.label, meter, work
    )
    stats.edges = len(edges)
    parts, disputes = _components(edges, list(edge_labels.values()))
    owner = {row: index for index, rows in enumerate(disputes) for row in rows}
    part_of = [owner[rows[0]] for rows in parts]
    layouts = [_layout(rows, data) for rows in [*disputes, *parts]]
    members = [(centre, row) for centre, others in layouts for row in others]
    verdicts, stats.members_judged = _reuse_or_judge(
        members, data, judge, cached.verdicts, lambda judgement: judgement, meter, work
    )
    dissent = [
        pair
        for centre, others in layouts
        for pair in _dissenting_pairs(centre, others, data, verdicts)
    ]
    sided, judged = _reuse_or_judge(
        dissent, data, judge, cached.verdicts, lambda judgement: judgement, meter, work
    )
    verdicts |= sided
    stats.members_judged += judged
    stats.members = len(verdicts)
    judged_groups = [_judged_group(centre, others, data, verdicts) for centre, others in layouts]
    found = _kept_groups(judged_groups[: len(disputes)], judged_groups[len(disputes) :], part_of)
    found = list({group.group_id: group for group in found}.values())
    if state_file is not None:
        GroupingState(k, identity, data.ids, digests, lists, edge_labels, verdicts).save(state_file)
    return sorted(found, key=lambda group: (-len(group.outlets), group.canonical.claim_id)), stats


def build_groups(
    searcher: ClaimSearcher,
    judge: RelationJudge,
    *,
    k: int = DEFAULT_NEIGHBOURS,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> list[ClaimGroup]:
    """Group every searchable claim with matching claims of other outlets, from zero."""
    return update_groups(searcher, judge, None, k=k, min_similarity=min_similarity)[0]


def _without_confidence(group: ClaimGroup) -> tuple[ClaimGroup, list[float]]:
    members = tuple(
        replace(member, judgement=replace(member.judgement, confidence=0.0))
        for member in group.members
    )
    return replace(group, members=members), [m.judgement.confidence for m in group.members]


def group_differences(
    left: Sequence[ClaimGroup], right: Sequence[ClaimGroup], tolerance: float = 1e-5
) -> list[str]:
    """How two groupings differ (empty when they are the same). Confidences may differ by
    ``tolerance``: the judge's float32 head rounds differently in batches of other sizes."""
    if len(left) != len(right):
        return [f"{len(left)} groups against {len(right)}"]
    found: list[str] = []
    for one, other in zip(left, right, strict=True):
        bare_one, confidence_one = _without_confidence(one)
        bare_other, confidence_other = _without_confidence(other)
        if bare_one != bare_other:
            found.append(f"group {one.group_id} differs from group {other.group_id}")
        elif not np.allclose(confidence_one, confidence_other, rtol=0.0, atol=tolerance):
            found.append(f"group {one.group_id}: confidences differ by more than {tolerance}")
    return found
