"""Choose the pair model (among training checkpoints) and its veto threshold on the dev set.

    python benchmarks/tune_pair_veto.py --checkpoints /work/pm_run/ckpt [--model X.onnx ...]

The default judge is the relation head with its rules and checks, and the pair model reading
every pair the head calls agreeing or adding detail
(:func:`corroborate.relations.judge.veto_candidates`): where P(related) + P(unrelated), read
once in the canonical order (:func:`corroborate.relations.pair_model.read_canonical`),
reaches ``JudgeSettings.other_facts_veto`` the pair is "same story, different fact"
(:meth:`corroborate.relations.judge.RelationJudge._vetoed`). This script judges the dev set
once with the head alone, runs each candidate model (an ONNX file, or a saved torch
checkpoint of ``train_pair_model --keep-checkpoints``) on the pairs it would read, and prints
dev macro-F1 for each threshold. The dev set is the project's own, for selection;
no reported test split is read.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from corroborate.bench.metrics import macro_f1
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.judge import get_judge, veto_candidates
from corroborate.relations.pair_model import RELATED, UNRELATED, PairModel, read_canonical
from corroborate.relations.verdict import LABELS
from corroborate.training.train_pair_model import DEV_SET, read_dev_pairs

THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 1.01)
"""1.01: no veto (the head alone)."""

Predict = Callable[[Sequence[str], Sequence[str]], np.ndarray]


def torch_predictor(directory: Path) -> Predict:
    """Six probabilities from a saved fp32 checkpoint (the trainer's own batching)."""
    from transformers import BertForSequenceClassification

    from corroborate.relations.packaged_nli import load_tokenizer
    from corroborate.training.train_pair_model import probabilities

    model = BertForSequenceClassification.from_pretrained(str(directory)).eval()
    tokenizer = load_tokenizer()

    def predict(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
        return probabilities(model, tokenizer, list(zip(texts_a, texts_b, strict=True)))

    return predict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument("--checkpoints", type=Path, help="A folder of step-N checkpoints.")
    parser.add_argument("--model", type=Path, action="append", default=[], help="ONNX model.")
    parser.add_argument("--out", type=Path, help="Write the table as JSON here.")
    args = parser.parse_args()
    dev = read_dev_pairs(args.dev_set)
    texts_a, texts_b, gold = dev.texts_a, dev.texts_b, dev.gold
    cache = EmbeddingCache()
    u, v = cache.encode(texts_a), cache.encode(texts_b)
    head_judge = get_judge(core="head_alone")
    verdicts = head_judge.judge(texts_a, texts_b, u, v)
    head = np.array([LABELS.index(verdict.label) for verdict in verdicts])
    cosine = np.einsum("ij,ij->i", u, v)
    asked = veto_candidates(verdicts, texts_a, texts_b, cosine, head_judge.settings)
    candidates: dict[str, Predict] = {
        str(path): PairModel(path).predict_each for path in args.model
    }
    if args.checkpoints:
        steps = sorted(args.checkpoints.glob("step-*"), key=lambda p: int(p.name.split("-")[1]))
        candidates |= {str(path): torch_predictor(path) for path in steps}
    table: dict[str, dict[str, float]] = {}
    for name, predict in candidates.items():
        probabilities = read_canonical(
            predict, [texts_a[i] for i in asked], [texts_b[i] for i in asked]
        )
        other = probabilities[:, RELATED] + probabilities[:, UNRELATED]
        row = {}
        for threshold in THRESHOLDS:
            labels = head.copy()
            labels[[i for i, mass in zip(asked, other, strict=True) if mass >= threshold]] = 3
            row[f"{threshold:g}"] = macro_f1(gold, labels)
        table[name] = row
        best = max(row, key=lambda key: row[key])
        print(f"{name}: best {best} -> {row[best]:.4f}; " + json.dumps(row), flush=True)
    if args.out:
        args.out.write_text(json.dumps({"asked": len(asked), "table": table}, indent=2) + "\n")


if __name__ == "__main__":
    main()
