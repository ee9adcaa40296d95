"""Plain, serialisable views of claims and corroboration groups, as a report shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from corroborate.grouping.groups import ClaimGroup
from corroborate.grouping.stance import Stance as JudgedClaim
from corroborate.models import Claim

Stance = Literal["canonical", "agree", "adds_detail", "contradicts"]
VERDICTS: tuple[Stance, ...] = ("agree", "adds_detail", "contradicts")


@dataclass(frozen=True)
class ClaimView:
    """One claim with its provenance."""

    claim_id: str
    text: str
    domain: str
    date: dt.date
    url: str
    headline: str

    @classmethod
    def of(cls, claim: Claim) -> ClaimView:
        return cls(claim.claim_id, claim.text, claim.domain, claim.date, claim.url, claim.headline)


@dataclass(frozen=True)
class Conflict:
    """The conflicting spans of a contradiction: in the canonical claim and in the member's."""

    canonical: str | None
    member: str | None


@dataclass(frozen=True)
class MemberView:
    """One outlet's claim in a group and its verdict against the canonical claim."""

    claim: ClaimView
    label: Stance
    reason: str
    detail: str | None
    conflict: Conflict | None
    origin: int

    @classmethod
    def of(cls, member: JudgedClaim) -> MemberView:
        judgement = member.judgement
        label = member.label
        if label == "unrelated":
            raise ValueError(f"group member {member.claim.claim_id} is judged unrelated")
        conflict = Conflict(*judgement.conflict) if judgement.conflict else None
        detail = judgement.detail if judgement.adds == "b" else None
        return cls(
            ClaimView.of(member.claim), label, judgement.reason, detail, conflict, member.origin
        )


@dataclass(frozen=True)
class GroupView:
    """A corroboration group: its canonical claim, every other outlet's verdict, its reach."""

    group_id: str
    rank: int
    """1 for the most corroborated group (most independent origins, then outlets)."""
    canonical: ClaimView
    outlets: list[str]
    origins: int
    first_seen: dt.date
    first_outlets: list[str]
    """The outlets that carried the claim on ``first_seen``."""
    counts: dict[str, int]
    """Members per verdict: ``agree``, ``adds_detail``, ``contradicts``."""
    members: list[MemberView]

    def stances(self) -> dict[str, Stance]:
        """Each outlet's stance, the canonical claim's outlet as ``canonical``."""
        return {
            self.canonical.domain: "canonical",
            **{member.claim.domain: member.label for member in self.members},
        }

    def carried(self) -> list[tuple[ClaimView, Stance]]:
        """Every outlet's claim with its stance, earliest first."""
        pairs: list[tuple[ClaimView, Stance]] = [(self.canonical, "canonical")]
        pairs += [(member.claim, member.label) for member in self.members]
        return sorted(pairs, key=lambda pair: (pair[0].date, pair[0].domain))

    def claim_ids(self) -> set[str]:
        return {self.canonical.claim_id, *(member.claim.claim_id for member in self.members)}

    def with_label(self, label: Stance) -> list[MemberView]:
        return [member for member in self.members if member.label == label]


def _ranking_key(group: ClaimGroup) -> tuple[int, int, dt.date, str]:
    return (-group.origins, -len(group.outlets), _first_seen(group), group.group_id)


def _first_seen(group: ClaimGroup) -> dt.date:
    return min(group.canonical.date, *(member.claim.date for member in group.members))


def group_views(groups: Sequence[ClaimGroup]) -> list[GroupView]:
    """Views of ``groups``, most corroborated first, ranked from 1."""
    views = []
    for rank, group in enumerate(sorted(groups, key=_ranking_key), start=1):
        members = [MemberView.of(member) for member in group.members]
        first = _first_seen(group)
        dated = [(group.canonical.domain, group.canonical.date)]
        dated += [(member.claim.domain, member.claim.date) for member in group.members]
        views.append(
            GroupView(
                group_id=group.group_id,
                rank=rank,
                canonical=ClaimView.of(group.canonical),
                outlets=group.outlets,
                origins=group.origins,
                first_seen=first,
                first_outlets=sorted({domain for domain, date in dated if date == first}),
                counts={
                    label: sum(member.label == label for member in members) for label in VERDICTS
                },
                members=members,
            )
        )
    return views
