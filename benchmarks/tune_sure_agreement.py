"""Choose when a contradiction only the head sees is one fact the pair model is sure of
(``JudgeSettings.opposite_sure_agreement``).

    python benchmarks/tune_sure_agreement.py [--data-dir ../shared/datasets] [--out table.json]

The default judge, with the step off, is run on the project's dev set, the second batch of
authored news pairs (``news2``: 16 stories the shipped pair model never read) and on the tuning
splits the pair benchmark uses for SNLI (validation), SICK (TRIAL), VitaminC (synthetic) and
MRPC (train): no reported test split is read. For every contradiction the head alone sees
(``OPPOSITE``) the pair model reads the pair and, where its P(agree) + P(adds detail) reaches
a floor, decides it with the checks; for each floor it prints, per split, the gold labels of
the pairs that decision turns into an agreement or added detail. Two wordings of one fact with
a negation each ("has no seats" / "has no seating") read to the head as opposites.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import numpy as np
from dev_tuning import LabelledTexts, dev_and_tuning_splits, splits_arguments

from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.judge import OPPOSITE, get_judge
from corroborate.relations.pair_model import ADDS_A, ADDS_B, AGREE

SPLITS = ("snli", "sick", "vitaminc", "mrpc")
FLOORS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def _opposed(split: LabelledTexts) -> list[tuple[float, str, str]]:
    """(P(one fact), the pair decision's label, gold label) for each contradiction only the
    head sees."""
    texts_a, texts_b = split.texts_a, split.texts_b
    judge = get_judge(core="head")
    judge.settings = replace(judge.settings, opposite_sure_agreement=1.01)
    assert judge.veto_model is not None
    cache = EmbeddingCache()
    verdicts = judge.judge(texts_a, texts_b, cache.encode(texts_a), cache.encode(texts_b))
    asked = [i for i, verdict in enumerate(verdicts) if verdict.reason == OPPOSITE]
    pairs_a, pairs_b = [texts_a[i] for i in asked], [texts_b[i] for i in asked]
    probabilities = judge.veto_model.predict_canonical(pairs_a, pairs_b)
    one_fact = probabilities[:, [AGREE, ADDS_A, ADDS_B]].sum(axis=1)
    decided = judge.pair_decisions(probabilities, pairs_a, pairs_b, None, None)
    return [
        (float(mass), verdict.label, split.gold[i])
        for i, mass, verdict in zip(asked, np.asarray(one_fact), decided, strict=True)
    ]


def main() -> None:
    args = splits_arguments(__doc__.split("\n\n")[0])
    splits = {name: _opposed(split) for name, split in dev_and_tuning_splits(args, SPLITS).items()}
    for name, opposed in splits.items():
        print(
            f"{name}: {len(opposed)} head contradictions, "
            f"gold {dict(Counter(gold for *_, gold in opposed))}"
        )
    table: dict[str, dict[str, dict[str, int]]] = {}
    for floor in FLOORS:
        row = {
            name: dict(
                Counter(
                    gold
                    for mass, label, gold in opposed
                    if mass >= floor and label in ("agree", "adds_detail")
                )
            )
            for name, opposed in splits.items()
        }
        table[str(floor)] = row
        print(f"P(one fact) >= {floor}, gold labels of the pairs turned: {row}")
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
