"""Ordinals of one series ("second installment" vs "first installment")."""

from __future__ import annotations

from corroborate.checks.findings import Effect
from corroborate.checks.ordinals import check_ordinals, extract_ordinals


def test_extracts_ordinals_with_their_series_noun_but_not_idioms() -> None:
    found = extract_ordinals("For the first time, the band's 3rd album reached second place.")
    assert [(ordinal.span, ordinal.value, ordinal.noun) for ordinal in found] == [
        ("3rd", 3, "album")
    ]


def test_different_ordinals_of_one_series_conflict_and_equal_ones_agree() -> None:
    a = "Resident Evil is the second installment in the Resident Evil film series."
    (conflict,) = check_ordinals(a, "Resident Evil is the first installment in the film series.")
    assert conflict.effect is Effect.CONFLICT
    assert conflict.reason == "ordinals differ: 'second' vs 'first' (installment)"
    (alike,) = check_ordinals(a, "It is the second installment of the series.")
    assert alike.effect is Effect.COMPATIBLE


def test_ordinals_of_what_may_be_other_things_do_not_conflict() -> None:
    assert (
        check_ordinals("Iran held its first drone exhibition.", "Russia lost its second drone.")
        == []
    )
