"""The labeled pair sets ``corroborate bench pairs`` knows, each with its label mapping.

A set is measured in its own label space (``classes``). Three mappings say how:

- ``gold``: the loader's relation (``corroborate.datasets``) → the set's class;
- ``judge``: the judge's verdict → the set's class. Verdict keys are the judge's four labels
  plus ``same_story``, an ``unrelated`` verdict on a pair the judge takes to be about the
  same subject ("same story, different fact"), which is what FNC-1 calls *discuss*;
- ``baseline_order``: the classes the cosine baseline can predict, from low to high cosine.

The baseline's thresholds are chosen on ``tune`` (a training split, never the reported one)
to maximise macro-F1 there; ``tune_gold`` maps that split's relations onto the classes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from corroborate.datasets import (
    LabeledPair,
    Relation,
    load_claimmatch,
    load_ecbplus,
    load_emergent,
    load_fnc1,
    load_mrpc,
    load_snli,
    load_stsb,
    load_vitaminc,
)
from corroborate.datasets.ecbplus import LAST_TRAINING_TOPIC
from corroborate.datasets.sick import load_sick
from corroborate.relations.judge import LABELS, JudgeSettings

Loader = Callable[[Path], list[LabeledPair]]
_Pair = TypeVar("_Pair")
TUNE_PAIRS = 2000
"""Tuning pairs drawn (whole groups, seeded) from a large training split: the baseline has
at most two thresholds to choose, and encoding every training sentence on two cores would
take longer than the benchmark itself."""
TUNE_SEED = 0

SUPPORTS_NLI: Mapping[str, str] = {
    "agree": "supports",
    "adds_detail": "supports",
    "adds_detail_b": "neutral",
    "contradicts": "contradicts",
    "same_story": "neutral",
    "unrelated": "neutral",
}


@dataclass(frozen=True)
class Target:
    """A goal from issue 3 for one metric of a set (higher is better)."""

    metric: str
    """``macro_f1``, ``accuracy``, ``weighted_score``, ``recall:CLASS`` or ``f1:CLASS``."""
    value: float


@dataclass(frozen=True)
class PairSetSpec:
    """How one labeled set is loaded, mapped and scored."""

    name: str
    title: str
    classes: tuple[str, ...]
    gold: Mapping[Relation, str]
    judge: Mapping[str, str]
    baseline_order: tuple[str, ...]
    load: Loader | None
    mapping: str
    """The mapping in words, printed with the results."""
    tune: Loader | None = None
    tune_name: str = ""
    tune_gold: Mapping[Relation, str] | None = None
    fixed_thresholds: tuple[float, ...] = ()
    """Thresholds used when there is no ``tune`` split (user files)."""
    body_sentences: int = 0
    """When > 0, ``claim_a`` is a long text: it is compared through its this many sentences
    closest to ``claim_b`` (as ``corroborate.training.evaluate`` does for FNC-1)."""
    targets: tuple[Target, ...] = ()
    references: tuple[str, ...] = ()
    weighted_score: bool = False
    """Report FNC-1's official weighted score (needs an ``unrelated`` class)."""
    article_stance: bool = False
    """Also score the article-level stance model (``relations.article_stance``) on the whole
    ``claim_a`` text: FNC-1 only, whose classes are that model's own labels."""
    limit_by_group: bool = True
    directional: bool = False
    """Read b adding detail to a as its own verdict key, ``adds_detail_b``: in an NLI set
    (premise a, hypothesis b) a hypothesis saying more is not entailed."""
    """``--limit`` draws whole groups (a body's headlines, a premise's hypotheses, a VitaminC
    case), which needs fewer texts encoded; False where groups are too coarse (ECB+ topics)."""

    def gold_of(self, relation: Relation, *, tuning: bool = False) -> str | None:
        """The class of a loader relation, or None when the set leaves it out."""
        mapping = self.tune_gold if tuning and self.tune_gold is not None else self.gold
        return mapping.get(relation)


