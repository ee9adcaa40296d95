"""Hedges: sentences that leave their claim open ("not clear whether") or soften it."""

from __future__ import annotations

import pytest

from corroborate.checks.hedges import find_hedge


@pytest.mark.parametrize(
    ("text", "cue", "strength"),
    [
        (
            "It was not clear whether Iran had already delivered any of the drones to Russia.",
            "was not clear whether",
            "open",
        ),
        ("It is unknown if anyone survived.", "is unknown if", "open"),
        ("Officials could not confirm the report.", "could not confirm", "open"),
        (
            "The claim could not be independently verified.",
            "could not be independently verified",
            "open",
        ),
        ("The White House didn't confirm the deal.", "didn't confirm", "open"),
        ("There was no immediate confirmation from Moscow.", "no immediate confirmation", "open"),
        ("Russia reportedly bought the drones.", "reportedly", "soft"),
        ("Up to 20 people may have fallen into the water.", "may have", "soft"),
        ("The drones are said to carry bombs.", "are said to", "soft"),
    ],
)
def test_open_questions_leave_the_claim_open_and_soft_hedges_soften_it(
    text: str, cue: str, strength: str
) -> None:
    hedge = find_hedge(text)
    assert hedge is not None
    assert (hedge.cue, hedge.strength) == (cue, strength)


@pytest.mark.parametrize(
    "text",
    [
        "Iran supplied drones to Russia.",
        "It is clear that Iran sent drones.",
        "The talks took place in May 2022.",
        "There is no indication that the collision was intentional.",
        "Kremlin spokesman Dmitry Peskov declined to comment.",
    ],
)
def test_plain_assertions_are_not_hedged(text: str) -> None:
    assert find_hedge(text) is None
