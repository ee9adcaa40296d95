"""The report's data model: every number, list and table of a report, built from one index.

The renderers (HTML, Markdown, Parquet) read only this model; ``report.json`` is its JSON
form, documented in docs/report-schema.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from corroborate.grouping.groups import ClaimGroup
from corroborate.models import Claim
from corroborate.report.changes import Changes, PreviousReport, compare
from corroborate.report.views import VERDICTS, ClaimView, GroupView, Stance, group_views

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class IndexSnapshot:
    """What a report is built from: one generation of an index, with its groups."""

    path: str
    generation: int
    updated_at: str
    model: str
    claims: Sequence[Claim]
    """The searchable claims (boilerplate left out)."""
    articles_by_outlet: Mapping[str, int]
    groups: Sequence[ClaimGroup]


@dataclass(frozen=True)
class Limits:
    """How many items each section lists (the headline numbers always count everything)."""

    top: int = 10
    contested: int = 20
    single_source: int = 20
    changes: int = 30


@dataclass(frozen=True)
class IndexInfo:
    path: str
    generation: int
    updated_at: str
    model: str


@dataclass(frozen=True)
class Headline:
    articles: int
    claims: int
    outlets: int
    groups: int
    contested_groups: int
    single_source_claims: int


@dataclass(frozen=True)
class SingleSource:
    """Claims in no group: how many, and a sample spread over the largest outlets."""

    total: int
    sample: list[ClaimView]


@dataclass(frozen=True)
class OutletRow:
    """One outlet's record. Rates are shares of the groups it carries; carrying the
    canonical claim counts as agreeing. Nothing here rates an outlet: being in a minority
    position says how often others reported it differently, not who was right."""

    domain: str
    articles: int
    claims: int
    groups: int
    agree: int
    adds_detail: int
    canonical: int
    disputed: int
    """Disputed groups (two or more positions) this outlet is in."""
    minority: int
    """Disputed groups where its position has fewer independent origins than another."""
    first: int
    """Groups this outlet carried on the day they were first seen."""
    agree_rate: float | None
    adds_detail_rate: float | None
    minority_rate: float | None
    first_rate: float | None


@dataclass(frozen=True)
class Matrix:
    """Outlet by story: ``cells[i][j]`` is outlet ``i``'s stance in group ``j`` (or null)."""

    groups: list[str]
    outlets: list[str]
    cells: list[list[Stance | None]]


@dataclass(frozen=True)
class TimelinePoint:
    domain: str
    date: dt.date
    day: int
    """Days after the group was first seen."""
    stance: Stance


@dataclass(frozen=True)
class TimelineRow:
    group_id: str
    first_seen: dt.date
    points: list[TimelinePoint]


