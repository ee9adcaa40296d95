"""Word alignment over MiniLM token states (the packaged model's int8 token graph)."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.relations.alignment import WordAligner, content_mask, covered, load_word_aligner

SURVEILLANCE = "US officials said the balloon was being used for surveillance."
PROTECTION = "Officials said they had taken steps to protect sensitive information."


@pytest.fixture(scope="module")
def aligner() -> WordAligner:
    return load_word_aligner()


def test_content_words_are_the_pieces_of_words_that_are_not_stop_words() -> None:
    tokens = ["[CLS]", "the", "balloon", "was", "sur", "##veil", "##lance", ",", "said", "[SEP]"]
    found = content_mask(tokens).tolist()
    assert found == [False, False, True, False, True, True, True, False, False, False]


def test_coverage_is_the_mean_best_match_of_the_content_tokens() -> None:
    states = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], np.float32)
    other = np.array([[1.0, 0.0], [0.8, 0.6]], np.float32)
    mask = np.array([True, True, False])
    assert covered(states, mask, other) == pytest.approx((1.0 + 0.6) / 2)
    assert covered(states, np.zeros(3, dtype=bool), other) == 1.0


def test_a_restatement_is_covered_and_another_fact_of_the_story_is_not(
    aligner: WordAligner,
) -> None:
    found = aligner.coverage(
        [SURVEILLANCE, SURVEILLANCE, SURVEILLANCE],
        [
            "American officials said the balloon was used to spy.",
            "The balloon was used for surveillance, US officials said, and it flew over bases.",
            PROTECTION,
        ],
    )
    restated, detailed, other_fact = found.tolist()
    assert restated > 0.75 and detailed > 0.75
    assert other_fact < 0.6
    assert aligner.coverage([PROTECTION], [SURVEILLANCE])[0] == pytest.approx(other_fact)


def test_token_states_are_unit_vectors_held_once_per_text(aligner: WordAligner) -> None:
    aligner.coverage([SURVEILLANCE], [PROTECTION])
    states, mask = aligner._states[SURVEILLANCE]
    assert np.allclose(np.linalg.norm(states, axis=1), 1.0, atol=2e-3)
    assert len(mask) == len(states) and mask.any()


def test_coverage_does_not_hang_on_the_other_texts_read_with_it() -> None:
    graph, tokenizer = load_word_aligner().graph, load_word_aligner().tokenizer_file
    alone, crowded = WordAligner(graph, tokenizer), WordAligner(graph, tokenizer)
    mates = [
        "Moscow is looking to acquire hundreds of drones capable of carrying weapons, "
        "officials in Washington said on Saturday after a briefing.",
        "It sank.",
        "The F-22 fired one AIM-9X Sidewinder missile at 60,000 to 65,000 feet.",
    ]
    first = alone.coverage([SURVEILLANCE], [PROTECTION])[0]
    found = crowded.coverage([*mates, SURVEILLANCE], [*reversed(mates), PROTECTION])[-1]
    assert found == first  # each text is run alone: its states are its own
