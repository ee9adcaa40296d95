"""The relation judge: the learned head run both ways, corrected by structured checks.

For a claim pair (a, b) it answers ``agree``, ``adds_detail`` (saying which side adds what),
``contradicts`` (saying on what) or ``unrelated`` (which includes "same story, different
fact"), with a confidence and a short reason that names the spans. The head's contradiction
must hold read both ways and from no hedged side ("it was not clear whether ..."); a
structured conflict (amounts, dates, denial, roles, models) always stands. Beside the head, a
pair model reading both claims together (a cross-encoder) checks the head's agreements for
other facts of one story and decides the pairs the head places in one story only; a word
aligner reads what each side says that the other does not, to name added detail, to keep
the head's bare direction only where words show it, to tell two facts of one story from
a contradiction only the head sees, and to find one fact put in two places.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import numpy as np

from corroborate.checks import Effect, Finding, run_checks
from corroborate.checks.details import named_details
from corroborate.checks.hedges import Hedge
from corroborate.checks.places import places_among
from corroborate.datasets.records import RELATIONS
from corroborate.readers.sentences import split_sentences
from corroborate.relations.alignment import (
    Unmatched,
    WordAligner,
    load_word_aligner,
    new_words,
)
from corroborate.relations.calibration import Calibration, default_calibration_path
from corroborate.relations.mlp import RelationHead
from corroborate.relations.model import RelationModel
from corroborate.relations.pair_judge import (
    ONE_FACT,
    PairSettings,
    decide,
    model_key,
    pair_class,
)
from corroborate.relations.pair_model import (
    ADDS_A,
    ADDS_B,
    AGREE,
    CONTRADICTS,
    PAIR_CLASSES,
    RELATED,
    UNRELATED,
    PairModel,
    load_pair_model,
)
from corroborate.relations.verdict import (
    DIFFERENT_SUBJECT,
    LABELS,
    SAME_STORY,
    Judgement,
    Label,
    Side,
    compares,
    detail_of,
    first_finding,
    hedge_of,
    structured_adds,
    verdict_kind,
)

_HEAD_KEYS = {
    RELATIONS.index("entails"): "agree",
    RELATIONS.index("neutral"): "same_story",
    RELATIONS.index("contradicts"): "contradicts",
    RELATIONS.index("unrelated"): "unrelated",
}
"""The head's top label read as a verdict key (entails as agree, neutral as same story)."""

__all__ = [
    "DIFFERENT_SUBJECT",
    "LABELS",
    "SAME_STORY",
    "JudgeSettings",
    "Judgement",
    "Label",
    "RelationJudge",
    "get_judge",
    "verdict_kind",
]

OPPOSITE = "b states the opposite of a"
"""The reason of a contradiction the head alone sees (read both ways, no check's conflict)."""

_ENTAILS = RELATIONS.index("entails")
_NEUTRAL = RELATIONS.index("neutral")
_CONTRADICTS = RELATIONS.index("contradicts")
_UNRELATED = RELATIONS.index("unrelated")


