"""Clock times: which words are a time, how two are compared, and the Key Bridge pair."""

from __future__ import annotations

import pytest

from corroborate.checks import Effect, run_checks
from corroborate.checks.clock import check_times, extract_times, minutes_apart

AP = (
    "The Singapore-flagged Dali, which is nearly 1,000 feet long, hit a pillar of the bridge "
    "at about 1:30 in the morning."
)
CNN = "The vessel struck the bridge at around 2:30 on Tuesday morning, according to port officials."


@pytest.mark.parametrize(
    ("text", "minutes", "dial"),
    [
        ("hit the bridge at about 1:30 in the morning", 90, 1440),
        ("the talks began at 10 a.m. sharp", 600, 1440),
        ("the polls closed at 8pm", 1200, 1440),
        ("sirens sounded at 14:05 local time", 845, 1440),
        ("it docked at 5:30 on Sunday", 330, 720),  # no half of the day: a 12-hour dial
        ("by 11 o'clock the square was empty", 660, 720),
        ("shortly after 2.30 p.m. on Friday", 870, 1440),
    ],
)
def test_clock_times_are_read(text: str, minutes: int, dial: int) -> None:
    (time,) = extract_times(text)
    assert (time.minutes, time.dial) == (minutes, dial)


@pytest.mark.parametrize(
    "text",
    [
        "The score was 1:30 at half-time.",
        "Shares rose 2.50 percent.",
        "He won 3.25 million votes.",
        "The 10 ships left the port.",
        "Chapter 3:16 was read aloud.",
    ],
)
def test_scores_decimals_and_counts_are_no_times(text: str) -> None:
    assert extract_times(text) == ()


def test_hedged_times_have_a_wider_window() -> None:
    (about,) = extract_times("at about 1:30 in the morning")
    (plain,) = extract_times("at 1:45 in the morning")
    assert about.slack > plain.slack
    assert minutes_apart(about, plain) == 15
    assert (
        check_times(
            "It struck at about 1:30 a.m.", "It struck at 1:45 a.m.", same_event_known=True
        )[0].effect
        is Effect.COMPATIBLE
    )


def test_a_twelve_hour_time_is_compared_around_the_dial() -> None:
    (night,) = extract_times("at 11:50 p.m.")
    (bare,) = extract_times("at 12:05")
    assert minutes_apart(night, bare) == 15


def test_the_key_bridge_times_conflict_as_dates() -> None:
    (finding,) = check_times(AP, CNN, same_event_known=True)
    assert finding.effect is Effect.CONFLICT and finding.check == "date"
    assert "about 1:30 in the morning" in finding.reason and "2:30" in finding.reason
    found = run_checks(AP, CNN, same_event_known=True)
    assert any(f.effect is Effect.CONFLICT and "times differ" in f.reason for f in found)


def test_times_of_unrelated_events_do_not_conflict() -> None:
    a = "The market opened at 9:30 a.m. with shares of Apple higher."
    b = "The rocket lifted off at 6:15 p.m. from Cape Canaveral."
    assert check_times(a, b) == []


def test_one_time_alone_adds_nothing() -> None:
    assert check_times(AP, "The vessel struck the bridge on Tuesday.") == []


def test_news_synonyms_read_as_one_word() -> None:
    from corroborate.checks.overlap import content_keys

    assert {"explosion", "ship", "hit"} <= content_keys("Blasts: the vessel struck the pier.")
    assert content_keys("explosions") == content_keys("blasts")
    assert "drone" not in content_keys("a drone") or content_keys("UAVs") == content_keys("drones")
