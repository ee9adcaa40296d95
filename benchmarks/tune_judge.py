"""Score the relation judge's settings on its tuning data: training splits only, never a test split.

Run from the repository root (``HF_HUB_OFFLINE=1``; sentence vectors come from the embedding
cache, so a warm run encodes nothing)::

    python benchmarks/tune_judge.py --data-dir ../shared/datasets
    python benchmarks/tune_judge.py --data-dir ../shared/datasets --part all --sets snli mrpc
    python benchmarks/tune_judge.py --data-dir ../shared/datasets --fit-subject
    python benchmarks/tune_judge.py --before confident_entailment=0.8 confident_contradiction=0.7
    python benchmarks/tune_judge.py --grid confident_entailment=0.6,0.7,0.8 \
        confident_contradiction=0.5,0.6,0.7

Tuning data: SNLI validation, MRPC train, FNC-1 train (headline vs its 3 closest body
sentences), ECB+ topics 1-30 and VitaminC synthetic, in each set's ``bench pairs`` label space,
plus the documented pairs of ``seeds/README.md`` (canonical vs row, the judge's 4 labels, with
article dates). ``--part held-out`` (the default) keeps only the groups the packaged head held
out of its training (``relations.train.is_held_out``, seed 13, 10 %): on the rest the head has
seen the very pairs, so its confidence there overstates what it shows on unseen text. ``--part
all`` scores every pair (what earlier tuning rounds used). For every set it prints the judge's
macro-F1 and accuracy, the head alone (its top label a => b, as ``bench pairs`` reads it) and,
for FNC-1 and ECB+, the related/unrelated split. ``--set`` changes settings, ``--before``
reports other settings first in the same process (the checks may change between processes),
``--grid`` prints one line of macro-F1 per combination, and ``--fit-subject`` refits the
"different subject" rule (``JudgeSettings.subject_*``) on the ECB+ and FNC-1 pairs of the
chosen part. See benchmarks/RESULTS.md, "Judge rules, session 4".
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

import corroborate.relations.judge as judge_module
from corroborate.bench.pairs import (
    BenchPair,
    Units,
    _chosen_units,
    expand,
    from_labeled,
    score,
    verdict_key,
)
from corroborate.bench.pairs_sets import FILE_SPEC, SPECS, PairSetSpec
from corroborate.checks import Finding
from corroborate.datasets import (
    LabeledPair,
    load_ecbplus,
    load_fnc1,
    load_mrpc,
    load_snli,
    load_vitaminc,
)
from corroborate.datasets.ecbplus import LAST_TRAINING_TOPIC
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.alignment import load_word_aligner
from corroborate.relations.judge import (
    JudgeSettings,
    RelationJudge,
    on_one_subject,
    subject_score,
)
from corroborate.relations.mlp import RelationHead
from corroborate.relations.pair_model import load_pair_model
from corroborate.training.train import is_held_out

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from seed_labels import load_groups
from seed_pairs import article_date

HEAD_SEED = 13
HELD_OUT_SHARE = 0.1
SPLITS = {
    "snli": lambda data_dir: load_snli(data_dir, "validation"),
    "mrpc": lambda data_dir: load_mrpc(data_dir, "train"),
    "fnc1": lambda data_dir: load_fnc1(data_dir, "train"),
    "ecbplus": lambda data_dir: load_ecbplus(data_dir, range(1, LAST_TRAINING_TOPIC + 1)),
    "vitaminc": lambda data_dir: load_vitaminc(data_dir, "vitaminc_synthetic"),
}
"""The training split each ``bench pairs`` set tunes on (``pairs_sets.SPECS`` samples them;
here they are read whole)."""


class CachedHead:
    """The head's probabilities computed once per ordered text pair, replayed per setting."""

    def __init__(self) -> None:
        self.head = RelationHead.load()
        self.known: dict[tuple[str, str], np.ndarray] = {}

    def add(self, u: np.ndarray, v: np.ndarray, a: Sequence[str], b: Sequence[str]) -> None:
        """Compute and keep P for (a_i, b_i) and (b_i, a_i)."""
        for x, y, ta, tb in ((u, v, a, b), (v, u, b, a)):
            proba = self.head.predict_proba(x, y, ta, tb)
            self.known.update(zip(zip(ta, tb, strict=True), proba, strict=True))

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        return np.array([self.known[(a, b)] for a, b in zip(texts_a, texts_b, strict=True)])


