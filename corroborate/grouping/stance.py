"""One outlet's claim judged against a reference claim: the unit of every verdict shown."""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.models import Claim
from corroborate.relations.judge import Judgement, Label


@dataclass(frozen=True)
class Stance:
    """An outlet's claim, its verdict against the reference claim, its similarity to it and
    its origin number (outlets reprinting one text share an origin)."""

    claim: Claim
    judgement: Judgement
    origin: int
    similarity: float

    @property
    def domain(self) -> str:
        return self.claim.domain

    @property
    def label(self) -> Label:
        return self.judgement.stance_of_b
