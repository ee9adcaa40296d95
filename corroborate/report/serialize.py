"""Plain-JSON views of library results (what ``--json`` prints)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from corroborate.grouping.corroboration import Corroboration
from corroborate.grouping.groups import ClaimGroup
from corroborate.models import QueryResult
from corroborate.relations.judge import Judgement


def query_result_to_dict(result: QueryResult) -> dict[str, Any]:
    """``{"query", "query_truncated", "query_tokens", "token_window", "sources", "matches",
    "groups": [{"domain", "hits": [...]}]}``; the token counts are null unless the query was
    cut at the model's token window."""
    groups = [
        {
            "domain": group.domain,
            "best_similarity": round(group.best_similarity, 4),
            "hits": [
                {**dataclasses.asdict(hit.claim), "similarity": round(hit.similarity, 4)}
                for hit in group.hits
            ],
        }
        for group in result.groups
    ]
    return {
        "query": result.query,
        "query_truncated": result.truncated,
        "query_tokens": result.query_tokens,
        "token_window": result.token_window,
        "sources": len(result.groups),
        "matches": sum(len(group.hits) for group in result.groups),
        "groups": groups,
    }


def judgement_to_dict(judgement: Judgement) -> dict[str, Any]:
    """The verdict on a pair, with its reason and spans."""
    return {
        "relation": judgement.stance_of_b,
        "confidence": round(judgement.confidence, 3),
        "reason": judgement.reason,
        "detail": judgement.detail if judgement.adds == "b" else None,
        "conflict": list(judgement.conflict) if judgement.conflict else None,
    }


def corroboration_to_dict(corroboration: Corroboration) -> dict[str, Any]:
    """``{"counts", "outlets", "origins", "verdicts": [...]}`` for one claim."""
    return {
        "counts": corroboration.counts,
        "outlets": len(corroboration.verdicts),
        "origins": corroboration.origins,
        "verdicts": [
            {
                "domain": verdict.domain,
                **judgement_to_dict(verdict.judgement),
                "origin": verdict.origin,
                "similarity": round(verdict.similarity, 4),
                "claim": dataclasses.asdict(verdict.claim),
            }
            for verdict in corroboration.verdicts
        ],
    }


def group_to_dict(group: ClaimGroup) -> dict[str, Any]:
    """One corroboration group: the canonical claim and every other outlet's stance."""
    first_seen: dict[str, dt.date] = {group.canonical.domain: group.canonical.date}
    for member in group.members:
        first_seen[member.claim.domain] = min(
            member.claim.date, first_seen.get(member.claim.domain, member.claim.date)
        )
    return {
        "group_id": group.group_id,
        "canonical": dataclasses.asdict(group.canonical),
        "outlets": group.outlets,
        "origins": group.origins,
        "first_seen": first_seen,
        "members": [
            {
                "domain": member.claim.domain,
                **judgement_to_dict(member.judgement),
                "origin": member.origin,
                "claim": dataclasses.asdict(member.claim),
            }
            for member in group.members
        ],
    }


def _default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(data: object, *, indent: int | None = 2) -> str:
    """JSON text with dates as ISO strings (on one line with ``indent=None``)."""
    return json.dumps(data, indent=indent, ensure_ascii=False, default=_default)
