"""The judge's decision rules, with a relation model whose probabilities the test sets."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from relation_doubles import ENTAILS, NEUTRAL, FixedModel, FixedPairModel

from corroborate.relations.alignment import WordAligner, load_word_aligner
from corroborate.relations.judge import SAME_STORY, JudgeSettings, RelationJudge, verdict_kind


def _judge(forward: dict[str, float], backward: dict[str, float], a: str, b: str, cos: float):  # type: ignore[no-untyped-def]
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[cos, float(np.sqrt(1 - cos**2))]], np.float32)
    return RelationJudge(FixedModel(forward, backward), calibrate=False).judge([a], [b], u, v)[0]


def test_entailment_both_ways_is_agreement() -> None:
    verdict = _judge(
        ENTAILS, ENTAILS, "Russia wants Iranian drones", "Moscow seeks drones from Iran", 0.7
    )
    assert verdict.label == "agree"
    assert verdict.stance_of_b == "agree"


def test_one_way_entailment_names_the_adding_side() -> None:
    verdict = _judge(
        NEUTRAL,
        ENTAILS,
        "Russian officials visited an Iranian airfield",
        "Russian officials visited Kashan airfield on June 8",
        0.7,
    )
    assert verdict.label == "adds_detail"
    assert verdict.adds == "b"
    assert verdict.stance_of_b == "adds_detail"
    reversed_verdict = _judge(ENTAILS, NEUTRAL, "b says more than a here", "a short claim", 0.7)
    assert reversed_verdict.adds == "a"
    assert reversed_verdict.stance_of_b == "agree"


def test_structured_quantity_detail_wins_over_the_model_direction() -> None:
    verdict = _judge(
        ENTAILS,
        ENTAILS,
        "Moscow wants hundreds of Iranian drones",
        "Moscow wants up to 300 Iranian drones",
        0.9,
    )
    assert verdict.label == "adds_detail"
    assert verdict.adds == "b"
    assert "300" in (verdict.detail or "")


def test_structured_conflict_overrides_agreement() -> None:
    verdict = _judge(
        ENTAILS,
        ENTAILS,
        "Moscow wants hundreds of Iranian drones",
        "Moscow wants a dozen Iranian drones",
        0.9,
    )
    assert verdict.label == "contradicts"
    assert "hundreds" in verdict.reason and "dozen" in verdict.reason
    assert verdict.conflict is not None


def test_unrelated_model_output_is_not_overridden_by_checks() -> None:
    unrelated = {"unrelated": 0.9, "neutral": 0.1}
    verdict = _judge(
        unrelated,
        unrelated,
        "Moscow wants hundreds of Iranian drones",
        "Moscow wants a dozen Iranian drones",
        0.2,
    )
    assert verdict.label == "unrelated"


def test_neutral_pair_is_same_story_different_fact_unless_paraphrase() -> None:
    low = _judge(NEUTRAL, NEUTRAL, "Putin arrived in Tehran", "Drones were shown at Kashan", 0.5)
    assert (low.label, low.reason) == ("unrelated", "same story, different fact")
    high = _judge(NEUTRAL, NEUTRAL, "Putin arrived in Tehran", "Putin landed in Tehran", 0.9)
    assert high.label == "agree"


def test_model_contradiction() -> None:
    verdict = _judge(
        {"contradicts": 0.8, "neutral": 0.2},
        {"contradicts": 0.8, "neutral": 0.2},
        "The bridge reopened",
        "The bridge stayed shut",
        0.8,
    )
    assert verdict.label == "contradicts"
    assert verdict.confidence == pytest.approx(0.8)


def test_default_judge_reports_the_calibrated_confidence_of_the_same_verdict() -> None:
    sure = {"contradicts": 0.8, "neutral": 0.2}
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.8, 0.6]], np.float32)
    raw_judge = RelationJudge(FixedModel(sure, sure), calibrate=False)
    calibrated_judge = RelationJudge(FixedModel(sure, sure))
    raw = raw_judge.judge(["The bridge reopened"], ["The bridge stayed shut"], u, v)[0]
    calibrated = calibrated_judge.judge(["The bridge reopened"], ["The bridge stayed shut"], u, v)[
        0
    ]
    assert (calibrated.label, calibrated.reason) == (raw.label, raw.reason)
    assert calibrated_judge.calibration is not None
    expected = calibrated_judge.calibration.confidence(verdict_kind(raw), raw.confidence)
    assert calibrated.confidence == pytest.approx(expected)
    assert calibrated.confidence != pytest.approx(raw.confidence)


def test_confident_head_contradiction_passes_the_cosine_gate() -> None:
    sure = {"contradicts": 0.9, "neutral": 0.1}
    verdict = _judge(sure, sure, "A man is sleeping in a bed.", "A man runs a marathon.", 0.3)
    assert verdict.label == "contradicts"
    unsure = {"contradicts": 0.45, "neutral": 0.55}
    below = _judge(unsure, unsure, "A man is sleeping in a bed.", "A man runs a marathon.", 0.5)
    assert (below.label, below.reason) == ("unrelated", "same story, different fact")


def test_confident_one_way_entailment_passes_the_cosine_gate() -> None:
    sure = {"entails": 0.9, "neutral": 0.1}
    verdict = _judge(
        NEUTRAL, sure, "People are outside.", "Children play football in a sunny park.", 0.4
    )
    assert verdict.label == "adds_detail"
    assert verdict.adds == "b"
    unsure = {"entails": 0.55, "neutral": 0.45}
    below = _judge(
        NEUTRAL, unsure, "People are outside.", "Children play football in a sunny park.", 0.4
    )
    assert below.label == "unrelated"


def test_confident_head_does_not_pass_the_subject_decision() -> None:
    verdict = _judge(
        {"entails": 0.9, "unrelated": 0.1},
        {"unrelated": 1.0},
        "Putin arrived in Tehran",
        "Drones were shown at Kashan",
        0.2,
    )
    assert (verdict.label, verdict.reason) == ("unrelated", "different subject")


@pytest.mark.parametrize(
    ("backward", "label"),
    [
        ({"neutral": 0.6, "contradicts": 0.4}, "unrelated"),
        ({"contradicts": 0.6, "neutral": 0.4}, "contradicts"),
    ],
)
def test_a_contradiction_the_head_sees_one_way_only_does_not_stand(
    backward: dict[str, float], label: str
) -> None:
    forward = {"contradicts": 0.9, "neutral": 0.1}
    verdict = _judge(forward, backward, "The bridge reopened", "The bridge stayed shut", 0.75)
    assert verdict.label == label


CONTRADICTS = {"contradicts": 0.9, "neutral": 0.1}


def test_a_hedged_side_leaves_the_claim_open_rather_than_contradict() -> None:
    verdict = _judge(
        CONTRADICTS,
        CONTRADICTS,
        "Iran has delivered drones to Russia",
        "It was not clear whether Iran had already delivered any of the drones to Russia.",
        0.7,
    )
    assert verdict.label == "unrelated"
    assert verdict.reason == (
        "same story, different fact: b leaves it open ('was not clear whether')"
    )
    soft = _judge(
        CONTRADICTS, CONTRADICTS, "The bridge reopened", "The bridge reportedly stayed shut", 0.7
    )
    assert soft.label == "unrelated"


def test_an_open_question_discusses_rather_than_agrees() -> None:
    verdict = _judge(
        ENTAILS,
        ENTAILS,
        "Iran has delivered drones to Russia",
        "It is unclear whether Iran delivered drones to Russia",
        0.8,
    )
    assert verdict.label == "unrelated"
    assert "leaves it open" in verdict.reason


def test_different_measures_of_one_thing_are_different_facts() -> None:
    verdict = _judge(
        ENTAILS,
        ENTAILS,
        "Traffic on the canal had been running at about 50 ships a day before the grounding.",
        "Roughly 370 vessels had been waiting to pass through the canal.",
        0.7,
    )
    assert verdict.label == "unrelated"
    assert "different measures" in verdict.reason


def test_an_amount_pinned_down_adds_detail_when_the_head_is_neutral() -> None:
    a, b = "Moscow wants hundreds of Iranian drones", "Moscow wants up to 300 Iranian drones"
    verdict = _judge(NEUTRAL, NEUTRAL, a, b, 0.7)
    assert (verdict.label, verdict.adds) == ("adds_detail", "b")
    assert _judge(NEUTRAL, NEUTRAL, a, b, 0.6).label == "unrelated"


def test_near_identical_wording_with_nothing_added_agrees_whatever_the_direction() -> None:
    verdict = _judge(
        {"entails": 0.54, "neutral": 0.46},
        {"neutral": 0.54, "entails": 0.46},
        "Images released by the White House show Shahed-191 and Shahed-129 drones",
        "Images the White House released show Shahed-191 and Shahed-129 drones",
        0.9,
    )
    assert verdict.label == "agree"


def test_names_alone_do_not_make_detail_when_each_side_entails_the_other() -> None:
    verdict = _judge(
        ENTAILS,
        ENTAILS,
        "Moscow wants hundreds of Iranian drones",
        "Moscow wants hundreds of drones",
        0.75,
    )
    assert verdict.label == "agree"


def test_like_amounts_conflict_from_the_event_similarity_on() -> None:
    a = "Moscow is looking to buy hundreds of Iranian unmanned aerial vehicles."
    b = "Russia is seeking only a few dozen Iranian drones."
    assert _judge(NEUTRAL, NEUTRAL, a, b, 0.55).label == "contradicts"
    assert _judge(NEUTRAL, NEUTRAL, a, b, 0.45).label == "unrelated"


def _subject(cos: float, unrelated: float, settings: JudgeSettings | None = None) -> str:
    """The judge's reason for a neutral/unrelated head at cosine ``cos``."""
    rest = 1.0 - unrelated
    head = {"neutral": rest, "unrelated": unrelated}
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[cos, float(np.sqrt(1 - cos**2))]], np.float32)
    judge = RelationJudge(FixedModel(head, head), settings)
    return judge.judge(["Putin arrived in Tehran"], ["Drones were shown at Kashan"], u, v)[0].reason