def sample_groups(pairs: Sequence[LabeledPair], limit: int, seed: int) -> list[LabeledPair]:
    """Whole groups drawn at random (seeded) until ``limit`` pairs, in the original order."""
    groups = list(dict.fromkeys(pair.group for pair in pairs))
    if len(pairs) <= limit:
        return list(pairs)
    order = np.random.default_rng(seed).permutation(len(groups))
    sizes: dict[str, int] = {}
    for pair in pairs:
        sizes[pair.group] = sizes.get(pair.group, 0) + 1
    chosen: set[str] = set()
    total = 0
    for index in order:
        if total >= limit:
            break
        chosen.add(groups[index])
        total += sizes[groups[index]]
    return [pair for pair in pairs if pair.group in chosen]


VERDICTS = (*LABELS, "same_story", "adds_detail_b")
"""The judge's verdict keys (see the module docstring)."""


def _two_way(chosen: str, other: str, *verdicts: str) -> dict[str, str]:
    """Map ``verdicts`` to the class ``chosen`` and every other verdict to ``other``."""
    return {key: chosen if key in verdicts else other for key in VERDICTS}


def random_pairs(pairs: Sequence[_Pair], limit: int, seed: int) -> list[_Pair]:
    """``limit`` pairs drawn at random (seeded), in the original order."""
    if len(pairs) <= limit:
        return list(pairs)
    keep = np.sort(np.random.default_rng(seed).choice(len(pairs), limit, replace=False))
    return [pairs[i] for i in keep]


def _sampled(loader: Loader) -> Loader:
    return lambda data_dir: sample_groups(loader(data_dir), TUNE_PAIRS, TUNE_SEED)


_NLI_GOLD: Mapping[Relation, str] = {
    "entails": "supports",
    "neutral": "neutral",
    "contradicts": "contradicts",
}
_NLI_CLASSES = ("supports", "neutral", "contradicts")
_NLI_ORDER = ("contradicts", "neutral", "supports")
_NLI_WORDS = (
    "agree and a adding detail → supports; contradicts → contradicts; b adding detail and "
    "unrelated (either kind) → neutral"
)
_FNC1_GOLD: Mapping[Relation, str] = {
    "entails": "agree",
    "contradicts": "disagree",
    "neutral": "discuss",
    "unrelated": "unrelated",
}

