"""Judge speed on the pairs nightly grouping judges: each news sentence with its nearest neighbours.

`corroborate bench pairs` times the judge on labeled pairs in which nearly every sentence is
new, the worst case for the structured checks' per-sentence caches. Grouping judges each
claim against its ``k`` nearest neighbours, so every sentence recurs in about ``2k`` pairs and
most pairs are on other subjects (the checks are skipped there). This script builds that
workload from real news sentences (MRPC train and test, both sides, de-duplicated), finds
each one's ``k`` nearest neighbours by cosine with FAISS (exact), judges every neighbour pair
once with the packaged judge, and in the same process times the relation model alone
(both ways) on the same pairs, so the two rates form a side-by-side ratio.

    python benchmarks/bench_judge_knn.py --data-dir ../shared/datasets [--k 10] [--out F.json]
        [--sentences N]
        [--cores head_alone,head_unaligned,head_unread,head_undetailed,head_unworded,
                 head_unnamed,head_unsure,head_unreconciled,head,pair]

``head_unaligned`` is the default core without its word aligner (the judge before
:mod:`corroborate.relations.alignment`); ``head_unread`` the default core without the pair
model deciding the head's "same story" pairs (``JudgeSettings.pair_decides_story``, the
judge before 2026-12-07); ``head_undetailed`` the default core without added detail read word
by word (``JudgeSettings.unmatched_words``, the judge before 2026-12-07 evening);
``head_unworded`` the default core without the head's bare contradictions and directions read
word by word and without places compared (``JudgeSettings.opposite_unmatched``,
``direction_by_words``, ``place_unmatched``; the judge before 2026-12-07, second session);
``head_unnamed`` the default core without names read word by word
(``JudgeSettings.unmatched_names``, the judge's settings before 2026-12-07, third session);
``head_unsure`` the default core with ``story_sure_agreement``, ``sure_contradiction`` and
``detail_sure_agreement`` off
and ``opposite_unmatched`` at 4 (the judge's settings before 2026-12-07, fourth session);
``head_unreconciled`` the default core without the pair model's sure agreements among the
head's bare contradictions (``JudgeSettings.opposite_sure_agreement``, before 2026-12-08).
Each has a pair model and aligner of its own, so none reuses another's readings.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import cast

import faiss
import numpy as np

from corroborate.datasets import load_mrpc
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.alignment import WordAligner, load_word_aligner
from corroborate.relations.judge import (
    JudgeCore,
    JudgeSettings,
    RelationJudge,
    get_judge,
    verdict_kind,
)
from corroborate.relations.mlp import RelationHead
from corroborate.relations.pair_model import PairModel

CHUNK = 2048
WARM_UP = (
    "India warned Sri Lanka about planned attacks on churches.",
    "Sri Lanka warned India about planned attacks on churches.",
)
"""A pair judged before timing, so that every model the judge loads on first use (ONNX
sessions, the spaCy parse of the role check) is loaded outside the timed loop: the rate is
the judge's steady rate, as in a nightly run that judges far more pairs than these; the
loading time is reported beside it (``warm_up_seconds``)."""


def neighbour_pairs(vectors: np.ndarray, k: int, min_cosine: float) -> np.ndarray:
    """Unique pairs (i, j), i < j, with j among i's ``k`` nearest neighbours (or i among j's),
    at or above ``min_cosine`` (the grouping's own cut)."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    scores, ids = index.search(vectors, k + 1)
    rows = np.repeat(np.arange(len(vectors)), k + 1)
    keep = (ids.ravel() != rows) & (ids.ravel() >= 0) & (scores.ravel() >= min_cosine)
    pairs = np.sort(np.stack([rows[keep], ids.ravel()[keep]], axis=1), axis=1)
    return np.unique(pairs, axis=0)


def _judge(core: str) -> RelationJudge:
    """The judge of ``core``; ``head_unaligned``, ``head_unread``, ``head_undetailed``,
    ``head_unworded``, ``head_unnamed`` and ``head_unsure`` are the default core without its
    aligner, without its pair model deciding "same story" pairs, without added detail read
    word by word, without the head's bare contradictions and directions read word by word and
    places compared, without names read word by word, or with the settings before the pair
    model's sure agreements and contradictions and the three-word reading of the head's
    contradictions."""
    if core == "head_unaligned":
        return RelationJudge(RelationHead.load(), veto_model=PairModel())
    without = {
        "head_unread": JudgeSettings(pair_decides_story=False),
        "head_undetailed": JudgeSettings(unmatched_words=0),
        "head_unworded": JudgeSettings(
            opposite_unmatched=0, direction_by_words=False, place_unmatched=0
        ),
        "head_unnamed": JudgeSettings(unmatched_names=False),
        "head_unreconciled": JudgeSettings(opposite_sure_agreement=1.01),
        "head_unsure": JudgeSettings(
            story_sure_agreement=1.01,
            opposite_unmatched=4,
            sure_contradiction=1.01,
            detail_sure_agreement=1.01,
        ),
    }
    if core in without:
        aligner = WordAligner(load_word_aligner().graph, load_word_aligner().tokenizer_file)
        return RelationJudge(
            RelationHead.load(), without[core], veto_model=PairModel(), aligner=aligner
        )
    return get_judge(core=cast(JudgeCore, core))


def _time_core(
    core: str, texts_a: list[str], texts_b: list[str], u: np.ndarray, v: np.ndarray
) -> dict[str, object]:
    """Pairs/s of one judge core and of its relation model alone, on the same pairs."""
    judge = _judge(core)
    started = time.perf_counter()
    warm_vectors = EmbeddingCache().encode(list(WARM_UP))
    judge.judge([WARM_UP[0]], [WARM_UP[1]], warm_vectors[:1], warm_vectors[1:])
    warm_up_seconds = time.perf_counter() - started
    started = time.perf_counter()
    judged = []
    for start in range(0, len(texts_a), CHUNK):
        end = start + CHUNK
        judged += judge.judge(texts_a[start:end], texts_b[start:end], u[start:end], v[start:end])
    judge_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(texts_a), CHUNK):
        end = start + CHUNK
        judge.model_keys(u[start:end], v[start:end], texts_a[start:end], texts_b[start:end])
    model_seconds = time.perf_counter() - started
    return {
        "judge_pairs_per_second": len(texts_a) / judge_seconds,
        "model_pairs_per_second": len(texts_a) / model_seconds,
        "warm_up_seconds": warm_up_seconds,
        "verdicts": dict(Counter(verdict_kind(j) for j in judged).most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--min-cosine", type=float, default=0.0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--sentences", type=int, help="Use the first N sentences only.")
    parser.add_argument(
        "--cores",
        default="head_alone,head,pair",
        help="Judge cores to time, one after another.",
    )
    args = parser.parse_args()
    pairs = load_mrpc(args.data_dir, "train") + load_mrpc(args.data_dir, "test")
    sentences = list(dict.fromkeys(t for p in pairs for t in (p.text_a, p.text_b)))
    sentences = sentences[: args.sentences] if args.sentences else sentences
    vectors = EmbeddingCache().encode(sentences, show_progress=True)
    edges = neighbour_pairs(vectors, args.k, args.min_cosine)
    texts_a = [sentences[i] for i in edges[:, 0]]
    texts_b = [sentences[j] for j in edges[:, 1]]
    u, v = vectors[edges[:, 0]], vectors[edges[:, 1]]
    rates = {core: _time_core(core, texts_a, texts_b, u, v) for core in args.cores.split(",")}
    result = {
        "sentences": len(sentences),
        "k": args.k,
        "pairs": len(edges),
        "cores": rates,
        "load_average": list(os.getloadavg()),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