def test_the_subject_decision_reads_the_cosine_as_well_as_the_head() -> None:
    # the head calls both pairs related; a low cosine still means another subject
    assert _subject(0.2, 0.1) == "different subject"
    assert _subject(0.6, 0.1) == "same story, different fact"
    # the head's P(unrelated) moves the cosine cut up
    assert _subject(0.43, 0.0) == "same story, different fact"
    assert _subject(0.43, 0.9) == "different subject"


def test_the_old_subject_rule_is_p_unrelated_alone() -> None:
    old = replace(JudgeSettings(), subject_bias=-4.0, subject_cosine=0.0, subject_unrelated=8.0)
    assert _subject(0.2, 0.4, old) == "same story, different fact"
    assert _subject(0.9, 0.6, old) == "different subject"


@pytest.mark.parametrize(
    ("contradicts", "reason"), [(0.8, "b states the opposite of a"), (0.6, "different subject")]
)
def test_a_sure_contradiction_is_on_one_subject_whatever_the_cosine(
    contradicts: float, reason: str
) -> None:
    head = {"contradicts": contradicts, "neutral": 1.0 - contradicts}
    verdict = _judge(head, head, "The bridge reopened", "Nobody crossed the river", 0.1)
    assert verdict.reason == reason


def _judged_with(  # type: ignore[no-untyped-def]
    pair_model: FixedPairModel,
    a: str,
    b: str,
    cos: float,
    forward: dict[str, float],
    backward: dict[str, float],
    settings: JudgeSettings | None = None,
    *,
    aligner: WordAligner | None,
):
    """The judge's steps on one pair: a head whose two readings the test sets, the pair
    model given and the aligner (or none)."""
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[cos, float(np.sqrt(1 - cos**2))]], np.float32)
    judge = RelationJudge(
        FixedModel(forward, backward),
        settings,
        calibrate=False,
        veto_model=pair_model,  # type: ignore[arg-type]
        aligner=aligner,
    )
    return judge.judge([a], [b], u, v)[0]


