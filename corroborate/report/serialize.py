"""Plain-JSON views of library results (what ``--json`` prints)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from corroborate.grouping.corroboration import Corroboration
from corroborate.grouping.groups import ClaimGroup
from corroborate.grouping.stance import Stance
from corroborate.models import QueryHit, QueryResult
from corroborate.relations.judge import Judgement
from corroborate.report.views import outlets_on_no_side, sides_of


def _hit_to_dict(hit: QueryHit) -> dict[str, Any]:
    """A matched claim with its cosine ``similarity`` and its ``relevance`` (the score in the
    fused dense + lexical ranking that ordered the hits)."""
    return {
        **dataclasses.asdict(hit.claim),
        "similarity": round(hit.similarity, 4),
        "relevance": round(hit.relevance, 4),
    }


def query_result_to_dict(result: QueryResult) -> dict[str, Any]:
    """``{"query", "query_truncated", "query_tokens", "token_window", "sources", "matches",
    "groups": [{"domain", "hits": [...]}]}``; the token counts are null unless the query was
    cut at the model's token window."""
    groups = [
        {
            "domain": group.domain,
            "best_similarity": round(group.best_similarity, 4),
            "hits": [_hit_to_dict(hit) for hit in group.hits],
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


def _stance_to_dict(stance: Stance) -> dict[str, Any]:
    return {
        "domain": stance.domain,
        **judgement_to_dict(stance.judgement),
        "origin": stance.origin,
        "similarity": round(stance.similarity, 4),
        "claim": dataclasses.asdict(stance.claim),
    }


def hidden_counts(result: QueryResult, corroboration: Corroboration) -> dict[str, int]:
    """How many matches the verdicts leave out, and why."""
    return {
        "unrelated": len(corroboration.unrelated),
        "same_outlet": len(corroboration.also),
        "below_floor": len(result.below_floor),
    }


def hidden_line(hidden: dict[str, int], floor: float, listed: bool) -> str:
    """``3 more matches not shown above: 2 judged unrelated, 1 below ...; --all lists them``."""
    parts = []
    if hidden["unrelated"]:
        parts.append(f"{hidden['unrelated']} judged unrelated (about something else)")
    if hidden["same_outlet"]:
        parts.append(f"{hidden['same_outlet']} more from outlets already shown")
    if hidden["below_floor"]:
        parts.append(f"{hidden['below_floor']} below the similarity floor {floor:.2f}")
    total = sum(hidden.values())
    head = f"{total} more {'match' if total == 1 else 'matches'}"
    tail = "listed below" if listed else "--all lists them"
    return f"{head}: {', '.join(parts)}; {tail}"


def corroboration_to_dict(
    corroboration: Corroboration, result: QueryResult | None = None
) -> dict[str, Any]:
    """``{"counts", "outlets", "origins", "verdicts", "hidden", "unrelated", "same_outlet",
    "below_floor"}`` for one claim: nothing that matched is left out."""
    data: dict[str, Any] = {
        "counts": corroboration.counts,
        "outlets": len(corroboration.verdicts),
        "origins": corroboration.origins,
        "verdicts": [_stance_to_dict(verdict) for verdict in corroboration.verdicts],
        "unrelated": [_stance_to_dict(stance) for stance in corroboration.unrelated],
        "same_outlet": [_stance_to_dict(stance) for stance in corroboration.also],
    }
    if result is not None:
        data["hidden"] = hidden_counts(result, corroboration)
        data["below_floor"] = [_hit_to_dict(hit) for hit in result.below_floor]
        data["floor"] = result.floor
    return data


QUERY_COLUMNS = (
    "shown",
    "relation",
    "confidence",
    "domain",
    "date",
    "similarity",
    "text",
    "reason",
    "origin",
    "url",
    "position",
    "headline",
    "claim_id",
)


def _row(stance: Stance, shown: str) -> dict[str, Any]:
    claim = stance.claim
    return {
        **dataclasses.asdict(claim),
        "shown": shown,
        "relation": stance.label,
        "confidence": round(stance.judgement.confidence, 3),
        "similarity": round(stance.similarity, 4),
        "reason": stance.judgement.reason,
        "origin": stance.origin,
    }


def query_rows(
    result: QueryResult, corroboration: Corroboration | None, include_hidden: bool
) -> list[dict[str, Any]]:
    """CSV rows of a query: each outlet's verdict (``shown=yes``), then with
    ``include_hidden`` the matches left out (``shown`` says why). Without a judgement, every
    match with ``relation`` empty."""
    if corroboration is None:
        hits = [*result.hits, *(result.below_floor if include_hidden else ())]
        return [
            {
                **dataclasses.asdict(hit.claim),
                "shown": "yes" if hit.similarity >= result.floor else "below_floor",
                "similarity": round(hit.similarity, 4),
            }
            for hit in hits
        ]
    rows = [_row(verdict, "yes") for verdict in corroboration.verdicts]
    if include_hidden:
        rows += [_row(stance, "same_outlet") for stance in corroboration.also]
        rows += [_row(stance, "unrelated") for stance in corroboration.unrelated]
        rows += [
            {
                **dataclasses.asdict(hit.claim),
                "shown": "below_floor",
                "similarity": round(hit.similarity, 4),
            }
            for hit in result.below_floor
        ]
    return rows


def group_to_dict(group: ClaimGroup) -> dict[str, Any]:
    """One corroboration group: the canonical claim and every other outlet's stance."""
    first_seen: dict[str, dt.date] = {group.canonical.domain: group.canonical.date}
    for member in group.members:
        first_seen[member.claim.domain] = min(
            member.claim.date, first_seen.get(member.claim.domain, member.claim.date)
        )
    sides = sides_of(group)
    return {
        "group_id": group.group_id,
        "canonical": dataclasses.asdict(group.canonical),
        "outlets": group.outlets,
        "origins": group.origins,
        "first_seen": first_seen,
        "sides": [dataclasses.asdict(side) for side in sides],
        "on_no_side": outlets_on_no_side(group.outlets, sides) if sides else [],
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
