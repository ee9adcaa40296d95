"""Plain-JSON views of library results (what ``--json`` prints)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from corroborate.models import QueryResult


def query_result_to_dict(result: QueryResult) -> dict[str, Any]:
    """``{"query", "sources", "matches", "groups": [{"domain", "hits": [...]}]}``."""
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
        "sources": len(result.groups),
        "matches": sum(len(group.hits) for group in result.groups),
        "groups": groups,
    }


def _default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(data: object) -> str:
    """JSON text with dates as ISO strings."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)