@dataclass(frozen=True)
class JudgeSettings:
    """Thresholds of the judge (chosen on training data, never on a test split)."""

    related_probability: float = 0.5
    """A pair is about the same thing when its probability of being on one subject
    (:func:`subject_probability`) is at or above this."""
    subject_bias: float = 3.75
    subject_cosine: float = -10.0
    subject_unrelated: float = 1.0
    """The "different subject" rule, a logistic model: the log-odds that a pair is on
    different subjects are ``subject_bias + subject_cosine * cosine + subject_unrelated *
    P(unrelated)`` (P averaged both ways), so a pair is off-subject below a cosine of about
    0.375 + P(unrelated) / 10, unless the head is sure of a contradiction
    (``subject_contradiction``). The three numbers maximise the mean related/unrelated
    macro-F1 of FNC-1 train and ECB+ topics 1-30, on the groups the head held out of its
    training (``benchmarks/tune_judge.py --fit-subject``; benchmarks/RESULTS.md, "Judge
    rules, session 4"). The old rule, P(unrelated) >= 0.5 alone, is -4, 0, 8."""
    subject_contradiction: float = 0.8
    """P(contradicts) averaged both ways at or above which a pair is on one subject whatever
    the rule above says (a contradiction is about one subject). Chosen with the
    ``confident_*`` thresholds on the head's held-out groups of the tuning splits and the
    seeds' documented pairs (``benchmarks/tune_judge.py --grid``)."""
    claim_similarity: float = 0.63
    """Cosine below which two sentences are not taken to state one claim (the F1-best
    paraphrase threshold on MRPC train) unless the head is sure (``confident_*``): below it,
    agreement, added detail and a contradiction seen by the head need that certainty. At or
    above it, an amount or date one side pins down ("up to 300" for "hundreds") is added
    detail even if the head calls the pair neutral."""
    paraphrase_similarity: float = 0.85
    """Cosine at or above which a pair the head calls neutral is still taken as agreeing
    (0.8 before 2026-11-30; 0.85 scores higher on every tuning split and the seeds)."""
    confident_entailment: float = 0.6
    """P(entails) one way at or above which the head's verdict passes the claim-similarity
    gate: short rewordings ("People are outside.") fall far below that cosine. Chosen with
    ``confident_contradiction`` on the groups of the tuning splits the head held out of its
    training and the seeds' documented pairs (0.8 / 0.7 before, chosen on pairs the head
    was trained on, where it is surer than on unseen text; benchmarks/RESULTS.md, "Judge
    rules, session 4")."""
    confident_contradiction: float = 0.5
    """P(contradicts) averaged both ways at or above which the head's verdict passes the
    claim-similarity gate."""
    event_similarity: float = 0.5
    """Cosine at or above which a pair on one subject is taken to report one event, so that
    differing like amounts, dates and models conflict (below it the checks' own word-overlap
    test decides). Chosen on the seeds' documented pairs and the tuning splits
    (benchmarks/RESULTS.md, "Judge rules for precision on news pairs")."""
    direction_margin: float = 0.2
    """At or above ``paraphrase_similarity``, with no check finding anything one side adds,
    the pair agrees unless P(entails) one way exceeds the other way by this much (a head
    torn on which side says more gives no direction)."""
    hedges_discuss: tuple[str, ...] = ("open",)
    """Hedge strengths (``checks.hedges``) that make an agreeing pair "same story, different
    fact": a side that leaves the claim open ("not clear whether") discusses it. Any hedge
    keeps the head's contradiction from standing (structured conflicts still do)."""
    other_facts_veto: float = 0.4
    """With a pair model beside the head (``veto_model``): P(related) + P(unrelated), read
    once in the canonical order (:func:`~corroborate.relations.pair_model.read_canonical`),
    at or above which a pair the head calls agreeing or adding detail is "same story,
    different fact" instead, unless an amount or date check pins the pair to one claim
    (:func:`_refines`). The pooled vectors of two claims of one story lie close whatever each
    says; the pair model reads both together. Chosen on the dev set
    (``benchmarks/tune_pair_veto.py``: 0.570 at 0.4 against 0.556 without; read both ways
    before 2026-12-04, 0.35 scored 0.569 at twice the cost)."""
    veto_ceiling: float = 0.85
    """Cosine at or above which the pair model does not read a pair the head calls agreeing
    or adding detail (``paraphrase_similarity``: one claim worded two ways). On the dev set
    no pair the veto or the aligner turns lies above a cosine of 0.78, while a quarter of the
    pairs they would read do (43 of 174); on 300-pair samples of seven public sets it changes
    4 of 2,112 verdicts, 3 of them to the gold class; it saves a tenth of the pair model's
    reads in the nightly first run (benchmarks/RESULTS.md, "Relation judge v2", Speed)."""
    pair_decides_story: bool = True
    """With a pair model beside the head: the pairs the head finds only one story in (its
    plain "same story, different fact") are decided by the pair model and the checks
    (:meth:`RelationJudge._reread`); an agreement or added detail it finds there stands only
    where the words line up (``alignment_floor``). Dev set (``benchmarks/tune_story_reread.py``):
    0.566 without, 0.606 with it; FNC-1 -0.028 and Emergent -0.042 (benchmarks/RESULTS.md,
    "Relation judge v2")."""
    story_sure_agreement: float = 0.9
    """P(agree) + P(adds detail, either side) of the pair model from which an agreement or
    added detail it finds among the head's "same story" pairs (``pair_decides_story``)
    stands at a word coverage under ``alignment_floor``; above 1, never. Two wordings of one
    fact by different outlets can share few words ("Crude prices dropped once it emerged that
    the Ever Given was afloat again" / "Oil prices fell after news that the ship had been
    refloated"). Off until 2026-12-07 (dev +0.010 against FNC-1 train -0.035: its "discuss"
    bodies report a claim the pair model reads as agreeing); on since the second batch of
    authored news pairs (``benchmarks/trainset/news_pairs_2.csv``, 16 stories the pair model
    never read) showed the dev-chosen judge generalising poorly there: 0.488 off, 0.518 at
    0.9, 0.532 at 0.7 (dev 0.743 / 0.753 / 0.744). 0.9 takes most of the news gain at half
    the training splits' cost of 0.7 (FNC-1 train -0.035 against -0.054, MRPC train -0.002
    against -0.010; ``benchmarks/tune_judge.py --pair-model --grid``; benchmarks/RESULTS.md,
    "Relation judge v2")."""
    sure_contradiction: float = 0.8
    """With a pair model: P(contradicts), read once in the canonical order, from which a pair
    the head calls agreeing or adding detail (after the veto, a shared figure or not, under
    ``veto_ceiling``) is decided by the pair model and the checks where they find a
    contradiction (a hedge leaves it open): two outlets naming another actor, place or role
    for one event ("FEMA Administrator Deanne Criswell toured ..." / "Homeland Security
    Secretary Alejandro Mayorkas toured ...") share their figures and most words, which the
    veto does not read (:func:`veto_candidates`). Above 1, never. Chosen on the dev set,
    news2 and the training splits (2026-12-07, fourth session): dev 0.7564 / 0.7585 / 0.7584,
    news2 0.5292 / 0.5348 / 0.5386 at off / 0.9 / 0.8 (0.7: 0.5364);
    ``tune_judge.py --pair-model``: SNLI validation +0.005, VitaminC synthetic +0.034, FNC-1
    train -0.001. Without the cosine ceiling it made 15 contradictions on the kNN benchmark's
    MRPC neighbour pairs, all near word-for-word rewordings; with it, none."""
    story_hedged: bool = False
    """Whether ``pair_decides_story`` hands over a pair one side of which hedges
    ("reportedly", "not clear whether", :mod:`corroborate.checks.hedges`): off, the head's
    "same story" stands there (a hedged report puts a claim forward without asserting it).
    Chosen on FNC-1 train (``tune_judge.py --pair-model``: 0.487 on, 0.536 off); the dev set
    cannot tell (0.6063 both)."""
    veto_floor: float = -1.0
    """Cosine under which the pair model does not read a pair: set by a caller that takes no
    agreement under it (grouping's edges, :meth:`RelationJudge.for_links`); -1 reads all."""
    doubt_from: float = 0.1
    """P(other facts) from which (up to ``other_facts_veto``) the pair model leaves a pair in
    doubt, and the words of the two claims are aligned (``aligner``,
    :mod:`corroborate.relations.alignment`); under it the aligner is not run (about a fifth
    of the pairs the pair model reads are in doubt, on the dev set)."""
    alignment_floor: float = 0.6
    """Coverage (the larger of the two, :meth:`WordAligner.coverage`) under which a pair in
    doubt states other facts: neither claim's own words are found in the other. Dev set
    (``benchmarks/tune_alignment.py``): 0.5677 without, 0.5670 at 0.6 (6 pairs turned, 2 of
    them rightly), 0.5645 at 0.62; it ends 4 of the 5 merges of the demo's ten widest groups
    (benchmarks/RESULTS.md)."""
    unmatched_words: int = 2
    """With an aligner: an agreement in which one side has at least this many content words
    more not found in the other (:meth:`WordAligner.unmatched`, ``unmatched_similarity``) than
    the other side, which has at most ``unmatched_other``, is added detail by that side,
    naming those words ("Mexico, Guatemala");
    0 turns it off. A pooled vector and the head's entailment barely move for a name or a
    place more, and the dev set's largest error was added detail called agreement (42 of 123).
    Chosen on the dev set (``benchmarks/tune_unmatched_detail.py``)."""
    detail_sure_agreement: float = 0.5
    """With a pair model: P(agree) (each side entails the other), read once in the canonical
    order, from which an agreement keeps out of the word-by-word added detail
    (``unmatched_words``, ``unmatched_names``) and the head's bare direction is an agreement
    (``direction_by_words``); above 1, never. Two outlets' wordings of one fact leave words
    unmatched that say nothing more ("the royal palace" / "King Mohammed VI", "holders of the
    troubled bank" / "Credit Suisse shareholders"), and the pair model, which reads both
    claims together, tells these from a side that adds. Chosen on the dev set and news2
    (fifth session, 2026-12-07): off 0.758 / 0.554, 0.7 0.763 / 0.573, 0.5 0.765 / 0.576,
    0.3 0.763 / 0.576; seeds pairs 0.491 -> 0.497, the training splits' held-out part
    unchanged (``benchmarks/tune_judge.py --pair-model --grid``)."""
    unmatched_names: bool = True
    """With an aligner: an agreement that ``unmatched_words`` leaves alone is added detail by
    the side whose unmatched words hold a name the other side does not mention (a country,
    capital or demonym alone aside), where the other side's hold none and it has no more
    unmatched words ("Jeddah", "Robert Ballard", "Polar Prince"): a name an outlet adds is
    detail even when the other outlet rewords a word or two. Chosen on the dev set
    (``benchmarks/tune_unmatched_detail.py``)."""
    unmatched_similarity: float = 0.45
    """Mean best cosine of a word's pieces with the other claim's tokens under which the word
    is not found there (see ``unmatched_words`` and ``opposite_unmatched``)."""
    unmatched_other: int = 0
    """How many words not found in the other the side that does not add may have (the adding
    side then needs ``unmatched_words`` more). Dev set (``benchmarks/tune_unmatched_detail.py``):
    0.6689 at 0, 0.6825 at 1, 0.6760 at 2; but at 1 the seeds pairs fell 0.489 → 0.469 (three
    more of their agreements called adding, no added detail found), so it stays 0: on real
    outlets' wordings a word left unmatched on each side is a rewording, not detail."""
    direction_by_words: bool = True
    """With an aligner: an added detail no check named (the head's direction alone, "a says
    more") stands only where the adding side has at least as many content words not found
    in the other as the other has, and then names them; else the pair agrees. The head's
    direction on two wordings of one claim is often a coin toss (dev set: 9 of the 25
    agreements called added detail). Chosen on the dev set
    (``benchmarks/tune_unmatched_detail.py``)."""
    opposite_unmatched: int = 3
    """With an aligner and a pair model: a contradiction only the head sees (``OPPOSITE``, no
    check found a conflict) in which each side has at least this many content words not
    found in the other is "same story, different fact", where the words of one are found in
    the other (coverage at or above ``opposite_coverage``: one story) and the pair model sees
    no conflict (P(contradicts) under ``opposite_contradiction``), each claim one sentence
    (:func:`one_sentence_each`; a passage states several facts). A conflict opposes one
    fact worded twice; two statements of one story, each about its own fact, share their
    subject and little else. 0 turns it off. After ``unmatched_words`` the dev set's largest
    error was such pairs read as contradicting (24 of 131). Chosen on the dev set and the
    training splits of SNLI, SICK and VitaminC, where a contradiction between two scenes or
    two versions of a fact shares few words too (``benchmarks/tune_opposite.py``;
    benchmarks/RESULTS.md, "Relation judge v2"). 4 until 2026-12-07; 3 since the second
    batch of authored news pairs joined the tuning splits: pairs turned rightly / wrongly,
    dev +12 / -3 and news2 +16 / -1 against +8 / -1 and +9 / -1, for SNLI validation
    0 / -10 against 0 / -3 (2 words: news2 +20 / -2 but SNLI 2 / -30, VitaminC 14 / -16)."""
    opposite_sure_agreement: float = 0.95
    """With a pair model: P(agree) + P(adds detail, either side), read once in the canonical
    order, from which a contradiction only the head sees (``OPPOSITE``, no check found a
    conflict, left after ``opposite_unmatched``) is decided by the pair model and the checks
    where they find the pair agreeing or adding detail (:meth:`RelationJudge._reconciled`);
    above 1, never. Two wordings of one fact with a negation each ("has no seats" / "has no
    seating") read to the head as opposites. Chosen on the dev set, news2 and the tuning
    splits (``benchmarks/tune_sure_agreement.py``, pairs turned rightly / wrongly at 0.95:
    dev +2 / 0, news2 +1 / 0, MRPC train +3 / 0, SNLI validation 0 / -3, VitaminC synthetic
    +2 / -2; at 0.9 SNLI -14, at 0.5 SNLI -33 and VitaminC -100). Dev 0.7648 → 0.7690, news2
    0.5816 → 0.5837, news3 (held out) 0.7118 both, news4 0.6884 → 0.6867 (one pair), seeds
    pairs 0.4973 both (2026-12-08)."""
    opposite_coverage: float = 0.45
    """Coverage (:meth:`WordAligner.coverage`) from which ``opposite_unmatched`` applies."""
    opposite_contradiction: float = 0.3
    """The pair model's P(contradicts) under which ``opposite_unmatched`` applies."""
    place_unmatched: int = 4
    """With an aligner: an agreement or added detail in which neither side has more than
    this many content words not found in the other, and those of each side hold a place
    (:func:`~corroborate.checks.places.places_among`: "near the island of Gotland" against
    "near the island of Bornholm"), contradicts on the place; 0 turns it off. Two wordings of
    one fact that differ only where it happened: pooled vectors, the head and the pair model
    barely move for a place name, and no check compares places. Chosen on the dev set and
    MRPC train, SNLI validation, VitaminC synthetic and ECB+ topics 1-30
    (``benchmarks/tune_places.py``)."""


