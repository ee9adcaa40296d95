"""Run the relation judge and the cosine baseline over labeled pairs and score both.

The judge is the full one (``get_judge``: the packaged head, or a CrossEncoder NLI model,
plus the structured checks). Its verdicts and the baseline's are mapped into the set's own
label space (``pairs_sets``) and scored with one primary metric, macro-F1, plus per-class
precision/recall/F1, the confusion matrix, accuracy and pairs per second. On FNC-1 the
article-level stance model (``relations.article_stance``) is scored beside them, on the whole
body rather than through the closest-sentence rule.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.body_sentences import closest_sentence_pairs
from corroborate.bench.metrics import class_scores, confusion_matrix, fnc1_weighted_score
from corroborate.bench.pairs_baseline import fit_thresholds, predict
from corroborate.bench.pairs_records import BenchPair
from corroborate.bench.pairs_sets import PairSetSpec, Target, random_pairs, sample_groups
from corroborate.datasets import LabeledPair
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.article_stance import (
    STANCES,
    article_features,
    article_inputs,
    representative,
)
from corroborate.relations.article_stance_model import ArticleStanceModel
from corroborate.relations.calibration import expected_calibration_error
from corroborate.relations.judge import Judgement, RelationJudge, get_judge

PRIMARY = "macro_f1"
DIFFERENT_SUBJECT = "different subject"
"""The reason the judge gives when P(unrelated) decides (``RelationJudge._decide``); any other
``unrelated`` verdict means "same story, different fact"."""
CHUNK = 512
LIMIT_SEED = 0
GROUP_SHOWN = 40

MODEL_RULE = (
    "the relation model alone, without the judge's rules and structured checks: the pair "
    "model's top class past its cosine gate (related read as 'same story, different fact'), "
    "or for the head core its top label for a ⇒ b (entails as agree, neutral as same story)"
)

ARTICLE_RULE = (
    "the article-level stance model (relations/article_stance.py, trained on FNC-1 train "
    "only): the judge's verdicts on the body's 3 closest sentences, the relation model both "
    "ways on its 5 closest, cosines, word coverage, hedge and denial cues over the whole body"
)

Progress = Callable[[str, int, int], None]
"""Called with a stage name, the units done and the units in all."""


def verdict_key(judgement: Judgement, directional: bool = False) -> str:
    """The judge's label, with a same-subject ``unrelated`` told apart as ``same_story`` (and,
    when ``directional``, b adding detail as ``adds_detail_b``)."""
    if judgement.label == "unrelated" and judgement.reason != DIFFERENT_SUBJECT:
        return "same_story"
    if directional and judgement.label == "adds_detail" and judgement.adds == "b":
        return "adds_detail_b"
    return judgement.label


def _chosen_units(keys: Sequence[str], owner: np.ndarray, n_pairs: int) -> np.ndarray:
    """Per pair, the index of the unit whose verdict key speaks for it."""
    starts = np.searchsorted(owner, np.arange(n_pairs))
    ends = np.append(starts[1:], len(owner))
    return np.array(
        [start + representative(keys[start:end]) for start, end in zip(starts, ends, strict=True)],
        dtype=np.int64,
    )


def from_labeled(
    pairs: Sequence[LabeledPair],
    spec: PairSetSpec,
    *,
    tuning: bool = False,
    numbers: Sequence[int] | None = None,
) -> list[BenchPair]:
    """Loader pairs as bench pairs in ``spec``'s classes (pairs it leaves out dropped).

    The id is the pair's number in the loaded set (``numbers``, else its position) and its
    group when that is short (an FNC-1 body id, a VitaminC case).
    """
    mapped = []
    for index, pair in enumerate(pairs):
        label = spec.gold_of(pair.label, tuning=tuning)
        if label is not None:
            number = numbers[index] if numbers is not None else index + 1
            group = f" ({pair.group})" if 0 < len(pair.group) <= GROUP_SHOWN else ""
            mapped.append(BenchPair(pair.text_a, pair.text_b, label, id=f"{number}{group}"))
    return mapped


def load_set(spec: PairSetSpec, data_dir: Path, limit: int | None = None) -> list[BenchPair]:
    """The reporting pairs of a published set; ``limit`` keeps a seeded random sample of
    about that many pairs (whole groups when ``spec.limit_by_group``)."""
    if spec.load is None:
        raise ValueError(f"{spec.name} has no loader")
    labeled = spec.load(Path(data_dir))
    numbers = {id(pair): number for number, pair in enumerate(labeled, start=1)}
    if limit is not None:
        labeled = [pair for pair in labeled if spec.gold_of(pair.label) is not None]
        draw = sample_groups if spec.limit_by_group else random_pairs
        labeled = draw(labeled, limit, LIMIT_SEED)
    return from_labeled(labeled, spec, numbers=[numbers[id(pair)] for pair in labeled])


@dataclass(frozen=True)
class Units:
    """The sentence pairs actually compared: one per pair, or a long text's closest sentences."""

    texts_a: list[str]
    texts_b: list[str]
    owner: np.ndarray
    """Index of the bench pair each unit belongs to (units of one pair are adjacent)."""