@dataclass(frozen=True)
class TuneSet:
    """One tuning set: its pairs, the sentence pairs compared and their vectors."""

    name: str
    spec: PairSetSpec
    pairs: list[BenchPair]
    units: Units
    u: np.ndarray
    v: np.ndarray

    @property
    def gold(self) -> np.ndarray:
        codes = {name: code for code, name in enumerate(self.spec.classes)}
        return np.array([codes[pair.label] for pair in self.pairs], dtype=np.int64)


def _held_out(pairs: list[LabeledPair]) -> list[LabeledPair]:
    return [pair for pair in pairs if is_held_out(pair.group, HEAD_SEED, HELD_OUT_SHARE)]


def _seed_pairs() -> list[BenchPair]:
    """The documented pairs of seeds/README.md: canonical vs row, dated by their articles
    (line 2; a file name need not hold the date, as the verbatim seed's does not)."""
    return [
        BenchPair(
            group.canonical.sentence,
            row.sentence,
            row.relation,
            date_a=article_date(group.canonical.file),
            date_b=article_date(row.file),
        )
        for group in load_groups()
        for row in group.rows
    ]


def load_sets(
    names: Sequence[str], data_dir: Path, part: str, cache: EmbeddingCache, head: CachedHead
) -> list[TuneSet]:
    """The tuning sets ``names`` (``seeds`` or a key of ``SPLITS``), encoded and run through
    the head both ways once."""
    sets = []
    for name in names:
        if name == "seeds":
            spec, pairs = replace(FILE_SPEC, name="seeds"), _seed_pairs()
        else:
            spec = SPECS[name]
            labeled = SPLITS[name](data_dir)
            pairs = from_labeled(
                _held_out(labeled) if part == "held-out" else labeled, spec, tuning=True
            )
        units = expand(pairs, spec.body_sentences, cache)
        u, v = cache.encode(units.texts_a), cache.encode(units.texts_b)
        head.add(u, v, units.texts_a, units.texts_b)
        sets.append(TuneSet(name, spec, pairs, units, u, v))
        print(f"{name}: {len(pairs)} pairs, {len(units.texts_a)} sentence pairs", flush=True)
    return sets


def verdict_keys(tune: TuneSet, judge: RelationJudge) -> list[str]:
    """The judge's verdict key on every sentence pair of ``tune``."""
    owner = tune.units.owner
    judgements = judge.judge(
        tune.units.texts_a,
        tune.units.texts_b,
        tune.u,
        tune.v,
        [tune.pairs[i].date_a for i in owner],
        [tune.pairs[i].date_b for i in owner],
    )
    return [verdict_key(judgement) for judgement in judgements]


def predicted(tune: TuneSet, keys: Sequence[str]) -> np.ndarray:
    """Per pair, the class its representative sentence pair's verdict maps to."""
    codes = {name: code for code, name in enumerate(tune.spec.classes)}
    chosen = _chosen_units(keys, tune.units.owner, len(tune.pairs))
    return np.array([codes[tune.spec.judge[keys[i]]] for i in chosen], dtype=np.int64)


def related_f1(tune: TuneSet, classes: np.ndarray) -> float | None:
    """Macro-F1 of the related/unrelated split (FNC-1 and ECB+), else None."""
    off = {"fnc1": "unrelated", "ecbplus": "different_event"}.get(tune.name)
    if off is None:
        return None
    code = tune.spec.classes.index(off)
    gold, guess = tune.gold == code, classes == code
    f1s = [
        2 * np.sum(g & p) / max(np.sum(g) + np.sum(p), 1)
        for g, p in ((gold, guess), (~gold, ~guess))
    ]
    return float(np.mean(f1s))


def report(sets: Sequence[TuneSet], judge: RelationJudge) -> dict[str, float]:
    """Print judge / head-alone figures per set; return the judge's macro-F1 per set."""
    macro = {}
    for tune in sets:
        judged = predicted(tune, verdict_keys(tune, judge))
        alone = predicted(
            tune, judge.model_keys(tune.u, tune.v, tune.units.texts_a, tune.units.texts_b)
        )
        ours, head = score(tune.gold, judged, tune.spec), score(tune.gold, alone, tune.spec)
        macro[tune.name] = ours["macro_f1"]
        line = (
            f"{tune.name:9s} n={len(tune.pairs):5d}  judge macro-F1 {ours['macro_f1']:.4f} "
            f"acc {ours['accuracy']:.4f} | head alone {head['macro_f1']:.4f} "
            f"acc {head['accuracy']:.4f}"
        )
        split = related_f1(tune, judged)
        if split is not None:
            line += f" | related/unrelated macro-F1 judge {split:.4f}"
            line += f" head {related_f1(tune, alone):.4f}"
        if tune.name == "mrpc":
            line += f" | paraphrase F1 {ours['per_class']['paraphrase']['f1']:.4f}"
        print(line, flush=True)
        print(f"          confusion {tune.spec.classes}: {ours['confusion']['matrix']}")
    return macro


