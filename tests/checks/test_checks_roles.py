"""Role swaps: who did what to whom, with no finding whenever the roles are unclear."""

from __future__ import annotations

import pytest

from corroborate.checks.findings import Effect
from corroborate.checks.roles import check_roles, extract_roles


@pytest.mark.parametrize(
    ("text", "verb", "agent", "target"),
    [
        ("Russia attacked Ukraine on Monday.", "attack", "russia", "ukraine"),
        ("Moscow has repeatedly attacked Kyiv.", "attack", "russia", "ukraine"),
        ("Iran sold drones to Russia.", "sell", "iran", "russia"),
        ("Ukraine was attacked by Russia.", "attack", "russia", "ukraine"),
        ("Drones were sold to Russia by Iran.", "sell", "iran", "russia"),
        ("Russian troops attacked Ukrainian positions.", "attack", "russia", "ukraine"),
        ("Russia's strikes on Ukraine continued.", "strik", "russia", "ukraine"),
        ("Hezbollah attacked Israel.", "attack", "hezbollah", "israel"),
        ("Russia is preparing to supply Iran with drones.", "suppl", "russia", "iran"),
        ("Iran provided Russia with drones.", "suppl", "iran", "russia"),
        ("Russian instructors were set to train Iranian forces.", "train", "russia", "iran"),
    ],
)
def test_extracts_agent_and_target_of_a_verb(text: str, verb: str, agent: str, target: str) -> None:
    (triple,) = extract_roles(text)
    assert (triple.verb, triple.agent, triple.target) == (verb, agent, target)


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Belarus attacked Ukraine.",  # which of the two?
        "Russia attacked Ukraine and Moldova.",
        "Russia met Iran in Tehran.",  # symmetric verb
        "Russia said Ukraine was to blame.",  # reporting verb
        "Moscow is looking to buy hundreds of Iranian drones.",
        "The delegation visited Kashan airfield south of Tehran.",
    ],
)
def test_no_roles_when_unclear(text: str) -> None:
    assert extract_roles(text) == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia attacked Ukraine", "Ukraine attacked Russia"),
        ("Iran sold drones to Russia", "Russia sold drones to Iran"),
        ("Iran sold drones to Russia", "Drones were sold to Iran by Russia"),
        ("Ukraine was attacked by Russia", "Russia was attacked by Ukraine"),
        ("Moscow attacked Kyiv", "Ukraine attacked Russia"),
        ("Iran supplied drones to Russia", "Russia supplied Iran with drones"),
        ("Russia struck Ukraine", "Ukraine strikes Russia"),
        ("Russia is preparing to supply Iran with drones", "Iran is set to provide Russia drones"),
    ],
)
def test_swapped_roles_conflict(a: str, b: str) -> None:
    (finding,) = check_roles(a, b)
    assert finding.effect is Effect.CONFLICT
    assert finding.reason.startswith("roles swapped: who ")


def test_reason_names_the_verb_and_both_readings() -> None:
    (finding,) = check_roles("Russia attacked Ukraine", "Ukraine attacked Russia")
    assert finding.reason == (
        "roles swapped: who attacked whom ('Russia' → 'Ukraine' vs 'Ukraine' → 'Russia')"
    )
    assert (finding.span_a, finding.span_b) == (
        "Russia attacked Ukraine",
        "Ukraine attacked Russia",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia attacked Ukraine", "Ukraine was attacked by Russia"),  # same roles
        ("Russia attacked Ukraine", "Russia attacked Kyiv"),
        ("Russia met Iran", "Iran met Russia"),
        ("Russia said Ukraine attacked first", "Ukraine said Russia attacked first"),
        ("Russia attacked Ukraine", "Ukraine shelled Russia"),  # different verbs
        ("Iran sold drones to Russia", "Russia bought drones from Iran"),
        ("Moscow wants hundreds of Iranian drones", "Russia wants a dozen Iranian drones"),
    ],
)
def test_no_conflict_without_a_swap(a: str, b: str) -> None:
    assert check_roles(a, b) == []


def test_a_pair_stating_both_directions_is_no_swap() -> None:
    both = "Russia attacked Ukraine after Ukraine attacked Russia"
    assert check_roles(both, "Ukraine attacked Russia") == []


def test_parties_swapped_between_by_phrases_conflict() -> None:
    (finding,) = check_roles(
        "The ship is owned by Japan's Shoei Kisen Kaisha and operated by Taiwan's Evergreen "
        "Marine.",
        "The vessel is owned by Taiwan's Evergreen Marine and leased to the Japanese firm "
        "Shoei Kisen Kaisha.",
    )
    assert finding.effect is Effect.CONFLICT
    assert finding.reason == (
        "roles swapped: owned by 'Japan's Shoei Kisen Kaisha' vs 'Taiwan's Evergreen Marine'"
    )


def test_another_doer_of_one_verb_named_by_both_sides_conflicts() -> None:
    findings = check_roles(
        "The Dali is owned by Grace Ocean and was chartered by the Danish shipping company Maersk.",
        "Maersk owns the Dali, which had been chartered by Grace Ocean.",
    )
    assert [finding.reason for finding in findings] == [
        "roles swapped: owned by 'Grace Ocean' vs 'Maersk'",
        "roles swapped: chartered by 'Maersk' vs 'Grace Ocean'",
    ]
    # one doer of a verb with two named targets is two facts, not a swap
    assert (
        check_roles(
            "Russia attacked Kyiv, and Ukraine attacked Belgorod.", "Ukraine attacked Kyiv."
        )
        == []
    )


def test_a_party_only_one_side_names_is_no_swap() -> None:
    assert (
        check_roles(
            "The ship is owned by Shoei Kisen Kaisha and run by Evergreen Marine.",
            "The ship is owned by Maersk and run by Evergreen Marine.",
        )
        == []
    )
