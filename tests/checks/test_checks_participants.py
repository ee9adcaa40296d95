"""Different participants: a differing amount, rank or date between them is no conflict."""

from __future__ import annotations

import numpy as np
import pytest
from relation_doubles import ENTAILS, FixedModel

from corroborate.checks import Effect, run_checks, summarise
from corroborate.checks.participants import different_participants
from corroborate.relations.judge import RelationJudge

RAHMAN = (
    "Wladimir Klitschko defended his IBF heavyweight crown by stopping Hasim Rahman in the "
    "seventh round."
)
THOMPSON = "Wladimir Klitschko stops Tony Thompson in 6th round to retain world heavyweight belts."


def test_a_differing_round_against_different_opponents_is_a_different_fact() -> None:
    findings = run_checks(RAHMAN, THOMPSON, same_event_known=True)
    assert summarise(findings) is Effect.DISTINCT
    (finding,) = [f for f in findings if f.check == "quantity"]
    assert finding.reason.startswith(
        "different participants: 'IBF, Hasim Rahman' vs 'Tony Thompson'"
    )
    assert "ordinals differ" in finding.reason


@pytest.mark.parametrize(
    ("a", "b", "effect"),
    [
        # different players, different yards: two games
        (
            "Peyton Manning completed 29-of-34 passes for 364 yards.",
            "Andrew Luck threw for 205 yards.",
            Effect.DISTINCT,
        ),
        # the same fighters, a different round: a real conflict
        (
            "Wladimir Klitschko stopped Hasim Rahman in the seventh round.",
            "Klitschko stopped Rahman in the sixth round.",
            Effect.CONFLICT,
        ),
        # only one side names anyone ("Gulf of Aden" is a place)
        (
            "Police arrested 23 pirates in the Gulf of Aden.",
            "Commander Ravi Singh said his men arrested 26 pirates.",
            Effect.CONFLICT,
        ),
        # a capital and its country are one participant
        (
            "Moscow is looking to buy hundreds of Iranian drones from Tehran.",
            "Russia is seeking only a few dozen drones from Iran.",
            Effect.CONFLICT,
        ),
        # the speakers differ, the claims do not name different participants
        (
            "Russia is buying hundreds of drones, John Kirby said.",
            "Russia is buying a few dozen drones, Josep Borrell said.",
            Effect.CONFLICT,
        ),
    ],
)
def test_a_conflict_stands_unless_each_side_names_its_own_participant(
    a: str, b: str, effect: Effect
) -> None:
    assert summarise(run_checks(a, b, same_event_known=True)) is effect


def test_countries_and_places_are_no_participants() -> None:
    assert (
        different_participants(
            "A ship ran aground in the Suez Canal on Tuesday, Ukraine said.",
            "A ship ran aground on Monday heading for the Mediterranean, near Washington.",
        )
        is None
    )


def test_the_judge_calls_different_participants_the_same_story() -> None:
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.7, float(np.sqrt(1 - 0.7**2))]], np.float32)
    judge = RelationJudge(FixedModel(ENTAILS, ENTAILS), calibrate=False)
    (verdict,) = judge.judge([RAHMAN], [THOMPSON], u, v)
    assert verdict.label == "unrelated"
    assert "different participants" in verdict.reason


def test_a_claim_opening_on_a_pronoun_may_mean_the_other_sides_participant() -> None:
    assert (
        different_participants(
            "He was mayor of Palm Springs and joined Columbia Records in 1990.",
            "Sonny Bono died in 1998.",
        )
        is None
    )
    assert different_participants(
        "Columbia Records signed Sonny Bono in 1990.", "Atlantic Records dropped Cher in 1998."
    ) == (["Sonny Bono"], ["Cher"])  # "Records" on both sides: no different participant


def test_a_demonym_of_a_country_outside_the_stories_names_a_participant() -> None:
    assert different_participants(
        "The dollar was at 117.85 yen against the Japanese currency.",
        "The dollar was at 1.3289 against the Swiss franc.",
    ) == (["Japanese"], ["Swiss"])