@dataclass(frozen=True)
class SubjectData:
    """Per sentence pair of one set: cosine, mean P(unrelated), whether the head is sure of a
    contradiction, the pair it belongs to; per pair: whether it is on another subject."""

    name: str
    cosine: np.ndarray
    unrelated: np.ndarray
    sure: np.ndarray
    owner: np.ndarray
    off: np.ndarray

    def split_f1(self, bias: float, cosine: float, unrelated: float) -> float:
        """Related/unrelated macro-F1 of the rule: a pair is off-subject when none of its
        sentence pairs is on subject (as ``bench pairs`` reads FNC-1's 3 body sentences)."""
        settings = replace(
            JudgeSettings(), subject_bias=bias, subject_cosine=cosine, subject_unrelated=unrelated
        )
        unit_on = (subject_score(self.cosine, self.unrelated, settings) < 0) | self.sure
        on = np.zeros(len(self.off), dtype=bool)
        np.logical_or.at(on, self.owner, unit_on)
        return float(
            np.mean(
                [
                    2 * np.sum(g & p) / max(np.sum(g) + np.sum(p), 1)
                    for g, p in ((self.off, ~on), (~self.off, on))
                ]
            )
        )


def subject_data(
    sets: Sequence[TuneSet], head: CachedHead, base: JudgeSettings
) -> list[SubjectData]:
    """The FNC-1 and ECB+ sets as the "different subject" rule sees them."""
    data = []
    for tune in sets:
        label = {"fnc1": "unrelated", "ecbplus": "different_event"}.get(tune.name)
        if label is None:
            continue
        texts_a, texts_b = tune.units.texts_a, tune.units.texts_b
        forward = head.predict_proba(tune.u, tune.v, texts_a, texts_b)
        backward = head.predict_proba(tune.v, tune.u, texts_b, texts_a)
        settings = replace(base, related_probability=2.0)  # the bypass alone
        data.append(
            SubjectData(
                tune.name,
                np.einsum("ij,ij->i", tune.u, tune.v),
                (forward[:, 3] + backward[:, 3]) / 2,
                on_one_subject(np.zeros(len(texts_a)), forward, backward, settings)[1],
                tune.units.owner,
                np.array([pair.label == label for pair in tune.pairs]),
            )
        )
    return data


SUBJECT_GRID = {
    "unrelated": (1.0, 2.0, 4.0, 8.0),
    "cosine": (-2.0, -4.0, -6.0, -8.0, -10.0, -12.0, -16.0, -20.0),
    "bias": tuple(np.arange(-10.0, 12.01, 0.25)),
}
"""The "different subject" rule's grid (the log-odds' scale is free, so the P(unrelated)
weight takes a few values only)."""


def fit_subject(sets: Sequence[TuneSet], head: CachedHead, base: JudgeSettings) -> JudgeSettings:
    """The "different subject" rule whose mean related/unrelated macro-F1 over FNC-1 and ECB+
    is highest, by exhaustive search over ``SUBJECT_GRID`` (ties: the first found)."""
    data = subject_data(sets, head, base)
    best, best_score = (0.0, 0.0, 0.0), -1.0
    for unrelated in SUBJECT_GRID["unrelated"]:
        for cosine in SUBJECT_GRID["cosine"]:
            for bias in SUBJECT_GRID["bias"]:
                value = float(np.mean([d.split_f1(bias, cosine, unrelated) for d in data]))
                if value > best_score + 1e-9:
                    best, best_score = (float(bias), cosine, unrelated), value
    settings = replace(
        base, subject_bias=best[0], subject_cosine=best[1], subject_unrelated=best[2]
    )
    print(
        f"fitted: subject_bias={best[0]} subject_cosine={best[1]} subject_unrelated={best[2]}"
        f" (mean related/unrelated macro-F1 {best_score:.4f})"
    )
    for d in data:
        now = base
        fitted = d.split_f1(*best)
        current = d.split_f1(now.subject_bias, now.subject_cosine, now.subject_unrelated)
        print(f"  {d.name}: fitted {fitted:.4f}, current settings {current:.4f}")
    return settings


