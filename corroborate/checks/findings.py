"""The record every structured check returns: what it found about a pair and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

CheckName = Literal["quantity", "date", "negation", "role", "model", "detail", "opposite"]
Side = Literal["a", "b"]


class Effect(Enum):
    """What a finding says about the claim pair (a, b)."""

    CONFLICT = "conflict"  # both cannot be true
    A_ADDS = "a_adds"  # a is more specific: it states what b says plus more
    B_ADDS = "b_adds"  # b is more specific
    COMPATIBLE = "compatible"  # both say the same thing on this point
    DISTINCT = "distinct"  # they measure different things ("50 ships a day" vs "370 ships")

    @staticmethod
    def adds(side: Side) -> Effect:
        """The effect meaning that ``side`` adds detail."""
        return Effect.A_ADDS if side == "a" else Effect.B_ADDS


@dataclass(frozen=True)
class Finding:
    """One observation of one check, with the spans of a and b it rests on."""

    check: CheckName
    effect: Effect
    reason: str
    span_a: str | None = None
    span_b: str | None = None


def side_adds(check: CheckName, side: Side, reason: str, span: str) -> Finding:
    """The finding that ``side`` adds ``span``, which the other side lacks."""
    span_a, span_b = (span, None) if side == "a" else (None, span)
    return Finding(check, Effect.adds(side), reason, span_a, span_b)


def comparison_reason(effect: Effect, what: str, text_a: str, text_b: str) -> str:
    """The reason for comparing a and b on ``what`` ("numbers", "dates", "counts")."""
    if effect is Effect.CONFLICT:
        return f"{what} differ: {text_a} vs {text_b}"
    if effect is Effect.A_ADDS:
        return f"a is more precise: {text_a} for {text_b}"
    if effect is Effect.B_ADDS:
        return f"b is more precise: {text_b} for {text_a}"
    return f"{what} agree: {text_a} ~ {text_b}"