def expand(pairs: Sequence[BenchPair], body_sentences: int, cache: EmbeddingCache) -> Units:
    """Units of ``pairs``: ``claim_a`` split into its closest sentences when asked to."""
    if body_sentences <= 0:
        return Units([p.claim_a for p in pairs], [p.claim_b for p in pairs], np.arange(len(pairs)))
    # closest_sentence_pairs only reads the texts; the relation label is a placeholder.
    groups = closest_sentence_pairs(
        [LabeledPair(p.claim_a, p.claim_b, "unrelated") for p in pairs], cache, body_sentences
    )
    return Units(
        [unit.text_a for group in groups for unit in group],
        [unit.text_b for group in groups for unit in group],
        np.repeat(np.arange(len(pairs)), [len(group) for group in groups]),
    )


def pair_cosines(units: Units, u: np.ndarray, v: np.ndarray, n_pairs: int) -> np.ndarray:
    """Per pair, the highest cosine among its units."""
    cosines = np.full(n_pairs, -1.0, dtype=np.float64)
    np.maximum.at(cosines, units.owner, np.einsum("ij,ij->i", u, v))
    return cosines


def _encode(units: Units, cache: EmbeddingCache, show: bool) -> tuple[np.ndarray, np.ndarray]:
    return cache.encode(units.texts_a, show_progress=show), cache.encode(
        units.texts_b, show_progress=show
    )


@dataclass(frozen=True)
class Baseline:
    """Cosine thresholds and where they come from."""

    thresholds: tuple[float, ...]
    tuned_on: str
    tuning_pairs: int
    tuning_macro_f1: float | None


def fit_baseline(
    spec: PairSetSpec, data_dir: Path, cache: EmbeddingCache, *, show: bool = False
) -> Baseline:
    """Thresholds chosen on the set's training split (or the spec's fixed ones)."""
    if spec.tune is None:
        return Baseline(spec.fixed_thresholds, spec.tune_name, 0, None)
    pairs = from_labeled(spec.tune(Path(data_dir)), spec, tuning=True)
    units = expand(pairs, spec.body_sentences, cache)
    u, v = _encode(units, cache, show)
    codes = {name: code for code, name in enumerate(spec.classes)}
    gold = np.array([codes[p.label] for p in pairs], dtype=np.int64)
    thresholds, score = fit_thresholds(
        pair_cosines(units, u, v, len(pairs)),
        gold,
        [codes[name] for name in spec.baseline_order],
        len(spec.classes),
    )
    return Baseline(thresholds, spec.tune_name, len(pairs), score)


def score(gold: np.ndarray, predicted: np.ndarray, spec: PairSetSpec) -> dict[str, Any]:
    """Macro-F1 (primary), accuracy, per-class scores, confusion matrix and targets."""
    confusion = confusion_matrix(gold, predicted, len(spec.classes))
    rows = class_scores(confusion)
    present = rows[:, 3] > 0
    result: dict[str, Any] = {
        PRIMARY: float(rows[present, 2].mean()) if present.any() else 0.0,
        "accuracy": float(np.mean(gold == predicted)) if len(gold) else 0.0,
        "per_class": {
            name: {
                "precision": float(row[0]),
                "recall": float(row[1]),
                "f1": float(row[2]),
                "support": int(row[3]),
            }
            for name, row in zip(spec.classes, rows, strict=True)
        },
        "confusion": {"classes": list(spec.classes), "matrix": confusion.tolist()},
    }
    if spec.weighted_score:
        result["weighted_score"] = fnc1_weighted_score(
            gold, predicted, spec.classes.index("unrelated")
        )
    result["targets"] = [_target(target, result) for target in spec.targets]
    return result


def calibration_summary(confidences: Sequence[float], right: np.ndarray) -> dict[str, float]:
    """How well the verdicts' confidences match how often they are right in this set's
    labels: expected calibration error (10 bins), mean confidence, accuracy."""
    confidence = np.asarray(confidences, dtype=np.float64)
    return {
        "ece": expected_calibration_error(confidence, right),
        "mean_confidence": float(confidence.mean()) if len(confidence) else 0.0,
        "accuracy": float(np.mean(right)) if len(right) else 0.0,
    }


def metric_value(metric: str, scores: dict[str, Any]) -> float:
    """A metric by name: ``macro_f1``, ``accuracy``, ``weighted_score``, ``recall:CLASS``..."""
    kind, _, name = metric.partition(":")
    if name:
        return float(scores["per_class"][name][kind])
    return float(scores[metric])


