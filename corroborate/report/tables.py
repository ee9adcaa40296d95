"""The machine-readable files of a report: groups.parquet and report.json.

Both are documented in docs/report-schema.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

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
        "headline": pl.String,
        "origin": pl.Int32,
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
        "headline": claim.headline,
        "origin": member.origin if member else 0,
        "reason": member.reason if member else None,
        "detail": member.detail if member else None,
        "conflict_canonical": conflict.canonical if conflict else None,
        "conflict_member": conflict.member if conflict else None,
        "group_outlets": len(group.outlets),
        "group_origins": group.origins,
        "group_first_seen": group.first_seen,
    }


def group_rows(report: Report) -> pl.DataFrame:
    """One row per outlet per group: the canonical claim, then every member."""
    rows = []
    for group in report.groups:
        rows.append(_row(group, group.canonical, None))
        rows += [_row(group, member.claim, member) for member in group.members]
    return pl.DataFrame(rows, schema=GROUP_ROWS_SCHEMA)


def write_tables(report: Report, folder: Path) -> None:
    """Write ``groups.parquet`` and ``report.json`` into ``folder``."""
    group_rows(report).write_parquet(folder / "groups.parquet")
    (folder / "report.json").write_text(to_json(report.to_dict()) + "\n", encoding="utf-8")
