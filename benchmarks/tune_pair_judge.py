"""Choose the pair-model judge's settings on the dev set, and measure what each check earns.

    python benchmarks/tune_pair_judge.py [--dev-set benchmarks/devset/news_pairs.csv]

The pair model runs once on the dev set; the checks run once per pair; then every setting of
the grid (contradiction weight, agree share) is scored with all checks on, and each check is
switched off in turn at the chosen setting. Prints dev macro-F1 per row (the dev set is the
project's own, for selection; never a reported test split).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from typing import Any

import numpy as np

from corroborate.bench.metrics import macro_f1
from corroborate.checks import run_checks
from corroborate.relations.pair_judge import PairSettings, decide
from corroborate.relations.pair_model import load_pair_model
from corroborate.relations.verdict import LABELS, hedge_of
from corroborate.training.train_pair_model import dev_tuner_arguments, read_dev_pairs

WEIGHTS = (0.6, 0.8, 1.0, 1.2, 1.5)
SHARES = (0.3, 0.4, 0.5, 0.6)
SWITCHES = ("check_conflicts", "check_details", "distinct_facts", "hedges")


def switched_off(settings: PairSettings, switch: str) -> PairSettings:
    """``settings`` with the boolean ``switch`` turned off."""
    off: dict[str, Any] = {switch: False}
    return replace(settings, **off)


def main() -> None:
    args = dev_tuner_arguments(__doc__.split("\n\n")[0])
    dev = read_dev_pairs(args.dev_set)
    texts_a, texts_b, gold = dev.texts_a, dev.texts_b, dev.gold
    probabilities = load_pair_model().predict(texts_a, texts_b)
    findings = [
        run_checks(a, b, same_event_known=True) for a, b in zip(texts_a, texts_b, strict=True)
    ]
    hedges = [hedge_of(a, b) for a, b in zip(texts_a, texts_b, strict=True)]

    def score(settings: PairSettings) -> float:
        labels = [
            LABELS.index(decide(p, f, h, settings).label)
            for p, f, h in zip(probabilities, findings, hedges, strict=True)
        ]
        return macro_f1(gold, np.array(labels))

    rows = []
    for weight, share in itertools.product(WEIGHTS, SHARES):
        settings = PairSettings(contradiction_weight=weight, agree_share=share)
        rows.append(
            {"contradiction_weight": weight, "agree_share": share, "macro_f1": score(settings)}
        )
    best = max(rows, key=lambda row: row["macro_f1"])
    chosen = PairSettings(
        contradiction_weight=best["contradiction_weight"], agree_share=best["agree_share"]
    )
    ablation = {"all checks": score(chosen)}
    for switch in SWITCHES:
        ablation[f"without {switch}"] = score(switched_off(chosen, switch))
    none = chosen
    for switch in SWITCHES:
        none = switched_off(none, switch)
    ablation["no checks at all"] = score(none)
    for row in rows:
        print(
            f"weight {row['contradiction_weight']:.1f} share {row['agree_share']:.1f}: "
            f"{row['macro_f1']:.4f}"
        )
    print(f"chosen: {best}")
    for name, value in ablation.items():
        print(f"{name:28s} {value:.4f}")
    if args.out:
        args.out.write_text(
            json.dumps({"grid": rows, "chosen": best, "ablation": ablation}, indent=2)
        )


if __name__ == "__main__":
    main()