def veto_candidates(
    judgements: Sequence[Judgement],
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    cosine: np.ndarray,
    settings: JudgeSettings,
) -> list[int]:
    """The pairs the pair model reads (``JudgeSettings.other_facts_veto``): those the head
    calls agreeing or adding detail with no amount or date pinning them to one claim
    (:func:`_refines`) and a cosine from ``settings.veto_floor`` up to
    ``settings.veto_ceiling``, never one claim beside its own words. (Reading the head's own
    contradictions too, 2026-12-04: dev +0.006 and SICK +0.12, but SNLI -0.027, Emergent
    -0.031, ClaimMatch -0.018 and the seeds pairs -0.017; not kept.)"""
    return [
        i
        for i, judgement in enumerate(judgements)
        if texts_a[i] != texts_b[i]
        and settings.veto_floor <= cosine[i] < settings.veto_ceiling
        and judgement.label in ("agree", "adds_detail")
        and not _refines(judgement.findings)
    ]


def one_sentence_each(text_a: str, text_b: str) -> bool:
    """Whether each text is one sentence (:func:`~corroborate.readers.sentences.split_sentences`),
    as the claims of an article are: what ``JudgeSettings.opposite_unmatched`` was chosen on."""
    return len(split_sentences(text_a)) == 1 and len(split_sentences(text_b)) == 1


def _other_names_more(side: Side | None, text_a: str, text_b: str) -> bool:
    """Whether the side not ``side`` writes a content word the adding side does not
    (:func:`~corroborate.relations.alignment.new_words`): a bound before the aligner, as
    without one the adding side cannot name fewer words of its own than the other."""
    if side == "a":
        return new_words(text_b, text_a) > 0
    return new_words(text_a, text_b) > 0


_CAPITALISED_RE = re.compile(r"(?<=\s)[A-Z][\w'-]*")


