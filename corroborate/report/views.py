"""Plain, serialisable views of claims and corroboration groups, as a report shows them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from corroborate.checks import Effect, run_checks
from corroborate.checks.overlap import content_keys
from corroborate.grouping.groups import ClaimGroup
from corroborate.grouping.stance import Stance as JudgedClaim
from corroborate.models import Claim
from corroborate.report.reasons import reader_reason

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
    position: int = 0
    """The sentence's index among the article's lines (after the 3 header lines)."""

    @classmethod
    def of(cls, claim: Claim) -> ClaimView:
        return cls(
            claim.claim_id,
            claim.text,
            claim.domain,
            claim.date,
            claim.url,
            claim.headline,
            claim.position,
        )


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
    def of(cls, member: JudgedClaim, reference: str = "the reference") -> MemberView:
        """The view of ``member``, its reason told against the ``reference`` outlet."""
        judgement = member.judgement
        label = member.label
        if label == "unrelated":
            raise ValueError(f"group member {member.claim.claim_id} is judged unrelated")
        conflict = Conflict(*judgement.conflict) if judgement.conflict else None
        detail = judgement.detail if judgement.adds == "b" else None
        return cls(
            ClaimView.of(member.claim),
            label,
            reader_reason(judgement, reference, member.claim.domain),
            detail,
            conflict,
            member.origin,
        )


@dataclass(frozen=True)
class SideView:
    """One position taken in a disputed group: what it says, who says it and when."""

    side: int
    """0 for the canonical claim's side; numbers are only ids, never a ranking."""
    words: str | None
    """The words this side differs on ("hundreds", "only a few dozen"), when a check found
    them; otherwise the side is told by its first claim."""
    outlets: list[str]
    origins: int
    """Independent origins among its outlets (a reprinted wire text counts once)."""
    first_seen: dt.date
    claims: list[ClaimView]
    """One claim per outlet, earliest first."""
    reasons: list[str]
    """How its claims differ from the canonical claim's side, as the checks put it."""


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
    sides: list[SideView] = dataclasses.field(default_factory=list)
    """The positions taken, most independent origins first; empty when nobody dissents."""

    @property
    def contested(self) -> bool:
        return len(self.sides) > 1

    def side_of(self) -> dict[str, int]:
        """Each outlet's place in :attr:`sides` (0 for the side listed first)."""
        return {domain: rank for rank, side in enumerate(self.sides) for domain in side.outlets}

    def silent_outlets(self) -> list[str]:
        """Outlets of a disputed group on no side: they carry the story but say nothing on
        the point in dispute."""
        return outlets_on_no_side(self.outlets, self.sides) if self.contested else []

    def minority_outlets(self) -> set[str]:
        """Outlets on a side with fewer independent origins than the side listed first."""
        if not self.contested:
            return set()
        most = self.sides[0].origins
        return {domain for side in self.sides if side.origins < most for domain in side.outlets}

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


def _silent_on(canonical: Claim, member: JudgedClaim, words: str) -> bool:
    """True if ``member`` agrees with ``canonical`` but says nothing on the ``words`` in
    dispute (the canonical claim adds them and the member gives no counterpart): such an
    outlet takes no side ("drifted over the US for several days" gives no date for "entered
    US airspace on February 1")."""
    said = content_keys(member.claim.text)
    if any(key.startswith(word) for word in content_keys(words) if len(word) > 3 for key in said):
        return False  # "Japanese-owned" speaks to "Japan's Shoei Kisen Kaisha"
    findings = run_checks(
        canonical.text, member.claim.text, date_a=canonical.date, date_b=member.claim.date
    )
    return any(
        f.effect is Effect.A_ADDS and f.span_b is None and f.span_a and words in f.span_a
        for f in findings
    )


def outlets_on_no_side(outlets: Iterable[str], sides: Sequence[SideView]) -> list[str]:
    """The ``outlets`` that appear on none of ``sides``, sorted."""
    return sorted(set(outlets) - {domain for side in sides for domain in side.outlets})


def sides_of(group: ClaimGroup) -> list[SideView]:
    """The group's positions, most independent origins first (then most outlets). An outlet
    that agrees with the canonical claim but says nothing on the point in dispute takes no
    side."""
    if not group.contested:
        return []
    placed: dict[int, list[JudgedClaim]] = {}
    for member, side in zip(group.members, group.side_numbers(), strict=True):
        placed.setdefault(side, []).append(member)
    dissent = [member for member in group.members if member.label == "contradicts"]
    canonical_words = next(
        (
            m.judgement.conflict[0]
            for m in dissent
            if m.judgement.conflict and m.judgement.conflict[0]
        ),
        None,
    )
    if canonical_words:
        placed[0] = [
            m for m in placed.get(0, []) if not _silent_on(group.canonical, m, canonical_words)
        ]
    sides = []
    for number in sorted({0, *placed}):
        members = placed.get(number, [])
        claims = [group.canonical] if number == 0 else []
        claims += [member.claim for member in members]
        origins = {member.origin for member in members} | ({0} if number == 0 else set())
        words = (
            canonical_words
            if number == 0
            else next(
                (
                    m.judgement.conflict[1]
                    for m in members
                    if m.judgement.conflict and m.judgement.conflict[1]
                ),
                None,
            )
        )
        ordered = sorted(claims, key=lambda claim: (claim.date, claim.domain))
        sides.append(
            SideView(
                side=number,
                words=words,
                outlets=sorted({claim.domain for claim in claims}),
                origins=len(origins),
                first_seen=ordered[0].date,
                claims=[ClaimView.of(claim) for claim in ordered],
                reasons=[]
                if number == 0
                else [
                    reader_reason(m.judgement, group.canonical.domain, m.domain) for m in members
                ],
            )
        )
    return sorted(sides, key=lambda side: (-side.origins, -len(side.outlets), side.side))


def group_views(groups: Sequence[ClaimGroup]) -> list[GroupView]:
    """Views of ``groups``, most corroborated first, ranked from 1."""
    views = []
    for rank, group in enumerate(sorted(groups, key=_ranking_key), start=1):
        members = [MemberView.of(m, group.canonical.domain) for m in group.members]
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
                sides=sides_of(group),
            )
        )
    return views
