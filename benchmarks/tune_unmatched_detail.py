"""Choose when an agreement is added detail word by word (``JudgeSettings.unmatched_words``),
and when the head's bare direction stands (``JudgeSettings.direction_by_words``).

    python benchmarks/tune_unmatched_detail.py [--dev-set benchmarks/devset/news_pairs.csv]

The default judge is run once on the dev set with the step off; then, for every agreement,
the aligner (:meth:`corroborate.relations.alignment.WordAligner.unmatched`) names the content
words of each side not found in the other, and for each word similarity and word count the
agreements where one side has that many such words and the other none are made added detail.
Then the default judge is run per number of such words the side that does not add may have
(``JudgeSettings.unmatched_other``). Then the default judge with and without its names step
(``JudgeSettings.unmatched_names``). Then, with that step as shipped, the added details the
head's direction alone gives (``JudgeSettings.direction_by_words``) are made agreement where
the adding side has fewer such words than the other (as shipped), or no more. Prints dev
macro-F1 per choice and how many pairs each turns, rightly and wrongly. The dev set is the
project's own, for selection; no reported test split is read.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from dev_tuning import DevRun, judged_without, labels

from corroborate.bench.metrics import macro_f1
from corroborate.relations.judge import JudgeSettings
from corroborate.relations.verdict import LABELS

SIMILARITIES = (0.35, 0.4, 0.45, 0.5, 0.55)
WORDS = (1, 2, 3, 4)
OTHER_MOST = (0, 1, 2, 3)


def main() -> None:
    run = judged_without(__doc__.split("\n\n")[0], unmatched_words=0, direction_by_words=False)
    args, judge, before = run.args, run.judge, labels(run.judgements)
    texts_a, texts_b, gold = run.dev.texts_a, run.dev.texts_b, run.dev.gold
    agree, adds = LABELS.index("agree"), LABELS.index("adds_detail")
    asked = np.flatnonzero(before == agree)
    assert judge.aligner is not None
    print(f"step off: dev macro-F1 {macro_f1(gold, before):.4f} ({len(asked)} agreements)")
    table: dict[str, dict[str, float]] = {}
    for similarity in SIMILARITIES:
        found = judge.aligner.unmatched(
            [texts_a[i] for i in asked], [texts_b[i] for i in asked], similarity
        )
        for words in WORDS:
            turned = [
                i for i, one in zip(asked, found, strict=True) if one.adding_side(words) is not None
            ]
            after = before.copy()
            after[turned] = adds
            rightly = int((gold[turned] == adds).sum())
            score = macro_f1(gold, after)
            table[f"{similarity}/{words}"] = {"macro_f1": score, "turned": len(turned)}
            print(
                f"similarity {similarity:.2f} words {words}: dev macro-F1 {score:.4f}, "
                f"{len(turned)} turned ({rightly} rightly)"
            )
    table.update(_other_table(run))
    table.update(_names_table(run))
    table.update(_direction_table(run.dev.texts_a, run.dev.texts_b, gold, run))
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")


def _other_table(run: DevRun) -> dict[str, dict[str, float]]:
    """Dev macro-F1 of the default judge per ``unmatched_other`` (the words the side that
    does not add may leave unmatched)."""
    table: dict[str, dict[str, float]] = {}
    for other in OTHER_MOST:
        run.judge.settings = replace(JudgeSettings(), unmatched_other=other)
        judged = labels(run.judge.judge(run.dev.texts_a, run.dev.texts_b, *run.dev.vectors()))
        score = macro_f1(run.dev.gold, judged)
        table[f"other/{other}"] = {"macro_f1": score}
        print(f"the other side leaving at most {other} words unmatched: dev macro-F1 {score:.4f}")
    return table


def _names_table(run: DevRun) -> dict[str, dict[str, float]]:
    """Dev macro-F1 of the default judge with the names step (``unmatched_names``) off and
    on, and the pairs it turns, rightly and wrongly."""
    table: dict[str, dict[str, float]] = {}
    judged = {}
    for names in (False, True):
        run.judge.settings = replace(JudgeSettings(), unmatched_names=names)
        judged[names] = labels(
            run.judge.judge(run.dev.texts_a, run.dev.texts_b, *run.dev.vectors())
        )
        score = macro_f1(run.dev.gold, judged[names])
        table[f"names/{names}"] = {"macro_f1": score}
        print(f"names step {'on' if names else 'off'}: dev macro-F1 {score:.4f}", end="")
    turned = np.flatnonzero(judged[False] != judged[True])
    rightly = int((run.dev.gold[turned] == judged[True][turned]).sum())
    wrongly = int((run.dev.gold[turned] == judged[False][turned]).sum())
    print(f", {len(turned)} turned ({rightly} rightly, {wrongly} wrongly)")
    return table


def _direction_table(
    texts_a: list[str], texts_b: list[str], gold: np.ndarray, run: DevRun
) -> dict[str, dict[str, float]]:
    """Dev macro-F1 with the head's bare directions kept, or turned to agreement where the
    adding side has fewer unmatched words than the other, or no more."""
    judge = run.judge
    assert judge.aligner is not None
    judge.settings = replace(JudgeSettings(), direction_by_words=False)
    judgements = judge.judge(texts_a, texts_b, *run.dev.vectors())
    before = labels(judgements)
    asked = [
        i
        for i, judgement in enumerate(judgements)
        if judgement.label == "adds_detail" and judgement.detail is None
    ]
    found = judge.aligner.unmatched(
        [texts_a[i] for i in asked],
        [texts_b[i] for i in asked],
        judge.settings.unmatched_similarity,
    )
    margins = {
        i: (one.words_a - one.words_b) * (1 if judgements[i].adds == "a" else -1)
        for i, one in zip(asked, found, strict=True)
    }
    agree = LABELS.index("agree")
    table: dict[str, dict[str, float]] = {}
    print(f"direction kept: dev macro-F1 {macro_f1(gold, before):.4f} ({len(asked)} pairs)")
    for name, most in (("fewer", -1), ("no more", 0)):
        turned = [i for i, margin in margins.items() if margin <= most]
        after = before.copy()
        after[turned] = agree
        score = macro_f1(gold, after)
        table[f"direction/{name}"] = {"macro_f1": score, "turned": len(turned)}
        rightly = int((gold[turned] == agree).sum())
        print(f"direction, adding side {name}: dev macro-F1 {score:.4f}, ", end="")
        print(f"{len(turned)} turned ({rightly} rightly)")
    return table


if __name__ == "__main__":
    main()
