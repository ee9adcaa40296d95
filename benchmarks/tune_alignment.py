"""Choose the word-alignment rule of the default judge on the dev set (no test split is read).

    python benchmarks/tune_alignment.py [--out table.json]

The default judge's pair model reads each pair the head calls agreeing or adding detail and
vetoes it at P(other facts) ≥ ``JudgeSettings.other_facts_veto``; a pair it leaves in doubt
(P(other facts) from ``doubt_from``) is "same story, different fact" when the word coverage of
:mod:`corroborate.relations.alignment` is under ``alignment_floor``. This script judges the
dev set once with the pair-model veto alone, then prints dev macro-F1 (and how many pairs
turn) for each ``doubt_from`` and ``alignment_floor``.
"""

from __future__ import annotations

import json

import numpy as np

from corroborate.bench.metrics import macro_f1
from corroborate.relations.alignment import load_word_aligner
from corroborate.relations.judge import RelationJudge, get_judge, veto_candidates
from corroborate.relations.pair_model import RELATED, UNRELATED
from corroborate.relations.verdict import LABELS
from corroborate.training.train_pair_model import dev_tuner_arguments, read_dev_pairs

DOUBT_FROM = (0.0, 0.1, 0.15, 0.2, 0.25)
FLOORS = (0.5, 0.55, 0.58, 0.6, 0.62, 0.65)


def main() -> None:
    args = dev_tuner_arguments(__doc__.split("\n\n")[0])
    dev = read_dev_pairs(args.dev_set)
    texts_a, texts_b, gold = dev.texts_a, dev.texts_b, dev.gold
    u, v = dev.vectors()
    default = get_judge()
    judge = RelationJudge(default.head, default.settings, veto_model=default.veto_model)
    verdicts = judge.judge(texts_a, texts_b, u, v)
    labels = np.array([LABELS.index(verdict.label) for verdict in verdicts])
    cosine = np.einsum("ij,ij->i", u, v)
    candidates = veto_candidates(verdicts, texts_a, texts_b, cosine, judge.settings)
    asked = [i for i in candidates if labels[i] != 3]
    assert judge.veto_model is not None
    probabilities = judge.veto_model.predict_canonical(
        [texts_a[i] for i in asked], [texts_b[i] for i in asked]
    )
    other = probabilities[:, RELATED] + probabilities[:, UNRELATED]
    coverage = load_word_aligner().coverage(
        [texts_a[i] for i in asked], [texts_b[i] for i in asked]
    )
    table: dict[str, dict[str, list[float]]] = {"none": {"-": [macro_f1(gold, labels), 0]}}
    print(f"pair-model veto alone: {table['none']['-'][0]:.4f} ({len(asked)} agreeing pairs)")
    for start in DOUBT_FROM:
        row = {}
        for floor in FLOORS:
            turned = [
                i
                for i, o, c in zip(asked, other, coverage, strict=True)
                if o >= start and c < floor
            ]
            found = labels.copy()
            found[turned] = 3
            row[f"{floor:g}"] = [macro_f1(gold, found), len(turned)]
        table[f"{start:g}"] = row
        print(
            f"doubt from {start:g}: " + "  ".join(f"{k} {f:.4f} ({n})" for k, (f, n) in row.items())
        )
    settings = default.settings
    print(f"default: doubt from {settings.doubt_from:g}, floor {settings.alignment_floor:g}")
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
