"""Word alignment over MiniLM token states (the packaged model's int8 token graph)."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.relations.alignment import (
    Unmatched,
    WordAligner,
    content_mask,
    covered,
    load_word_aligner,
    phrases,
    token_states,
    weak_words,
)

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
    states, mask, word_of, spans = aligner._states[SURVEILLANCE]
    assert np.allclose(np.linalg.norm(states, axis=1), 1.0, atol=2e-3)
    assert len(mask) == len(states) == len(word_of) and mask.any()
    words = [SURVEILLANCE[start:end] for start, end in spans]
    assert words == ["US", "officials", "balloon", "used", "surveillance"]


def test_word_pieces_make_one_word_with_the_span_of_all_its_pieces() -> None:
    text = "the Shahed drones"
    tokens = ["[CLS]", "the", "shah", "##ed", "drones", "[SEP]"]
    offsets = [(0, 0), (0, 3), (4, 8), (8, 10), (11, 17), (0, 0)]
    found = token_states(np.eye(6, dtype=np.float32), tokens, offsets)
    assert found.word_of.tolist() == [-1, -1, 0, 0, 1, -1]
    assert [text[start:end] for start, end in found.spans] == ["Shahed", "drones"]


def test_a_word_is_weak_when_its_pieces_match_the_other_claim_poorly_on_average() -> None:
    tokens = ["[CLS]", "shah", "##ed", "drones", "[SEP]"]
    offsets = [(0, 0), (0, 4), (4, 6), (7, 13), (0, 0)]
    states = np.array([[1, 0, 0], [0, 1, 0], [0, 0.6, 0.8], [0, 0, 1], [1, 0, 0]], np.float32)
    one = token_states(states, tokens, offsets)
    # the other claim: [CLS], a token like "drones", [SEP] (special tokens are not matched)
    other = token_states(
        np.array([[0, 1, 0], [0, 0, 1], [0, 1, 0]], np.float32),
        ["[CLS]", "drones", "[SEP]"],
        [(0, 0), (0, 6), (0, 0)],
    )
    # "shahed": pieces match at 0.0 and 0.8 (mean 0.4); "drones" at 1.0
    assert weak_words(one, other, 0.45) == [0]
    assert weak_words(one, other, 0.35) == []


def test_phrases_join_neighbouring_words_and_keep_the_rest_apart() -> None:
    text = "Shahed-191 and Bayraktar TB2 drones, Mexico, Guatemala"
    spans = [(0, 6), (7, 10), (15, 24), (25, 28), (37, 43), (45, 54)]
    assert phrases(text, spans) == ("Shahed-191", "Bayraktar TB2", "Mexico", "Guatemala")


def test_a_piece_of_a_written_number_stands_for_the_whole_number() -> None:
    text = "The wreck lies 3,800 m down, 2.6 km from the bow and 12 km from shore"
    assert phrases(text, [(15, 16)]) == ("3,800",)
    assert phrases(text, [(17, 20), (15, 16)]) == ("3,800",)  # both pieces: one number
    assert phrases(text, [(29, 30), (53, 55)]) == ("2.6", "12")


def test_unmatched_names_what_one_claim_says_and_the_other_does_not(
    aligner: WordAligner,
) -> None:
    short = "The six missing men were immigrants working an overnight shift on the bridge."
    long = (
        "The six missing men were immigrants from Mexico, Guatemala, Honduras and El "
        "Salvador working an overnight shift on the bridge."
    )
    (found,) = aligner.unmatched([short], [long], 0.45)
    assert found.words_a == 0 and found.phrases_a == ()
    assert found.words_b >= 2
    assert {"Guatemala", "Honduras"} <= set(found.phrases_b)
    (reworded,) = aligner.unmatched(
        [SURVEILLANCE], ["American officials said the balloon was being used to spy."], 0.45
    )
    assert reworded.words_a + reworded.words_b <= 1


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


def test_the_adding_side_needs_more_words_than_the_other_leaves() -> None:
    one_each_way = Unmatched(3, 1, ("Mexico", "Guatemala", "Honduras"), ("crew",))
    assert one_each_way.adding_side(2) is None  # the other side must leave none
    assert one_each_way.adding_side(2, other_most=1) == "a"
    assert Unmatched(1, 2, ("part",), ("Mexico", "Guatemala")).adding_side(2, other_most=1) is None
    assert Unmatched(0, 2, (), ("Mexico", "Guatemala")).adding_side(2) == "b"
