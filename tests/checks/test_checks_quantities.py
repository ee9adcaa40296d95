"""Quantity extraction (numbers, number words, vague amounts, qualifiers) and comparison."""

from __future__ import annotations

import math

import pytest

from corroborate.checks.findings import Effect
from corroborate.checks.quantities import check_quantities, extract_quantities


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "head"),
    [
        ("Iran sent 300 drones.", "300", 300, 300, "drone"),
        ("About 1,200 people fled.", "About 1,200", 1080, 1320, "people"),
        ("The strike killed twelve soldiers.", "twelve", 12, 12, "soldier"),
        ("a dozen ships", "a dozen", 12, 12, "ship"),
        ("two dozen ships", "two dozen", 24, 24, "ship"),
        ("twenty-one tanks", "twenty-one", 21, 21, "tank"),
        ("three hundred thousand people", "three hundred thousand", 3e5, 3e5, "people"),
        ("a $1.2bn deal", "$1.2bn", 1.2e9, 1.2e9, "dollar"),
        ("1.2 billion dollars in aid", "1.2 billion", 1.2e9, 1.2e9, "dollar"),
        ("prices rose 5%", "5%", 5, 5, "percent"),
        ("a range of 300 km", "300", 300, 300, "km"),
        ("between 200 and 300 tanks", "between 200 and 300", 200, 300, "tank"),
        ("200-300 tanks", "200-300", 200, 300, "tank"),
        ("hundreds of Iranian unmanned aerial vehicles", "hundreds", 200, 999, "drone"),
        ("dozens of UAVs", "dozens", 24, 150, "drone"),
        ("at least 300 drones", "at least 300", 300, math.inf, "drone"),
        ("up to 300 drones", "up to 300", 150, 300, "drone"),
        ("nearly 300 drones", "nearly 300", 270, 300, "drone"),
        ("fewer than 300 drones", "fewer than 300", 0, 300, "drone"),
        ("a five-day visit", "five", 5, 5, "day"),
        ("the toll rose to 45.", "45", 45, 45, None),
    ],
)
def test_extracts_amount_interval_and_head(
    text: str, span: str, low: float, high: float, head: str | None
) -> None:
    (quantity,) = extract_quantities(text)
    assert quantity.span == span
    assert quantity.low == pytest.approx(low)
    assert quantity.high == pytest.approx(high)
    assert quantity.head == head


@pytest.mark.parametrize(
    ("text", "figure", "head"),
    [
        ("a 20-nautical-mile zone", 20, "nautical mile"),
        ("a 10-year-old boy", 10, "year"),
        ("It fired a single missile.", 1, "missile"),
        ("three and a half days", 3.5, "day"),
        ("All 25 members of the ship's crew", 25, "crew"),
        ("the blasts had magnitudes of 2.1", 2.1, "magnitude"),
        ("a quake of 6.1 in magnitude", 6.1, "magnitude"),
        ("a fifth of its output", 20, "percent"),
        ("the 400m-long ship", 400, "metre"),
        ("contact was lost an hour and 45 minutes into the dive", 105, "minute"),
        ("it took two hours and a half", 150, "minute"),
        ("a quarter of a million dollars", 250_000, "dollar"),
        ("half a million people fled", 500_000, "people"),
        ("It fired a single AIM-9X Sidewinder missile.", 1, "missile"),
    ],
)
def test_reads_compounds_fractions_magnitudes_and_members_of_a_group(
    text: str, figure: float, head: str
) -> None:
    (quantity,) = extract_quantities(text)
    assert (quantity.low, quantity.high) == (pytest.approx(figure), pytest.approx(figure))
    assert quantity.head == head


def test_more_than_half_is_a_share_from_fifty_percent() -> None:
    (quantity,) = extract_quantities("More than half of the gas escaped.")
    assert (quantity.low, quantity.high, quantity.head) == (50, math.inf, "percent")