def memoise_checks() -> None:
    """Keep the structured checks' findings per (texts, dates, same event) across settings:
    a grid replays the judge many times on the same pairs."""
    run = judge_module.run_checks
    known: dict[tuple[object, ...], list[Finding]] = {}

    def cached(a: str, b: str, **options: Any) -> list[Finding]:
        key = (a, b, *sorted(options.items()))
        if key not in known:
            known[key] = run(a, b, **options)
        return known[key]

    judge_module.run_checks = cached


def grid(
    sets: Sequence[TuneSet],
    head: CachedHead,
    base: JudgeSettings,
    axes: Sequence[str],
    pair_model: bool = False,
) -> None:
    """Score every combination of ``axes`` (``name=v1,v2,...``, JudgeSettings fields) around
    ``base``: one line per combination with each set's macro-F1 and their mean (with the pair
    model and aligner beside the head if ``pair_model``, as :func:`judge_of`)."""
    memoise_checks()
    names = [axis.split("=", 1)[0] for axis in axes]
    values = [[float(v) for v in axis.split("=", 1)[1].split(",")] for axis in axes]
    for combination in itertools.product(*values):
        overrides: dict[str, Any] = dict(zip(names, combination, strict=True))
        settings = replace(base, **overrides)
        judge = judge_of(head, settings, pair_model)
        macro = {}
        for tune in sets:
            macro[tune.name] = score(
                tune.gold, predicted(tune, verdict_keys(tune, judge)), tune.spec
            )["macro_f1"]
        shown = " ".join(f"{name}={value:.4f}" for name, value in macro.items())
        mean = np.mean(list(macro.values()))
        print(f"{dict(zip(names, combination, strict=True))} {shown} mean={mean:.4f}", flush=True)


def _changed(settings: JudgeSettings, items: Sequence[str]) -> JudgeSettings:
    """``settings`` with the ``NAME=VALUE`` items applied."""
    changed: dict[str, Any] = {
        name: float(value) for name, value in (item.split("=", 1) for item in items)
    }
    return replace(settings, **changed)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/embeddings"))
    parser.add_argument("--part", choices=("held-out", "all"), default="held-out")
    parser.add_argument("--sets", nargs="+", default=["seeds", *SPLITS])
    parser.add_argument("--fit-subject", action="store_true")
    parser.add_argument(
        "--set",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="JudgeSettings fields to change, e.g. confident_entailment=0.8 (the old settings)",
    )
    parser.add_argument(
        "--before",
        nargs="+",
        default=[],
        metavar="NAME=VALUE",
        help="also report these settings first, in the same process (same checks code)",
    )
    parser.add_argument(
        "--grid",
        nargs="+",
        default=[],
        help="JudgeSettings axes to scan, e.g. confident_entailment=0.6,0.7,0.8",
    )
    parser.add_argument(
        "--pair-model",
        action="store_true",
        help="judge as the default does, with the pair model and word aligner beside the head "
        "(the pair model was trained on these splits: its readings there are surer than on "
        "unseen text)",
    )
    args = parser.parse_args(argv)
    head = CachedHead()
    sets = load_sets(args.sets, args.data_dir, args.part, EmbeddingCache(args.cache_dir), head)
    settings = _changed(JudgeSettings(), args.set)
    if args.before:
        before = _changed(JudgeSettings(), args.before)
        print(f"before: {before}")
        report(sets, judge_of(head, before, args.pair_model))
    if args.fit_subject:
        settings = fit_subject(sets, head, settings)
    print(f"part: {args.part}; settings: {settings}")
    if args.grid:
        grid(sets, head, settings, args.grid, args.pair_model)
    else:
        report(sets, judge_of(head, settings, args.pair_model))


def judge_of(head: CachedHead, settings: JudgeSettings, pair_model: bool) -> RelationJudge:
    """The judge of ``settings`` over the cached head, with the packaged pair model and word
    aligner beside it if ``pair_model``."""
    if not pair_model:
        return RelationJudge(head, settings)
    return RelationJudge(head, settings, veto_model=load_pair_model(), aligner=load_word_aligner())


if __name__ == "__main__":
    main()
