"""All checks together on the drone-story pairs, and the one-effect summary."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.checks import Effect, Finding, run_checks, summarise
from corroborate.checks.overlap import content_keys


@pytest.mark.parametrize(
    ("a", "b", "effect"),
    [
        (
            "Moscow wants hundreds of Iranian drones",
            "Russia plans to buy up to 300 Iranian drones",
            Effect.B_ADDS,
        ),
        (
            "Moscow wants hundreds of Iranian drones",
            "Russia wants a dozen Iranian drones",
            Effect.CONFLICT,
        ),
        (
            "Russian officials visited the airfield twice",
            "Russian officials visited the airfield on June 8 and July 5",
            Effect.B_ADDS,
        ),
        (
            "Russian officials visited the airfield three times",
            "Russian officials visited the airfield on June 8 and July 5",
            Effect.CONFLICT,
        ),
        (
            "Iran denied supplying drones to Russia",
            "Iran supplied drones to Russia",
            Effect.CONFLICT,
        ),
        ("Iran sold drones to Russia", "Russia sold drones to Iran", Effect.CONFLICT),
        (
            "Russia wants Iranian drones, Sullivan said.",
            "According to officials, Russia wants Iranian drones.",
            None,
        ),
    ],
)
def test_drone_story_pairs(a: str, b: str, effect: Effect | None) -> None:
    assert summarise(run_checks(a, b)) is effect


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "President Joe Biden is travelling in the Middle East this week.",
            "Iran has denied supplying weapons to either side in the conflict.",
        ),
        (
            "Satellite images show Shahed-191 drones at the airfield.",
            "Follow CNN on Twitter for breaking news updates.",
        ),
        ("Five people died in the attack on Kyiv.", "Moscow wants hundreds of Iranian drones."),
    ],
)
def test_unrelated_pairs_never_conflict(a: str, b: str) -> None:
    assert summarise(run_checks(a, b)) is not Effect.CONFLICT


def test_the_time_of_a_statement_is_not_the_date_of_the_event() -> None:
    findings = run_checks(
        "Russia bought the drones on June 8, Sullivan said on Tuesday.",
        "Russia bought the drones on June 8.",
        date_a=dt.date(2022, 7, 16),
        date_b=dt.date(2022, 7, 16),
    )
    assert [finding.effect for finding in findings] == [Effect.COMPATIBLE]


def _finding(effect: Effect) -> Finding:
    return Finding("detail", effect, "reason")


@pytest.mark.parametrize(
    ("effects", "summary"),
    [
        ([], None),
        ([Effect.COMPATIBLE], Effect.COMPATIBLE),
        ([Effect.COMPATIBLE, Effect.B_ADDS], Effect.B_ADDS),
        ([Effect.A_ADDS, Effect.A_ADDS], Effect.A_ADDS),
        ([Effect.A_ADDS, Effect.B_ADDS], Effect.COMPATIBLE),
        ([Effect.B_ADDS, Effect.CONFLICT, Effect.COMPATIBLE], Effect.CONFLICT),
    ],
)
def test_summarise(effects: list[Effect], summary: Effect | None) -> None:
    assert summarise(_finding(effect) for effect in effects) is summary


def test_articles_far_apart_report_different_events() -> None:
    a = "The ship's crew of 25 are all Indian nationals."
    b = "All 22 crew members aboard, who are Indian nationals, were accounted for."
    near = run_checks(a, b, date_a=dt.date(2024, 3, 20), date_b=dt.date(2024, 3, 27))
    far = run_checks(a, b, date_a=dt.date(2021, 3, 25), date_b=dt.date(2024, 3, 27))
    assert summarise(near) is Effect.CONFLICT
    assert summarise(far) is Effect.DISTINCT
    assert summarise(run_checks(a, b)) is Effect.CONFLICT  # no dates: no window


def test_an_amount_of_another_day_is_another_measurement() -> None:
    found = run_checks(
        "Nearly 19,000 ships passed through the canal in 2020.",
        "Some 369 ships passed through the canal on March 28, 2021.",
        same_event_known=True,
    )
    assert summarise(found) is Effect.DISTINCT
    one_point = run_checks(
        "More than 450 ships were waiting to pass through the canal.",
        "Some 369 ships were waiting to pass through the canal.",
        same_event_known=True,
    )
    assert summarise(one_point) is Effect.CONFLICT


def test_amounts_dated_to_other_years_are_other_measurements() -> None:
    a = "Nearly 19,000 ships passed through the canal in 2020, according to the canal authority."
    b = "Some 369 vessels were waiting to pass through the canal as of Sunday."
    found = run_checks(a, b, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 28))
    (amounts,) = [f for f in found if f.check == "quantity"]
    assert amounts.effect is Effect.DISTINCT and "2020 vs 2021" in amounts.reason
    # the same year on both sides stays a conflict
    c = "More than 450 ships were stuck in the traffic jam on Sunday."
    found = run_checks(
        c, b, date_a=dt.date(2021, 3, 28), date_b=dt.date(2021, 3, 28), same_event_known=True
    )
    assert any(f.check == "quantity" and f.effect is Effect.CONFLICT for f in found)


def test_a_change_and_its_reverse_on_two_days_are_two_moments() -> None:
    a = "Traffic through the canal resumed on Monday evening, the canal authority said."
    b = "The canal authority suspended all traffic on Thursday."
    found = run_checks(a, b, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 28))
    assert summarise(found) is Effect.DISTINCT
    c = "Traffic through the canal resumed on Tuesday, the canal authority said."
    found = run_checks(a, c, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 29))
    assert summarise(found) is Effect.CONFLICT  # one change, two days


def test_a_yearly_count_is_no_date_dispute_with_a_day_of_another_year() -> None:
    a = "Nearly 19,000 ships passed through the canal in 2020, according to the canal authority."
    b = "The giant container ship became wedged across the Suez Canal last Tuesday."
    found = run_checks(
        a, b, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 29), same_event_known=True
    )
    assert summarise(found) is not Effect.CONFLICT
    # a dated event against another year's date stays a conflict
    c = "The treaty was signed in 2019, officials said."
    d = "The treaty was signed on Tuesday, officials said."
    found = run_checks(
        c, d, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 29), same_event_known=True
    )
    assert summarise(found) is Effect.CONFLICT


def test_counts_of_one_state_on_one_day_are_one_measurement() -> None:
    """Worded apart ("stuck in the traffic jam", "waiting to pass"), ships held up on the
    same Sunday are one count: the amounts conflict without a model's say-so."""
    a = "More than 450 ships were stuck in the traffic jam on Sunday, according to shipping data."
    b = "Some 369 vessels were waiting to pass through the canal as of Sunday, the authority said."
    found = run_checks(a, b, date_a=dt.date(2021, 3, 28), date_b=dt.date(2021, 3, 29))
    assert any(f.check == "quantity" and f.effect is Effect.CONFLICT for f in found)
    # a state on another day is another measurement; so is an event count on the same day
    friday = "More than 200 vessels were waiting to transit the canal on Friday."
    found = run_checks(friday, b, date_a=dt.date(2021, 3, 26), date_b=dt.date(2021, 3, 29))
    assert summarise(found) is not Effect.CONFLICT
    event = "Some 40 ships passed through the canal on Sunday."
    found = run_checks(a, event, date_a=dt.date(2021, 3, 28), date_b=dt.date(2021, 3, 29))
    assert summarise(found) is not Effect.CONFLICT


