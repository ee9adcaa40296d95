"""Date and event-count extraction, resolution against the article date, and comparison."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from corroborate.checks.dates import check_dates, extract_dates
from corroborate.checks.findings import Effect

ARTICLE = dt.date(2022, 7, 16)  # a Saturday


@pytest.mark.parametrize(
    ("text", "span", "year", "month", "day"),
    [
        ("They visited on June 8.", "June 8", None, 6, 8),
        ("They visited on 8 June 2022.", "8 June 2022", 2022, 6, 8),
        ("They visited on July 5th, 2021.", "July 5th, 2021", 2021, 7, 5),
        ("They visited on 2022-07-05.", "2022-07-05", 2022, 7, 5),
        ("They visited in June 2022.", "June 2022", 2022, 6, None),
        ("They visited in June.", "in June", None, 6, None),
        ("The war began in 2014.", "in 2014", 2014, None, None),
    ],
)
def test_extracts_calendar_dates(
    text: str, span: str, year: int | None, month: int | None, day: int | None
) -> None:
    (mention,) = extract_dates(text).mentions
    assert (mention.span, mention.year, mention.month, mention.day) == (span, year, month, day)
    assert mention.role == "event"


def test_article_date_supplies_the_missing_year() -> None:
    (mention,) = extract_dates("They visited on June 8.", ARTICLE).mentions
    assert mention.days == (dt.date(2022, 6, 8), dt.date(2022, 6, 8))
    (december,) = extract_dates("They visited on December 20.", dt.date(2023, 1, 5)).mentions
    assert december.year == 2022


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("The talks ended on Saturday.", dt.date(2022, 7, 16), dt.date(2022, 7, 16)),
        ("The talks ended on Tuesday.", dt.date(2022, 7, 12), dt.date(2022, 7, 12)),
        ("The talks ended yesterday.", dt.date(2022, 7, 15), dt.date(2022, 7, 15)),
        ("The talks ended last week.", dt.date(2022, 7, 4), dt.date(2022, 7, 10)),
    ],
)
def test_relative_words_resolve_against_the_article_date(
    text: str, first: dt.date, last: dt.date
) -> None:
    (mention,) = extract_dates(text, ARTICLE).mentions
    assert mention.days == (first, last)


def test_without_article_date_a_weekday_stays_partial_and_yesterday_vague() -> None:
    weekday, yesterday = extract_dates("On Tuesday and yesterday").mentions
    assert (weekday.weekday, weekday.days) == (1, None)
    assert yesterday.vague


def test_last_month_is_left_vague_even_with_an_article_date() -> None:
    (mention,) = extract_dates("They visited last month.", ARTICLE).mentions
    assert mention.vague


def test_since_marks_a_bound_not_an_event() -> None:
    found = extract_dates("Talks have continued since June 8.")
    assert [mention.role for mention in found.mentions] == ["bound"]
    assert found.events == ()


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("visited twice", 2, 2),
        ("visited once in June", 1, 1),
        ("visited three times", 3, 3),
        ("visited at least twice", 2, math.inf),
        ("visited on two occasions", 2, 2),
        ("visited several times", 3, 9),
        ("visited repeatedly", 2, math.inf),
    ],
)
def test_extracts_event_counts(text: str, low: float, high: float) -> None:
    count = extract_dates(text).count
    assert count is not None
    assert (count.low, count.high) == (low, high)


@pytest.mark.parametrize(
    "text", ["Russia has three times as many drones", "Once Russia gets the drones, it will"]
)
def test_multipliers_and_conjunctions_are_not_event_counts(text: str) -> None:
    assert extract_dates(text).count is None


def test_dates_listed_for_twice_fit_and_add_detail() -> None:
    findings = check_dates(
        "Russian officials visited the airfield twice",
        "Russian officials visited the airfield on June 8 and July 5",
    )
    assert [finding.effect for finding in findings] == [Effect.COMPATIBLE, Effect.B_ADDS]
    assert findings[1].reason == "b adds dates: 'June 8', 'July 5'"
    assert findings[1].span_b == "June 8, July 5"


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (
            "Russian officials visited the airfield three times",
            "Russian officials visited the airfield on June 8 and July 5",
            "three times",
        ),
        (
            "Officials made three trips to the airfield",
            "Officials made trips to the airfield on June 8 and July 5",
            "three trips",
        ),
    ],
)
def test_a_count_of_events_conflicts_with_fewer_listed_dates(a: str, b: str, count: str) -> None:
    findings = check_dates(a, b)
    assert findings[0].effect is Effect.CONFLICT
    assert findings[0].reason == f"counts differ: a says '{count}', b lists 2 dates"


def test_vague_period_named_when_the_other_side_dates_it() -> None:
    findings = check_dates(
        "Officials visited at least twice over the past month",
        "The delegation visited on June 8 and again on July 5",
    )
    assert [finding.effect for finding in findings] == [Effect.COMPATIBLE, Effect.B_ADDS]
    assert "for 'over the past month'" in findings[1].reason


@pytest.mark.parametrize(
    ("a", "b", "effect"),
    [
        ("visited on June 8", "visited on June 18", Effect.CONFLICT),
        # the year alone adds nothing to a day and month both give
        ("visited on June 8", "visited on 8 June 2022", Effect.COMPATIBLE),
        ("visited on June 8", "visited on 8 June 2022 and July 5", Effect.B_ADDS),
        ("visited on June 8", "visited in June", Effect.A_ADDS),
        ("visited in June", "visited in July", Effect.CONFLICT),
        ("visited on June 8 and July 5", "visited on June 8", Effect.A_ADDS),
        ("visited on June 8", "visited on July 5 and August 1", Effect.CONFLICT),
        ("visited twice", "visited three times", Effect.CONFLICT),
        ("visited at least twice", "visited three times", Effect.B_ADDS),
        ("visited the airfield", "visited the airfield on June 8", Effect.B_ADDS),
        # the year after a comma set apart by spaces (tokenised text) belongs to the date
        ("It was released on April 5 , 2001 .", "It was released in 2013 .", Effect.CONFLICT),
        ("It was released on April 5 , 2013 .", "It was released in 2013 .", Effect.A_ADDS),
        # "in October of 1987" is a month of a year, not an October of any year
        ("He was born October 18 , 1977 .", "He was born in October of 1987 .", Effect.CONFLICT),
        ("He was born October 18 , 1987 .", "He was born in October of 1987 .", Effect.A_ADDS),
        # "is a 2012 film" dates what it describes
        (
            "Vampire Academy is a 2012 American film .",
            "Vampire Academy is a 2014 film .",
            Effect.CONFLICT,
        ),
        ("Vampire Academy is a 2014 American film .", "It came out in 2014 .", Effect.COMPATIBLE),
    ],
)
def test_compares_dates_of_events(a: str, b: str, effect: Effect) -> None:
    assert [finding.effect for finding in check_dates(a, b)] == [effect]


def test_dates_of_what_may_be_different_events_do_not_conflict() -> None:
    findings = check_dates(
        "The delegation visited the airfield on June 8",
        "Ukraine shot down Iranian drones on June 18",
    )
    assert findings == []


def test_weekday_checked_against_a_date_via_article_dates() -> None:
    # 8 June 2022 was a Wednesday; 16 July 2022 a Saturday.
    conflict = check_dates(
        "visited on Saturday", "visited on June 8", date_a=ARTICLE, date_b=ARTICLE
    )
    assert [finding.effect for finding in conflict] == [Effect.CONFLICT]
    assert "'Saturday' (2022-07-16)" in conflict[0].reason
    same = check_dates("visited on Saturday", "visited on July 16", date_a=ARTICLE, date_b=ARTICLE)
    assert [finding.effect for finding in same] == [Effect.COMPATIBLE]


def test_bounds_are_not_compared_with_event_dates() -> None:
    findings = check_dates("Talks continued since June 8", "Talks continued since June 18")
    assert findings == []


@pytest.mark.parametrize(
    "text",
    [
        "The show aired from September 22 , 2003 to February 19 , 2015 .",
        "Elizabeth of York ( February 11 , 1466 - February 11 , 1503 ) was queen .",
    ],
)
def test_the_ends_of_a_period_are_bounds_not_events(text: str) -> None:
    mentions = extract_dates(text).mentions
    assert len(mentions) == 2
    assert {mention.role for mention in mentions} == {"bound"}
    assert check_dates(text, "The show aired in 2003 .", same_event_known=True)[0].effect in (
        Effect.B_ADDS,
        Effect.A_ADDS,
    )


@pytest.mark.parametrize(
    ("a", "b", "conflicts"),
    [
        # an event dated on the wrong side of "before" or "after" conflicts
        ("The cup was established in 1984 .", "The cup was founded before 1984 .", True),
        ("The album was released on September 25 , 2001 .", "It was released after 2008 .", True),
        ("Sejong died in 1430 .", "Sejong the Great died after 1430 .", True),
        ("The siege began on August 2 , 2000 .", "The siege took place prior to 2000 .", True),
        # on the right side it does not
        ("The album was released on September 25 , 2001 .", "It was released after 2000 .", False),
        ("The cup was established in 1984 .", "The cup was founded before 1990 .", False),
        # alternatives, and "prior to" on both sides, set no wrong side
        (
            "It sold 4.7 million copies as of April 2016 .",
            "It was released in or before 2016 .",
            False,
        ),
        (
            "crimes committed before March 31 , 1998",
            "crimes committed prior to March 31 , 1998",
            False,
        ),
    ],
)
def test_an_event_against_a_before_or_after_bound(a: str, b: str, conflicts: bool) -> None:
    for first, second in ((a, b), (b, a)):
        findings = check_dates(first, second, same_event_known=True)
        assert (Effect.CONFLICT in [finding.effect for finding in findings]) == conflicts


def test_a_preposition_starting_the_sentence_still_dates() -> None:
    (mention,) = extract_dates("In 1751 , he was made managing director .").mentions
    assert (mention.span, mention.year, mention.role) == ("In 1751", 1751, "event")


def test_dates_joined_by_and_stay_events() -> None:
    mentions = extract_dates("They met on May 3 and May 5.").mentions
    assert [mention.role for mention in mentions] == ["event", "event"]


def test_no_dates_no_findings() -> None:
    assert check_dates("Iran supplied drones", "Russia bought drones") == []


def test_this_month_is_the_article_month() -> None:
    findings = check_dates(
        "Training could start as soon as this month",
        "Training sessions could begin in July",
        date_a=ARTICLE,
        date_b=ARTICLE,
    )
    assert [finding.effect for finding in findings] == [Effect.COMPATIBLE]
    (mention,) = extract_dates("earlier this week", ARTICLE).mentions
    assert mention.days == (dt.date(2022, 7, 11), dt.date(2022, 7, 16))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("They visited at least twice", "They visited twice"),
        ("Officials visited at least twice", "The delegation made at least two trips"),
    ],
)
def test_one_count_of_events_with_or_without_a_qualifier_is_alike(a: str, b: str) -> None:
    assert [finding.effect for finding in check_dates(a, b)] == [Effect.COMPATIBLE]


def test_an_unresolved_yesterday_is_not_a_vague_date_pinned_down() -> None:
    (finding,) = check_dates(
        "The union endorsed him yesterday", "He won the endorsement on Tuesday"
    )
    assert finding.effect is Effect.B_ADDS
    assert finding.span_a is None
    pinned = check_dates("They visited over the past month", "They visited on June 8")
    assert (pinned[0].span_a, pinned[0].span_b) == ("over the past month", "June 8")


def test_a_statement_date_is_not_the_event_date() -> None:
    found = check_dates(
        "Russians visited Iran twice in June to assess combat drones",
        "Russian officials have recently visited Iran twice, Jake Sullivan said Saturday.",
        same_event_known=True,
    )
    assert all(f.effect is not Effect.CONFLICT for f in found)
    assert all("Saturday" not in (f.span_b or "") for f in found)


def test_a_date_after_a_verb_of_posting_or_insisting_dates_the_statement() -> None:
    tweet = "The platform is losing $4m a day, its owner tweeted on Friday."
    (tweeted,) = extract_dates(tweet).mentions
    assert tweeted.role == "statement"
    assert check_dates("Musk said Twitter was losing $4 million a day.", tweet) == []
    (own,) = extract_dates("The platform lost $4m on Friday.").mentions
    assert own.role == "event"


def test_a_date_of_a_named_actors_earlier_deed_is_background() -> None:
    """ "since Russia invaded Ukraine in February" dates the invasion, not the claim; a
    pronoun's deed ("since it ran aground on Tuesday") is the claim's own event."""
    (invasion,) = extract_dates(
        "Cooperation has seen no development since Russia invaded Ukraine in February."
    ).mentions
    assert invasion.role == "background"
    (start,) = extract_dates("Since the invasion began in February, Kyiv has used drones.").mentions
    assert start.role == "background"
    (grounding,) = extract_dates(
        "The ship has been stuck since it ran aground on Tuesday."
    ).mentions
    assert grounding.role == "event"


def test_a_count_in_a_month_conflicts_with_a_listed_date_outside_it() -> None:
    found = check_dates(
        "Russians visited Iran twice in June to assess combat drones",
        "Iran hosted two showcases for Russian delegations on June 8 and again on July 5.",
        same_event_known=True,
    )
    conflicts = [f for f in found if f.effect is Effect.CONFLICT]
    assert conflicts and "July 5" in conflicts[0].reason
    inside = check_dates(
        "Russians visited Iran twice in June",
        "Iran hosted Russian delegations on June 8 and again on June 25.",
        same_event_known=True,
    )
    assert all(f.effect is not Effect.CONFLICT for f in inside)


def test_a_weekday_of_something_to_come_is_the_next_one() -> None:
    # Tuesday 2022-07-12: "will meet on Tuesday" is the 19th; "met on Tuesday" the 12th
    article = dt.date(2022, 7, 13)
    (coming,) = extract_dates("Putin will meet Raisi in Tehran on Tuesday.", article).events
    (past,) = extract_dates("Putin met Raisi in Tehran on Tuesday.", article).events
    assert (coming.month, coming.day) == (7, 19)
    assert (past.month, past.day) == (7, 12)
    found = check_dates(
        "Putin will meet Raisi in Tehran on Tuesday.",
        "Putin arrived in Tehran on Tuesday for talks with Raisi.",
        date_a=article,
        date_b=dt.date(2022, 7, 19),
        same_event_known=True,
    )
    assert found and all(finding.effect is not Effect.CONFLICT for finding in found)


def test_one_of_as_many_occasions_dated_apart_conflicts() -> None:
    (finding,) = check_dates(
        "Russian officials first toured the airfield on June 18 and returned on July 5.",
        "Russian officials visited the airfield on June 8 and July 5.",
        date_a=ARTICLE,
        date_b=ARTICLE,
        same_event_known=True,
    )
    assert finding.effect is Effect.CONFLICT
    assert (finding.span_a, finding.span_b) == ("June 18", "June 8")
    # one side listing an occasion more is detail, not a moved date
    (more,) = check_dates(
        "They visited on June 8 and July 5.",
        "They visited on June 8.",
        date_a=ARTICLE,
        date_b=ARTICLE,
        same_event_known=True,
    )
    assert more.effect is Effect.A_ADDS


def test_a_state_on_one_day_is_no_conflict_with_another_day() -> None:
    state = "More than 450 ships were stuck in the traffic jam on Sunday."
    assert extract_dates(state, ARTICLE).events[0].state
    assert not extract_dates("The ship ran aground on Sunday.", ARTICLE).events[0].state
    for other in (
        "The ship became wedged in the canal on Tuesday.",
        "Ships were waiting on Friday.",
    ):
        found = check_dates(state, other, date_a=ARTICLE, date_b=ARTICLE, same_event_known=True)
        assert all(finding.effect is not Effect.CONFLICT for finding in found)
    events = check_dates(
        "The ship ran aground on Monday night.",
        "The ship ran aground on Tuesday morning.",
        date_a=ARTICLE,
        date_b=ARTICLE,
        same_event_known=True,
    )
    assert [finding.effect for finding in events] == [Effect.CONFLICT]


def test_the_same_weekday_is_no_more_precise_for_an_article_date() -> None:
    """A query has no article date: "Monday" in a dated article resolves to a day, yet says
    no more than the query's own "Monday"; nor does the calendar day of that Monday."""
    found = check_dates("It sailed on Monday.", "It sailed on Monday.", date_b=ARTICLE)
    assert [finding.effect for finding in found] == [Effect.COMPATIBLE]
    same_day = check_dates("It sailed on Monday.", "It sailed on July 11.", date_b=ARTICLE)
    assert [finding.effect for finding in same_day] == [Effect.COMPATIBLE]
    finer = check_dates("It sailed in July.", "It sailed on July 11.", date_b=ARTICLE)
    assert [finding.effect for finding in finer] == [Effect.B_ADDS]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ian made landfall on Wednesday.", "Ian made landfall on September 28."),
        ("The deal closed on June 12, 2023.", "The deal closed on June 12."),
    ],
)
def test_a_weekday_or_a_year_is_not_a_more_precise_date(a: str, b: str) -> None:
    """Outlets name one day as "Wednesday" or "September 28", with or without the year: no
    side adds a date (the authored news pairs label these agreeing)."""
    for first, second in ((a, b), (b, a)):
        assert [finding.effect for finding in check_dates(first, second)] == [Effect.COMPATIBLE]


def test_the_date_of_an_occasion_referred_to_is_not_the_event_date() -> None:
    """The month dates the Bali meeting the trip was to follow up on, not the trip, so it does
    not dispute "called off on Friday"; the same date on the claim's own event does."""
    a = "The trip was meant to follow up on the meeting between Biden and Xi in Bali in November."
    b = "Blinken called off a trip to Beijing on Friday."
    (mention,) = extract_dates(a, ARTICLE).mentions
    assert mention.role == "background"
    found = check_dates(a, b, date_a=ARTICLE, date_b=ARTICLE, same_event_known=True)
    assert all(finding.effect is not Effect.CONFLICT for finding in found)
    own = "Blinken called off a trip to Beijing in November."
    found = check_dates(own, b, date_a=ARTICLE, date_b=ARTICLE, same_event_known=True)
    assert [finding.effect for finding in found] == [Effect.CONFLICT]
