"""Per-outlet verdicts for one claim: who agrees, who adds detail, who contradicts.

Takes the hits of a search, judges each against the claim, keeps one verdict per outlet (its
most similar related claim) and counts independent origins: outlets whose sentences are
near-identical (a reprinted wire story) share one origin.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corroborate.grouping.stance import Stance
from corroborate.grouping.unionfind import origin_numbers
from corroborate.models import QueryHit, QueryResult
from corroborate.relations.judge import LABELS, Judgement, Label, RelationJudge


@dataclass(frozen=True)
class Corroboration:
    """The verdicts of every outlet that carries the claim (unrelated matches left out)."""

    query: str
    verdicts: tuple[Stance, ...]
    unrelated: tuple[Stance, ...] = ()
    """Matches judged unrelated to the claim (about something else), most similar first."""
    also: tuple[Stance, ...] = ()
    """Related matches of outlets already in ``verdicts`` (each outlet shows its closest)."""

    @property
    def counts(self) -> dict[Label, int]:
        counted = Counter(verdict.label for verdict in self.verdicts)
        return {label: counted.get(label, 0) for label in LABELS if label != "unrelated"}

    @property
    def origins(self) -> int:
        return len({verdict.origin for verdict in self.verdicts})


LABEL_ORDER: dict[Label, int] = {"agree": 0, "adds_detail": 1, "contradicts": 2, "unrelated": 3}


def corroborate_hits(
    result: QueryResult,
    query_vector: np.ndarray,
    hit_vectors: np.ndarray,
    judge: RelationJudge,
) -> Corroboration:
    """Judge every hit of ``result`` against its query and keep one verdict per outlet.

    ``hit_vectors`` are the unit vectors of ``result.hits``, in that order.
    """
    hits: Sequence[QueryHit] = result.hits
    if not hits:
        return Corroboration(result.query, ())
    queries = np.repeat(query_vector.reshape(1, -1), len(hits), axis=0)
    judgements = judge.judge(
        [result.query] * len(hits),
        [hit.claim.text for hit in hits],
        queries,
        hit_vectors,
        dates_b=[hit.claim.date for hit in hits],
    )
    origins = origin_numbers(hit_vectors)
    judgements = _anchored(hits, judgements, hit_vectors, judge)
    chosen: dict[str, Stance] = {}
    unrelated: list[Stance] = []
    also: list[Stance] = []
    for hit, judgement, origin in zip(hits, judgements, origins, strict=True):
        stance = Stance(hit.claim, judgement, origin, hit.similarity)
        if judgement.label == "unrelated":
            unrelated.append(stance)
        elif hit.claim.domain in chosen:
            also.append(stance)
        else:
            chosen[hit.claim.domain] = stance
    verdicts = sorted(
        chosen.values(), key=lambda verdict: (LABEL_ORDER[verdict.label], -verdict.similarity)
    )
    return Corroboration(result.query, tuple(verdicts), tuple(unrelated), tuple(also))


ANCHORS = 1
"""Agreeing matches (from different outlets) the unrelated ones are judged against again
(more anchors find more outlets but carry the judge's false agreements further)."""


def _anchored(
    hits: Sequence[QueryHit],
    judgements: Sequence[Judgement],
    hit_vectors: np.ndarray,
    judge: RelationJudge,
) -> list[Judgement]:
    """The judgements, with each match judged unrelated to the query judged again against
    anchors: the closest stored claims (one per outlet, up to :data:`ANCHORS`) that agree
    with the query. An anchor is a sentence as outlets write it, so matches that a terse or
    reworded query misses are still found, and the outlets named depend less on how the
    question was put. The first anchor relating to a match gives its verdict."""
    anchors: dict[str, int] = {}
    for i, judgement in enumerate(judgements):
        if judgement.stance_of_b == "agree" and len(anchors) < ANCHORS:
            anchors.setdefault(hits[i].claim.domain, i)
    found = list(judgements)
    for anchor in anchors.values():
        again = [
            i
            for i, judgement in enumerate(found)
            if judgement.label == "unrelated" and hits[i].claim.domain != hits[anchor].claim.domain
        ]
        if not again:
            break
        second = judge.judge(
            [hits[anchor].claim.text] * len(again),
            [hits[i].claim.text for i in again],
            np.repeat(hit_vectors[anchor : anchor + 1], len(again), axis=0),
            hit_vectors[again],
            [hits[anchor].claim.date] * len(again),
            [hits[i].claim.date for i in again],
        )
        for i, judgement in zip(again, second, strict=True):
            if judgement.label != "unrelated":
                found[i] = judgement
    return found
