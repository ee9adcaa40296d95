"""Disputes in grouping with a scripted judge: every conflict becomes a group with sides, a
chain of claims about several facts gives a group per fact, and only contradictions that
name their words (and, between claims worded apart, that the checks confirm) make a side."""

from __future__ import annotations

import numpy as np
from scripted_claims import TableJudge, agree, at_cosine, conflict, near_one_centre, searcher_of

from corroborate.grouping.groups import ClaimGroup, build_groups
from corroborate.relations.judge import Judgement


def _groups(
    claims: list[tuple[str, str]], vectors: np.ndarray, table: dict[tuple[str, str], Judgement]
) -> list[ClaimGroup]:
    return build_groups(searcher_of(claims, vectors), TableJudge(table))  # type: ignore[arg-type]


def _sides(group: ClaimGroup) -> dict[str, int]:
    """Outlet → side number (the canonical claim's outlet on side 0)."""
    sides = {group.canonical.domain: 0}
    for member, side in zip(group.members, group.side_numbers(), strict=True):
        sides[member.domain] = side
    return sides


def test_two_lone_claims_in_conflict_are_a_dispute_of_two_sides() -> None:
    claims = [("bbc.co.uk", "Passengers paid $250,000"), ("cnn.com", "Passengers paid $125,000")]
    table = {(claims[0][1], claims[1][1]): conflict("$250,000", "$125,000")}
    (group,) = _groups(claims, near_one_centre(2), table)
    assert group.contested
    assert sorted(_sides(group).values()) == [0, 1]


HUNDREDS = "Moscow wants hundreds of drones"
CLAIMS = [
    ("bbc.co.uk", "Russians visited the airfield twice"),
    ("reuters.com", "Russian officials went to the airfield two times"),
    ("timesofisrael.com", "Russians visited twice and Moscow wants hundreds of drones"),
    ("aljazeera.com", HUNDREDS),
    ("cnn.com", "Russia seeks several hundred drones"),
    ("france24.com", "Russia seeks only a few dozen drones"),
]


def _chain_table(dozen_vs_hundreds: Judgement) -> dict[tuple[str, str], Judgement]:
    visits, visits2, compound, hundreds, several, dozen = (text for _, text in CLAIMS)
    return {
        (visits, visits2): agree(),
        (compound, visits): Judgement("adds_detail", 0.9, "a says more", "a"),
        (compound, visits2): Judgement("adds_detail", 0.9, "a says more", "a"),
        (compound, hundreds): Judgement("adds_detail", 0.9, "a says more", "a"),
        (compound, several): Judgement("adds_detail", 0.9, "a says more", "a"),
        (hundreds, several): agree(),
        (dozen, hundreds): dozen_vs_hundreds,
        (dozen, several): dozen_vs_hundreds,
    }


def test_a_chain_over_two_facts_gives_a_group_per_fact_and_the_dispute_its_own() -> None:
    groups = _groups(
        CLAIMS, near_one_centre(len(CLAIMS)), _chain_table(conflict("a few dozen", "hundreds"))
    )
    (disputed,) = [group for group in groups if group.contested]
    # the claim in most conflicts is the canonical one: the group is about the disputed fact
    assert disputed.canonical.domain == "france24.com"
    sides = _sides(disputed)
    assert sides["aljazeera.com"] == sides["cnn.com"] != sides["france24.com"]
    # the visits, which the compound claim chained in, still get a group of their own
    visits = [group for group in groups if {"bbc.co.uk", "reuters.com"} <= set(group.outlets)]
    assert visits and not visits[0].contested


def test_a_contradiction_naming_no_words_makes_no_side() -> None:
    opposite = Judgement("contradicts", 0.9, "b states the opposite of a")
    groups = _groups(CLAIMS, near_one_centre(len(CLAIMS)), _chain_table(opposite))
    assert not any(group.contested for group in groups)
    assert all("france24.com" not in group.outlets for group in groups)


def test_below_the_paraphrase_cosine_only_confirmed_contradictions_join() -> None:
    more = "More than 450 ships were waiting to pass through the canal."
    some = "Some 369 ships were waiting to pass through the canal."
    again = "Roughly 370 vessels had been waiting to pass through the canal."
    aground = "The ship ran aground on Monday night."
    talks = "Officials met in Cairo on Tuesday for talks."
    claims = [
        ("dw.com", more),
        ("aljazeera.com", some),
        ("bbc.co.uk", again),
        ("reuters.com", aground),
        ("cnn.com", talks),
    ]
    table = {
        (more, some): conflict("More than 450", "Some 369"),
        (some, again): agree(),  # agreeing, but worded apart: no join
        (aground, talks): conflict("Monday", "Tuesday"),  # the checks see two events
    }
    groups = _groups(claims, at_cosine(len(claims), 0.55), table)
    assert [sorted(group.outlets) for group in groups] == [["aljazeera.com", "dw.com"]]
    assert groups[0].contested
