"""Model designations: different models named for one event conflict."""

from __future__ import annotations

from corroborate.checks.designations import check_designations, designations
from corroborate.checks.findings import Effect


def test_designations_are_names_with_a_digit() -> None:
    assert designations(
        "An F-22 fighter jet fired a single AIM-9X Sidewinder missile, Pentagon officials said."
    ) == ("F-22", "AIM-9X")
    assert designations("Danish authorities found leaks on Nord Stream 2.") == ()
    assert designations("Read more: pic.twitter.com/5EcNcRTOim via Reuters") == ()


def test_only_different_models_for_one_event_conflict() -> None:
    (finding,) = check_designations(
        "Satellite images show Shahed-191 and Shahed-129 drones displayed at the airfield.",
        "Satellite pictures show Mohajer-6 drones lined up at the airfield.",
    )
    assert finding.effect is Effect.CONFLICT
    assert finding.reason == "models differ: 'Shahed-191, Shahed-129' vs 'Mohajer-6'"


def test_a_shared_model_or_another_event_is_no_conflict() -> None:
    assert (
        check_designations(
            "An F-22 fired an AIM-9X missile at the balloon.",
            "A single F-22 Raptor fired one Sidewinder missile at the balloon.",
        )
        == []
    )
    assert (
        check_designations(
            "An F-22 fired an AIM-9X missile at the balloon.",
            "Poland will buy F-35 jets next year.",
        )
        == []
    )
    assert (
        check_designations(
            "An F-22 fired a missile at the balloon.",
            "An F-16 shot the drone down.",
            same_event_known=True,
        )
        != []
    )