def _target(target: Target, scores: dict[str, Any]) -> dict[str, Any]:
    value = metric_value(target.metric, scores)
    return {
        "metric": target.metric,
        "target": target.value,
        "value": value,
        "met": value >= target.value,
        "gap": max(0.0, target.value - value),
    }


def _judge_units(
    judge: RelationJudge,
    units: Units,
    u: np.ndarray,
    v: np.ndarray,
    pairs: Sequence[BenchPair],
    progress: Progress | None,
) -> tuple[list[Judgement], float]:
    """Verdicts on every unit and the seconds spent inside the judge."""
    dates_a = [pairs[i].date_a for i in units.owner]
    dates_b = [pairs[i].date_b for i in units.owner]
    judgements: list[Judgement] = []
    seconds = 0.0
    for start in range(0, len(units.texts_a), CHUNK):
        end = start + CHUNK
        started = time.perf_counter()
        judgements += judge.judge(
            units.texts_a[start:end],
            units.texts_b[start:end],
            u[start:end],
            v[start:end],
            dates_a[start:end],
            dates_b[start:end],
        )
        seconds += time.perf_counter() - started
        if progress is not None:
            progress("judging", min(end, len(units.texts_a)), len(units.texts_a))
    return judgements, seconds


def run_pairs(
    pairs: Sequence[BenchPair],
    spec: PairSetSpec,
    judge: RelationJudge,
    cache: EmbeddingCache,
    baseline: Baseline,
    *,
    errors: int = 0,
    progress: Progress | None = None,
    show_encoding: bool = False,
    others: Mapping[str, RelationJudge] | None = None,
) -> dict[str, Any]:
    """Judge and baseline on ``pairs``: scores, speeds and the ``errors`` worst misjudgements;
    with ``others`` (core name → judge), each one's scores too, in the same run, as the
    column ``judge_<core>`` (e.g. the judge before the pair model, ``judge_head_alone``)."""
    codes = {name: code for code, name in enumerate(spec.classes)}
    gold = np.array([codes[p.label] for p in pairs], dtype=np.int64)
    cached_before = len(cache)
    started = time.perf_counter()
    units = expand(pairs, spec.body_sentences, cache)
    u, v = _encode(units, cache, show_encoding)
    encode_seconds = time.perf_counter() - started

    verdicts, judge_seconds = _judge_units(judge, units, u, v, pairs, progress)
    started = time.perf_counter()
    model_keys = judge.model_keys(u, v, units.texts_a, units.texts_b)
    model_seconds = time.perf_counter() - started
    other_columns = {
        f"judge_{core}": _judge_column(core, other, units, u, v, pairs, spec, codes)
        for core, other in (others or {}).items()
    }

    keys = [verdict_key(verdict, spec.directional) for verdict in verdicts]
    chosen = _chosen_units(keys, units.owner, len(pairs))
    judged = [verdicts[i] for i in chosen]
    predicted = np.array([codes[spec.judge[keys[i]]] for i in chosen], dtype=np.int64)
    model_chosen = _chosen_units(model_keys, units.owner, len(pairs))
    model_predicted = np.array(
        [codes[spec.judge[model_keys[i]]] for i in model_chosen], dtype=np.int64
    )

    started = time.perf_counter()
    cosines = pair_cosines(units, u, v, len(pairs))
    order = [codes[name] for name in spec.baseline_order]
    baseline_predicted = predict(cosines, baseline.thresholds, order)
    baseline_seconds = time.perf_counter() - started

    article = article_column(pairs, spec, cache, gold) if spec.article_stance else None
    return {
        "dataset": spec.name,
        "title": spec.title,
        "mapping": spec.mapping,
        "pairs": len(pairs),
        "sentence_pairs": len(units.texts_a),
        "classes": list(spec.classes),
        "primary_metric": PRIMARY,
        "judge": {
            **score(gold, predicted, spec),
            "calibration": calibration_summary([j.confidence for j in judged], predicted == gold),
        },
        "model": {
            **score(gold, model_predicted, spec),
            "rule": MODEL_RULE,
        },
        "baseline": {
            **score(gold, baseline_predicted, spec),
            "rule": _baseline_rule(spec, baseline.thresholds),
            "thresholds": list(baseline.thresholds),
            "tuned_on": baseline.tuned_on,
            "tuning_pairs": baseline.tuning_pairs,
            "tuning_macro_f1": baseline.tuning_macro_f1,
        },
        **({"article": article} if article is not None else {}),
        **other_columns,
        "speed": {
            "judge_seconds": judge_seconds,
            "judge_pairs_per_second": len(pairs) / judge_seconds if judge_seconds else None,
            "judge_sentence_pairs_per_second": (
                len(units.texts_a) / judge_seconds if judge_seconds else None
            ),
            "model_pairs_per_second": len(units.texts_a) / model_seconds if model_seconds else None,
            "baseline_seconds": baseline_seconds,
            "encode_seconds": encode_seconds,
            "texts_encoded": len(cache) - cached_before,
            "note": (
                "judge (relation model both ways + structured checks) and baseline timed on "
                "vectors already encoded, encoding apart; model_pairs_per_second: the relation "
                "model alone, both ways, without the checks"
            ),
        },
        "references": list(spec.references),
        "errors": worst_errors(pairs, units, judged, chosen, gold, predicted, spec, errors),
        "machine": machine(),
    }


