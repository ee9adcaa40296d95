"""Structured checks on a claim pair (a, b): what embeddings miss, with readable reasons.

Each check compares one aspect (amounts, dates and clock times, denial, who did what, names)
and returns
:class:`Finding` records; :func:`run_checks` runs them all and :func:`summarise` turns
the findings into one :class:`Effect`.

In: the two claim texts. Out: :class:`Finding` records (stage 6, beside the relation models).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from corroborate.checks.attribution import Attribution, extract_attribution
from corroborate.checks.clock import check_times
from corroborate.checks.dates import (
    check_dates,
    extract_dates,
    states_of_one_day,
    states_of_other_days,
)
from corroborate.checks.designations import check_designations
from corroborate.checks.details import check_details
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.negation import check_negation
from corroborate.checks.opposites import check_opposites
from corroborate.checks.ordinals import check_ordinals
from corroborate.checks.parsed_roles import check_parsed_roles
from corroborate.checks.participants import claim_of, separate_participants
from corroborate.checks.quantities import check_quantities, extract_quantities
from corroborate.checks.roles import check_roles
from corroborate.checks.words import lower_word_set, stem

__all__ = [
    "Attribution",
    "Effect",
    "Finding",
    "amounts_of_other_years",
    "check_dates",
    "check_designations",
    "check_details",
    "check_negation",
    "check_opposites",
    "check_ordinals",
    "check_parsed_roles",
    "check_quantities",
    "check_roles",
    "check_times",
    "extract_attribution",
    "one_changed_fact",
    "opposite_changes",
    "plans_against_outcomes",
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
    Sullivan said on Tuesday" compares on X), roles the rules miss on a parse of the whole
    sentences (:func:`check_parsed_roles`, where shared words change order); denial, which
    the attribution verb may carry ("Iran denied ..."), and names and models on the whole
    sentences. A differing amount, rank or date between claims that name different
    participants is a different fact, not a conflict (:func:`separate_participants`), and
    so is one between articles published more than :data:`STORY_WINDOW_DAYS` apart
    (:func:`separate_stories`), a pair whose
    amounts and dates both conflict (:func:`one_changed_fact`), and counts of a state on
    different days, which neither refine nor contradict each other
    (:func:`counts_of_other_days`).
    """
    claim_a, claim_b = claim_of(a), claim_of(b)
    one_count = same_event_known or states_of_one_day(
        claim_a, claim_b, date_a=date_a, date_b=date_b
    )
    findings = [
        *check_quantities(claim_a, claim_b, same_event_known=one_count),
        *check_ordinals(claim_a, claim_b, same_event_known=same_event_known),
        *check_dates(
            claim_a, claim_b, date_a=date_a, date_b=date_b, same_event_known=same_event_known
        ),
        *check_times(claim_a, claim_b, same_event_known=same_event_known),
        *check_negation(a, b, same_event_known=same_event_known),
        *check_opposites(claim_a, claim_b, same_event_known=same_event_known),
        *(check_roles(claim_a, claim_b) or check_parsed_roles(a, b)),
        *check_designations(a, b, same_event_known=same_event_known),
        *check_details(a, b),
    ]
    findings = one_changed_fact(separate_participants(a, b, findings))
    findings = amounts_of_other_years(findings, claim_a, claim_b, date_a, date_b)
    findings = opposite_changes(findings, claim_a, claim_b)
    findings = plans_against_outcomes(findings, claim_a, claim_b)
    findings = counts_of_other_days(findings, claim_a, claim_b, date_a, date_b)
    return separate_stories(findings, date_a, date_b)


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


def counts_of_other_days(
    findings: list[Finding],
    a: str,
    b: str,
    date_a: dt.date | None,
    date_b: dt.date | None,
) -> list[Finding]:
    """``findings`` with the amounts, conflicting or one more precise, made
    :attr:`Effect.DISTINCT` when a and b date a state to different days
    (:func:`~corroborate.checks.dates.states_of_other_days`): "more than 200 were waiting on
    Friday" and "some 369 as of Sunday" are two counts of a growing queue."""
    if not states_of_other_days(a, b, date_a=date_a, date_b=date_b):
        return findings
    return _conflicts_made_distinct(
        findings,
        ["quantity"],
        "counts of other days: another measurement",
        effects=(Effect.CONFLICT, Effect.A_ADDS, Effect.B_ADDS),
    )