SPECS: dict[str, PairSetSpec] = {
    spec.name: spec
    for spec in (
        PairSetSpec(
            name="fnc1",
            title="FNC-1 competition test (article body vs headline)",
            classes=("agree", "disagree", "discuss", "unrelated"),
            gold=_FNC1_GOLD,
            judge={
                "agree": "agree",
                "adds_detail": "agree",
                "contradicts": "disagree",
                "same_story": "discuss",
                "unrelated": "unrelated",
            },
            baseline_order=("unrelated", "discuss", "agree"),
            load=lambda data_dir: load_fnc1(data_dir, "competition_test"),
            mapping=(
                "gold: agree/disagree/discuss/unrelated as published; judge: agree and "
                "adds_detail → agree, contradicts → disagree, unrelated 'same story, different "
                "fact' → discuss, unrelated 'different subject' → unrelated. The body is "
                "compared through its 3 sentences closest to the headline: the verdict is that "
                "of the closest sentence taking a stance (agree/adds_detail/contradicts), else "
                "of the closest one on the same subject, else unrelated. Article model: the "
                "article-level stance model (trained on FNC-1 train only) on the whole body, "
                "its own agree/disagree/discuss/unrelated labels"
            ),
            tune=_sampled(lambda data_dir: load_fnc1(data_dir, "train")),
            tune_name=f"FNC-1 train ({TUNE_PAIRS} pairs, whole bodies)",
            body_sentences=3,
            targets=(Target("weighted_score", 85.0), Target("macro_f1", 0.65)),
            references=(
                "UCL Machine Reading (3rd, 2017): weighted 81.72",
                "Sepúlveda-Torres et al. 2021: weighted 90.73",
                "trivial (perfect related/unrelated split, always discuss): weighted 83.26",
            ),
            weighted_score=True,
            article_stance=True,
        ),
        PairSetSpec(
            name="snli",
            title="SNLI test (premise vs hypothesis, 3-way)",
            classes=_NLI_CLASSES,
            gold=_NLI_GOLD,
            judge=SUPPORTS_NLI,
            baseline_order=_NLI_ORDER,
            load=lambda data_dir: load_snli(data_dir, "test"),
            mapping=f"gold: entailment → supports, neutral, contradiction; judge: {_NLI_WORDS}",
            tune=_sampled(lambda data_dir: load_snli(data_dir, "validation")),
            tune_name=f"SNLI validation ({TUNE_PAIRS} pairs)",
            targets=(Target("accuracy", 0.80),),
            references=("cross-encoder nli-deberta-v3-small on MNLI-mismatched: 87.6 accuracy",),
            directional=True,
        ),
        PairSetSpec(
            name="sick",
            title="SICK TEST (sentence A vs sentence B, 3-way)",
            classes=_NLI_CLASSES,
            gold=_NLI_GOLD,
            judge=SUPPORTS_NLI,
            baseline_order=_NLI_ORDER,
            load=lambda data_dir: load_sick(data_dir, ("TEST",)),
            mapping=(
                f"gold: ENTAILMENT → supports, NEUTRAL, CONTRADICTION; judge: {_NLI_WORDS} "
                "(b adding detail → neutral). SICK TEST is kept out of training"
            ),
            tune=lambda data_dir: load_sick(data_dir, ("TRIAL",)),
            tune_name="SICK TRIAL",
            targets=(Target("accuracy", 0.80),),
            references=("SemEval-2014 task 1 best system: 84.6 accuracy",),
            directional=True,
        ),
        PairSetSpec(
            name="vitaminc",
            title="VitaminC real test (evidence vs claim)",
            classes=_NLI_CLASSES,
            gold=_NLI_GOLD,
            judge=SUPPORTS_NLI,
            baseline_order=_NLI_ORDER,
            load=lambda data_dir: load_vitaminc(data_dir, "vitaminc_real"),
            mapping=(
                "gold: SUPPORTS → supports, NOT ENOUGH INFO → neutral, REFUTES → contradicts; "
                f"judge: {_NLI_WORDS}"
            ),
            tune=_sampled(lambda data_dir: load_vitaminc(data_dir, "vitaminc_synthetic")),
            tune_name=f"VitaminC synthetic ({TUNE_PAIRS} pairs, whole cases)",
            targets=(Target("recall:contradicts", 0.75),),
            references=("DeBERTa trained on VitaminC + NLI: 0.88 accuracy",),
            directional=True,
        ),
        PairSetSpec(
            name="mrpc",
            title="MRPC test (paraphrase)",
            classes=("paraphrase", "not_paraphrase"),
            gold={"entails": "paraphrase", "neutral": "not_paraphrase"},
            judge=_two_way("paraphrase", "not_paraphrase", "agree", "adds_detail"),
            baseline_order=("not_paraphrase", "paraphrase"),
            load=lambda data_dir: load_mrpc(data_dir, "test"),
            mapping=(
                "gold: 1 → paraphrase, 0 → not_paraphrase; judge: agree and adds_detail → "
                "paraphrase, anything else → not_paraphrase"
            ),
            tune=lambda data_dir: load_mrpc(data_dir, "train"),
            tune_name="MRPC train",
            targets=(Target("f1:paraphrase", 0.85),),
            references=(
                "always paraphrase: acc 66.5 / F1 79.9",
                "fine-tuned BERT-base: acc 86 / F1 90.4",
            ),
        ),
        PairSetSpec(
            name="emergent",
            title="Emergent (news headline vs rumour claim)",
            classes=_NLI_CLASSES,
            gold=_NLI_GOLD,
            judge=SUPPORTS_NLI,
            baseline_order=_NLI_ORDER,
            load=load_emergent,
            mapping=f"gold: for → supports, observing → neutral, against → contradicts; judge: "
            f"{_NLI_WORDS}",
            tune=_sampled(lambda data_dir: load_fnc1(data_dir, "train")),
            tune_name=(
                f"FNC-1 train ({TUNE_PAIRS} pairs; agree/discuss/disagree as "
                "supports/neutral/contradicts, unrelated left out; Emergent has no training "
                "split and FNC-1 is derived from it)"
            ),
            tune_gold=_NLI_GOLD,
            references=("logistic regression (Ferreira & Vlachos 2016): 73% accuracy",),
        ),
        PairSetSpec(
            name="ecbplus",
            title="ECB+ topics 31+ (cross-document sentence pairs)",
            classes=("same_event", "different_event"),
            gold={"neutral": "same_event", "unrelated": "different_event"},
            judge=_two_way("different_event", "same_event", "unrelated"),
            baseline_order=("different_event", "same_event"),
            load=lambda data_dir: load_ecbplus(data_dir, range(LAST_TRAINING_TOPIC + 1, 100)),
            mapping=(
                "gold: coreferent_event → same_event, same_topic_different_event → "
                "different_event (same_subtopic_no_shared_event left out); judge: unrelated "
                "'different subject' → different_event, any other verdict → same_event"
            ),
            tune=lambda data_dir: random_pairs(
                load_ecbplus(data_dir, range(1, LAST_TRAINING_TOPIC + 1)), TUNE_PAIRS, TUNE_SEED
            ),
            tune_name=f"ECB+ topics 1-30 ({TUNE_PAIRS} pairs, random)",
            limit_by_group=False,
        ),
        PairSetSpec(
            name="claimmatch",
            title="ClaimMatch (tweet vs fact-check)",
            classes=("match", "no_match"),
            gold={"entails": "match", "unrelated": "no_match"},
            judge=_two_way("match", "no_match", "agree", "adds_detail", "contradicts"),
            baseline_order=("no_match", "match"),
            load=load_claimmatch,
            mapping=(
                "gold: 1 → match, 0 → no_match; judge: agree, adds_detail and contradicts "
                "(one fact-check resolves both) → match, unrelated (either kind) → no_match"
            ),
            tune=lambda data_dir: load_mrpc(data_dir, "train"),
            tune_name="MRPC train (paraphrase → match; ClaimMatch has no training split)",
            tune_gold={"entails": "match", "neutral": "no_match"},
        ),
        PairSetSpec(
            name="stsb",
            title="STS-B test (similarity ≥ 4 vs ≤ 1)",
            classes=("similar", "dissimilar"),
            gold={"entails": "similar", "unrelated": "dissimilar"},
            judge=_two_way("similar", "dissimilar", "agree", "adds_detail"),
            baseline_order=("dissimilar", "similar"),
            load=lambda data_dir: load_stsb(data_dir, "test"),
            mapping=(
                "gold: score ≥ 4 → similar, ≤ 1 → dissimilar, between left out; judge: agree "
                "and adds_detail → similar, anything else → dissimilar"
            ),
            tune=lambda data_dir: load_stsb(data_dir, "train"),
            tune_name="STS-B train",
            references=("Universal Sentence Encoder, no STS training: Spearman 74.9 (all scores)",),
        ),
    )
}
"""The published sets, by ``--dataset`` name."""


FILE_SPEC = PairSetSpec(
    name="file",
    title="labeled pairs file",
    classes=LABELS,
    gold={},
    judge={**{label: label for label in LABELS}, "same_story": "unrelated"},
    baseline_order=("unrelated", "agree"),
    load=None,
    mapping="labels agree, adds_detail, contradicts, unrelated as judged (adds_detail either way)",
    tune_name="none: the judge's claim_similarity, the F1-best paraphrase cosine on MRPC train",
    fixed_thresholds=(JudgeSettings().claim_similarity,),
)
"""A user's pairs file, labelled with the judge's own four labels."""
