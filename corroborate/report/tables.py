"""The machine-readable files of a report: groups.parquet and report.json.

Both are documented in docs/report-schema.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from corroborate.report.links import sentence_link
from corroborate.report.model import Report
from corroborate.report.serialize import to_json
from corroborate.report.views import ClaimView, GroupView, MemberView

GROUP_ROWS_SCHEMA = pl.Schema(
    {
        "group_id": pl.String,
        "group_rank": pl.Int32,
        "role": pl.String,
        "label": pl.String,
        "domain": pl.String,
        "claim_id": pl.String,
        "text": pl.String,
        "date": pl.Date,
        "url": pl.String,
        "link": pl.String,
        "position": pl.Int32,
        "headline": pl.String,
        "origin": pl.Int32,
        "side": pl.Int32,
        "side_words": pl.String,
        "reason": pl.String,
        "detail": pl.String,
        "conflict_canonical": pl.String,
        "conflict_member": pl.String,
        "group_outlets": pl.Int32,
        "group_origins": pl.Int32,
        "group_first_seen": pl.Date,
    }
)


def _row(group: GroupView, claim: ClaimView, member: MemberView | None) -> dict[str, Any]:
    conflict = member.conflict if member else None
    side = group.side_of().get(claim.domain)
    return {
        "group_id": group.group_id,
        "group_rank": group.rank,
        "role": "member" if member else "canonical",
        "label": member.label if member else "canonical",
        "domain": claim.domain,
        "claim_id": claim.claim_id,
        "text": claim.text,
        "date": claim.date,
        "url": claim.url,
        "link": sentence_link(claim.url, claim.text),
        "position": claim.position,
        "headline": claim.headline,
        "origin": member.origin if member else 0,
        "side": side,
        "side_words": group.sides[side].words if side is not None else None,
        "reason": member.reason if member else None,
        "detail": member.detail if member else None,
        "conflict_canonical": conflict.canonical if conflict else None,
        "conflict_member": conflict.member if conflict else None,
        "group_outlets": len(group.outlets),
        "group_origins": group.origins,
        "group_first_seen": group.first_seen,
    }


def view_rows(groups: Sequence[GroupView]) -> list[dict[str, Any]]:
    """One row per outlet per group: the canonical claim, then every member; ``side`` is the
    outlet's place among a disputed group's positions (0 = most independent origins)."""
    rows = []
    for group in groups:
        rows.append(_row(group, group.canonical, None))
        rows += [_row(group, member.claim, member) for member in group.members]
    return rows


GROUP_COLUMNS: tuple[str, ...] = tuple(GROUP_ROWS_SCHEMA)
REPORT_CSV = "report.csv"


def group_rows(report: Report) -> pl.DataFrame:
    """:func:`view_rows` of every group of ``report`` as a table."""
    return pl.DataFrame(view_rows(report.groups), schema=GROUP_ROWS_SCHEMA)


def write_tables(report: Report, folder: Path) -> None:
    """Write ``groups.parquet``, ``report.csv`` (the same rows) and ``report.json``."""
    rows = group_rows(report)
    rows.write_parquet(folder / "groups.parquet")
    rows.write_csv(folder / REPORT_CSV)
    (folder / "report.json").write_text(to_json(report.to_dict()) + "\n", encoding="utf-8")
