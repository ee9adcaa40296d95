"""Measure the packaged cross-encoder and the cascade on the reporting sets, in one run.

    python -m corroborate.training.evaluate_cross_encoder --data-dir ../shared/datasets \\
        --json .cache/cross-encoder-eval.json

Systems, side by side on the same pairs: the head alone; the cross-encoder alone (3-way, int8,
or fp32 with ``--fp32``); the cascade with every pair the head does not rule unrelated sent on
("cascade, related"), and with the judge's claim-similarity gate too ("cascade, judge").
FNC-1 and VitaminC real are sampled (fixed seed) to fit a CPU budget; the sample sizes are in
the output. Speeds: ordered pairs/s on the same SNLI test pairs, vectors given, measured
back to back. Label conventions are those of :mod:`corroborate.training.evaluate`.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from corroborate.bench.metrics import accuracy, f1
from corroborate.datasets import (
    DEFAULT_DATA_DIR,
    RELATIONS,
    LabeledPair,
    load_fnc1,
    load_mrpc,
    load_snli,
    load_vitaminc,
)
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.cross_encoder import CascadeGate, CrossEncoderRelations, NLIScorer
from corroborate.relations.mlp import RelationHead
from corroborate.relations.packaged_nli import NLI_LABELS, PackagedNLI, default_artifact_dir
from corroborate.training.evaluate import Evaluator, three_way_scores

if TYPE_CHECKING:
    from corroborate.relations.model import RelationModel

_NLI_TO_RELATION = np.array(
    [RELATIONS.index(n) for n in ("entails", "neutral", "contradicts")], dtype=np.int64
)
_ENTAILS = RELATIONS.index("entails")
RELATED_GATE = CascadeGate(min_cosine=None, max_unrelated=0.8)
JUDGE_GATE = CascadeGate(min_cosine=0.63, max_unrelated=0.8)


class MemoNLI:
    """Remembers the scores of pairs already seen, so several cascades share the work."""

    labels: tuple[str, ...] = NLI_LABELS

    def __init__(self, scorer: NLIScorer) -> None:
        self.scorer = scorer
        self._memo: dict[tuple[str, str], np.ndarray] = {}

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Scores in the order of :data:`NLI_LABELS`."""
        missing = list(dict.fromkeys(p for p in pairs if p not in self._memo))
        if missing:
            for pair, row in zip(missing, self.scorer.predict(missing), strict=True):
                self._memo[pair] = row
        return np.stack([self._memo[p] for p in pairs]) if pairs else np.zeros((0, 3))


def nli_three_way(scorer: NLIScorer, pairs: Sequence[LabeledPair]) -> dict[str, float]:
    """Accuracy, macro-F1 and contradiction (REFUTES) recall of the cross-encoder alone."""
    predicted = _NLI_TO_RELATION[scorer.predict([(p.text_a, p.text_b) for p in pairs]).argmax(1)]
    gold = np.array([RELATIONS.index(p.label) for p in pairs])
    gold[gold == RELATIONS.index("unrelated")] = RELATIONS.index("neutral")
    return three_way_scores(gold, predicted)


def nli_paraphrase(scorer: NLIScorer, pairs: Sequence[LabeledPair]) -> dict[str, float]:
    """MRPC with the cross-encoder alone: a paraphrase entails both ways."""
    forward = scorer.predict([(p.text_a, p.text_b) for p in pairs]).argmax(1)
    backward = scorer.predict([(p.text_b, p.text_a) for p in pairs]).argmax(1)
    entails = NLI_LABELS.index("entailment")
    predicted = ((forward == entails) & (backward == entails)).astype(np.int64)
    gold = np.array([p.label == "entails" for p in pairs], dtype=np.int64)
    return {"accuracy": accuracy(gold, predicted), "f1": f1(gold, predicted, 1)}


def speeds(
    head: RelationHead,
    scorers: dict[str, NLIScorer],
    cache: EmbeddingCache,
    pairs: Sequence[LabeledPair],
) -> dict[str, float]:
    """Ordered pairs/s (vectors given) of the head, each scorer alone and each as a cascade
    behind the judge's gate, measured back to back on the same pairs."""
    a, b = [p.text_a for p in pairs], [p.text_b for p in pairs]
    u, v = cache.encode(a), cache.encode(b)
    pairs_ab = list(zip(a, b, strict=True))
    runs: dict[str, Callable[[], object]] = {"head": partial(head.predict_proba, u, v, a, b)}
    for name, scorer in scorers.items():
        runs[f"cross_encoder_{name}"] = partial(scorer.predict, pairs_ab)
        cascade = CrossEncoderRelations(scorer, head, JUDGE_GATE)
        runs[f"cascade_{name}"] = partial(cascade.predict_proba, u, v, a, b)
    result: dict[str, float] = {}
    for name, run in runs.items():
        started = time.perf_counter()
        run()
        result[name] = len(pairs) / (time.perf_counter() - started)
    gated = JUDGE_GATE.selects(
        np.einsum("ij,ij->i", u, v), head.predict_proba(u, v, a, b)[:, RELATIONS.index("unrelated")]
    )
    result["share_sent_by_judge_gate"] = float(gated.mean())
    return result