A_BALLOON = "US officials said the balloon was being used for surveillance."
B_BALLOON = "Officials said they had taken steps to protect sensitive information."


def test_the_pair_model_turns_an_agreement_on_other_facts_into_same_story() -> None:
    other_facts = FixedPairModel(related=0.5, agree=0.3, adds_a=0.2)
    verdict = _judged_with(other_facts, A_BALLOON, B_BALLOON, 0.78, ENTAILS, ENTAILS, aligner=None)
    assert verdict.label == "unrelated"
    assert verdict.reason.startswith(SAME_STORY) and "other facts" in verdict.reason
    assert other_facts.asked == [(A_BALLOON, B_BALLOON)]
    one_fact = FixedPairModel(agree=0.7, related=0.2, unrelated=0.1)
    assert (
        _judged_with(one_fact, A_BALLOON, B_BALLOON, 0.78, ENTAILS, ENTAILS, aligner=None).label
        == "agree"
    )
    # the threshold is P(related) + P(unrelated): 0.3 is under the default 0.4
    assert (
        _judged_with(
            FixedPairModel(agree=0.7, related=0.3),
            A_BALLOON,
            B_BALLOON,
            0.78,
            ENTAILS,
            ENTAILS,
            aligner=None,
        ).label
        == "agree"
    )


