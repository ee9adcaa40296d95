"""The news-sentence edits that make labelled training pairs."""

from __future__ import annotations

import random

from corroborate.training.perturb import (
    change_date,
    change_number,
    change_stated_date,
    drop_clause,
    edited_pairs,
    make_vague,
    swap_names,
)

DRONES = "Iran will supply up to 300 drones to Russia on Tuesday, Sullivan said Saturday."


def test_a_changed_number_differs_and_a_day_of_month_is_left_alone() -> None:
    rng = random.Random(0)
    edited = change_number("Officials counted 45 ships waiting in the canal.", rng)
    assert edited is not None and "45" not in edited
    assert change_number("The showcases took place on June 8.", rng) is None


def test_dates_of_statements_are_not_changed_as_event_dates() -> None:
    rng = random.Random(1)
    edited = change_date(DRONES, rng)
    assert edited is not None
    assert edited.endswith("Sullivan said Saturday.") and "on Tuesday" not in edited
    stated = change_stated_date(DRONES, rng)
    assert stated is not None and "on Tuesday" in stated and "said Saturday" not in stated


def test_vague_and_dropped_forms_say_less() -> None:
    rng = random.Random(2)
    assert make_vague(DRONES, rng) == (
        "Iran will supply hundreds of drones to Russia on Tuesday, Sullivan said Saturday."
    )
    dropped = drop_clause("The ship, which was stuck for six days, blocked global trade.", rng)
    assert dropped == "The ship blocked global trade."


def test_names_trade_places() -> None:
    swapped = swap_names("Police said Smith hit Jones near the bridge.", random.Random(3))
    assert swapped == "Police said Jones hit Smith near the bridge."


def test_edited_pairs_cover_every_kind_and_change_the_text() -> None:
    sentences = [
        DRONES,
        "The ship, which was stuck for six days, blocked 12 percent of trade in March 2021.",
        "Police in Baltimore said Smith met Jones near the bridge on Monday.",
        "The company has been sending 50 workers a day to the port, officials said.",
    ]
    pairs = edited_pairs(sentences, 40, seed=4)
    assert {p.edit for p in pairs} >= {"number", "date", "negation", "vague", "drop"}
    assert all(p.original != p.edited for p in pairs)
    assert {p.relation for p in pairs if p.edit in ("vague", "drop")} == {"adds_a"}