CORE_RULES = {
    "head": "the relation head, its rules and the checks, with the pair model on agreements",
    "head_alone": "the relation head, its rules and the checks: the judge before the pair model",
    "pair": "the pair model deciding every pair, with the checks",
}
"""What each judge core is, as the report's column rule says it."""


def _judge_column(
    core: str,
    judge: RelationJudge,
    units: Units,
    u: np.ndarray,
    v: np.ndarray,
    pairs: Sequence[BenchPair],
    spec: PairSetSpec,
    codes: dict[str, int],
) -> dict[str, Any]:
    """Scores and speed of the judge with another core on the same units (its column)."""
    gold = np.array([codes[p.label] for p in pairs], dtype=np.int64)
    verdicts, seconds = _judge_units(judge, units, u, v, pairs, None)
    keys = [verdict_key(verdict, spec.directional) for verdict in verdicts]
    chosen = _chosen_units(keys, units.owner, len(pairs))
    predicted = np.array([codes[spec.judge[keys[i]]] for i in chosen], dtype=np.int64)
    return {
        **score(gold, predicted, spec),
        "rule": f"the judge with core {core!r} ({CORE_RULES.get(core, core)})",
        "pairs_per_second": len(pairs) / seconds if seconds else None,
    }


def article_column(
    pairs: Sequence[BenchPair],
    spec: PairSetSpec,
    cache: EmbeddingCache,
    gold: np.ndarray,
) -> dict[str, Any]:
    """The article-level stance model's scores on ``pairs`` (``claim_a`` the article body,
    ``claim_b`` the claim), timed on vectors already encoded. Its features come from the
    judge with the packaged head, as in training, whatever ``--nli-model`` says."""
    items = article_inputs([p.claim_a for p in pairs], [p.claim_b for p in pairs], cache)
    started = time.perf_counter()
    features, _ = article_features(items, get_judge(core="head_alone"))
    probabilities = ArticleStanceModel.load().predict_proba(features)
    seconds = time.perf_counter() - started
    codes = {name: code for code, name in enumerate(spec.classes)}
    predicted = np.array([codes[STANCES[k]] for k in probabilities.argmax(axis=1)])
    return {
        **score(gold, predicted, spec),
        "rule": ARTICLE_RULE,
        "seconds": seconds,
        "pairs_per_second": len(pairs) / seconds if seconds else None,
    }


def _baseline_rule(spec: PairSetSpec, thresholds: Sequence[float]) -> str:
    parts = [spec.baseline_order[0]]
    for threshold, name in zip(thresholds, spec.baseline_order[1:], strict=True):
        parts.append(f"< {threshold:.3f} ≤ {name}")
    return "cosine: " + " ".join(parts)


def worst_errors(
    pairs: Sequence[BenchPair],
    units: Units,
    judged: Sequence[Judgement],
    chosen: np.ndarray,
    gold: np.ndarray,
    predicted: np.ndarray,
    spec: PairSetSpec,
    count: int,
) -> list[dict[str, Any]]:
    """The ``count`` misjudged pairs the judge was most confident about, with its reasons."""
    wrong = [int(i) for i in np.flatnonzero(gold != predicted)]
    ranked = sorted(wrong, key=lambda i: (-judged[i].confidence, i))[:count]
    return [
        {
            "id": pairs[i].id,
            "claim_a": units.texts_a[int(chosen[i])],
            "claim_b": units.texts_b[int(chosen[i])],
            "source_a": pairs[i].source_a,
            "source_b": pairs[i].source_b,
            "gold": spec.classes[gold[i]],
            "predicted": spec.classes[predicted[i]],
            "verdict": judged[i].label,
            "adds": judged[i].adds,
            "confidence": judged[i].confidence,
            "reason": judged[i].reason,
        }
        for i in ranked
    ]


def machine() -> dict[str, Any]:
    """Where and when the run happened (speeds mean little without it)."""
    load = os.getloadavg()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "load_average": [round(value, 2) for value in load],
        "python": platform.python_version(),
    }