def test_a_pair_left_in_doubt_states_other_facts_when_its_words_do_not_line_up() -> None:
    aligner = load_word_aligner()
    doubt = FixedPairModel(agree=0.7, related=0.3)  # P(other facts) 0.3: under the veto
    verdict = _judged_with(doubt, A_BALLOON, B_BALLOON, 0.78, ENTAILS, ENTAILS, aligner=aligner)
    assert verdict.label == "unrelated"
    assert verdict.reason == f"{SAME_STORY}: their words do not line up"
    restated = "American officials said the balloon was used to spy."
    assert (
        _judged_with(doubt, A_BALLOON, restated, 0.8, ENTAILS, ENTAILS, aligner=aligner).label
        == "agree"
    )
    # a pair the pair model is sure of is never aligned
    sure = FixedPairModel(agree=0.95, related=0.05)
    assert (
        _judged_with(sure, A_BALLOON, B_BALLOON, 0.78, ENTAILS, ENTAILS, aligner=aligner).label
        == "agree"
    )


def test_the_pair_model_reads_only_what_the_head_calls_one_claim() -> None:
    model = FixedPairModel(agree=0.9)
    verdict = _judged_with(
        model,
        "Iran makes drones.",
        "The canal reopened on Monday.",
        0.1,
        NEUTRAL,
        NEUTRAL,
        aligner=None,
    )
    assert verdict.label == "unrelated" and model.asked == []


def test_a_claim_beside_its_own_words_agrees_without_asking_the_pair_model() -> None:
    model = FixedPairModel(related=0.9)
    assert (
        _judged_with(model, A_BALLOON, A_BALLOON, 1.0, ENTAILS, ENTAILS, aligner=None).label
        == "agree"
    )
    assert model.asked == []


def test_an_amount_one_side_pins_down_keeps_the_claim_whatever_the_pair_model_says() -> None:
    model = FixedPairModel(related=0.9)
    verdict = _judged_with(
        model,
        "Russia wants hundreds of Iranian drones.",
        "Russia wants up to 300 Iranian drones.",
        0.9,
        ENTAILS,
        ENTAILS,
        aligner=None,
    )
    assert verdict.label == "adds_detail" and verdict.detail == "up to 300"
    assert model.asked == []


def test_one_claim_worded_two_ways_is_not_read_by_the_pair_model() -> None:
    model = FixedPairModel(related=0.9)
    restated = "American officials said the balloon was used to spy."
    assert (
        _judged_with(model, A_BALLOON, restated, 0.9, ENTAILS, ENTAILS, aligner=None).label
        == "agree"
    )
    assert model.asked == []
    # just under the ceiling (paraphrase similarity) it is read, and vetoed
    assert (
        _judged_with(model, A_BALLOON, restated, 0.84, ENTAILS, ENTAILS, aligner=None).label
        == "unrelated"
    )
    assert model.asked == [(A_BALLOON, restated)]


def test_grouping_edges_judge_asks_the_pair_model_only_where_an_agreement_links() -> None:
    model = FixedPairModel(related=0.9)
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.6, 0.8]], np.float32)  # cosine 0.6
    judge = RelationJudge(FixedModel(ENTAILS, ENTAILS), calibrate=False, veto_model=model)  # type: ignore[arg-type]
    linking = judge.for_links(0.63)
    assert linking.judge([A_BALLOON], [B_BALLOON], u, v)[0].label == "agree"
    assert model.asked == []
    # the judge itself is unchanged: a member pair at that cosine is still read, and vetoed
    assert judge.settings.veto_floor == -1.0
    assert judge.judge([A_BALLOON], [B_BALLOON], u, v)[0].label == "unrelated"
    assert model.asked == [(A_BALLOON, B_BALLOON)]


