"""Boilerplate removal measured: precision and recall of dropped lines (issue 14).

On seeds/: every line dropped on ingest against the labelled list in seeds/README.md
(``## Boilerplate``), with the cross-article rule and without it (each article alone). On a
sample of ECB+ documents (plain news text, no furniture): how many lines are dropped, each of
them listed (every one is a news sentence lost).

    python benchmarks/bench_boilerplate.py --data-dir ../shared/datasets --topics 10
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corroborate.claims import (
    clean_sentence,
)
from corroborate.claims.promotion import is_promotion
from corroborate.datasets.ecbplus_documents import load_ecbplus_documents
from corroborate.models import Article
from corroborate.readers import read_inputs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from seed_labels import SEEDS, dropped_lines, listed_boilerplate


def _scores(dropped: set[tuple[str, str]], listed: set[tuple[str, str]]) -> str:
    hits = len(dropped & listed)
    precision = hits / len(dropped) if dropped else 1.0
    recall = hits / len(listed) if listed else 1.0
    return (
        f"precision {precision:.3f} ({hits}/{len(dropped)}), "
        f"recall {recall:.3f} ({hits}/{len(listed)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--topics", type=int, default=10, help="ECB+ topics 1..N to sample")
    parser.add_argument("--list", action="store_true", help="list every ECB+ line dropped")
    args = parser.parse_args()

    seeds = [r for r in read_inputs(sorted(SEEDS.glob("*.txt"))) if isinstance(r, Article)]
    listed = listed_boilerplate()
    seed_file = "000_bcfcac924693546e.txt"
    for cross in (True, False):
        dropped = dropped_lines(seeds, cross)
        rule = "with the cross-article rule" if cross else "each article alone"
        print(f"seeds ({len(seeds)} articles), {rule}: {_scores(dropped, listed)}")
        for name, line in sorted(dropped - listed):
            print(f"  news dropped: {name}: {line}")
    seed_listed = {pair for pair in listed if pair[0] == seed_file}
    seed_dropped = {pair for pair in dropped_lines(seeds, True) if pair[0] == seed_file}
    print(f"user seed alone: {_scores(seed_dropped, seed_listed)}")

    documents = load_ecbplus_documents(args.data_dir, range(1, args.topics + 1))
    lines = sum(len(document.sentences) for document in documents)
    dropped = dropped_lines(documents, cross_article=True)
    print(
        f"ECB+ topics 1-{args.topics} ({len(documents)} documents, {lines} lines): "
        f"{len(dropped)} lines dropped ({len(dropped) / max(lines, 1):.2%})"
    )
    pleas = sorted((name, line) for name, line in dropped if is_promotion(clean_sentence(line)))
    print(
        f"  of which scored as a plea to readers (the single-article rule): {len(pleas)}; the "
        "rest are headlines, datelines and bylines (title case, timestamps)"
    )
    for name, line in pleas:
        print(f"  plea: {name}: {line[:160]}")
    if args.list:
        for name, line in sorted(dropped):
            print(f"  dropped: {name}: {line[:120]}")


if __name__ == "__main__":
    main()