@dataclass(frozen=True)
class Report:
    """Everything one report says."""

    schema_version: int
    generated_at: str
    index: IndexInfo
    headline: Headline
    top: list[str]
    """Ids of the most corroborated groups, best first."""
    contested: list[str]
    """Ids of the disputed groups (two or more positions), most outlets first."""
    single_source: SingleSource
    changes: Changes
    outlets: list[OutletRow]
    matrix: Matrix
    timeline: list[TimelineRow]
    groups: list[GroupView]
    """Every group, most corroborated first."""

    @cached_property
    def _by_id(self) -> dict[str, GroupView]:
        return {group.group_id: group for group in self.groups}

    def group(self, group_id: str) -> GroupView:
        return self._by_id[group_id]

    def to_dict(self) -> dict[str, Any]:
        """The report as :func:`dataclasses.asdict` gives it (the JSON form's data)."""
        found = _plain(self)
        assert isinstance(found, dict)
        return found


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: object) -> object:
    """``value`` as :func:`dataclasses.asdict` makes it (dataclasses become dicts; lists,
    tuples and dicts are copied, recursively), without its deep copy of every leaf: ~4 times
    faster on a report of 20k claims, and the leaves of a report (text, numbers, dates) are
    immutable."""
    if isinstance(value, str | int | float) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(item.name for item in dataclasses.fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    return value


def _rate(count: int, total: int) -> float | None:
    return round(count / total, 3) if total else None


def _outlet_rows(snapshot: IndexSnapshot, groups: Sequence[GroupView]) -> list[OutletRow]:
    claims = Counter(claim.domain for claim in snapshot.claims)
    stances: dict[str, Counter[str]] = {}
    for group in groups:
        minority = group.minority_outlets()
        for domain, stance in group.stances().items():
            seen = stances.setdefault(domain, Counter())
            seen[stance] += 1
            seen["first"] += domain in group.first_outlets
            seen["disputed"] += group.contested
            seen["minority"] += domain in minority
    rows = []
    for domain in sorted({*snapshot.articles_by_outlet, *claims, *stances}):
        seen = stances.get(domain, Counter())
        carried = sum(seen[stance] for stance in ("canonical", *VERDICTS))
        rows.append(
            OutletRow(
                domain=domain,
                articles=snapshot.articles_by_outlet.get(domain, 0),
                claims=claims[domain],
                groups=carried,
                agree=seen["agree"],
                adds_detail=seen["adds_detail"],
                canonical=seen["canonical"],
                disputed=seen["disputed"],
                minority=seen["minority"],
                first=seen["first"],
                agree_rate=_rate(seen["agree"] + seen["canonical"], carried),
                adds_detail_rate=_rate(seen["adds_detail"], carried),
                minority_rate=_rate(seen["minority"], carried),
                first_rate=_rate(seen["first"], carried),
            )
        )
    return sorted(rows, key=lambda row: (-row.claims, row.domain))


def _single_source(
    claims: Sequence[Claim], groups: Sequence[GroupView], limit: int
) -> SingleSource:
    """Ungrouped claims; the sample takes one claim per outlet in turn (largest outlets
    first, each outlet's newest claims first) and lists them by outlet."""
    grouped = set().union(*(group.claim_ids() for group in groups))
    singles = [claim for claim in claims if claim.claim_id not in grouped]
    by_outlet: dict[str, list[Claim]] = {}
    for claim in sorted(singles, key=lambda claim: (-claim.date.toordinal(), claim.position)):
        by_outlet.setdefault(claim.domain, []).append(claim)
    size = Counter(claim.domain for claim in claims)
    order = sorted(by_outlet, key=lambda domain: (-size[domain], domain))
    picked: list[tuple[int, Claim]] = []
    for turn in range(max((len(items) for items in by_outlet.values()), default=0)):
        for rank, domain in enumerate(order):
            if len(picked) < limit and turn < len(by_outlet[domain]):
                picked.append((rank, by_outlet[domain][turn]))
    picked.sort(key=lambda pair: pair[0])
    return SingleSource(len(singles), [ClaimView.of(claim) for _, claim in picked])


def _matrix(groups: Sequence[GroupView]) -> Matrix:
    stances = [group.stances() for group in groups]
    carried = Counter(domain for row in stances for domain in row)
    outlets = sorted(carried, key=lambda domain: (-carried[domain], domain))
    cells = [[row.get(domain) for row in stances] for domain in outlets]
    return Matrix([group.group_id for group in groups], outlets, cells)


def _timeline(groups: Sequence[GroupView]) -> list[TimelineRow]:
    return [
        TimelineRow(
            group.group_id,
            group.first_seen,
            [
                TimelinePoint(
                    claim.domain, claim.date, (claim.date - group.first_seen).days, stance
                )
                for claim, stance in group.carried()
            ],
        )
        for group in groups
    ]


def build_report(
    snapshot: IndexSnapshot,
    previous: PreviousReport | None,
    *,
    generated_at: dt.datetime,
    limits: Limits = Limits(),
) -> Report:
    """The report of ``snapshot``, with what changed since ``previous`` (if any)."""
    groups = group_views(snapshot.groups)
    top = groups[: limits.top]
    contested = sorted(
        (group for group in groups if group.contested),
        key=lambda group: (-len(group.outlets), group.rank),
    )
    single_source = _single_source(snapshot.claims, groups, limits.single_source)
    return Report(
        schema_version=SCHEMA_VERSION,
        generated_at=generated_at.isoformat(timespec="seconds"),
        index=IndexInfo(snapshot.path, snapshot.generation, snapshot.updated_at, snapshot.model),
        headline=Headline(
            articles=sum(snapshot.articles_by_outlet.values()),
            claims=len(snapshot.claims),
            outlets=len(snapshot.articles_by_outlet),
            groups=len(groups),
            contested_groups=len(contested),
            single_source_claims=single_source.total,
        ),
        top=[group.group_id for group in top],
        contested=[group.group_id for group in contested[: limits.contested]],
        single_source=single_source,
        changes=compare(groups, previous, limits.changes),
        outlets=_outlet_rows(snapshot, groups),
        matrix=_matrix(top),
        timeline=_timeline(top),
        groups=groups,
    )