def test_vague_words_are_marked_vague_and_numbers_are_not() -> None:
    vague, exact = extract_quantities("several ships and 40 tanks")
    assert (vague.span, vague.vague) == ("several", True)
    assert (exact.span, exact.vague) == ("40", False)


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022.",
        "They visited on June 8.",
        "They visited on 8 June 2022.",
        "The report is dated 2022-07-05.",
        "Shahed-129 and Shahed-191 drones were shown.",
        "F-16 jets and MiG-29s took off.",
        "The visits are the first step.",
        "The meeting began at 10:30 local time.",
        "Russia has three times as many drones.",
        "He is the one who signed.",
        "Test scores rose.",
    ],
)
def test_years_dates_model_numbers_and_ordinals_are_not_counts(text: str) -> None:
    assert extract_quantities(text) == ()


def test_year_counts_as_a_number_when_it_counts_something() -> None:
    (quantity,) = extract_quantities("Russia bought 2000 drones")
    assert (quantity.low, quantity.head) == (2000, "drone")


def test_up_to_300_adds_a_number_to_hundreds() -> None:
    findings = check_quantities(
        "Moscow wants hundreds of Iranian drones", "Russia plans to buy up to 300 Iranian drones"
    )
    assert [finding.effect for finding in findings] == [Effect.B_ADDS]
    assert findings[0].span_a == "hundreds"
    assert findings[0].span_b == "up to 300"
    assert "'up to 300'" in findings[0].reason


def test_a_dozen_conflicts_with_hundreds() -> None:
    (finding,) = check_quantities(
        "Moscow wants hundreds of Iranian drones", "Russia wants a dozen Iranian drones"
    )
    assert finding.effect is Effect.CONFLICT
    assert finding.reason == "numbers differ: 'hundreds' (drone) vs 'a dozen' (drone)"


@pytest.mark.parametrize(
    ("a", "b", "effect"),
    [
        ("five people died", "six people died", Effect.CONFLICT),
        ("Five people died", "five people were killed", Effect.COMPATIBLE),
        ("hundreds of drones", "about 300 drones", Effect.B_ADDS),
        ("about 300 drones", "hundreds of drones", Effect.A_ADDS),
        ("about 300 drones", "310 drones", Effect.B_ADDS),
        ("Iran sent about 300 drones", "Iran sent 500 drones", Effect.CONFLICT),
        ("Iran sent more than 300 drones", "Iran sent 200 drones", Effect.CONFLICT),
        ("Thousands of troops crossed it", "hundreds of soldiers crossed it", Effect.CONFLICT),
        ("a $1.2bn deal", "a deal worth 1.2 billion dollars", Effect.COMPATIBLE),
        ("The death toll rose to 45.", "The death toll rose to 50.", Effect.CONFLICT),
        ("The death toll rose to 45.", "45 people were killed.", Effect.COMPATIBLE),
    ],
)
def test_compares_amounts_of_the_same_thing(a: str, b: str, effect: Effect) -> None:
    assert [finding.effect for finding in check_quantities(a, b)] == [effect]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran sent a dozen drones to Russia", "Ukraine shot down 40 drones over Odesa"),
        ("Moscow is looking to buy hundreds of drones", "Ukraine downed 12 Iranian-made drones"),
        # names alone do not make one event
        ("Moscow wants hundreds of Iranian drones", "Iran sent a dozen drones to Russia"),
    ],
)
def test_amounts_of_what_may_be_different_events_do_not_conflict(a: str, b: str) -> None:
    assert [finding.effect for finding in check_quantities(a, b)] == []


def test_amounts_of_different_things_are_not_compared_but_added() -> None:
    findings = check_quantities("Iran sent 300 drones", "Iran sent 5 ships")
    assert {(finding.effect, finding.span_a, finding.span_b) for finding in findings} == {
        (Effect.A_ADDS, "300 drones", None),
        (Effect.B_ADDS, None, "5 ships"),
    }


def test_a_number_only_one_side_gives_is_detail_it_adds() -> None:
    (finding,) = check_quantities("Russia wants Iranian drones", "Russia wants 300 Iranian drones")
    assert finding.effect is Effect.B_ADDS
    assert finding.reason == "b adds number: '300' (drone)"


