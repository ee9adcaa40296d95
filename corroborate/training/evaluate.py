"""Measure a relation head on the reporting sets (never used for training or tuning).

    python -m corroborate.training.evaluate --data-dir ../shared/datasets

Label conventions: a 3-way set without an "unrelated" class counts an ``unrelated``
prediction as ``neutral``; MRPC counts a pair as a paraphrase when ``entails`` is the head's
top label in both directions; FNC-1 averages the head over the body's three sentences closest
to the headline; ECB+ counts a pair as related when P(unrelated), averaged over both
directions, is below one half.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from corroborate.bench.body_sentences import closest_sentence_pairs
from corroborate.bench.metrics import accuracy, f1, fnc1_weighted_score, macro_f1, recall
from corroborate.datasets import (
    DEFAULT_DATA_DIR,
    RELATIONS,
    LabeledPair,
    load_ecbplus,
    load_emergent,
    load_fnc1,
    load_mrpc,
    load_negation_probes,
    load_snli,
    load_vitaminc,
)
from corroborate.datasets.ecbplus import LAST_TRAINING_TOPIC
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.relations.mlp import RelationHead, default_artifact_path

_ENTAILS = RELATIONS.index("entails")
_NEUTRAL = RELATIONS.index("neutral")
_UNRELATED = RELATIONS.index("unrelated")
_CONTRADICTS = RELATIONS.index("contradicts")
FNC1_SENTENCES = 3


class Evaluator:
    """Runs one head over pairs, with vectors from the embedding cache."""

    def __init__(self, head: RelationHead, cache: EmbeddingCache) -> None:
        self.head = head
        self.cache = cache

    def proba(self, pairs: Sequence[LabeledPair], *, swapped: bool = False) -> np.ndarray:
        a = [p.text_b if swapped else p.text_a for p in pairs]
        b = [p.text_a if swapped else p.text_b for p in pairs]
        u = self.cache.encode(a, show_progress=True)
        v = self.cache.encode(b, show_progress=True)
        return self.head.predict_proba(u, v, a, b)

    def three_way(self, pairs: Sequence[LabeledPair]) -> dict[str, float]:
        """Accuracy, macro-F1 and contradiction recall, ``unrelated`` counted as neutral."""
        predicted = self.proba(pairs).argmax(axis=1)
        predicted[predicted == _UNRELATED] = _NEUTRAL
        return three_way_scores(_gold(pairs), predicted)

    def paraphrase(self, pairs: Sequence[LabeledPair]) -> dict[str, float]:
        """MRPC: a paraphrase is a pair the head says entails in both directions."""
        forward = self.proba(pairs).argmax(axis=1)
        backward = self.proba(pairs, swapped=True).argmax(axis=1)
        predicted = ((forward == _ENTAILS) & (backward == _ENTAILS)).astype(np.int64)
        gold = np.array([p.label == "entails" for p in pairs], dtype=np.int64)
        return {"accuracy": accuracy(gold, predicted), "f1": f1(gold, predicted, 1)}

    def relatedness(self, pairs: Sequence[LabeledPair]) -> dict[str, float]:
        """ECB+: related (mean P(unrelated) both ways below one half) against unrelated."""
        unrelated = (self.proba(pairs) + self.proba(pairs, swapped=True))[:, _UNRELATED] / 2
        predicted = (unrelated < 0.5).astype(np.int64)
        gold = np.array([p.label != "unrelated" for p in pairs], dtype=np.int64)
        return {"accuracy": accuracy(gold, predicted), "related_f1": f1(gold, predicted, 1)}

    def stance(self, pairs: Sequence[LabeledPair]) -> dict[str, float]:
        """FNC-1 official weighted score (as a percentage), accuracy and macro-F1."""
        groups = closest_sentence_pairs(pairs, self.cache, FNC1_SENTENCES)
        flat = [pair for group in groups for pair in group]
        proba = self.proba(flat)
        starts = np.cumsum([0] + [len(group) for group in groups])
        predicted = np.array(
            [proba[s:e].mean(axis=0).argmax() for s, e in itertools.pairwise(starts)]
        )
        gold = _gold(pairs)
        return {
            "weighted_score": fnc1_score(gold, predicted),
            "accuracy": accuracy(gold, predicted),
            "macro_f1": macro_f1(gold, predicted),
        }

    def contradiction_recall(self, pairs: Sequence[LabeledPair]) -> dict[str, float]:
        """Share of (all-contradiction) probe pairs predicted ``contradicts``."""
        predicted = self.proba(pairs).argmax(axis=1)
        return {"contradicts_recall": float(np.mean(predicted == _CONTRADICTS))}


def three_way_scores(gold: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Accuracy, macro-F1 and contradiction recall of codes in the order of ``RELATIONS``."""
    return {
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted),
        "contradicts_recall": recall(gold, predicted, _CONTRADICTS),
    }


def fnc1_score(gold: np.ndarray, predicted: np.ndarray) -> float:
    """FNC-1 weighted score (percent) of codes in the order of ``RELATIONS``."""
    return fnc1_weighted_score(gold, predicted, _UNRELATED)


def throughput(head: RelationHead, cache: EmbeddingCache, pairs: Sequence[LabeledPair]) -> float:
    """Ordered pairs per second of ``predict_proba`` given the vectors (features included)."""
    a, b = [p.text_a for p in pairs], [p.text_b for p in pairs]
    u, v = cache.encode(a), cache.encode(b)
    started = time.perf_counter()
    head.predict_proba(u, v, a, b)
    return len(pairs) / (time.perf_counter() - started)


def _gold(pairs: Sequence[LabeledPair]) -> np.ndarray:
    return np.array([RELATIONS.index(p.label) for p in pairs], dtype=np.int64)


def evaluate(head: RelationHead, cache: EmbeddingCache, data_dir: Path) -> dict[str, object]:
    """All reporting metrics of ``head``."""
    run = Evaluator(head, cache)
    suites: dict[str, Callable[[], dict[str, float]]] = {
        "snli_test": lambda: run.three_way(load_snli(data_dir, "test")),
        "mrpc_test": lambda: run.paraphrase(load_mrpc(data_dir, "test")),
        "vitaminc_real_test": lambda: run.three_way(load_vitaminc(data_dir, "vitaminc_real")),
        "fnc1_competition_test": lambda: run.stance(load_fnc1(data_dir, "competition_test")),
        "emergent": lambda: run.three_way(load_emergent(data_dir)),
        "ecbplus_topics_31_up": lambda: run.relatedness(
            load_ecbplus(data_dir, range(LAST_TRAINING_TOPIC + 1, 100))
        ),
        "negation_probes_snli_mrpc": lambda: run.contradiction_recall(
            load_negation_probes(data_dir, "snli") + load_negation_probes(data_dir, "mrpc")
        ),
    }
    results: dict[str, object] = {}
    for name, suite in suites.items():
        results[name] = suite()
        print(f"{name}: {json.dumps(results[name])}", flush=True)
    results["pairs_per_second"] = throughput(head, cache, load_snli(data_dir, "test"))
    print(f"pairs per second: {results['pairs_per_second']:.0f}")
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--artifact", type=Path, default=default_artifact_path())
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--json", type=Path, help="also write the metrics to this file")
    args = parser.parse_args(argv)
    results = evaluate(
        RelationHead.load(args.artifact), EmbeddingCache(args.cache_dir), args.data_dir
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
