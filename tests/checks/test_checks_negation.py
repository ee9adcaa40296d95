"""Denial and negation: a conflict only when one side negates what the other asserts."""

from __future__ import annotations

import pytest

from corroborate.checks.findings import Effect
from corroborate.checks.negation import check_negation, polarity


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Iran denied supplying drones to Russia",
            "Iran supplied drones to Russia",
            "a denies what b asserts ('denied')",
        ),
        (
            "Iran supplied drones to Russia, US officials said",
            "Iran denied supplying drones to Russia",
            "b denies what a asserts ('denied')",
        ),
        (
            "The Kremlin denied that Russia bought drones",
            "Russia bought Iranian drones",
            "a denies what b asserts ('denied')",
        ),
        (
            "Tehran dismissed reports that it sold drones to Moscow",
            "Iran sold drones to Russia",
            "a denies what b asserts ('dismissed reports')",
        ),
        (
            "Iran called claims that it sold drones to Russia baseless",
            "Iran sold drones to Russia",
            "a denies what b asserts ('baseless')",
        ),
        (
            "Reports that Iran sold drones to Russia are false",
            "Iran sold drones to Russia",
            "a denies what b asserts ('false')",
        ),
        ("There was no deal", "There was a deal", "a negates what b asserts ('no')"),
        (
            "Russia and Iran could not reach a deal on drones",
            "Russia and Iran reached a deal on drones",
            "a negates what b asserts ('not')",
        ),
        (
            "There was no special development in the talks",
            "There was a special development in the talks",
            "a negates what b asserts ('no')",
        ),
        (
            "Russia has never used Iranian drones in Ukraine",
            "Russia used Iranian drones in Ukraine",
            "a negates what b asserts ('never')",
        ),
        (
            "Russia used Iranian drones in Ukraine",
            "Russia didn't use Iranian drones in Ukraine",
            "b negates what a asserts ('didn't')",
        ),
    ],
)
def test_one_side_denying_what_the_other_asserts_conflicts(a: str, b: str, reason: str) -> None:
    (finding,) = check_negation(a, b)
    assert finding.effect is Effect.CONFLICT
    assert finding.reason == reason


def test_the_span_of_the_denying_side_is_the_cue() -> None:
    (finding,) = check_negation("Iran supplied drones", "Iran denied supplying drones")
    assert (finding.span_a, finding.span_b) == (None, "denied")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # both negate
        ("Iran has not supplied drones to Russia", "Iran did not supply drones to Russia"),
        # hedges are no denial
        ("Iran refused to confirm it supplied drones to Russia", "Iran supplied drones to Russia"),
        ("The Kremlin declined to comment on reports Russia bought drones", "Russia bought drones"),
        ("It could not be independently verified that Iran sold drones", "Iran sold drones"),
        ("Iran, which could not be reached, sold drones to Russia", "Iran sold drones to Russia"),
        # a double negation asserts
        ("Iran did not deny supplying drones to Russia", "Iran supplied drones to Russia"),
        # idioms with a negative word
        ("Not only drones but missiles were sold to Russia", "Drones and missiles were sold"),
        ("Iran sold no more than 300 drones to Russia", "Iran sold 300 drones to Russia"),
        ("Russia staged a false flag attack in Ukraine", "Russia staged an attack in Ukraine"),
        (
            "Sensors picked up a sound not long after the sub lost contact",
            "Sensors picked up a sound shortly after the sub lost contact",
        ),
        # unrelated or only loosely related
        ("The minister did not attend the summit", "Iran supplied drones to Russia"),
        ("Russia did not attack Kyiv", "Russia attacked Kharkiv"),
        ("Iran has denied supplying weapons to either side", "Iran supplied drones to Russia"),
        # the same names and things, but something else happened
        ("Tehran denied sending drones to Moscow", "Russia sold drones to Iran in June"),
    ],
)
def test_no_conflict_without_a_lone_denial_of_the_same_content(a: str, b: str) -> None:
    assert check_negation(a, b) == []


def test_polarity_separates_cue_from_claim() -> None:
    result = polarity("Moscow denied buying the drones")
    assert (result.negated, result.denial, result.cue) == (True, True, "denied")
    assert result.claim.split() == ["Moscow", "buying", "the", "drones"]


def test_claim_leaves_out_a_speaker_who_only_reports() -> None:
    assert polarity("US officials said Iran did not send drones").claim.split() == [
        "Iran",
        "did",
        "send",
        "drones",
    ]


def test_denial_words_of_one_denial_do_not_cancel_and_deny_the_claimed_content() -> None:
    denial = (
        "Tehran has rejected US claims that Russian officials visited an Iranian airfield "
        "to inspect drones, calling them baseless."
    )
    assert polarity(denial).negated
    assert polarity(denial).claim.startswith("Russian officials visited")
    (finding,) = check_negation(
        "Russian officials have visited an airfield in central Iran at least twice to "
        "examine weapons-capable drones, according to US officials.",
        denial,
    )
    assert finding.effect is Effect.CONFLICT
    assert finding.reason.startswith("b denies what a asserts")


def test_a_denial_of_reports_rewording_them_conflicts_when_one_event_is_known() -> None:
    denial = (
        "Tehran has rejected US claims that Russian officials visited an Iranian airfield to "
        "inspect drones, calling them baseless."
    )
    report = (
        "Russian officials travelled to an Iranian airfield twice in recent weeks to look at "
        "drones capable of carrying weapons."
    )
    assert polarity(denial).reported and not polarity(report).reported
    assert check_negation(denial, report) == []
    (finding,) = check_negation(denial, report, same_event_known=True)
    assert finding.effect is Effect.CONFLICT
    # a plain negation is no report denied: it keeps the strict word test
    negated = "Russian officials did not travel to an airfield in recent weeks."
    assert (
        check_negation(
            negated, "Iranian engineers inspected drones at an airfield.", same_event_known=True
        )
        == []
    )