def _named_side(found: Unmatched, text_a: str, text_b: str) -> tuple[Side | None, str | None]:
    """The side that names what the other does not, word by word (``unmatched_names``):
    its unmatched words hold a name the other side does not mention
    (:func:`~corroborate.checks.details.named_details`), the other side's hold none, and it
    has at least as many unmatched words as the other; with those names."""
    names_a = named_details(text_a, text_b, _words(found.phrases_a))
    names_b = named_details(text_b, text_a, _words(found.phrases_b))
    if names_a and not names_b and found.words_a >= found.words_b:
        return "a", ", ".join(names_a)
    if names_b and not names_a and found.words_b >= found.words_a:
        return "b", ", ".join(names_b)
    return None, None


def _words(phrases: Sequence[str]) -> list[str]:
    return [word for phrase in phrases for word in phrase.split()]


def _new_name(text: str, other: str) -> bool:
    """Whether ``text`` has a capitalised word, past its first, that ``other`` does not
    write (a bound before the aligner for ``JudgeSettings.place_unmatched`` and
    ``unmatched_names``)."""
    written = other.casefold()
    return any(word.casefold() not in written for word in _CAPITALISED_RE.findall(text))


def _contradicts_both_ways(forward: np.ndarray, backward: np.ndarray) -> bool:
    """True if the head's top label is "contradicts" read each way: a contradiction is
    symmetric, so one seen only one way is the head's error (it was trained one way)."""
    return int(forward.argmax()) == _CONTRADICTS and int(backward.argmax()) == _CONTRADICTS


def _refines(findings: Sequence[Finding]) -> bool:
    """True if an amount or date check found one side pinning down the other's own amount
    or date ("up to 300" for "hundreds", "June 8" for "over the past month")."""
    return any(
        finding.check in ("quantity", "date")
        and finding.effect in (Effect.A_ADDS, Effect.B_ADDS, Effect.COMPATIBLE)
        and finding.span_a is not None
        and finding.span_b is not None
        for finding in findings
    )


def _left_open(hedged: tuple[Side, Hedge], related: float, kept: tuple[Finding, ...]) -> Judgement:
    """The verdict on a pair one side of which hedges: it discusses the claim, neither
    asserting nor denying it (FNC-1's *discuss*)."""
    side, hedge = hedged
    reason = f"{SAME_STORY}: {side} leaves it open ('{hedge.cue}')"
    return Judgement("unrelated", related, reason, None, None, None, kept)


