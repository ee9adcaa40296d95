"""Keep the corroboration groups a reader asked for: by outlet and by date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corroborate.grouping.groups import ClaimGroup
from corroborate.retrieval.search import SearchFilters


def filter_groups(
    groups: Sequence[ClaimGroup], filters: SearchFilters, known: Iterable[str]
) -> list[ClaimGroup]:
    """The groups with at least one claim passing ``filters`` (an outlet in ``sources``,
    dated within ``since``..``until``), whole: every outlet of a kept group stays, so its
    positions are still all shown. An unknown source raises, naming the likely domain."""
    filters.check_sources(known)
    if not filters.active:
        return list(groups)
    return [
        group
        for group in groups
        if any(
            filters.matches(claim) for claim in (group.canonical, *(m.claim for m in group.members))
        )
    ]
