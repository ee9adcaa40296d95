"""Structured checks on a claim pair (a, b): what embeddings miss, with readable reasons.

Each check compares one aspect (amounts, dates and clock times, denial, who did what, names)
and returns
:class:`Finding` records; :func:`run_checks` runs them all and :func:`summarise` turns
the findings into one :class:`Effect`.

In: the two claim texts. Out: :class:`Finding` records (stage 6, beside the relation models).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from corroborate.checks.attribution import Attribution, extract_attribution
from corroborate.checks.clock import check_times
from corroborate.checks.dates import check_dates
from corroborate.checks.designations import check_designations
from corroborate.checks.details import check_details
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.negation import check_negation
from corroborate.checks.ordinals import check_ordinals
from corroborate.checks.participants import claim_of, separate_participants
from corroborate.checks.quantities import check_quantities
from corroborate.checks.roles import check_roles

__all__ = [
    "Attribution",
    "Effect",
    "Finding",
    "check_dates",
    "check_designations",
    "check_details",
    "check_negation",
    "check_ordinals",
    "check_quantities",
    "check_roles",
    "check_times",
    "extract_attribution",
    "one_changed_fact",
    "run_checks",
    "separate_stories",
    "summarise",
]


def run_checks(
    a: str,
    b: str,
    *,
    date_a: dt.date | None = None,
    date_b: dt.date | None = None,
    same_event_known: bool = False,
) -> list[Finding]:
    """Every check on the pair (a, b); ``date_a`` and ``date_b`` are the article dates.
    ``same_event_known`` is set when the caller already knows that a and b report the same
    event (a relation model said so): differing amounts and dates then always conflict.

    Amounts, dates and roles are compared on the claims without their attribution ("X,
    Sullivan said on Tuesday" compares on X); denial, which the attribution verb may carry
    ("Iran denied ..."), and names and models on the whole sentences. A differing amount,
    rank or date between claims that name different participants is a different fact, not
    a conflict (:func:`separate_participants`), and so is one between articles published
    more than :data:`STORY_WINDOW_DAYS` apart (:func:`separate_stories`), and a pair whose
    amounts and dates both conflict (:func:`one_changed_fact`).
    """
    claim_a, claim_b = claim_of(a), claim_of(b)
    findings = [
        *check_quantities(claim_a, claim_b, same_event_known=same_event_known),
        *check_ordinals(claim_a, claim_b, same_event_known=same_event_known),
        *check_dates(
            claim_a, claim_b, date_a=date_a, date_b=date_b, same_event_known=same_event_known
        ),
        *check_times(claim_a, claim_b, same_event_known=same_event_known),
        *check_negation(a, b, same_event_known=same_event_known),
        *check_roles(claim_a, claim_b),
        *check_designations(a, b, same_event_known=same_event_known),
        *check_details(a, b),
    ]
    return separate_stories(one_changed_fact(separate_participants(a, b, findings)), date_a, date_b)


def one_changed_fact(findings: list[Finding]) -> list[Finding]:
    """``findings`` with the amount and date conflicts made :attr:`Effect.DISTINCT` when
    both kinds conflict: one claim told with a changed figure differs on one point, while
    an amount of another day or year ("19,000 ships in 2020" against "369 ships waiting on
    Sunday") is another measurement."""
    kinds = {
        finding.check
        for finding in findings
        if finding.effect is Effect.CONFLICT and finding.check in ("quantity", "date")
    }
    if len(kinds) < 2:
        return findings
    return _conflicts_made_distinct(
        findings, kinds, "amount and date both differ: another measurement"
    )


STORY_WINDOW_DAYS = 31
"""Days between two articles' dates beyond which they report different events: a crew of 25
in March 2021 and a crew of 22 in March 2024 are two ships, not a dispute. News event
tracking keeps a story's reports within weeks; a later article that revisits an event names
its date, which the date check compares on its own."""
_FIGURE_CHECKS = frozenset({"quantity", "date", "ordinal", "model"})


def separate_stories(
    findings: list[Finding], date_a: dt.date | None, date_b: dt.date | None
) -> list[Finding]:
    """``findings`` with each conflict of figures, dates, ranks or models made
    :attr:`Effect.DISTINCT` when the articles lie more than :data:`STORY_WINDOW_DAYS`
    apart; unchanged when either date is unknown."""
    if date_a is None or date_b is None or abs((date_a - date_b).days) <= STORY_WINDOW_DAYS:
        return findings
    apart = abs((date_a - date_b).days)
    return _conflicts_made_distinct(
        findings, _FIGURE_CHECKS, f"articles {apart} days apart: another event"
    )


def _conflicts_made_distinct(
    findings: list[Finding], checks: Iterable[str], why: str
) -> list[Finding]:
    """``findings`` with each conflict of one of ``checks`` made :attr:`Effect.DISTINCT`,
    its reason prefixed with ``why``."""
    chosen = set(checks)
    return [
        replace(finding, effect=Effect.DISTINCT, reason=f"{why} ({finding.reason})")
        if finding.effect is Effect.CONFLICT and finding.check in chosen
        else finding
        for finding in findings
    ]


def summarise(findings: Iterable[Finding]) -> Effect | None:
    """One effect for a pair: any conflict wins; else different measures of one thing; else
    detail that only one side adds; else compatible if anything was found; None if the
    checks found nothing."""
    effects = {finding.effect for finding in findings}
    if not effects:
        return None
    if Effect.CONFLICT in effects:
        return Effect.CONFLICT
    if Effect.DISTINCT in effects:
        return Effect.DISTINCT
    adds = effects & {Effect.A_ADDS, Effect.B_ADDS}
    return adds.pop() if len(adds) == 1 else Effect.COMPATIBLE