def _contradiction(forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """P(contradicts) averaged both ways (per row, or for one pair)."""
    return np.asarray((forward[..., _CONTRADICTS] + backward[..., _CONTRADICTS]) / 2)


def head_is_sure(forward: np.ndarray, backward: np.ndarray, settings: JudgeSettings) -> bool:
    """Whether the head's own verdict on one pair is confident enough to pass the
    claim-similarity gate: P(entails) one way at or above ``confident_entailment`` or
    P(contradicts) averaged both ways at or above ``confident_contradiction``."""
    entails = max(forward[_ENTAILS], backward[_ENTAILS])
    return bool(
        entails >= settings.confident_entailment
        or _contradiction(forward, backward) >= settings.confident_contradiction
    )


def on_one_subject(
    cosine: np.ndarray, forward: np.ndarray, backward: np.ndarray, settings: JudgeSettings
) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, its probability of being on one subject (:func:`subject_probability`) and
    the decision: that probability at or above ``related_probability``, or a contradiction
    the head is sure of (``subject_contradiction``), as a contradiction is about one subject."""
    unrelated = (forward[:, _UNRELATED] + backward[:, _UNRELATED]) / 2
    subject = subject_probability(cosine, unrelated, settings)
    sure = _contradiction(forward, backward) >= settings.subject_contradiction
    return subject, (subject >= settings.related_probability) | sure


def subject_score(cosine: np.ndarray, unrelated: np.ndarray, settings: JudgeSettings) -> np.ndarray:
    """Log-odds that each pair is on different subjects, from its cosine and the head's
    P(unrelated) averaged both ways."""
    return (
        settings.subject_bias
        + settings.subject_cosine * cosine
        + settings.subject_unrelated * unrelated
    )


def subject_probability(
    cosine: np.ndarray, unrelated: np.ndarray, settings: JudgeSettings
) -> np.ndarray:
    """Probability that each pair is about one subject (the "different subject" rule)."""
    return np.asarray(1.0 / (1.0 + np.exp(subject_score(cosine, unrelated, settings))))


class RelationJudge:
    """Judges claim pairs from their texts, their vectors and (optionally) article dates."""

    def __init__(
        self,
        head: RelationModel | None = None,
        settings: JudgeSettings | None = None,
        *,
        calibration: Calibration | None = None,
        calibrate: bool = True,
        pair_model: PairModel | None = None,
        pair_settings: PairSettings | None = None,
        veto_model: PairModel | None = None,
        aligner: WordAligner | None = None,
    ) -> None:
        """``calibration`` maps raw confidences to P(verdict right) (the packaged one when
        None); ``calibrate=False`` keeps the raw scores (what the calibration is fitted on).
        With a ``pair_model`` the judge decides from it and the checks
        (:mod:`corroborate.relations.pair_judge`); the head is then only what the article
        stance features read. With a ``veto_model`` (head core) the pair model reads each
        pair the head calls agreeing or adding detail, and overrules it when it finds other
        facts (``JudgeSettings.other_facts_veto``); with an ``aligner`` too, a pair it leaves in
        doubt is read word by word (``JudgeSettings.alignment_floor``)."""
        self.head: RelationModel = head if head is not None else RelationHead.load()
        self.settings = settings or JudgeSettings()
        self.pair_model = pair_model
        self.pair_settings = pair_settings or PairSettings()
        self.veto_model = veto_model
        self.aligner = aligner
        self.calibration = (calibration or _packaged_calibration(pair_model)) if calibrate else None

    def judge(
        self,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        u: np.ndarray,
        v: np.ndarray,
        dates_a: Sequence[dt.date | None] | None = None,
        dates_b: Sequence[dt.date | None] | None = None,
    ) -> list[Judgement]:
        """One :class:`Judgement` per pair (a_i, b_i); ``u``/``v`` are unit vectors."""
        if not texts_a:
            return []
        if self.pair_model is not None:
            judged = self._judge_pairs(texts_a, texts_b, u, v, dates_a, dates_b)
            return self._calibrated(judged)
        forward = self.head.predict_proba(u, v, texts_a, texts_b)
        backward = self.head.predict_proba(v, u, texts_b, texts_a)
        cosine = np.einsum("ij,ij->i", u, v)
        subject, on_subject = on_one_subject(cosine, forward, backward, self.settings)
        # A pair on different subjects is unrelated whatever the checks find: skip them there
        # (most grouping candidates), as they cost several times the head.
        same_event = (cosine >= self.settings.event_similarity) & on_subject
        no_dates: list[dt.date | None] = [None] * len(texts_a)
        judgements = [
            self._decide(
                forward[i],
                backward[i],
                float(cosine[i]),
                float(subject[i]),
                bool(on_subject[i]),
                hedge_of(texts_a[i], texts_b[i]) if on_subject[i] else None,
                run_checks(
                    texts_a[i],
                    texts_b[i],
                    date_a=date_a,
                    date_b=date_b,
                    same_event_known=bool(same_event[i]),
                )
                if on_subject[i]
                else [],
            )
            for i, (date_a, date_b) in enumerate(
                zip(dates_a or no_dates, dates_b or no_dates, strict=True)
            )
        ]
        vetoed = self._vetoed(judgements, texts_a, texts_b, cosine)
        contradicted = self._contradicted(vetoed, texts_a, texts_b, cosine)
        reread = self._reread(contradicted, texts_a, texts_b, dates_a, dates_b)
        unopposed = self._unopposed(reread, texts_a, texts_b)
        reconciled = self._reconciled(unopposed, texts_a, texts_b, dates_a, dates_b)
        detailed = self._detailed(reconciled, texts_a, texts_b)
        directed = self._directed(detailed, texts_a, texts_b)
        return self._calibrated(self._relocated(directed, texts_a, texts_b))

    def for_links(self, min_similarity: float) -> RelationJudge:
        """This judge for pairs whose agreement counts only at a cosine of ``min_similarity``
        or more (grouping's edges: under it only a contradiction joins): the pair model does
        not read the others, whose verdict it could only turn from agreeing to unrelated. Nor
        does it decide the head's "same story" pairs (``pair_decides_story``) or read the
        head's bare contradictions and directions word by word: links are the head's and the
        veto's, and each member's verdict, judged apart, is the full judge's
        (benchmarks/RESULTS.md, "Relation judge v2", Speed)."""
        linking = copy.copy(self)
        linking.settings = replace(
            self.settings,
            veto_floor=min_similarity,
            pair_decides_story=False,
            sure_contradiction=1.01,
            unmatched_words=0,
            unmatched_names=False,
            direction_by_words=False,
            opposite_unmatched=0,
            opposite_sure_agreement=1.01,
            place_unmatched=0,
        )
        return linking

    def _vetoed(
        self,
        judgements: list[Judgement],
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        cosine: np.ndarray,
    ) -> list[Judgement]:
        """The head's agreements and added details (:func:`veto_candidates`) the pair model
        reads as other facts, turned into "same story, different fact" (the cascade: only
        those pairs are run)."""
        if self.veto_model is None:
            return judgements
        asked = veto_candidates(judgements, texts_a, texts_b, cosine, self.settings)
        if not asked:
            return judgements
        probabilities = self.veto_model.predict_canonical(
            [texts_a[i] for i in asked], [texts_b[i] for i in asked]
        )
        other = probabilities[:, RELATED] + probabilities[:, UNRELATED]
        vetoed = list(judgements)
        unaligned = self._unaligned(asked, other, texts_a, texts_b)
        for i, mass in zip(asked, other, strict=True):
            if mass >= self.settings.other_facts_veto:
                reason = f"{SAME_STORY}: read together, they state other facts"
            elif i in unaligned:
                reason = f"{SAME_STORY}: their words do not line up"
            else:
                continue
            findings = judgements[i].findings
            vetoed[i] = Judgement("unrelated", float(mass), reason, None, None, None, findings)
        return vetoed

    def _contradicted(
        self,
        judgements: list[Judgement],
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        cosine: np.ndarray,
    ) -> list[Judgement]:
        """The head's agreements and added details the pair model is sure contradict
        (``JudgeSettings.sure_contradiction``), decided by the pair model and the checks
        where that decision is a contradiction."""
        floor = self.settings.sure_contradiction
        if self.veto_model is None or floor > 1:
            return judgements
        asked = [
            i
            for i, judgement in enumerate(judgements)
            if judgement.label in ("agree", "adds_detail")
            and texts_a[i] != texts_b[i]
            and cosine[i] < self.settings.veto_ceiling
        ]
        if not asked:
            return judgements
        return self._surely_decided(
            judgements,
            asked,
            lambda probabilities: probabilities[:, CONTRADICTS],
            floor,
            ("contradicts",),
            texts_a,
            texts_b,
            None,
            None,
        )

    def _surely_decided(
        self,
        judgements: list[Judgement],
        asked: Sequence[int],
        mass_of: Callable[[np.ndarray], np.ndarray],
        floor: float,
        kept_labels: tuple[str, ...],
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        dates_a: Sequence[dt.date | None] | None,
        dates_b: Sequence[dt.date | None] | None,
    ) -> list[Judgement]:
        """The pairs of ``asked`` whose pair-model mass (``mass_of`` its six class
        probabilities, read once in the canonical order) reaches ``floor``, decided by the pair
        model and the checks where that decision's label is one of ``kept_labels``."""
        assert self.veto_model is not None
        probabilities = self.veto_model.predict_canonical(
            [texts_a[i] for i in asked], [texts_b[i] for i in asked]
        )
        sure = [k for k, mass in enumerate(mass_of(probabilities)) if mass >= floor]
        if not sure:
            return judgements
        pairs = [asked[k] for k in sure]
        decided = self.pair_decisions(
            probabilities[sure],
            [texts_a[i] for i in pairs],
            [texts_b[i] for i in pairs],
            [dates_a[i] for i in pairs] if dates_a else None,
            [dates_b[i] for i in pairs] if dates_b else None,
        )
        changed = list(judgements)
        for i, judgement in zip(pairs, decided, strict=True):
            if judgement.label in kept_labels:
                changed[i] = judgement
        return changed

    def _unaligned(
        self,
        asked: Sequence[int],
        other: np.ndarray,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
    ) -> set[int]:
        """The pairs of ``asked`` in doubt (P(other facts) ``other`` from
        ``JudgeSettings.doubt_from`` up to the veto) whose word coverage is under
        ``JudgeSettings.alignment_floor``."""
        settings = self.settings
        doubtful = [
            i
            for i, mass in zip(asked, other, strict=True)
            if settings.doubt_from <= mass < settings.other_facts_veto
        ]
        return self._misaligned(doubtful, texts_a, texts_b)

    def _misaligned(
        self, pairs: Sequence[int], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> set[int]:
        """The pairs of ``pairs`` (positions in the texts) whose word coverage is under
        ``JudgeSettings.alignment_floor`` (none without an aligner)."""
        if self.aligner is None or not pairs:
            return set()
        coverage = self.aligner.coverage([texts_a[i] for i in pairs], [texts_b[i] for i in pairs])
        floor = self.settings.alignment_floor
        return {i for i, found in zip(pairs, coverage, strict=True) if found < floor}

    def _calibrated(self, judgements: list[Judgement]) -> list[Judgement]:
        if self.calibration is None:
            return judgements
        calibration = self.calibration
        return [
            replace(j, confidence=calibration.confidence(verdict_kind(j), j.confidence))
            for j in judgements
        ]

    def model_keys(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[str]:
        """The relation model's own verdict key per pair, without the judge's rules and checks
        (agree, adds_detail, contradicts, same_story or unrelated): the pair model's top class
        (past the cascade's gate), or the head's top label for a ⇒ b."""
        if self.pair_model is not None:
            cosine = np.einsum("ij,ij->i", u, v)
            probabilities = self.pair_probabilities(texts_a, texts_b, cosine)
            return [model_key(row, self.pair_settings) for row in probabilities]
        forward = self.head.predict_proba(u, v, texts_a, texts_b)
        self.head.predict_proba(v, u, texts_b, texts_a)  # the judge reads both ways: time both
        return [_HEAD_KEYS[int(top)] for top in forward.argmax(axis=1)]

    def pair_probabilities(
        self, texts_a: Sequence[str], texts_b: Sequence[str], cosine: np.ndarray
    ) -> np.ndarray:
        """The pair model's six class probabilities; pairs below the cascade's cosine gate are
        not run and get P(unrelated) = 1."""
        assert self.pair_model is not None
        probabilities = np.zeros((len(texts_a), len(PAIR_CLASSES)), dtype=np.float32)
        probabilities[:, UNRELATED] = 1.0
        passed = [int(i) for i in np.flatnonzero(cosine >= self.pair_settings.gate_cosine)]
        if len(passed):
            probabilities[passed] = self.pair_model.predict(
                [texts_a[i] for i in passed], [texts_b[i] for i in passed]
            )
        return probabilities

    def _reread(
        self,
        judgements: list[Judgement],
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        dates_a: Sequence[dt.date | None] | None,
        dates_b: Sequence[dt.date | None] | None,
    ) -> list[Judgement]:
        """The pairs the head places in one story but not on one claim (its plain "same
        story, different fact": under the claim-similarity gate, or neither side entailing),
        decided by the pair model and the checks instead (``JudgeSettings.pair_decides_story``):
        the pooled vectors of two wordings of one fact can lie far apart, and the pair model
        reads both claims together."""
        if self.veto_model is None or not self.settings.pair_decides_story:
            return judgements
        asked = [
            i
            for i, judgement in enumerate(judgements)
            if judgement.label == "unrelated"
            and judgement.reason == SAME_STORY
            and (self.settings.story_hedged or hedge_of(texts_a[i], texts_b[i]) is None)
        ]
        if not asked:
            return judgements
        probabilities = self.veto_model.predict_canonical(
            [texts_a[i] for i in asked], [texts_b[i] for i in asked]
        )
        decided = self.pair_decisions(
            probabilities,
            [texts_a[i] for i in asked],
            [texts_b[i] for i in asked],
            [dates_a[i] for i in asked] if dates_a else None,
            [dates_b[i] for i in asked] if dates_b else None,
        )
        # an agreement the head doubted stands only where the claims' words line up, unless
        # the pair model is sure of it
        sure = probabilities[:, [AGREE, ADDS_A, ADDS_B]].sum(axis=1) >= (
            self.settings.story_sure_agreement
        )
        agreeing = [
            (i, bool(certain))
            for i, judgement, certain in zip(asked, decided, sure, strict=True)
            if judgement.label in ("agree", "adds_detail")
        ]
        unaligned = self._misaligned(
            [i for i, certain in agreeing if not certain], texts_a, texts_b
        )
        reread = list(judgements)
        for i, judgement in zip(asked, decided, strict=True):
            if i not in unaligned:
                reread[i] = judgement
        return reread

    def _unopposed(
        self, judgements: list[Judgement], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[Judgement]:
        """The head's own contradictions (``OPPOSITE``) that read as two facts of one story
        (``JudgeSettings.opposite_unmatched``): each side names what the other does not, word
        by word, while the words of one are found in the other (``opposite_coverage``) and the
        pair model, reading both, does not see a conflict (``opposite_contradiction``)."""
        settings = self.settings
        if self.aligner is None or self.veto_model is None or settings.opposite_unmatched <= 0:
            return judgements
        asked = [
            i
            for i, judgement in enumerate(judgements)
            if judgement.reason == OPPOSITE
            and min(new_words(texts_a[i], texts_b[i]), new_words(texts_b[i], texts_a[i]))
            >= settings.opposite_unmatched
            and one_sentence_each(texts_a[i], texts_b[i])
        ]
        if not asked:
            return judgements
        pairs_a, pairs_b = [texts_a[i] for i in asked], [texts_b[i] for i in asked]
        unmatched = self.aligner.unmatched(pairs_a, pairs_b, settings.unmatched_similarity)
        coverage = self.aligner.coverage(pairs_a, pairs_b)
        story = [
            k
            for k, found in enumerate(unmatched)
            if found.fewer_words() >= settings.opposite_unmatched
            and coverage[k] >= settings.opposite_coverage
        ]
        if not story:
            return judgements
        conflict = self.veto_model.predict_canonical(
            [pairs_a[k] for k in story], [pairs_b[k] for k in story]
        )[:, CONTRADICTS]
        unopposed = list(judgements)
        for k, seen in zip(story, conflict, strict=True):
            if seen >= settings.opposite_contradiction:
                continue
            found, i = unmatched[k], asked[k]
            own = ", ".join(found.phrases_a[:3]), ", ".join(found.phrases_b[:3])
            reason = f"{SAME_STORY}: each states its own fact ('{own[0]}' / '{own[1]}')"
            unopposed[i] = Judgement(
                "unrelated", 1.0 - float(seen), reason, None, None, None, judgements[i].findings
            )
        return unopposed

    def _reconciled(
        self,
        judgements: list[Judgement],
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        dates_a: Sequence[dt.date | None] | None,
        dates_b: Sequence[dt.date | None] | None,
    ) -> list[Judgement]:
        """The head's own contradictions (``OPPOSITE``) the pair model is sure state one fact
        (``JudgeSettings.opposite_sure_agreement``), decided by the pair model and the checks
        where that decision is an agreement or added detail."""
        floor = self.settings.opposite_sure_agreement
        if self.veto_model is None or floor > 1:
            return judgements
        asked = [i for i, judgement in enumerate(judgements) if judgement.reason == OPPOSITE]
        if not asked:
            return judgements
        return self._surely_decided(
            judgements,
            asked,
            lambda probabilities: probabilities[:, [AGREE, ADDS_A, ADDS_B]].sum(axis=1),
            floor,
            ("agree", "adds_detail"),
            texts_a,
            texts_b,
            dates_a,
            dates_b,
        )

    def _detailed(
        self, judgements: list[Judgement], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[Judgement]:
        """The agreements in which one side says what the other does not, word by word
        (``JudgeSettings.unmatched_words``), made added detail by that side."""
        settings = self.settings
        if self.aligner is None or settings.unmatched_words <= 0:
            return judgements
        least = settings.unmatched_words
        asked = [
            i
            for i, judgement in enumerate(judgements)
            if judgement.label == "agree"
            and (
                max(new_words(texts_a[i], texts_b[i]), new_words(texts_b[i], texts_a[i])) >= least
                or (
                    settings.unmatched_names
                    and (_new_name(texts_a[i], texts_b[i]) or _new_name(texts_b[i], texts_a[i]))
                )
            )
        ]
        sure = self._surely_agree(asked, texts_a, texts_b)
        asked = [i for i, certain in zip(asked, sure, strict=True) if not certain]
        if not asked:
            return judgements
        unmatched = self._unmatched(asked, texts_a, texts_b)
        detailed = list(judgements)
        for i, found in zip(asked, unmatched, strict=True):
            side = found.adding_side(settings.unmatched_words, settings.unmatched_other)
            detail = found.named_by(side) if side is not None else None
            if side is None and settings.unmatched_names:
                side, detail = _named_side(found, texts_a[i], texts_b[i])
            if side is None or detail is None:
                continue
            detailed[i] = replace(
                judgements[i],
                label="adds_detail",
                reason=f"{side} names what the other does not: {detail}",
                adds=side,
                detail=detail,
            )
        return detailed

    def _surely_agree(
        self, asked: Sequence[int], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[bool]:
        """For each pair of ``asked``: does the pair model read each side as entailing the
        other, P(agree) >= ``detail_sure_agreement``?"""
        if not asked or self.veto_model is None or self.settings.detail_sure_agreement > 1:
            return [False] * len(asked)
        agree = self.veto_model.predict_canonical(
            [texts_a[i] for i in asked], [texts_b[i] for i in asked]
        )[:, AGREE]
        return [bool(p >= self.settings.detail_sure_agreement) for p in agree]

    def _unmatched(
        self, asked: Sequence[int], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[Unmatched]:
        """What each pair of ``asked`` says that the other side does not, word by word."""
        assert self.aligner is not None
        return self.aligner.unmatched(
            [texts_a[i] for i in asked],
            [texts_b[i] for i in asked],
            self.settings.unmatched_similarity,
        )

    def _directed(
        self, judgements: list[Judgement], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[Judgement]:
        """The added details no check named (the head's direction alone) read word by word
        (``JudgeSettings.direction_by_words``): agreement where the adding side has fewer
        words of its own than the other, else added detail naming its words (only where the
        other side writes a word the adding side does not: :func:`_other_names_more`)."""
        if self.aligner is None or not self.settings.direction_by_words:
            return judgements
        asked = [
            i
            for i, judgement in enumerate(judgements)
            if judgement.label == "adds_detail"
            and judgement.detail is None
            and _other_names_more(judgement.adds, texts_a[i], texts_b[i])
        ]
        if not asked:
            return judgements
        directed = list(judgements)
        # the pairs the pair model reads as one fact both ways agree: no words need reading
        sure = self._surely_agree(asked, texts_a, texts_b)
        reason = "same claim: the pair model reads each side as saying what the other says"
        for i in (i for i, certain in zip(asked, sure, strict=True) if certain):
            directed[i] = replace(judgements[i], label="agree", reason=reason, adds=None)
        asked = [i for i, certain in zip(asked, sure, strict=True) if not certain]
        unmatched = self._unmatched(asked, texts_a, texts_b) if asked else []
        for i, found in zip(asked, unmatched, strict=True):
            side = judgements[i].adds
            assert side is not None  # an added detail names its side
            own, other = found.words_of(side), found.words_of("b" if side == "a" else "a")
            if own < other:
                reason = f"same claim: {side} names fewer words the other lacks than the other"
                directed[i] = replace(judgements[i], label="agree", reason=reason, adds=None)
            elif own:
                detail = found.named_by(side)
                reason = f"{side} names what the other does not: {detail}"
                directed[i] = replace(judgements[i], reason=reason, detail=detail)
        return directed

    def _relocated(
        self, judgements: list[Judgement], texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> list[Judgement]:
        """The agreements and added details whose few unmatched words hold a different place
        on each side (``JudgeSettings.place_unmatched``), made contradictions on the place."""
        most = self.settings.place_unmatched
        if self.aligner is None or most <= 0:
            return judgements
        asked = [
            i
            for i, judgement in enumerate(judgements)
            if judgement.label in ("agree", "adds_detail")
            and _new_name(texts_a[i], texts_b[i])
            and _new_name(texts_b[i], texts_a[i])
        ]
        if not asked:
            return judgements
        unmatched = self._unmatched(asked, texts_a, texts_b)
        relocated = list(judgements)
        for i, found in zip(asked, unmatched, strict=True):
            if max(found.words_a, found.words_b) > most:
                continue
            place_a = places_among(texts_a[i], found.phrases_a)
            place_b = places_among(texts_b[i], found.phrases_b)
            if not (place_a and place_b):
                continue
            reason = f"places differ: '{', '.join(place_a)}' vs '{', '.join(place_b)}'"
            relocated[i] = replace(
                judgements[i],
                label="contradicts",
                reason=reason,
                adds=None,
                detail=None,
                conflict=(place_a[0], place_b[0]),
            )
        return relocated

    def _judge_pairs(
        self,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        u: np.ndarray,
        v: np.ndarray,
        dates_a: Sequence[dt.date | None] | None,
        dates_b: Sequence[dt.date | None] | None,
    ) -> list[Judgement]:
        cosine = np.einsum("ij,ij->i", u, v)
        probabilities = self.pair_probabilities(texts_a, texts_b, cosine)
        return self.pair_decisions(probabilities, texts_a, texts_b, dates_a, dates_b)

    def pair_decisions(
        self,
        probabilities: np.ndarray,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        dates_a: Sequence[dt.date | None] | None,
        dates_b: Sequence[dt.date | None] | None,
    ) -> list[Judgement]:
        """The pair-model judge's verdicts (:func:`~corroborate.relations.pair_judge.decide`)
        from each pair's six class probabilities and its checks."""
        no_dates: list[dt.date | None] = [None] * len(texts_a)
        judgements = []
        for i, (date_a, date_b) in enumerate(
            zip(dates_a or no_dates, dates_b or no_dates, strict=True)
        ):
            top = pair_class(probabilities[i], self.pair_settings)
            findings = (
                run_checks(
                    texts_a[i],
                    texts_b[i],
                    date_a=date_a,
                    date_b=date_b,
                    same_event_known=top in ONE_FACT,
                )
                if top != UNRELATED
                else []
            )
            hedged = hedge_of(texts_a[i], texts_b[i]) if top != UNRELATED else None
            judgements.append(decide(probabilities[i], findings, hedged, self.pair_settings))
        return judgements

    def _decide(
        self,
        forward: np.ndarray,
        backward: np.ndarray,
        cosine: float,
        subject: float,
        on_subject: bool,
        hedged: tuple[Side, Hedge] | None,
        findings: list[Finding],
    ) -> Judgement:
        mean = (forward + backward) / 2
        related = float(1.0 - mean[_UNRELATED])
        kept = tuple(findings)
        if not on_subject:
            return Judgement("unrelated", 1.0 - subject, DIFFERENT_SUBJECT, None, None, None, kept)
        conflict = first_finding(findings, Effect.CONFLICT)
        if conflict is not None:
            return Judgement(
                "contradicts",
                related,
                conflict.reason,
                None,
                None,
                (conflict.span_a, conflict.span_b),
                kept,
            )
        refines = cosine >= self.settings.claim_similarity and _refines(findings)
        paraphrase = cosine >= self.settings.paraphrase_similarity
        if not (
            cosine >= self.settings.claim_similarity
            or head_is_sure(forward, backward, self.settings)
        ):
            return Judgement("unrelated", related, SAME_STORY, None, None, None, kept)
        if _contradicts_both_ways(forward, backward):
            if hedged is not None:
                return _left_open(hedged, related, kept)
            return Judgement(
                "contradicts",
                float(mean[_CONTRADICTS]),
                OPPOSITE,
                None,
                None,
                None,
                kept,
            )
        a_entails_b = forward[_ENTAILS] >= max(forward[_NEUTRAL], forward[_CONTRADICTS])
        b_entails_a = backward[_ENTAILS] >= max(backward[_NEUTRAL], backward[_CONTRADICTS])
        if not (a_entails_b or b_entails_a or paraphrase or refines):
            return Judgement("unrelated", float(mean[_NEUTRAL]), SAME_STORY, None, None, None, kept)
        if hedged is not None and hedged[1].strength in self.settings.hedges_discuss:
            return _left_open(hedged, related, kept)
        distinct = first_finding(findings, Effect.DISTINCT)
        if distinct is not None and not compares(findings, "quantity"):
            measures = f"{SAME_STORY}: {distinct.reason}"
            return Judgement("unrelated", related, measures, None, None, None, kept)
        confidence = float(max(mean[_ENTAILS], related if paraphrase or refines else 0.0))
        tied = abs(float(forward[_ENTAILS] - backward[_ENTAILS])) < self.settings.direction_margin
        if (
            paraphrase
            and tied
            and not any(f.effect in (Effect.A_ADDS, Effect.B_ADDS) for f in findings)
        ):
            # near-identical wordings, nothing found added, the head torn on which says more
            return Judgement("agree", confidence, "same claim", None, None, None, kept)
        side = self._adding_side(a_entails_b, b_entails_a, findings)
        if side is None:
            return Judgement("agree", confidence, "same claim", None, None, None, kept)
        reason, span = detail_of(findings, side)
        return Judgement(
            "adds_detail", confidence, reason or f"{side} says more", side, span, None, kept
        )

    @staticmethod
    def _adding_side(
        a_entails_b: bool, b_entails_a: bool, findings: Sequence[Finding]
    ) -> Side | None:
        """Which side states the other's claim plus more, if exactly one does: an amount or
        date only one side gives or pins down; else the one direction the head entails;
        else names only one side gives, unless the head reads each side into the other
        (then the names are another wording of the same claim)."""
        structured = structured_adds(findings)
        if structured == {Effect.B_ADDS}:
            return "b"
        if structured == {Effect.A_ADDS}:
            return "a"
        if b_entails_a and not a_entails_b:
            return "b"
        if a_entails_b and not b_entails_a:
            return "a"
        if a_entails_b and b_entails_a:
            return None
        names = {finding.effect for finding in findings if finding.check == "detail"}
        if names == {Effect.B_ADDS}:
            return "b"
        if names == {Effect.A_ADDS}:
            return "a"
        return None


JudgeCore = Literal["pair", "head", "head_alone"]
DEFAULT_CORE: JudgeCore = "head"
PAIR_CALIBRATION = "pair_judge_calibration.json"


@lru_cache(maxsize=4)
def get_judge(nli_model: str | None = None, core: JudgeCore | None = None) -> RelationJudge:
    """The judge. ``core="head"`` (the default) is the pooled-vector relation head with its
    rules and the structured checks, and the pair model (a cross-encoder reading both claims,
    shipped int8) reading the pairs the head calls agreeing or adding detail, to find those
    that state other facts of one story (``JudgeSettings.other_facts_veto``), and deciding,
    with the checks, the pairs the head finds only one story in
    (``JudgeSettings.pair_decides_story``).
    ``core="head_alone"`` is the same without the pair model (what the article stance model
    reads, as it was trained on it). ``core="pair"`` is the pair model with the checks
    deciding every pair. With ``nli_model`` (``"packaged"`` or a CrossEncoder name or path)
    the head is cascaded into that NLI cross-encoder instead, run only on pairs past the
    head's claim-similarity gate. ``$CORROBORATE_JUDGE`` (pair, head or head_alone) sets the
    default core."""
    core = core or _default_core()
    head = RelationHead.load()
    if nli_model is None and core == "pair":
        return RelationJudge(head, pair_model=load_pair_model())
    if nli_model is None:
        if core == "head_alone":
            return RelationJudge(head)
        return RelationJudge(head, veto_model=load_pair_model(), aligner=load_word_aligner())
    from corroborate.relations.cross_encoder import CascadeGate, CrossEncoderRelations

    settings = JudgeSettings()
    gate = CascadeGate(min_cosine=settings.claim_similarity)
    # the calibration was fitted on the head's scores, not the cross-encoder's
    return RelationJudge(CrossEncoderRelations(nli_model, head, gate), settings, calibrate=False)


def _packaged_calibration(pair_model: PairModel | None) -> Calibration | None:
    """The shipped calibration of the head's judge, or of the pair-model judge (None while
    that one has not been fitted)."""
    if pair_model is None:
        return Calibration.load()
    path = default_calibration_path().with_name(PAIR_CALIBRATION)
    return Calibration.load(path) if path.is_file() else None


def _default_core() -> JudgeCore:
    import os

    value = os.environ.get("CORROBORATE_JUDGE", DEFAULT_CORE)
    return value if value in ("pair", "head_alone") else "head"  # type: ignore[return-value]
