"""Score judge cores on the labelled claim pairs of ``seeds/README.md``, side by side.

    python benchmarks/seed_pairs.py [--cores head,head_alone,pair]

Each row of a story table is a pair (the group's canonical sentence, the row's sentence) with
its label (agree, adds_detail, contradicts, unrelated); each sentence carries its article's
date. Prints exact accuracy and macro-F1 over the four labels per core (target ≥ 0.90).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import cast

import numpy as np

from corroborate.bench.metrics import macro_f1
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.judge import JudgeCore, get_judge
from corroborate.relations.verdict import LABELS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from seed_labels import SEEDS, load_groups


def article_date(file: str) -> dt.date:
    """Line 2 of a seeds article, ``YYYYMMDD``."""
    line = (SEEDS / file).read_text(encoding="utf-8").splitlines()[1].strip()
    return dt.datetime.strptime(line, "%Y%m%d").date()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cores", default="head,head_alone,pair")
    args = parser.parse_args()
    pairs = [(group.canonical, row) for group in load_groups() for row in group.rows]
    texts_a = [a.sentence for a, _ in pairs]
    texts_b = [b.sentence for _, b in pairs]
    dates_a = [article_date(a.file) for a, _ in pairs]
    dates_b = [article_date(b.file) for _, b in pairs]
    gold = np.array([LABELS.index(b.relation) for _, b in pairs])
    cache = EmbeddingCache()
    u, v = cache.encode(texts_a), cache.encode(texts_b)
    for core in args.cores.split(","):
        judge = get_judge(core=cast(JudgeCore, core))
        verdicts = judge.judge(texts_a, texts_b, u, v, dates_a, dates_b)
        predicted = np.array([LABELS.index(verdict.label) for verdict in verdicts])
        print(
            f"{core}: {len(pairs)} pairs, exact {np.mean(predicted == gold):.3f}, "
            f"macro-F1 {macro_f1(gold, predicted):.3f}"
        )


if __name__ == "__main__":
    main()
