"""The start of a dev-set tuner: its arguments, the dev pairs, and the default judge's
verdicts with one step of it changed (``tune_story_reread.py``, ``tune_unmatched_detail.py``);
and of a tuner that reads the tuning splits too (``tune_opposite.py``, ``tune_places.py``)."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.pairs import from_labeled
from corroborate.bench.pairs_sets import SPECS
from corroborate.relations.judge import Judgement, RelationJudge, get_judge
from corroborate.training.pair_data import MORE_AUTHORED_PAIRS
from corroborate.training.train_pair_model import (
    DEV_SET,
    DevPairs,
    dev_tuner_arguments,
    read_dev_pairs,
)


@dataclass
class DevRun:
    """A tuner's arguments, the dev set, the judge as changed and its verdicts there."""

    args: argparse.Namespace
    dev: DevPairs
    judge: RelationJudge
    judgements: list[Judgement]


def judged_without(description: str, **changes: Any) -> DevRun:
    """Parse the tuner's command line, read the dev set and judge it with the default judge
    (head core) whose settings take ``changes`` (``pair_decides_story=False``, say)."""
    args = dev_tuner_arguments(description)
    dev = read_dev_pairs(args.dev_set)
    u, v = dev.vectors()
    judge = get_judge(core="head")
    judge.settings = replace(judge.settings, **changes)
    return DevRun(args, dev, judge, judge.judge(dev.texts_a, dev.texts_b, u, v))


def labels(judgements: list[Judgement]) -> np.ndarray:
    """Each verdict's label as its index in :data:`~corroborate.relations.verdict.LABELS`."""
    from corroborate.relations.verdict import LABELS

    return np.array([LABELS.index(judgement.label) for judgement in judgements])


@dataclass(frozen=True)
class LabelledTexts:
    """One split's claim pairs with each pair's gold class (the split's own class names)."""

    texts_a: list[str]
    texts_b: list[str]
    gold: list[str]


def splits_arguments(description: str) -> argparse.Namespace:
    """Parse the command line of a tuner that reads the dev set and tuning splits:
    ``--data-dir``, ``--dev-set`` and ``--out``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument(
        "--news-pairs",
        type=Path,
        default=MORE_AUTHORED_PAIRS,
        help="Authored news pairs the shipped pair model never read, scored as 'news2' "
        "(a training file: tuning on it reports nothing).",
    )
    parser.add_argument("--out", type=Path, help="Write the table as JSON here.")
    return parser.parse_args()


def _labelled_csv(path: Path) -> LabelledTexts:
    """The claim pairs of a pairs CSV in the dev set's columns (claim_a, claim_b, label)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return LabelledTexts(
        [row["claim_a"] for row in rows],
        [row["claim_b"] for row in rows],
        [row["label"] for row in rows],
    )


def dev_and_tuning_splits(
    args: argparse.Namespace, names: Sequence[str]
) -> dict[str, LabelledTexts]:
    """The dev set (as ``dev``), the second batch of authored news pairs (as ``news2``,
    16 stories the shipped pair model never read) and the tuning split the pair benchmark
    uses for each set of ``names`` (``PairSetSpec.tune``: never a reported test split)."""
    splits = {"dev": _labelled_csv(args.dev_set), "news2": _labelled_csv(args.news_pairs)}
    for name in names:
        spec = SPECS[name]
        assert spec.tune is not None, f"{name} has no tuning split"
        pairs = from_labeled(spec.tune(args.data_dir), spec, tuning=True)
        splits[name] = LabelledTexts(
            [pair.claim_a for pair in pairs],
            [pair.claim_b for pair in pairs],
            [pair.label for pair in pairs],
        )
    return splits