def test_no_numbers_no_findings() -> None:
    assert check_quantities("Iran supplied drones to Russia", "Russia bought drones") == []


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("Traffic ran at about 50 ships a day before the grounding.", "day"),
        ("It sold 3 million copies a year.", "year"),
        ("The plant makes 200 cars per hour.", "hour"),
        ("About 40 flights leave daily.", "day"),
        ("Roughly 370 vessels were waiting.", None),
        ("Some 30 million vehicles crossed the Key Bridge each year.", "year"),
        ("The crew waited 20 hours for a day of calm.", None),
    ],
)
def test_an_amount_per_unit_of_time_is_a_rate(text: str, per: str | None) -> None:
    (quantity,) = extract_quantities(text)
    assert quantity.per == per


def test_a_rate_and_a_count_of_one_thing_are_distinct_measures_not_compared() -> None:
    findings = check_quantities(
        "Traffic on the canal had been running at about 50 ships a day.",
        "Roughly 370 vessels had been waiting to pass through the canal.",
        same_event_known=True,
    )
    assert [finding.effect for finding in findings] == [Effect.DISTINCT]
    assert findings[0].reason == (
        "different measures: 'about 50' (ship a day) vs 'Roughly 370' (ship)"
    )


@pytest.mark.parametrize(
    ("a", "b", "effect"),
    [
        # like quantities (head synonyms) that differ conflict
        ("Some 369 vessels were waiting", "More than 450 ships were waiting", Effect.CONFLICT),
        # units of one family compare after conversion
        ("a four-day supply of oxygen", "96 hours of oxygen", Effect.COMPATIBLE),
        ("a four-day supply of oxygen", "about 72 hours of oxygen", Effect.CONFLICT),
        ("a 400-metre ship", "a ship 0.4 km long", Effect.COMPATIBLE),
        # one figure, qualifiers aside, is alike; so are two vague words that overlap
        ("at least 300 drones", "300 drones", Effect.COMPATIBLE),
        ("several hundred drones", "hundreds of drones", Effect.COMPATIBLE),
        # the same figure under different nouns is alike, not detail
        ("all five people on board died", "all five men aboard were killed", Effect.COMPATIBLE),
        # a figure and its rounding are alike; small counts and wider gaps are not
        ("The watch will cost $500", "The watch could cost just $499", Effect.COMPATIBLE),
        ("The watch will cost $500", "The watch will cost $480", Effect.CONFLICT),
        ("ten people died", "eleven people died", Effect.CONFLICT),
        # a bound is no rounding: "more than 553" excludes 550
        ("The tower stands 550 ft tall", "The tower is more than 553 ft tall", Effect.CONFLICT),
        ("The tower stands 550 ft tall", "The tower is more than 540 ft tall", Effect.A_ADDS),
        # units written apart from the number ("2,925 m", "560 ft") are units
        ("Musala stands at 2,925 m .", "Musala is 2,525 meters .", Effect.CONFLICT),
        ("Musala stands at 2,925 m .", "Musala is 2,925 meters high .", Effect.COMPATIBLE),
        ("The spire is 560 ft tall", "The spire is 554 feet tall", Effect.CONFLICT),
        ("It is 12 ft wide", "It is 12 feet wide", Effect.COMPATIBLE),
        # one figure both give pairs first ("six" with the six of "several of the six")
        (
            "The six missing men were immigrants",
            "Several of the six missing men",
            Effect.COMPATIBLE,
        ),
    ],
)
def test_like_quantities_compare(a: str, b: str, effect: Effect) -> None:
    assert [finding.effect for finding in check_quantities(a, b, same_event_known=True)] == [effect]


def test_both_gives_the_figure_two_and_several_adds_no_number() -> None:
    assert check_quantities("Gazprom owns the two pipelines.", "Gazprom owns both pipelines.") == []
    assert check_quantities("Several shipping lines are weighing it.", "Some lines are.") == []