def test_the_pair_model_decides_a_pair_the_head_finds_only_one_story_in() -> None:
    adds = FixedPairModel(adds_b=0.7, agree=0.2, related=0.1)
    restated = "The Pentagon said the balloon, one of several, was used to spy on bases."
    verdict = _judged_with(adds, A_BALLOON, restated, 0.55, NEUTRAL, NEUTRAL, aligner=None)
    assert verdict.label == "adds_detail" and verdict.adds == "b"
    assert adds.asked == [(A_BALLOON, restated)]
    other = FixedPairModel(related=0.8, agree=0.2)
    verdict = _judged_with(other, A_BALLOON, B_BALLOON, 0.55, NEUTRAL, NEUTRAL, aligner=None)
    assert verdict.label == "unrelated" and verdict.reason == SAME_STORY


def test_without_pair_decides_story_the_head_keeps_its_same_story_verdict() -> None:
    model = FixedPairModel(agree=0.9)
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.55, float(np.sqrt(1 - 0.55**2))]], np.float32)
    settings = replace(JudgeSettings(), pair_decides_story=False)
    judge = RelationJudge(FixedModel(NEUTRAL, NEUTRAL), settings, calibrate=False, veto_model=model)  # type: ignore[arg-type]
    verdict = judge.judge([A_BALLOON], [B_BALLOON], u, v)[0]
    assert verdict.label == "unrelated" and verdict.reason == SAME_STORY
    assert model.asked == []
    # nor does the judge of grouping's edges hand those pairs over
    linking = RelationJudge(FixedModel(NEUTRAL, NEUTRAL), calibrate=False, veto_model=model)  # type: ignore[arg-type]
    assert linking.for_links(0.63).judge([A_BALLOON], [B_BALLOON], u, v)[0].reason == SAME_STORY
    assert model.asked == []
    assert linking.judge([A_BALLOON], [B_BALLOON], u, v)[0].label == "agree"
    assert model.asked == [(A_BALLOON, B_BALLOON)]


def test_an_agreement_found_where_the_head_doubted_needs_words_that_line_up() -> None:
    aligner = load_word_aligner()
    agree = FixedPairModel(agree=0.8, related=0.2)
    verdict = _judged_with(agree, A_BALLOON, B_BALLOON, 0.55, NEUTRAL, NEUTRAL, aligner=aligner)
    assert verdict.label == "unrelated" and verdict.reason == SAME_STORY
    restated = "American officials said the balloon was used to spy."
    lined_up = _judged_with(agree, A_BALLOON, restated, 0.55, NEUTRAL, NEUTRAL, aligner=aligner)
    assert lined_up.label == "agree"


def test_an_agreement_the_pair_model_is_sure_of_stands_where_the_words_do_not_line_up() -> None:
    aligner = load_word_aligner()
    sure = FixedPairModel(agree=0.95, related=0.05)
    verdict = _judged_with(sure, A_BALLOON, B_BALLOON, 0.55, NEUTRAL, NEUTRAL, aligner=aligner)
    assert verdict.label == "agree"
    # at the setting's edge it still needs the words: 0.95 is under a floor of 0.96
    strict = replace(JudgeSettings(), story_sure_agreement=0.96)
    doubted = _judged_with(
        sure, A_BALLOON, B_BALLOON, 0.55, NEUTRAL, NEUTRAL, strict, aligner=aligner
    )
    assert doubted.label == "unrelated" and doubted.reason == SAME_STORY


def test_a_hedged_pair_the_head_finds_one_story_in_is_not_handed_to_the_pair_model() -> None:
    model = FixedPairModel(agree=0.9, related=0.1)
    hedged = "The balloon was reportedly used for surveillance, US officials said."
    verdict = _judged_with(model, A_BALLOON, hedged, 0.55, NEUTRAL, NEUTRAL, aligner=None)
    assert verdict.label == "unrelated" and verdict.reason == SAME_STORY
    assert model.asked == []


IMMIGRANTS = "The six missing men were immigrants working an overnight shift on the bridge."
NAMED = (
    "The six missing men were immigrants from Mexico, Guatemala, Honduras and El Salvador "
    "working an overnight shift on the bridge."
)


def _one_fact_told_in_more_words() -> FixedPairModel:
    """A pair model that reads one fact, told at more length by one side or the other."""
    return FixedPairModel(agree=0.3, adds_a=0.3, adds_b=0.35, related=0.05)


