"""Role swaps read from a dependency parse: what the name rules miss, and no finding when the
two sides say the same thing in another voice or with a verb whose sides can swap."""

from __future__ import annotations

import pytest

from corroborate.checks import run_checks
from corroborate.checks.findings import Effect
from corroborate.checks.parsed_roles import check_parsed_roles, parsed_roles, words_change_order


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Vanessa Bryant sued Los Angeles County over the crash-site photos.",
            "Los Angeles County sued Vanessa Bryant over the crash-site photos.",
        ),
        (
            "Indian Navy ships rescued 192 people and handed them over to Mozambican authorities.",
            "Mozambican authorities rescued 192 people and handed them over to the Indian Navy.",
        ),
        (
            "President Bush praised FEMA director Michael Brown on Friday.",
            "On Friday, FEMA director Michael Brown praised President Bush.",
        ),
        (
            "Russian instructors are preparing to train Iranian forces to operate the drones.",
            "Tehran was preparing to train Russian forces to operate the drones.",
        ),
        (  # one action in other words: "filed a lawsuit against" is "sued"
            "Harris County sued Arkema over the fires at its flooded Crosby plant.",
            "Arkema filed a lawsuit against Harris County over the fires at its flooded plant.",
        ),
        (  # the nominal's own "against"
            "Repsol filed a $4.5 billion lawsuit against Peru's consumer agency over the spill.",
            "Peru's consumer agency sued Repsol for $4.5 billion over the spill.",
        ),
    ],
)
def test_a_swapped_doer_and_target_conflict(a: str, b: str) -> None:
    (finding,) = check_parsed_roles(a, b)
    assert finding.check == "role" and finding.effect is Effect.CONFLICT
    assert "roles swapped" in finding.reason
    assert check_parsed_roles(b, a)  # either way round


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # the same direction, passive against active
            "Vanessa Bryant sued Los Angeles County over the crash-site photos.",
            "Los Angeles County was sued by Vanessa Bryant over the crash-site photos.",
        ),
        (  # "filed a lawsuit against" in the same direction as "sued"
            "Harris County sued Arkema over the fires at its flooded Crosby plant.",
            "Harris County filed a lawsuit against Arkema over the fires at its flooded plant.",
        ),
        (  # "met" has no doer and target
            "President Biden met Xi Jinping in Bali on Monday.",
            "Xi Jinping met President Biden in Bali on Monday.",
        ),
        (  # the same words in the same order
            "Boeing accused Lion Air of shifting the blame.",
            "Boeing accused Lion Air of trying to shift the blame for the crash.",
        ),
    ],
)
def test_no_swap_without_other_roles(a: str, b: str) -> None:
    assert check_parsed_roles(a, b) == []


def test_only_pairs_whose_shared_words_change_order_are_parsed() -> None:
    assert words_change_order("India warned Sri Lanka.", "Sri Lanka warned India.")
    assert not words_change_order("India warned Sri Lanka.", "India had warned Sri Lanka.")
    assert not words_change_order("India warned Sri Lanka.", "Floods hit Pakistan.")
    # Reordered, but with no shared word between the two on both sides: no verb to swap around.
    assert not words_change_order("India warned Sri Lanka.", "Sri Lanka and India, officials said.")
    assert words_change_order(
        "Sullenberger told controller Patrick Harten.",
        "Controller Patrick Harten told Sullenberger.",
    )


def test_parties_carry_their_described_names() -> None:
    (role,) = parsed_roles("President Bush praised FEMA director Michael Brown.")
    assert role.verb == "praise"
    assert {"bush"} <= role.agent and {"michael", "brown"} <= role.target


def test_run_checks_reports_a_parsed_swap_the_name_rules_miss() -> None:
    a = "India had warned Sri Lanka about planned attacks on churches weeks before Easter."
    b = "Sri Lanka had warned India about planned attacks on churches weeks before Easter."
    findings = run_checks(a, b)
    assert [f.check for f in findings if f.effect is Effect.CONFLICT] == ["role"]