def test_a_count_on_another_day_neither_refines_nor_contradicts() -> None:
    """ "More than 200 ... on Friday" against "Some 369 ... as of Sunday": a growing queue
    counted twice, not a vaguer telling of one count (that needs the same day)."""
    friday = "More than 200 vessels were waiting to transit the canal on Friday."
    sunday = "Some 369 vessels were waiting to pass through the canal as of Sunday."
    found = run_checks(sunday, friday, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 26))
    (amounts,) = [f for f in found if f.check == "quantity"]
    assert amounts.effect is Effect.DISTINCT and "other days" in amounts.reason
    undated = run_checks(sunday, friday)  # weekdays without article dates name no day
    assert [f.effect for f in undated if f.check == "quantity"] == [Effect.A_ADDS]
    roughly = "Roughly 370 vessels were waiting to pass through the canal on Sunday."
    found = run_checks(roughly, sunday, date_a=dt.date(2021, 3, 29), date_b=dt.date(2021, 3, 29))
    assert all(f.effect is not Effect.DISTINCT for f in found if f.check == "quantity")


def test_a_name_of_several_words_keeps_its_small_words() -> None:
    """A stopword ("Ever") is a content word inside a name ("the Ever Given"): the two
    groundings share the ship's whole name and the verb, so their days conflict."""
    a = "The Ever Given ran aground late on Monday night as it headed north to the Mediterranean."
    b = "The 400-metre Ever Given ran aground in the Suez Canal on Tuesday morning."
    found = run_checks(a, b, date_a=dt.date(2021, 3, 28), date_b=dt.date(2021, 3, 24))
    assert any(f.check == "date" and f.effect is Effect.CONFLICT for f in found)
    assert "ever" in content_keys(a) and "ever" not in content_keys("It was ever so.")


def test_a_plan_is_another_fact_than_what_happened() -> None:
    a = "Contact with the Titan was lost about one hour and 45 minutes after it began its dive."
    b = "The Titan had been due to resurface about seven hours after it began its dive."
    found = run_checks(a, b, same_event_known=True)
    assert summarise(found) is Effect.DISTINCT
    c = "Contact with the Titan was lost about 30 minutes after it began its dive."
    assert summarise(run_checks(a, c, same_event_known=True)) is Effect.CONFLICT
    d = "The Titan had been due to resurface about four hours after it began its dive."
    assert summarise(run_checks(b, d, same_event_known=True)) is Effect.CONFLICT  # two plans


def test_a_shared_phrase_lets_fewer_shared_words_tell_one_event() -> None:
    a = "The airship drifted into US airspace on February 1, blown off course by westerly winds."
    b = "The balloon first entered US airspace near Alaska's Aleutian Islands on January 28."
    found = run_checks(a, b, date_a=dt.date(2023, 2, 6), date_b=dt.date(2023, 2, 4))
    assert any(f.check == "date" and f.effect is Effect.CONFLICT for f in found)
    # as few shared words ("airship", "first", "airspace") without a shared phrase: apart
    c = "The airship was first seen in airspace over Idaho after winds blew it off course on Feb 1."
    found = run_checks(c, b, date_a=dt.date(2023, 2, 6), date_b=dt.date(2023, 2, 4))
    assert summarise(found) is not Effect.CONFLICT
    # a shared manner ("relied heavily") is no shared phrase of what happened
    d = (
        "Russian forces have relied heavily on their own Orlan-10 reconnaissance drones to "
        "guide artillery fire."
    )
    e = "Ukraine has relied heavily on Turkish-made Bayraktar TB2 drones to strike Russian armour."
    assert summarise(run_checks(d, e)) is not Effect.CONFLICT