def test_an_agreement_where_one_side_names_more_is_added_detail_by_that_side() -> None:
    aligner = load_word_aligner()
    one_fact = _one_fact_told_in_more_words()
    verdict = _judged_with(one_fact, IMMIGRANTS, NAMED, 0.8, ENTAILS, ENTAILS, aligner=aligner)
    assert verdict.label == "adds_detail" and verdict.adds == "b"
    assert "Guatemala" in (verdict.detail or "") and "Guatemala" in verdict.reason
    flipped = _judged_with(one_fact, NAMED, IMMIGRANTS, 0.8, ENTAILS, ENTAILS, aligner=aligner)
    assert flipped.label == "adds_detail" and flipped.adds == "a"
    # a rewording names nothing new: it stays an agreement
    restated = "American officials said the balloon was used to spy."
    reworded = _judged_with(one_fact, A_BALLOON, restated, 0.8, ENTAILS, ENTAILS, aligner=aligner)
    assert reworded.label == "agree"


def test_without_unmatched_words_or_an_aligner_the_agreement_stands() -> None:
    one_fact = _one_fact_told_in_more_words()
    assert (
        _judged_with(one_fact, IMMIGRANTS, NAMED, 0.8, ENTAILS, ENTAILS, aligner=None).label
        == "agree"
    )
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.8, 0.6]], np.float32)
    settings = replace(JudgeSettings(), unmatched_words=0)
    judge = RelationJudge(
        FixedModel(ENTAILS, ENTAILS),
        settings,
        calibrate=False,
        veto_model=one_fact,  # type: ignore[arg-type]
        aligner=load_word_aligner(),
    )
    assert judge.judge([IMMIGRANTS], [NAMED], u, v)[0].label == "agree"
    # nor does the judge of grouping's edges look word by word (the label does not link)
    linking = replace(judge.settings, unmatched_words=2)
    judge.settings = linking
    assert judge.for_links(0.63).judge([IMMIGRANTS], [NAMED], u, v)[0].label == "agree"
    assert judge.judge([IMMIGRANTS], [NAMED], u, v)[0].label == "adds_detail"


def test_an_agreement_the_pair_model_is_sure_of_names_no_detail_word_by_word() -> None:
    """Words one side leaves unmatched add nothing where the pair model reads each claim as
    entailing the other (``detail_sure_agreement``)."""
    aligner = load_word_aligner()
    sure = FixedPairModel(agree=0.6, adds_b=0.35, related=0.05)
    verdict = _judged_with(sure, IMMIGRANTS, NAMED, 0.8, ENTAILS, ENTAILS, aligner=aligner)
    assert verdict.label == "agree"
    assert sure.asked and sure.asked[0] == (IMMIGRANTS, NAMED)
    # above 1 the gate is off and the names are added detail again
    off = replace(JudgeSettings(), detail_sure_agreement=1.01)
    named = _judged_with(sure, IMMIGRANTS, NAMED, 0.8, ENTAILS, ENTAILS, off, aligner=aligner)
    assert named.label == "adds_detail" and named.adds == "b"


VISITED = "The delegation met Gulf leaders during the visit."
VISITED_NAMED = "The delegation met Gulf leaders in Jeddah during the visit."
VISITED_CHINESE = "The Chinese delegation met Gulf leaders during the visit."


def test_an_agreement_where_one_side_names_a_place_or_person_more_is_added_detail() -> None:
    one_fact = _one_fact_told_in_more_words()
    aligner = load_word_aligner()
    verdict = _judged_with(one_fact, VISITED, VISITED_NAMED, 0.9, ENTAILS, ENTAILS, aligner=aligner)
    assert verdict.label == "adds_detail" and verdict.adds == "b"
    assert verdict.detail == "Jeddah"
    # a bare demonym is often the other side's "officials": no detail
    demonym = _judged_with(
        one_fact, VISITED, VISITED_CHINESE, 0.9, ENTAILS, ENTAILS, aligner=aligner
    )
    assert demonym.label != "adds_detail"
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.9, float(np.sqrt(1 - 0.81))]], np.float32)
    judge = RelationJudge(
        FixedModel(ENTAILS, ENTAILS),
        replace(JudgeSettings(), unmatched_names=False),
        calibrate=False,
        veto_model=one_fact,  # type: ignore[arg-type]
        aligner=aligner,
    )
    assert judge.judge([VISITED], [VISITED_NAMED], u, v)[0].label == "agree"