def test_not_a_single_is_no_count_of_one() -> None:
    assert extract_quantities("Not a single ship moved through the canal.") == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("All 20 crew members are Indian.", "All 25 members of the crew are from India."),
        ("Danish authorities closed a 20-nautical-mile zone.", "a zone of five nautical miles"),
        ("The jet fired two missiles.", "The jet fired a single missile."),
        ("Clearing the backlog will take about two weeks.", "about three and a half days"),
        ("The blasts had magnitudes of 2.1 and 2.3.", "They measured 3.1 and 3.3 in magnitude."),
        ("More than half of the gas has escaped.", "Less than a fifth of the gas has escaped."),
    ],
)
def test_amounts_written_as_compounds_fractions_or_groups_conflict(a: str, b: str) -> None:
    effects = [finding.effect for finding in check_quantities(a, b, same_event_known=True)]
    assert Effect.CONFLICT in effects


def test_amounts_of_different_kinds_never_pair_even_without_a_head_noun() -> None:
    findings = check_quantities(
        "The death toll rose to 45.", "Turnout rose to 60%.", same_event_known=True
    )
    assert {finding.effect for finding in findings} == {Effect.A_ADDS, Effect.B_ADDS}


def test_a_figure_the_other_side_also_gives_is_not_added_detail() -> None:
    findings = check_quantities(
        "Three leaks were found on the two pipelines, two of them on the older one.",
        "Three leaks were found on the two pipelines.",
    )
    assert [finding.effect for finding in findings] == [Effect.COMPATIBLE, Effect.COMPATIBLE]


@pytest.mark.parametrize(
    "text",
    [
        "Danish authorities found leaks on Nord Stream 2.",
        "PlayStation 3 sold well.",
        "The vessel struck the bridge at around 2:30 on Tuesday.",
        "It became stuck at around 7.40am local time.",
        "It is one of the world's busiest trade routes.",
    ],
)
def test_name_numbers_clock_times_and_one_of_are_not_counts(text: str) -> None:
    assert extract_quantities(text) == ()


def test_one_percent_of_is_a_share_not_one_of() -> None:
    (share,) = extract_quantities("It emits less than one percent of global emissions.")
    assert (share.head, share.high) == ("percent", 1.0)
    found = check_quantities("Its share of emissions is under 1%.", share.span)
    assert [finding.effect for finding in found] == [Effect.COMPATIBLE]


def test_m_after_a_bare_number_is_metres_unless_a_noun_or_currency_makes_it_millions() -> None:
    (depth,) = extract_quantities("The wreck lies about 3,800m below the surface.")
    assert (depth.head, depth.exact) == ("metre", (3800, 3800))
    (voters,) = extract_quantities("27m people voted.")
    assert (voters.head, voters.low) == ("people", 27e6)
    (finding,) = check_quantities(
        "The wreck lies about 3,800m below the surface.",
        "The wreck lies roughly 12,500 feet below the surface.",
        same_event_known=True,
    )
    assert finding.effect is Effect.COMPATIBLE


def test_every_day_makes_a_rate_past_a_preposition() -> None:
    daily = (
        "The blockage is costing Egypt between $12 million and $14 million in lost revenue "
        "every day."
    )
    other_words = "Egypt is losing $12m to $14m in canal income daily because of the closure."
    total = "Egypt earned about $5.6 billion in revenue from the canal in 2020."
    assert all(
        f.effect is not Effect.CONFLICT
        for f in check_quantities(daily, other_words, same_event_known=True)
    )
    assert any(
        f.effect is Effect.DISTINCT for f in check_quantities(daily, total, same_event_known=True)
    )


def test_sums_of_different_things_are_different_measures() -> None:
    goods = "The blockage is holding up about $9.6bn of goods every day."
    revenue = "It costs Egypt between $12 million and $14 million in lost revenue every day."
    (finding,) = check_quantities(goods, revenue, same_event_known=True)
    assert finding.effect is Effect.DISTINCT
    # the same thing, or a sum that does not say what it is of, still compares
    aid = check_quantities(
        "The US pledged $400 million in military aid.",
        "The US pledged $500 million in aid.",
        same_event_known=True,
    )
    assert [f.effect for f in aid] == [Effect.CONFLICT]
    bare = check_quantities(goods, "The blockage costs $12 million a day.", same_event_known=True)
    assert [f.effect for f in bare] == [Effect.CONFLICT]
