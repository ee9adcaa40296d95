"""What changed since the previous report: new groups, groups whose verdicts changed, gone ones.

A group keeps its id while its canonical claim stays the same. When a new outlet shifts the
canonical claim, the group gets a new id; it is then matched to the previous group it shares
most claims with, so it shows as changed rather than as new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corroborate.errors import CorroborateError
from corroborate.report.views import GroupView


@dataclass(frozen=True)
class Baseline:
    """The report compared with."""

    path: str
    generated_at: str


@dataclass(frozen=True)
class PreviousGroup:
    """What the comparison needs of a group of the previous report."""

    group_id: str
    text: str
    counts: dict[str, int]
    outlets: tuple[str, ...]
    claim_ids: frozenset[str]


@dataclass(frozen=True)
class PreviousReport:
    baseline: Baseline
    groups: tuple[PreviousGroup, ...]


@dataclass(frozen=True)
class GroupChange:
    """A group present in both reports whose verdict counts or outlets changed."""

    group_id: str
    previous_group_id: str
    before: dict[str, int]
    after: dict[str, int]
    outlets_added: list[str]
    outlets_dropped: list[str]


@dataclass(frozen=True)
class GoneGroup:
    """A group of the previous report with no counterpart now."""

    group_id: str
    text: str


@dataclass(frozen=True)
class Changes:
    """Counts of new, changed and gone groups, and the first of each (up to a limit)."""

    baseline: Baseline | None
    new_groups: int
    changed_groups: int
    gone_groups: int
    new: list[str]
    changed: list[GroupChange]
    gone: list[GoneGroup]


def _previous_group(data: Mapping[str, Any]) -> PreviousGroup:
    members = data["members"]
    return PreviousGroup(
        group_id=str(data["group_id"]),
        text=str(data["canonical"]["text"]),
        counts={str(label): int(count) for label, count in data["counts"].items()},
        outlets=tuple(data["outlets"]),
        claim_ids=frozenset(
            [data["canonical"]["claim_id"], *(member["claim"]["claim_id"] for member in members)]
        ),
    )


def read_previous(path: Path) -> PreviousReport:
    """Read the groups of a ``report.json``; raise :class:`CorroborateError` if it is broken."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        groups = tuple(_previous_group(group) for group in data["groups"])
        baseline = Baseline(str(path), str(data["generated_at"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorroborateError(
            f"previous report {path} cannot be read ({exc!r}); delete it or pass --since to "
            "compare with another report"
        ) from exc
    return PreviousReport(baseline, groups)


def _match(
    groups: Sequence[GroupView], previous: Sequence[PreviousGroup]
) -> dict[str, PreviousGroup]:
    """Current group id → its previous group: same id first, else most shared claims."""
    by_id = {group.group_id: group for group in previous}
    matched = {group.group_id: by_id[group.group_id] for group in groups if group.group_id in by_id}
    used = {group.group_id for group in matched.values()}
    owner: dict[str, PreviousGroup] = {}
    for old in previous:
        for claim_id in sorted(old.claim_ids):
            owner.setdefault(claim_id, old)
    for group in groups:
        if group.group_id in matched:
            continue
        shared = Counter(
            owner[claim_id].group_id
            for claim_id in group.claim_ids()
            if claim_id in owner and owner[claim_id].group_id not in used
        )
        if shared:
            best = min(shared, key=lambda group_id: (-shared[group_id], group_id))
            matched[group.group_id] = by_id[best]
            used.add(best)
    return matched


def compare(groups: Sequence[GroupView], previous: PreviousReport | None, limit: int) -> Changes:
    """What is new or changed in ``groups`` (ranked) since ``previous``. Without a previous
    report every group counts as new, and none is listed."""
    if previous is None:
        return Changes(None, len(groups), 0, 0, [], [], [])
    matched = _match(groups, previous.groups)
    new = [group.group_id for group in groups if group.group_id not in matched]
    changed = []
    for group in groups:
        old = matched.get(group.group_id)
        if old is None:
            continue
        added = sorted(set(group.outlets) - set(old.outlets))
        dropped = sorted(set(old.outlets) - set(group.outlets))
        if group.counts != old.counts or added or dropped:
            changed.append(
                GroupChange(group.group_id, old.group_id, old.counts, group.counts, added, dropped)
            )
    kept = {old.group_id for old in matched.values()}
    gone = [
        GoneGroup(old.group_id, old.text) for old in previous.groups if old.group_id not in kept
    ]
    return Changes(
        previous.baseline,
        len(new),
        len(changed),
        len(gone),
        new[:limit],
        changed[:limit],
        gone[:limit],
    )
