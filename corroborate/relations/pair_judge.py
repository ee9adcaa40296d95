"""The pair-model judge's decision: six class probabilities and the checks, to one verdict.

The pair model (:mod:`corroborate.relations.pair_model`) reads both claims at once and says
whether they agree, one adds detail (and which), they contradict, they are one story with
different facts, or unrelated. The structured checks add what a sentence model misses or
cannot name: a conflicting amount or date with its spans ("'hundreds' vs 'a few dozen'"), the
figure one side adds ("'up to 300' for 'hundreds'"), a hedge that leaves the claim open, and
amounts of different participants (different facts, not a conflict). Each check's part is a
switch in :class:`PairSettings`, kept only where it raises macro-F1 on the dev set
(benchmarks/RESULTS.md, "Relation judge v2").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corroborate.checks import Effect, Finding
from corroborate.checks.hedges import Hedge
from corroborate.relations.pair_model import (
    ADDS_A,
    ADDS_B,
    AGREE,
    CONTRADICTS,
    PAIR_CLASSES,
    RELATED,
    UNRELATED,
)
from corroborate.relations.verdict import (
    DIFFERENT_SUBJECT,
    SAME_STORY,
    Judgement,
    Side,
    compares,
    detail_of,
    first_finding,
    structured_adds,
)

ONE_FACT = frozenset({AGREE, ADDS_A, ADDS_B, CONTRADICTS})
"""Classes that say the two claims state one fact (so differing figures conflict)."""


@dataclass(frozen=True)
class PairSettings:
    """Thresholds and switches of the pair-model judge (chosen on the dev set and training
    splits, never on a reported test split)."""

    gate_cosine: float = 0.25
    """Below this cosine a pair is on different subjects and the pair model is not run (the
    cascade: most nightly neighbour pairs stop here)."""
    check_conflicts: bool = True
    """A conflict a check finds (amount, date, denial, role, model) makes a one-fact pair a
    contradiction, with its spans."""
    check_details: bool = True
    """An amount or date only one side gives or pins down makes an agreeing pair added detail."""
    distinct_facts: bool = False
    """Amounts of different participants ("same story, different fact") override agreement
    (off: on the dev set it earns nothing, 0.5107 with it against 0.5123 without)."""
    hedges: bool = True
    """A hedged side ("it was not clear whether") leaves a contradiction or agreement open."""
    hedges_discuss: tuple[str, ...] = ("open",)
    contradiction_weight: float = 0.8
    """How P(contradicts) is weighed against P(one fact, agreeing) and P(other facts) when
    the class is read from the probabilities (:func:`pair_class`)."""
    agree_share: float = 0.3
    """Of P(one fact, agreeing), the share ``agree`` needs to win over added detail."""


def pair_class(probabilities: np.ndarray, settings: PairSettings) -> int:
    """The class read from six probabilities: first one fact agreeing (agree + adds), a
    contradiction (weighed by ``contradiction_weight``) or other facts (related + unrelated),
    summed; then agree unless it holds under ``agree_share`` of its mass (then the larger
    adding side), and ``unrelated`` over ``related`` when it is likelier."""
    p = probabilities
    same = p[AGREE] + p[ADDS_A] + p[ADDS_B]
    other = p[RELATED] + p[UNRELATED]
    coarse = int(np.argmax([same, settings.contradiction_weight * p[CONTRADICTS], other]))
    if coarse == 1:
        return CONTRADICTS
    if coarse == 2:
        return UNRELATED if p[UNRELATED] >= p[RELATED] else RELATED
    if p[AGREE] >= settings.agree_share * same:
        return AGREE
    return ADDS_A if p[ADDS_A] >= p[ADDS_B] else ADDS_B


def _unrelated(probabilities: np.ndarray, reason: str, kept: tuple[Finding, ...]) -> Judgement:
    mass = float(probabilities[RELATED] + probabilities[UNRELATED])
    return Judgement("unrelated", mass, reason, None, None, None, kept)


def _left_open(
    hedged: tuple[Side, Hedge], confidence: float, kept: tuple[Finding, ...]
) -> Judgement:
    side, hedge = hedged
    reason = f"{SAME_STORY}: {side} leaves it open ('{hedge.cue}')"
    return Judgement("unrelated", confidence, reason, None, None, None, kept)


def decide(
    probabilities: np.ndarray,
    findings: Sequence[Finding],
    hedged: tuple[Side, Hedge] | None,
    settings: PairSettings,
) -> Judgement:
    """The verdict on one pair from its six class probabilities, its check findings and the
    hedge of either side (if any)."""
    top = pair_class(probabilities, settings)
    kept = tuple(findings)
    if top == UNRELATED:
        return Judgement(
            "unrelated", float(probabilities[UNRELATED]), DIFFERENT_SUBJECT, None, None, None, kept
        )
    one_fact = float(sum(probabilities[i] for i in ONE_FACT))
    conflict = first_finding(findings, Effect.CONFLICT)
    if settings.check_conflicts and conflict is not None and top in ONE_FACT:
        spans = (conflict.span_a, conflict.span_b)
        return Judgement("contradicts", one_fact, conflict.reason, None, None, spans, kept)
    if top == RELATED:
        return Judgement(
            "unrelated", float(probabilities[RELATED]), SAME_STORY, None, None, None, kept
        )
    if (
        settings.hedges
        and hedged is not None
        and (top == CONTRADICTS or hedged[1].strength in settings.hedges_discuss)
    ):
        return _left_open(hedged, float(probabilities[top]), kept)
    if top == CONTRADICTS:
        reason = "they state opposite facts"
        return Judgement(
            "contradicts", float(probabilities[CONTRADICTS]), reason, None, None, None, kept
        )
    distinct = first_finding(findings, Effect.DISTINCT)
    if settings.distinct_facts and distinct is not None and not compares(findings, "quantity"):
        return Judgement(
            "unrelated", one_fact, f"{SAME_STORY}: {distinct.reason}", None, None, None, kept
        )
    side: Side | None = "a" if top == ADDS_A else "b" if top == ADDS_B else None
    if side is None and settings.check_details:
        adds = structured_adds(findings)
        if adds == {Effect.A_ADDS}:
            side = "a"
        elif adds == {Effect.B_ADDS}:
            side = "b"
    if side is None:
        return Judgement("agree", float(probabilities[AGREE]), "same claim", None, None, None, kept)
    detail, span = detail_of(findings, side)
    confidence = float(probabilities[AGREE] + probabilities[ADDS_A if side == "a" else ADDS_B])
    return Judgement(
        "adds_detail", confidence, detail or f"{side} says more", side, span, None, kept
    )


def model_key(probabilities: np.ndarray, settings: PairSettings) -> str:
    """The pair model's own verdict key (for ``bench pairs``' model-alone column)."""
    name = PAIR_CLASSES[pair_class(probabilities, settings)]
    return {"adds_a": "adds_detail", "adds_b": "adds_detail", "related": "same_story"}.get(
        name, name
    )


def verdict_class(judgement: Judgement) -> str:
    """The pair class a verdict stands for (``related`` for same story, different fact)."""
    if judgement.label == "adds_detail":
        return "adds_a" if judgement.adds == "a" else "adds_b"
    if judgement.label == "unrelated":
        return "unrelated" if judgement.reason == DIFFERENT_SUBJECT else "related"
    return judgement.label
