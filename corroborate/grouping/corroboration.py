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
from corroborate.relations.judge import LABELS, Label, RelationJudge


@dataclass(frozen=True)
class Corroboration:
    """The verdicts of every outlet that carries the claim (unrelated matches left out)."""

    query: str
    verdicts: tuple[Stance, ...]

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
    chosen: dict[str, Stance] = {}
    for hit, judgement, origin in zip(hits, judgements, origins, strict=True):
        if judgement.label == "unrelated" or hit.claim.domain in chosen:
            continue
        chosen[hit.claim.domain] = Stance(hit.claim, judgement, origin, hit.similarity)
    verdicts = sorted(
        chosen.values(), key=lambda verdict: (LABEL_ORDER[verdict.label], -verdict.similarity)
    )
    return Corroboration(result.query, tuple(verdicts))
