"""Assemble the training pairs from the public sets the relation model may learn from.

Only training splits are read: SNLI validation, MRPC train, STS-B train, RTE train (plus the
BECEL RTE negation probes), VitaminC synthetic, FNC-1 train and ECB+ topics 1-30. Extra pairs
are derived from them: rule-negated hypotheses (contradicts) and shuffled pairs, a premise of
one source with the hypothesis of another pair (unrelated). Reporting sets are never touched.
"""

from __future__ import annotations

import random
from pathlib import Path

from corroborate.bench.body_sentences import closest_sentence_pairs
from corroborate.datasets import (
    LabeledPair,
    load_ecbplus,
    load_fnc1,
    load_mrpc,
    load_negation_probes,
    load_rte,
    load_snli,
    load_stsb,
    load_vitaminc,
)
from corroborate.datasets.ecbplus import LAST_TRAINING_TOPIC
from corroborate.embedders.cache import EmbeddingCache
from corroborate.training.negation import negate

FNC1_UNRELATED_KEPT = 8000
ECBPLUS_KEPT = 8000
SHUFFLED_PAIRS = 6000


def training_pairs(
    data_dir: Path, cache: EmbeddingCache, seed: int
) -> dict[str, list[LabeledPair]]:
    """Training pairs by source name, in a fixed order for a given ``seed``."""
    rng = random.Random(seed)
    snli = load_snli(data_dir, "validation")
    mrpc = load_mrpc(data_dir, "train")
    fnc1 = [group[0] for group in closest_sentence_pairs(load_fnc1(data_dir, "train"), cache, 1)]
    fnc1_unrelated = [p for p in fnc1 if p.label == "unrelated"]
    ecbplus = load_ecbplus(data_dir, range(1, LAST_TRAINING_TOPIC + 1))
    sources = {
        "snli": snli,
        "mrpc": mrpc,
        "stsb": load_stsb(data_dir, "train"),
        "rte": load_rte(data_dir, "train") + load_negation_probes(data_dir, "rte"),
        "vitaminc": load_vitaminc(data_dir, "vitaminc_synthetic"),
        "fnc1": [p for p in fnc1 if p.label != "unrelated"]
        + rng.sample(fnc1_unrelated, min(FNC1_UNRELATED_KEPT, len(fnc1_unrelated))),
        "ecbplus": rng.sample(ecbplus, min(ECBPLUS_KEPT, len(ecbplus))),
        "negated": _negated(snli) + _negated(mrpc),
    }
    pool = [pair for pairs in sources.values() for pair in pairs]
    return sources | {"shuffled": _shuffled(pool, SHUFFLED_PAIRS, rng)}


def _negated(pairs: list[LabeledPair]) -> list[LabeledPair]:
    """Contradictions made by negating the hypothesis of each entailed pair."""
    negated = []
    for pair in pairs:
        if pair.label == "entails" and (hypothesis := negate(pair.text_b)) is not None:
            negated.append(LabeledPair(pair.text_a, hypothesis, "contradicts", True, pair.group))
    return negated


def _shuffled(pairs: list[LabeledPair], count: int, rng: random.Random) -> list[LabeledPair]:
    """Unrelated pairs: the premise of one random pair with the hypothesis of another."""
    shuffled: list[LabeledPair] = []
    while len(shuffled) < count:
        first, second = rng.sample(pairs, 2)
        if first.group != second.group:
            shuffled.append(
                LabeledPair(first.text_a, second.text_b, "unrelated", True, first.group)
            )
    return shuffled
