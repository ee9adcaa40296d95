"""Choose when a contradiction only the head sees is two facts of one story
(``JudgeSettings.opposite_unmatched``, ``opposite_coverage``, ``opposite_contradiction``).

    python benchmarks/tune_opposite.py [--data-dir ../shared/datasets] [--out table.json]

The default judge, with the step off, is run on the project's dev set, the second batch of
authored news pairs (``news2``: 16 stories the shipped pair model never read) and on the tuning
splits the pair benchmark itself uses for SNLI (validation), SICK (TRIAL) and VitaminC
(synthetic): no reported test split is read. For every pair of single sentences the head alone
calls contradicting (``OPPOSITE``), the aligner counts each side's words not found in the other and
the pair's coverage, and the pair model reads it; for each choice of the three values it
prints, per split, how many such pairs would become "same story, different fact" and how many
of those are gold contradictions (turned wrongly). The dev set's news pairs gain; SNLI's two
scenes and VitaminC's two versions of a fact, contradicting with few shared words, lose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import numpy as np
from dev_tuning import LabelledTexts, dev_and_tuning_splits, splits_arguments

from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.alignment import Unmatched
from corroborate.relations.judge import OPPOSITE, get_judge, one_sentence_each
from corroborate.relations.pair_model import CONTRADICTS

SPLITS = ("snli", "sick", "vitaminc")
WORDS = (1, 2, 3, 4, 5)
COVERAGES = (0.0, 0.4, 0.45, 0.5)
CONTRADICTIONS = (0.3, 0.5, 1.01)


@dataclass(frozen=True)
class Opposed:
    """A split's pairs the head alone calls contradicting, read word by word and together."""

    gold_contradicts: np.ndarray
    unmatched: list[Unmatched]
    coverage: np.ndarray
    contradiction: np.ndarray

    def turned(self, words: int, coverage: float, contradiction: float) -> np.ndarray:
        """Which of the pairs the step makes "same story, different fact"."""
        return np.array(
            [
                found.fewer_words() >= words
                and self.coverage[k] >= coverage
                and self.contradiction[k] < contradiction
                for k, found in enumerate(self.unmatched)
            ],
            dtype=bool,
        )


def _opposed(split: LabelledTexts) -> Opposed:
    texts_a, texts_b = split.texts_a, split.texts_b
    gold = np.array([label == "contradicts" for label in split.gold])
    judge = get_judge(core="head")
    judge.settings = replace(judge.settings, opposite_unmatched=0)
    assert judge.aligner is not None and judge.veto_model is not None
    cache = EmbeddingCache()
    verdicts = judge.judge(texts_a, texts_b, cache.encode(texts_a), cache.encode(texts_b))
    asked = [
        i
        for i, verdict in enumerate(verdicts)
        if verdict.reason == OPPOSITE and one_sentence_each(texts_a[i], texts_b[i])
    ]
    pairs_a, pairs_b = [texts_a[i] for i in asked], [texts_b[i] for i in asked]
    return Opposed(
        gold[asked],
        judge.aligner.unmatched(pairs_a, pairs_b, judge.settings.unmatched_similarity),
        judge.aligner.coverage(pairs_a, pairs_b),
        judge.veto_model.predict_canonical(pairs_a, pairs_b)[:, CONTRADICTS],
    )


def main() -> None:
    args = splits_arguments(__doc__.split("\n\n")[0])
    splits = {name: _opposed(split) for name, split in dev_and_tuning_splits(args, SPLITS).items()}
    for name, opposed in splits.items():
        print(f"{name}: {len(opposed.unmatched)} head contradictions, ", end="")
        print(f"{int(opposed.gold_contradicts.sum())} of them gold contradictions")
    table: dict[str, dict[str, list[int]]] = {}
    for words in WORDS:
        for coverage in COVERAGES:
            for contradiction in CONTRADICTIONS:
                key = f"{words}/{coverage}/{contradiction}"
                row = {}
                for name, opposed in splits.items():
                    turned = opposed.turned(words, coverage, contradiction)
                    wrongly = int((turned & opposed.gold_contradicts).sum())
                    row[name] = [int(turned.sum()) - wrongly, wrongly]
                table[key] = row
                cells = "  ".join(
                    f"{name} +{right}/-{wrong}" for name, (right, wrong) in row.items()
                )
                print(f"words {words} coverage {coverage:.2f} ", end="")
                print(f"P(contradicts) < {contradiction}: {cells}")
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
