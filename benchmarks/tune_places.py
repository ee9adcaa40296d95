"""Choose when two wordings of one fact that put it in different places contradict
(``JudgeSettings.place_unmatched``).

    python benchmarks/tune_places.py [--data-dir ../shared/datasets] [--out table.json]

The default judge, with the step off, is run on the project's dev set and on the tuning
splits the pair benchmark uses for MRPC (train), SNLI (validation), VitaminC (synthetic) and
ECB+ (topics 1-30): no reported test split is read. For every agreement or added detail, the
aligner names each side's words not found in the other; for each word limit it prints, per
split, the gold labels of the pairs in which neither side has more such words than the limit
and each side's hold a place (:func:`corroborate.checks.places.places_among`): the pairs the
step would turn into contradictions. On MRPC a turned paraphrase is a loss; on ECB+ a
contradiction counts as one event, as an agreement does, so nothing moves there.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from corroborate.bench.pairs import from_labeled
from corroborate.bench.pairs_sets import SPECS
from corroborate.checks.places import places_among
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.judge import get_judge
from corroborate.training.train_pair_model import DEV_SET

SPLITS = ("mrpc", "snli", "vitaminc", "ecbplus")
LIMITS = (2, 3, 4, 5, 6)


def _dev_pairs(path: Path) -> tuple[list[str], list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return (
        [row["claim_a"] for row in rows],
        [row["claim_b"] for row in rows],
        [row["label"] for row in rows],
    )


def _tuning_pairs(name: str, data_dir: Path) -> tuple[list[str], list[str], list[str]]:
    spec = SPECS[name]
    assert spec.tune is not None
    pairs = from_labeled(spec.tune(data_dir), spec, tuning=True)
    return [p.claim_a for p in pairs], [p.claim_b for p in pairs], [p.label for p in pairs]


def _placed(texts_a: list[str], texts_b: list[str], gold: list[str]) -> list[tuple[int, str]]:
    """(largest unmatched word count of the pair, gold label) for each agreement or added
    detail whose unmatched words hold a place on both sides."""
    judge = get_judge(core="head")
    judge.settings = replace(judge.settings, place_unmatched=0)
    assert judge.aligner is not None
    cache = EmbeddingCache()
    verdicts = judge.judge(texts_a, texts_b, cache.encode(texts_a), cache.encode(texts_b))
    asked = [i for i, verdict in enumerate(verdicts) if verdict.label in ("agree", "adds_detail")]
    found = judge.aligner.unmatched(
        [texts_a[i] for i in asked],
        [texts_b[i] for i in asked],
        judge.settings.unmatched_similarity,
    )
    return [
        (max(one.words_a, one.words_b), gold[i])
        for i, one in zip(asked, found, strict=True)
        if places_among(texts_a[i], one.phrases_a) and places_among(texts_b[i], one.phrases_b)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument("--out", type=Path, help="Write the table as JSON here.")
    args = parser.parse_args()
    splits = {"dev": _placed(*_dev_pairs(args.dev_set))}
    for name in SPLITS:
        splits[name] = _placed(*_tuning_pairs(name, args.data_dir))
    table: dict[str, dict[str, dict[str, int]]] = {}
    for limit in LIMITS:
        row = {
            name: dict(Counter(label for words, label in placed if words <= limit))
            for name, placed in splits.items()
        }
        table[str(limit)] = row
        print(f"at most {limit} unmatched words a side, gold labels of the pairs turned: {row}")
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