def _years(text: str, article_date: dt.date | None) -> set[int]:
    """The years ``text`` puts its dates in, or its article's year when it dates nothing."""
    named = {m.year for m in extract_dates(text, article_date).mentions if m.year is not None}
    if named:
        return named
    return {article_date.year} if article_date is not None else set()


def amounts_of_other_years(
    findings: list[Finding],
    a: str,
    b: str,
    date_a: dt.date | None,
    date_b: dt.date | None,
) -> list[Finding]:
    """``findings`` with the conflicts of amounts made :attr:`Effect.DISTINCT` when the two
    claims date them to different years: "19,000 ships passed through in 2020" and "369
    ships were waiting on Sunday" (2021) count different things. A claim that counts over a
    whole year ("in 2020") is no dispute with an event of a day in another year either, so its
    date conflicts go too."""
    conflicts = {f.check for f in findings if f.effect is Effect.CONFLICT}
    if not conflicts & {"quantity", "date"}:
        return findings
    years_a, years_b = _years(a, date_a), _years(b, date_b)
    if not years_a or not years_b or years_a & years_b:
        return findings
    checks = {"quantity"}
    if _counts_over_a_year(a, date_a) or _counts_over_a_year(b, date_b):
        checks.add("date")
    if not conflicts & checks:
        return findings
    named = f"{'/'.join(map(str, sorted(years_a)))} vs {'/'.join(map(str, sorted(years_b)))}"
    return _conflicts_made_distinct(findings, checks, f"amounts of other years, {named}")


def _counts_over_a_year(text: str, article_date: dt.date | None) -> bool:
    """True if ``text`` gives an amount over a whole year ("19,000 ships ... in 2020")."""
    mentions = extract_dates(text, article_date).mentions
    whole_year = any(m.year is not None and m.month is None for m in mentions)
    return whole_year and bool(extract_quantities(text))


_OPPOSITE_CHANGES = tuple(
    (frozenset(map(stem, one.split())), frozenset(map(stem, other.split())))
    for one, other in (
        ("resumed resume resumes reopened reopen reopens restarted restart", "suspended suspend "
         "suspends halted halt halts closed close closes stopped stop stops"),
        ("lifted lift lifts", "imposed impose imposes"),
        ("freed", "detained arrested"),
    )
)  # fmt: skip


def opposite_changes(findings: list[Finding], a: str, b: str) -> list[Finding]:
    """``findings`` with the date conflicts made :attr:`Effect.DISTINCT` when one claim tells
    of a change and the other of its reverse ("traffic resumed on Monday" against "traffic was
    suspended on Thursday"): two moments of one story, not two dates for one."""
    if not any(f.effect is Effect.CONFLICT and f.check == "date" for f in findings):
        return findings
    stems_a = {stem(word) for word in lower_word_set(a)}
    stems_b = {stem(word) for word in lower_word_set(b)}
    for one, other in _OPPOSITE_CHANGES:
        for left, right in ((one, other), (other, one)):
            if stems_a & left and stems_b & right and not (stems_a & right or stems_b & left):
                why = "one tells of a change, the other of its reverse: two moments"
                return _conflicts_made_distinct(findings, ("date",), why)
    return findings


_PLAN_RE = re.compile(
    r"\b(?:due|scheduled|expected|meant|supposed|set|planned|intended)\s+to\b", re.IGNORECASE
)


def plans_against_outcomes(findings: list[Finding], a: str, b: str) -> list[Finding]:
    """``findings`` with the conflicts of amounts, dates and times made
    :attr:`Effect.DISTINCT` when one claim tells of a plan and the other does not ("due to
    resurface about seven hours after the dive began" against "contact was lost about an
    hour and 45 minutes after"): what was meant to happen is another fact than what did."""
    if (_PLAN_RE.search(a) is None) == (_PLAN_RE.search(b) is None):
        return findings
    why = "one tells of a plan, the other of what happened"
    return _conflicts_made_distinct(findings, ("quantity", "date"), why)


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
    findings: list[Finding],
    checks: Iterable[str],
    why: str,
    effects: tuple[Effect, ...] = (Effect.CONFLICT,),
) -> list[Finding]:
    """``findings`` with each conflict (or other finding of ``effects``) of one of ``checks``
    made :attr:`Effect.DISTINCT`, its reason prefixed with ``why``."""
    chosen = set(checks)
    return [
        replace(finding, effect=Effect.DISTINCT, reason=f"{why} ({finding.reason})")
        if finding.effect in effects and finding.check in chosen
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
