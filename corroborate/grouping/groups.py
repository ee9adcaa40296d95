"""Corroboration groups across sources, from a k-nearest-neighbour graph of the claims.

Judging is O(n·k): each claim is judged against its ``k`` nearest neighbours only, never
against every other claim. The candidate search is hybrid: beside its dense neighbours each
claim proposes its best BM25 matches from the full-text index
(:func:`~corroborate.retrieval.lexical.lexical_neighbours`, recomputed each run, since the
idf moves as claims arrive), kept when their cosine reaches the same floor; only claims whose
exact dense list is full at that floor ask (any other claim's list already holds every claim
that could pass it). Neighbours from
other outlets down to the dispute cosine are judged, and read the way a report needs
(:mod:`corroborate.grouping.reading`): "same claim" edges (agree, adds detail) join claims
worded as one claim; a contradiction that names its
words joins claims down to the dispute cosine, since a changed figure or date lowers it, and
puts both positions in one group, as its sides. Each joined set is then peeled: its canonical
claim is the claim in most conflicts (else the most central), every other outlet's claims
are judged against it (most similar first, up to the first related one, which the outlet
keeps), and what is left (claims judged unrelated to it, an outlet's second claim) is
joined again and grouped the same way, so a chain of claims about several facts gives a
group per fact. Dissenting members are judged against each other to find who sides with
whom, so each outlet's verdict and its reason are relative to one sentence.

With a state file (:mod:`corroborate.grouping.state`) a regroup is incremental: only new
claims (and claims that lost a neighbour) are searched, old lists merge in the new claims
that beat their last neighbour, and only edges and member pairs never judged before are
judged. (The neighbour search itself is exact, FAISS flat: O(n²·d) arithmetic from zero,
O(n·m·d) for m new claims; the judging, the slow part, is O(n·k) and O(m·k).) The result is
the same as grouping from zero: the neighbour lists are exact and a
judgement depends on its pair only, except that the judge's float32 head may round a
confidence differently (around the 7th digit) in a batch of another size, so
:func:`group_differences` compares confidences with a tolerance. The components are rebuilt
each time (cheap); peeling judges what is left of a set once per round, so a set of r claims
about f facts costs up to r·f member judgements (cached in the state like the rest).
"""

from __future__ import annotations

import gc
import hashlib
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from corroborate.embedders.meter import Meter, chunked
from corroborate.grouping.corroboration import LABEL_ORDER
from corroborate.grouping.reading import VerdictReader
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
from corroborate.retrieval.neighbours import NeighbourLists, paired_scores
from corroborate.retrieval.search import ClaimSearcher, claim_from_row

DEFAULT_NEIGHBOURS = 10
DEFAULT_MIN_SIMILARITY = 0.63
"""Cosine at or above which a neighbour's agreement or added detail joins two claims (the
F1-best paraphrase threshold on MRPC train)."""
DEFAULT_DISPUTE_SIMILARITY = 0.45
"""Cosine at or above which a neighbour from another outlet is judged at all: a version of
the claim with another figure, date, name or a denial sits below the paraphrase cosine, so
between this and :data:`DEFAULT_MIN_SIMILARITY` only a contradiction joins. Below it the
judge's own subject rule (off-subject under a cosine of about 0.375 + P(unrelated) / 10)
calls nearly every pair another subject."""
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
    agree with each other. Empty when no member contradicts the canonical claim; a lone
    member contradicting it is a dispute of two sides."""

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
        """True when some member takes a position other than the canonical claim's (side 0,
        which the canonical claim holds even when no member shares it)."""
        return any(self.side_numbers())


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

    @cached_property
    def ids(self) -> list[str]:
        return [claim.claim_id for claim in self.claims]

    @cached_property
    def outlets(self) -> np.ndarray:
        """Each claim's outlet, as a number (claims of one outlet share it)."""
        numbers: dict[str, int] = {}
        found = [numbers.setdefault(claim.domain, len(numbers)) for claim in self.claims]
        return np.array(found, dtype=np.int64)

    def pair(self, a: int, b: int) -> Pair:
        return (self.ids[a], self.ids[b])

    def reader(self, min_similarity: float) -> VerdictReader:
        """How grouping reads the judgements of these claims' pairs."""
        return VerdictReader(
            [claim.text for claim in self.claims],
            [claim.date for claim in self.claims],
            self.vectors,
            min_similarity,
        )

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


