"""Places among the words one claim says and the other does not."""

from __future__ import annotations

import pytest

from corroborate.checks.places import places_among


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Much of the span fell into the Potomac River after the ship struck it.", "Potomac"),
        ("Two blasts were recorded near the Swedish island of Gotland.", "Gotland"),
        ("The Russians inspected drones at an airfield in Bandar Abbas.", "Bandar Abbas"),
        ("The Titan disappeared about 435 miles east of Boston.", "Boston"),
    ],
)
def test_a_name_after_a_preposition_of_place_is_a_place(text: str, phrase: str) -> None:
    assert places_among(text, [phrase]) == (phrase,)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # a name that does the action, or whose "of" is no place
        ("The Ever Given was bound for Rotterdam when it ran aground.", "Given"),
        ("Malvo goes on trial in the death of Franklin.", "Franklin"),
        # the speaker is not where the fact happened
        ("The leaks were outside territorial waters, Andersson said in Stockholm.", "Stockholm"),
        # a lower-case word after "in" names no place; a name at the start has no preposition
        ("The drones were tested in secret.", "secret"),
        ("Kashan is an airfield south of the capital.", "Kashan"),
    ],
)
def test_other_words_are_not_places(text: str, phrase: str) -> None:
    assert places_among(text, [phrase]) == ()
