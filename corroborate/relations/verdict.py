"""The verdict on a claim pair and the helpers both judges use to word it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from corroborate.checks import Effect, Finding
from corroborate.checks.hedges import Hedge, find_hedge

Label = Literal["agree", "adds_detail", "contradicts", "unrelated"]
Side = Literal["a", "b"]
LABELS: tuple[Label, ...] = ("agree", "adds_detail", "contradicts", "unrelated")

DIFFERENT_SUBJECT = "different subject"
SAME_STORY = "same story, different fact"


@dataclass(frozen=True)
class Judgement:
    """The verdict on one claim pair (a, b)."""

    label: Label
    confidence: float
    reason: str
    adds: Side | None = None
    """For ``adds_detail``: the side that states the other's claim plus more."""
    detail: str | None = None
    """For ``adds_detail``: what the adding side brings ("Shahed-191, Shahed-129")."""
    conflict: tuple[str | None, str | None] | None = None
    """For ``contradicts``: the conflicting spans of a and b, when a check found them."""
    findings: tuple[Finding, ...] = field(default=(), repr=False)

    @property
    def stance_of_b(self) -> Label:
        """b's stance towards a: ``adds_detail`` only when b is the side adding; when a is the
        more specific one, b still agrees with what it says."""
        if self.label == "adds_detail" and self.adds == "a":
            return "agree"
        return self.label


def first_finding(findings: Sequence[Finding], effect: Effect) -> Finding | None:
    """The first finding with ``effect``, if any."""
    return next((finding for finding in findings if finding.effect is effect), None)


def detail_of(findings: Sequence[Finding], side: Side) -> tuple[str | None, str | None]:
    """The reason and span of what ``side`` adds, preferring numbers and dates over names."""
    effect = Effect.A_ADDS if side == "a" else Effect.B_ADDS
    adding = [finding for finding in findings if finding.effect is effect]
    if not adding:
        return None, None
    best = min(adding, key=lambda finding: finding.check == "detail")
    span = best.span_a if side == "a" else best.span_b
    return best.reason, span


def structured_adds(findings: Sequence[Finding]) -> set[Effect]:
    """The sides (as ``A_ADDS`` / ``B_ADDS``) that give an amount or a date the other lacks
    or states less precisely."""
    return {
        finding.effect
        for finding in findings
        if finding.effect in (Effect.A_ADDS, Effect.B_ADDS) and finding.check != "detail"
    }


def compares(findings: Sequence[Finding], check: str) -> bool:
    """True if ``check`` compared something of a with something of b and found it alike
    or one more precise (not merely added by one side)."""
    return any(
        finding.check == check
        and finding.effect is not Effect.DISTINCT
        and finding.span_a is not None
        and finding.span_b is not None
        for finding in findings
    )


def hedge_of(text_a: str, text_b: str) -> tuple[Side, Hedge] | None:
    """The side whose sentence is hedged (a first) and its hedge."""
    sides: tuple[tuple[Side, str], ...] = (("a", text_a), ("b", text_b))
    for side, text in sides:
        hedge = find_hedge(text)
        if hedge is not None:
            return side, hedge
    return None


def verdict_kind(judgement: Judgement) -> str:
    """The kind of verdict whose confidence one calibration map covers: the label, with
    contradictions split by who found them (a check, with spans, or the head) and unrelated
    verdicts by reason (another subject, or the same story with a different fact)."""
    if judgement.label == "contradicts":
        return "contradicts:check" if judgement.conflict is not None else "contradicts:head"
    if judgement.label == "unrelated":
        return "unrelated:subject" if judgement.reason == DIFFERENT_SUBJECT else "unrelated:story"
    return judgement.label