def _int8_against_fp32(
    head: RelationHead,
    int8: PackagedNLI,
    cache: EmbeddingCache,
    artifact: Path,
    sample: Sequence[LabeledPair],
) -> dict[str, Any]:
    """Accuracy of the fp32 and int8 forms on the same pairs, then the speeds."""
    fp32 = PackagedNLI(artifact, quantize=False)
    results: dict[str, Any] = {
        "fp32_vs_int8_snli_sample": {
            "pairs": len(sample),
            "fp32": nli_three_way(fp32, sample),
            "int8": nli_three_way(int8, sample),
        },
        "pairs_per_second": speeds(head, {"int8": int8, "fp32": fp32}, cache, sample),
    }
    print(f"int8 against fp32: {json.dumps(results)}", flush=True)
    return results


def _sample(pairs: list[LabeledPair], size: int, seed: int) -> list[LabeledPair]:
    return pairs if size <= 0 or size >= len(pairs) else random.Random(seed).sample(pairs, size)


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    """Every metric of the head, the cross-encoder and the cascades (see the module doc)."""
    import torch

    torch.set_num_threads(args.threads)
    head = RelationHead.load()
    cache = EmbeddingCache(args.cache_dir)
    int8 = PackagedNLI(args.artifact, quantize=True)
    memo = MemoNLI(PackagedNLI(args.artifact, quantize=False) if args.fp32 else int8)
    systems: dict[str, RelationModel] = {
        "head": head,
        "cascade_related": CrossEncoderRelations(memo, head, RELATED_GATE),
        "cascade_judge": CrossEncoderRelations(memo, head, JUDGE_GATE),
    }
    runs = {name: Evaluator(cast(RelationHead, model), cache) for name, model in systems.items()}
    data = args.data_dir
    snli = _sample(load_snli(data, "test"), args.snli_pairs, args.seed)
    vitaminc = _sample(load_vitaminc(data, "vitaminc_real"), args.vitaminc_pairs, args.seed)
    mrpc = _sample(load_mrpc(data, "test"), args.mrpc_pairs, args.seed)
    fnc1 = _sample(load_fnc1(data, "competition_test"), args.fnc1_stances, args.seed)
    results: dict[str, Any] = {
        "sizes": {"snli": len(snli), "vitaminc": len(vitaminc), "mrpc": len(mrpc)}
        | {"fnc1_stances": len(fnc1)},
        "threads": args.threads,
        "form": "fp32" if args.fp32 else "int8",
    }
    suites: dict[str, Callable[[], dict[str, Any]]] = {
        "snli_test": lambda: (
            {"cross_encoder": nli_three_way(memo, snli)}
            | {name: run.three_way(snli) for name, run in runs.items()}
        ),
        "mrpc_test": lambda: (
            {"cross_encoder": nli_paraphrase(memo, mrpc)}
            | {name: run.paraphrase(mrpc) for name, run in runs.items()}
        ),
        "vitaminc_real_test": lambda: (
            {"cross_encoder": nli_three_way(memo, vitaminc)}
            | {name: run.three_way(vitaminc) for name, run in runs.items()}
        ),
        "fnc1_competition_test": lambda: {name: run.stance(fnc1) for name, run in runs.items()},
    }
    for name in args.suites:
        started = time.perf_counter()
        results[name] = suites[name]()
        results[name]["seconds"] = round(time.perf_counter() - started)
        print(f"{name}: {json.dumps(results[name])}", flush=True)
    if args.speed_pairs > 0:
        results |= _int8_against_fp32(head, int8, cache, args.artifact, snli[: args.speed_pairs])
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/embeddings-ce"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--snli-pairs", type=int, default=0, help="0: the whole test set")
    parser.add_argument("--artifact", type=Path, default=default_artifact_dir())
    parser.add_argument("--fp32", action="store_true", help="measure fp32, not int8")
    parser.add_argument("--mrpc-pairs", type=int, default=0, help="0: the whole test set")
    parser.add_argument("--vitaminc-pairs", type=int, default=3000)
    parser.add_argument("--fnc1-stances", type=int, default=2000)
    parser.add_argument("--speed-pairs", type=int, default=500, help="0: no speed run")
    parser.add_argument(
        "--suites",
        nargs="+",
        default=["snli_test", "mrpc_test", "vitaminc_real_test", "fnc1_competition_test"],
    )
    parser.add_argument("--json", type=Path, help="also write the metrics to this file")
    args = parser.parse_args(argv)
    results = evaluate(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