def _pairs(left: np.ndarray, right: np.ndarray, count: int) -> list[tuple[int, int]]:
    """The distinct pairs (min, max) of ``left[i]`` and ``right[i]`` (positions below
    ``count``), sorted."""
    low, high = np.minimum(left, right), np.maximum(left, right)
    keys = np.unique(low.astype(np.int64) * count + high)
    return list(zip((keys // count).tolist(), (keys % count).tolist(), strict=True))


def _neighbour_edges(
    lists: NeighbourLists, data: _Claims, min_similarity: float
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of claims from different outlets, one in the other's list with a
    score of at least ``min_similarity``."""
    count = len(data.claims)
    rows = np.repeat(np.arange(count, dtype=np.int64), lists.k)
    others, scores = lists.ids.ravel(), lists.scores.ravel()
    outlets = data.outlets
    keep = (others >= 0) & (scores >= min_similarity)
    rows, others = rows[keep], others[keep]
    keep = outlets[rows] != outlets[others]
    return _pairs(rows[keep], others[keep], count)


def _lexical_queries(lists: NeighbourLists, count: int, min_similarity: float) -> np.ndarray:
    """The claims (positions) whose BM25 candidates can add an edge to the dense ones: those
    whose exact list is full at ``min_similarity``. Any other claim's list already holds
    every claim scoring ``min_similarity`` or more against it (the lists are exact, scored
    as :func:`~corroborate.retrieval.neighbours.paired_scores` scores a candidate), so its
    candidates could only repeat a dense edge."""
    if lists.k == 0 or lists.k >= count - 1:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(lists.scores[:, -1] >= min_similarity)


def _lexical_edges(
    searcher: ClaimSearcher, data: _Claims, lists: NeighbourLists, min_similarity: float
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of claims from different outlets, one among the other's best
    BM25 matches, whose cosine similarity reaches ``min_similarity`` too, and not already
    a dense edge by :func:`_lexical_queries` (none without a full-text index)."""
    if searcher.full_text is None:
        return []
    texts = [claim.text for claim in data.claims]
    queries = _lexical_queries(lists, len(texts), min_similarity).tolist()
    found = lexical_neighbours(
        searcher.full_text, texts, searcher.searchable_ids(), queries=queries
    )
    flat = chain.from_iterable(found)
    pairs = np.fromiter(flat, dtype=np.int64, count=2 * len(found)).reshape(-1, 2)
    left, right = pairs[:, 0], pairs[:, 1]
    keep = data.outlets[left] != data.outlets[right]
    left, right = left[keep], right[keep]
    keep = paired_scores(data.vectors, left, right) >= min_similarity
    return _pairs(left[keep], right[keep], len(texts))


def _canonical(
    candidates: list[int], vectors: np.ndarray, claims: Sequence[Claim], rows: list[int]
) -> int:
    """The index in ``candidates`` of the most central claim of the group ``rows`` (highest
    summed similarity to its rows), earliest on ties."""
    similarity = vectors[candidates] @ vectors[rows].T
    centrality = similarity.sum(axis=1)
    return min(
        range(len(candidates)),
        key=lambda i: (
            -round(float(centrality[i]), 4),
            claims[candidates[i]].date,
            claims[candidates[i]].claim_id,
        ),
    )


def _components(rows: Iterable[int], links: Mapping[int, Sequence[int]]) -> list[list[int]]:
    """The sets of ``rows`` joined by ``links`` (row → rows it is joined to: by a "same
    claim" edge or a contradiction, which puts both positions in one group, as its sides),
    each sorted; a row joined to no other row of ``rows`` is left out, and two lone claims
    that contradict each other make a set of their own."""
    inside = set(rows)
    components = Components()
    for row in inside:
        for other in links.get(row, ()):
            if other in inside:
                components.union(row, other)
    return sorted(found for found in components.groups() if len(found) > 1)


def _links(edges: Sequence[tuple[int, int]], labels: Sequence[Label]) -> dict[int, list[int]]:
    """Row → the rows an edge joins it to (any label but unrelated)."""
    links: dict[int, list[int]] = {}
    for (left, right), label in zip(edges, labels, strict=True):
        if label != "unrelated":
            links.setdefault(left, []).append(right)
            links.setdefault(right, []).append(left)
    return links


def _grouped_labels(
    edges: Sequence[tuple[int, int]],
    labels: Sequence[Label],
    vectors: np.ndarray,
    min_similarity: float,
) -> list[Label]:
    """Each judged edge's label as grouping reads it: below ``min_similarity`` (the cosine
    of one claim worded two ways) only a contradiction joins, since a changed figure, date or
    name lowers the cosine of two versions of one claim; other verdicts there are left out."""
    return [
        label
        if label == "contradicts" or float(vectors[left] @ vectors[right]) >= min_similarity
        else "unrelated"
        for (left, right), label in zip(edges, labels, strict=True)
    ]


def _layout(
    rows: list[int], data: _Claims, conflicts: Mapping[int, AbstractSet[int]]
) -> tuple[int, list[int]]:
    """A group's canonical row and its other outlets' rows, most similar first. In a set
    joined by contradictions the canonical claim is the claim in most of them (the most
    central of those on ties), so the group is about the fact in dispute, not a vaguer or
    compound claim that both positions seem to agree with."""
    claims, vectors = data.claims, data.vectors
    inside = set(rows)
    disputes = {row: len(conflicts.get(row, set()) & inside) for row in rows}
    most = max(disputes.values())
    candidates = [row for row in rows if disputes[row] == most]
    centre = candidates[_canonical(candidates, vectors, claims, rows)]
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


def _same_words(one: Judgement, other: Judgement) -> bool:
    """True if two contradictions of the canonical claim say the same conflicting words
    ("Shahed-191, Shahed-129" both): the two members hold one position."""
    words = [(j.conflict[1] or "").casefold() if j.conflict else "" for j in (one, other)]
    return bool(words[0]) and words[0] == words[1]


def _side_numbers(
    rows: Sequence[int], centre: int, data: _Claims, verdicts: Mapping[Pair, Judgement]
) -> dict[int, int]:
    """Each member row's side: 0 for the canonical claim's, 1, 2... for members contradicting
    it, those agreeing with each other (either way round) or saying the same conflicting
    words sharing a number."""
    dissenting = [
        row for row in rows if verdicts[data.pair(centre, row)].stance_of_b == "contradicts"
    ]
    components = Components()
    for index, row in enumerate(dissenting):
        components.find(row)
        for other in dissenting[:index]:
            pair = data.pair(other, row)
            judgement = verdicts[pair] if pair in verdicts else verdicts[data.pair(row, other)]
            if judgement.label in ("agree", "adds_detail") or _same_words(
                verdicts[data.pair(centre, other)], verdicts[data.pair(centre, row)]
            ):
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
        sides if any(sides) else (),
    )


def _reuse_or_judge(
    pairs: Sequence[tuple[int, int]],
    data: _Claims,
    judge: RelationJudge,
    cached: Mapping[Pair, T],
    keep: Callable[[tuple[int, int], Judgement], T],
    meter: Meter | None,
    work: GroupingWork,
) -> tuple[dict[Pair, T], int]:
    """For every pair (by position): the cached value, else ``keep`` of its judgement now
    (each missing pair judged once); and how many pairs were judged."""
    ids = data.ids
    keys = [(ids[a], ids[b]) for a, b in pairs]
    missing = list(
        dict.fromkeys(p for p, key in zip(pairs, keys, strict=True) if key not in cached)
    )
    judgements = work.judge(judge, data.batches(missing), meter)
    fresh = {
        (ids[a], ids[b]): keep((a, b), j) for (a, b), j in zip(missing, judgements, strict=True)
    }
    found = {key: fresh[key] if key in fresh else cached[key] for key in keys}
    return found, len(missing)


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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Run the block with Python's cyclic garbage collector off (then as it was). A regroup
    makes about a million small objects that live until it ends (claims, pairs, judgements,
    the state read back) and hold no reference cycles: the collector's full passes over
    them found nothing to free and cost ~10 % of an incremental regroup of 20k claims."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def update_groups(
    searcher: ClaimSearcher,
    judge: RelationJudge,
    state_file: Path | None = None,
    *,
    k: int = DEFAULT_NEIGHBOURS,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    dispute_similarity: float = DEFAULT_DISPUTE_SIMILARITY,
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

    floor = min(min_similarity, dispute_similarity)
    dense_edges = _neighbour_edges(lists, data, floor)
    edges = sorted(set(dense_edges) | set(_lexical_edges(searcher, data, lists, floor)))
    stats.lexical_edges = len(edges) - len(dense_edges)
    cached = state if state is not None and same_judge else GroupingState(k, identity)
    reader = data.reader(min_similarity)
    edge_labels, stats.edges_judged = _reuse_or_judge(
        edges,
        data,
        judge.for_links(min_similarity),
        cached.edges,
        lambda pair, j: reader.read(pair, j).label,
        meter,
        work,
    )
    stats.edges = len(edges)
    labels = _grouped_labels(edges, list(edge_labels.values()), data.vectors, min_similarity)
    found, verdicts, stats.members_judged = _peeled_groups(
        _Edges(edges, labels), data, Judging(judge, cached.verdicts, reader, meter, work)
    )
    stats.members = len(verdicts)
    if state_file is not None:
        GroupingState(k, identity, data.ids, digests, lists, edge_labels, verdicts).save(state_file)
    return sorted(found, key=lambda group: (-len(group.outlets), group.canonical.claim_id)), stats


@dataclass(frozen=True)
class _Edges:
    """The judged neighbour edges (by position) and their labels as grouping reads them."""

    pairs: Sequence[tuple[int, int]]
    labels: Sequence[Label]

    def links(self) -> dict[int, list[int]]:
        return _links(self.pairs, self.labels)

    def conflicts(self) -> dict[int, set[int]]:
        """Row → the rows it contradicts."""
        found: dict[int, set[int]] = {}
        for (left, right), label in zip(self.pairs, self.labels, strict=True):
            if label == "contradicts":
                found.setdefault(left, set()).add(right)
                found.setdefault(right, set()).add(left)
        return found


@dataclass(frozen=True)
class Judging:
    """What judging member pairs needs: the judge, the verdicts a state kept, the meter and
    where the work runs."""

    judge: RelationJudge
    cached: Mapping[Pair, Judgement]
    reader: VerdictReader
    meter: Meter | None
    work: GroupingWork


def _judge_members(
    layouts: Sequence[tuple[int, list[int]]],
    data: _Claims,
    judging: Judging,
    known: Mapping[Pair, Judgement],
    verdicts: dict[Pair, Judgement],
) -> int:
    """Add to ``verdicts`` the member verdicts that :func:`_kept_rows` reads (reused from
    ``known`` or judged), and return how many were judged: per outlet of each layout, its
    claims against the canonical one, most similar first, up to the first not judged
    unrelated. (The claims after it are never read: an outlet keeps that one.) Judged in
    waves, the next claim of every outlet still open in every layout at once."""
    open_rows: list[tuple[int, list[list[int]]]] = []
    for centre, others in layouts:
        by_outlet: dict[str, list[int]] = {}
        for row in reversed(others):  # popped from the end: most similar first
            by_outlet.setdefault(data.claims[row].domain, []).append(row)
        if by_outlet:
            open_rows.append((centre, list(by_outlet.values())))
    judged = 0
    while open_rows:
        wave = [(centre, rows.pop(), rows) for centre, by_outlet in open_rows for rows in by_outlet]
        fresh, count = _reuse_or_judge(
            [(centre, row) for centre, row, _ in wave],
            data,
            judging.judge,
            known,
            judging.reader.read,
            judging.meter,
            judging.work,
        )
        verdicts |= fresh
        judged += count
        for centre, row, rows in wave:
            if verdicts[data.pair(centre, row)].label != "unrelated":
                rows.clear()  # this outlet keeps this claim
        open_rows = [
            (centre, [rows for rows in by_outlet if rows]) for centre, by_outlet in open_rows
        ]
        open_rows = [(centre, by_outlet) for centre, by_outlet in open_rows if by_outlet]
    return judged


def _peeled_groups(
    edges: _Edges, data: _Claims, judging: Judging
) -> tuple[list[ClaimGroup], dict[Pair, Judgement], int]:
    """The groups of the joined sets, each peeled: the canonical claim and the members judged
    related to it make a group, and what is left of the set (claims judged unrelated to that
    canonical, an outlet's second claim) is joined again by its own edges and grouped the
    same way, so a chain of agreeing claims about several facts gives a group per fact
    instead of one group that drops most of them. Also the verdicts judged (or reused) and
    how many pairs were judged now."""
    links, conflicts = edges.links(), edges.conflicts()
    verdicts: dict[Pair, Judgement] = {}
    known = ChainMap(verdicts, dict(judging.cached))
    judged = 0
    found: list[ClaimGroup] = []
    pending = _components(range(len(data.claims)), links)
    while pending:
        layouts = [_layout(rows, data, conflicts) for rows in pending]
        count = _judge_members(layouts, data, judging, known, verdicts)
        dissent = [
            pair
            for centre, others in layouts
            for pair in _dissenting_pairs(centre, others, data, verdicts)
        ]
        sided, more = _reuse_or_judge(
            dissent, data, judging.judge, known, judging.reader.read, judging.meter, judging.work
        )
        verdicts |= sided
        judged += count + more
        left: list[list[int]] = []
        for rows, (centre, others) in zip(pending, layouts, strict=True):
            group = _judged_group(centre, others, data, verdicts)
            used = {centre}
            if group is not None:
                found.append(group)
                used |= set(_kept_rows(centre, others, data, verdicts).values())
            left += _components([row for row in rows if row not in used], links)
        pending = left
    return found, verdicts, judged


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