ALIGNER = load_word_aligner()
OPPOSED = {"contradicts": 0.8, "neutral": 0.2}
STADIUM_COST = "The mayor said the stadium would be finished by next spring at a cost of $400m."
STADIUM_BUILDERS = "The mayor said the stadium had been built by a consortium of three local firms."


def test_a_head_contradiction_between_two_facts_of_one_story_is_same_story() -> None:
    calm = FixedPairModel(related=0.9, contradicts=0.1)
    verdict = _judged_with(
        calm, STADIUM_COST, STADIUM_BUILDERS, 0.6, OPPOSED, OPPOSED, aligner=ALIGNER
    )
    assert verdict.label == "unrelated" and verdict.reason.startswith(SAME_STORY)
    assert "consortium" in verdict.reason
    # grouping's edges keep the head's contradiction (links are the head's and the veto's)
    u = np.array([[1.0, 0.0]], np.float32)
    v = np.array([[0.6, 0.8]], np.float32)
    judge = RelationJudge(
        FixedModel(OPPOSED, OPPOSED),
        calibrate=False,
        veto_model=calm,  # type: ignore[arg-type]
        aligner=load_word_aligner(),
    )
    edge = judge.for_links(0.63).judge([STADIUM_COST], [STADIUM_BUILDERS], u, v)[0]
    assert edge.label == "contradicts"
    # one fact worded twice and opposed: most words are found in the other, it stands
    reopened = "The bridge reopened to traffic on Monday, the city said."
    closed = "The bridge stayed closed to traffic on Monday, the city said."
    worded_twice = _judged_with(calm, reopened, closed, 0.9, OPPOSED, OPPOSED, aligner=ALIGNER)
    assert worded_twice.label == "contradicts"


def test_a_head_contradiction_the_pair_model_also_sees_stands() -> None:
    conflict = FixedPairModel(contradicts=0.9, related=0.1)
    verdict = _judged_with(
        conflict, STADIUM_COST, STADIUM_BUILDERS, 0.6, OPPOSED, OPPOSED, aligner=ALIGNER
    )
    assert verdict.label == "contradicts"
    assert set(conflict.asked) == {(STADIUM_COST, STADIUM_BUILDERS)}
    # and with the steps off the pair model is not asked at all
    off = replace(JudgeSettings(), opposite_unmatched=0, opposite_sure_agreement=1.01)
    quiet = FixedPairModel(related=0.9, contradicts=0.1)
    kept = _judged_with(
        quiet, STADIUM_COST, STADIUM_BUILDERS, 0.6, OPPOSED, OPPOSED, off, aligner=ALIGNER
    )
    assert kept.label == "contradicts" and quiet.asked == []


FERRY = "The ferry sank off the coast on Sunday."
FERRY_CREW = "The ferry went down off the coast on Sunday with its captain and crew aboard."


def test_the_heads_bare_direction_stands_only_where_the_words_show_it() -> None:
    one_fact = _one_fact_told_in_more_words()
    # the head says b says more, and b's own words show it: named
    verdict = _judged_with(one_fact, FERRY, FERRY_CREW, 0.8, NEUTRAL, ENTAILS, aligner=ALIGNER)
    assert verdict.label == "adds_detail" and verdict.adds == "b"
    assert "crew" in (verdict.detail or "") and "crew" in verdict.reason
    # the head says a says more, but a names fewer words of its own than b: agreement
    reversed_verdict = _judged_with(
        one_fact, FERRY, FERRY_CREW, 0.8, ENTAILS, NEUTRAL, aligner=ALIGNER
    )
    assert reversed_verdict.label == "agree" and reversed_verdict.adds is None
    off = replace(JudgeSettings(), direction_by_words=False)
    kept = _judged_with(one_fact, FERRY, FERRY_CREW, 0.8, ENTAILS, NEUTRAL, off, aligner=ALIGNER)
    assert kept.label == "adds_detail" and kept.adds == "a" and kept.detail is None
    # a pair model sure the two say the same (detail_sure_agreement) makes it an agreement
    sure = FixedPairModel(agree=0.95, related=0.05)
    same = _judged_with(sure, FERRY, FERRY_CREW, 0.8, NEUTRAL, ENTAILS, aligner=ALIGNER)
    assert same.label == "agree" and "pair model" in same.reason


