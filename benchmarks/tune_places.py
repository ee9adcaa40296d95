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

import json
from collections import Counter
from dataclasses import replace

from dev_tuning import LabelledTexts, dev_and_tuning_splits, splits_arguments

from corroborate.checks.places import places_among
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.judge import get_judge

SPLITS = ("mrpc", "snli", "vitaminc", "ecbplus")
LIMITS = (2, 3, 4, 5, 6)


def _placed(split: LabelledTexts) -> list[tuple[int, str]]:
    """(largest unmatched word count of the pair, gold label) for each agreement or added
    detail whose unmatched words hold a place on both sides."""
    texts_a, texts_b, gold = split.texts_a, split.texts_b, split.gold
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
    args = splits_arguments(__doc__.split("\n\n")[0])
    splits = {name: _placed(split) for name, split in dev_and_tuning_splits(args, SPLITS).items()}
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
