"""The pair-model judge's decision rules, on probabilities and findings the test sets."""

from __future__ import annotations

import numpy as np

from corroborate.checks import Effect, Finding
from corroborate.checks.hedges import find_hedge
from corroborate.relations.pair_judge import PairSettings, decide, model_key, verdict_class
from corroborate.relations.pair_model import PAIR_CLASSES, entailment_view
from corroborate.relations.verdict import DIFFERENT_SUBJECT, SAME_STORY

SETTINGS = PairSettings()


def probs(**given: float) -> np.ndarray:
    row = np.array([given.get(name, 0.0) for name in PAIR_CLASSES], dtype=np.float32)
    rest = 1.0 - row.sum()
    return row + rest / len(row)


CONFLICT = Finding("quantity", Effect.CONFLICT, "numbers differ", "hundreds", "a few dozen")
B_FIGURE = Finding("quantity", Effect.B_ADDS, "b gives a figure", "hundreds", "up to 300")


def test_classes_become_verdicts_naming_the_adding_side() -> None:
    assert decide(probs(agree=0.8), [], None, SETTINGS).label == "agree"
    adds = decide(probs(adds_b=0.8), [], None, SETTINGS)
    assert (adds.label, adds.adds) == ("adds_detail", "b")
    assert decide(probs(contradicts=0.8), [], None, SETTINGS).label == "contradicts"
    story = decide(probs(related=0.8), [], None, SETTINGS)
    assert (story.label, story.reason) == ("unrelated", SAME_STORY)
    other = decide(probs(unrelated=0.8), [], None, SETTINGS)
    assert (other.label, other.reason) == ("unrelated", DIFFERENT_SUBJECT)


def test_a_check_conflict_counts_only_when_the_model_sees_one_fact() -> None:
    found = decide(probs(agree=0.7), [CONFLICT], None, SETTINGS)
    assert (found.label, found.conflict) == ("contradicts", ("hundreds", "a few dozen"))
    # same story, different fact: differing figures are not a conflict
    assert decide(probs(related=0.7), [CONFLICT], None, SETTINGS).label == "unrelated"
    off = PairSettings(check_conflicts=False)
    assert decide(probs(agree=0.7), [CONFLICT], None, off).label == "agree"


def test_a_figure_one_side_gives_turns_agreement_into_added_detail() -> None:
    verdict = decide(probs(agree=0.7), [B_FIGURE], None, SETTINGS)
    assert (verdict.label, verdict.adds, verdict.detail) == ("adds_detail", "b", "up to 300")
    assert decide(probs(agree=0.7), [B_FIGURE], None, PairSettings(check_details=False)).label == (
        "agree"
    )


def test_a_hedged_side_leaves_a_contradiction_open() -> None:
    hedge = find_hedge("It was not clear whether Iran had delivered any drones.")
    assert hedge is not None
    verdict = decide(probs(contradicts=0.8), [], ("b", hedge), SETTINGS)
    assert verdict.label == "unrelated" and verdict.reason.startswith(SAME_STORY)


def test_agreeing_mass_is_summed_before_a_contradiction_wins() -> None:
    # agree and adds together outweigh a larger single contradiction probability
    row = np.array([0.25, 0.2, 0.05, 0.35, 0.1, 0.05], dtype=np.float32)
    assert decide(row, [], None, SETTINGS).label == "agree"
    assert decide(row, [], None, PairSettings(agree_share=0.6)).label == "adds_detail"
    assert decide(row, [], None, PairSettings(contradiction_weight=2.0)).label == "contradicts"


def test_model_keys_classes_and_the_entailment_view() -> None:
    row = probs(adds_a=0.6, agree=0.2)
    assert model_key(row, SETTINGS) == "adds_detail"
    assert verdict_class(decide(row, [], None, SETTINGS)) == "adds_a"
    view = entailment_view(row[None, :])
    assert view["a_entails_b"][0] > view["b_entails_a"][0]