GOTLAND = "The two underwater blasts were recorded near the Swedish island of Gotland on Monday."
BORNHOLM = "The two underwater blasts were recorded near the Danish island of Bornholm on Monday."


def test_one_fact_put_in_two_places_contradicts_on_the_place() -> None:
    one_fact = FixedPairModel(agree=0.95, related=0.05)
    verdict = _judged_with(one_fact, GOTLAND, BORNHOLM, 0.9, ENTAILS, ENTAILS, aligner=ALIGNER)
    assert verdict.label == "contradicts"
    assert verdict.conflict == ("Gotland", "Bornholm") and "places differ" in verdict.reason
    # the same place named by both: the agreement stands
    again = (
        "Two underwater explosions were registered near the Danish island of Bornholm on Monday."
    )
    agreeing = _judged_with(one_fact, BORNHOLM, again, 0.9, ENTAILS, ENTAILS, aligner=ALIGNER)
    assert agreeing.label == "agree"
    # with the step off, the pair agrees
    off = replace(JudgeSettings(), place_unmatched=0)
    kept = _judged_with(one_fact, GOTLAND, BORNHOLM, 0.9, ENTAILS, ENTAILS, off, aligner=ALIGNER)
    assert kept.label == "agree"


CRISWELL = "FEMA Administrator Deanne Criswell toured Fort Myers Beach with DeSantis on Friday."
MAYORKAS = (
    "Homeland Security Secretary Alejandro Mayorkas toured Fort Myers Beach with DeSantis "
    "on Friday."
)


def test_an_agreement_the_pair_model_is_sure_contradicts_is_a_contradiction() -> None:
    """The head agrees (one visit, one day, one place); the pair model reads another visitor."""
    conflict = FixedPairModel(contradicts=0.9, agree=0.1)
    verdict = _judged_with(conflict, CRISWELL, MAYORKAS, 0.7, ENTAILS, ENTAILS, aligner=None)
    assert verdict.label == "contradicts"
    assert conflict.asked  # the pair model read the pair
    # under the floor the head's agreement stands
    torn = FixedPairModel(contradicts=0.7, agree=0.3)
    assert _judged_with(torn, CRISWELL, MAYORKAS, 0.7, ENTAILS, ENTAILS, aligner=None).label == (
        "agree"
    )


def test_a_sure_contradiction_is_not_read_into_one_claim_reworded() -> None:
    """At or above the veto's ceiling the pair is one claim worded twice: the pair model's
    contradiction there is not taken (near word-for-word rewordings of MRPC read as one)."""
    conflict = FixedPairModel(contradicts=0.95, agree=0.05)
    verdict = _judged_with(conflict, CRISWELL, MAYORKAS, 0.9, ENTAILS, ENTAILS, aligner=None)
    assert verdict.label == "agree"
    off = replace(JudgeSettings(), sure_contradiction=1.01)
    kept = _judged_with(conflict, CRISWELL, MAYORKAS, 0.7, ENTAILS, ENTAILS, off, aligner=None)
    assert kept.label == "agree"


SEATS = "The submersible is about the size of a minivan and has no seats."
SEATING = "Roughly as big as a minivan, the sub has no seating."


def test_a_head_contradiction_the_pair_model_is_sure_agrees_is_an_agreement() -> None:
    """The head reads two negations of one fact as opposites; the pair model, sure of one
    fact (``opposite_sure_agreement``), decides the pair; unsure, the head's verdict stands."""
    sure = FixedPairModel(agree=0.97, contradicts=0.03)
    verdict = _judged_with(sure, SEATS, SEATING, 0.8, CONTRADICTS, CONTRADICTS, aligner=None)
    assert verdict.label == "agree"
    assert sure.asked
    unsure = FixedPairModel(agree=0.8, contradicts=0.2)
    kept = _judged_with(unsure, SEATS, SEATING, 0.8, CONTRADICTS, CONTRADICTS, aligner=None)
    assert kept.label == "contradicts"
    off = replace(JudgeSettings(), opposite_sure_agreement=1.01)
    stays = _judged_with(sure, SEATS, SEATING, 0.8, CONTRADICTS, CONTRADICTS, off, aligner=None)
    assert stays.label == "contradicts"
