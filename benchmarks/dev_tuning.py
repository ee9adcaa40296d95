"""The start of a dev-set tuner: its arguments, the dev pairs, and the default judge's
verdicts with one step of it changed (``tune_story_reread.py``, ``tune_unmatched_detail.py``)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from corroborate.relations.judge import Judgement, RelationJudge, get_judge
from corroborate.training.train_pair_model import DevPairs, dev_tuner_arguments, read_dev_pairs


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
