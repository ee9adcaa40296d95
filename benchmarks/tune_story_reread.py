"""Choose which of the head's "unrelated" verdicts the pair model decides again, on the dev set.

    python benchmarks/tune_story_reread.py [--dev-set benchmarks/devset/news_pairs.csv]

The default judge is the relation head with its rules, checks and pair-model veto; with
``JudgeSettings.pair_decides_story`` the pairs the head leaves as plain "same story, different
fact" (:meth:`corroborate.relations.judge.RelationJudge._reread`) are decided by the pair model
and the checks instead (not where a side hedges, ``JudgeSettings.story_hedged``); an agreement
or added detail found there stands only where the claims' words line up (coverage at or above
``JudgeSettings.alignment_floor``). This script judges the dev set once without that step, has
the pair judge decide every pair once (read in the canonical order, as the judge does), and
prints dev macro-F1 for each choice of pairs handed over: hedged pairs too, no alignment floor,
more of the head's unrelated verdicts, no bare model contradiction (none found by a check).
Then the default judge per ``JudgeSettings.story_sure_agreement``. The dev set is the
project's own, for selection; no reported test split is read.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from dev_tuning import DevRun, judged_without, labels

from corroborate.bench.metrics import macro_f1
from corroborate.relations.judge import DIFFERENT_SUBJECT, SAME_STORY, JudgeSettings
from corroborate.relations.verdict import hedge_of

MODEL_CONTRADICTION = "they state opposite facts"
"""The pair judge's reason for a contradiction it finds with no check behind it."""


def main() -> None:
    run = judged_without(__doc__.split("\n\n")[0], pair_decides_story=False)
    args, judge, head = run.args, run.judge, run.judgements
    texts_a, texts_b, gold = run.dev.texts_a, run.dev.texts_b, run.dev.gold
    assert judge.veto_model is not None
    pair = judge.pair_decisions(
        judge.veto_model.predict_canonical(texts_a, texts_b), texts_a, texts_b, None, None
    )
    unrelated = np.array([j.label == "unrelated" for j in head])
    plain = np.array([j.reason == SAME_STORY for j in head]) & unrelated
    agreeing = np.array([j.label in ("agree", "adds_detail") for j in pair])
    coverage = np.ones(len(head))
    asked = np.flatnonzero(unrelated & agreeing)
    assert judge.aligner is not None
    coverage[asked] = judge.aligner.coverage(
        [texts_a[i] for i in asked], [texts_b[i] for i in asked]
    )
    aligned = ~agreeing | (coverage >= judge.settings.alignment_floor)
    plain_hedge = np.array([hedge_of(a, b) is None for a, b in zip(texts_a, texts_b, strict=True)])
    chosen = plain & plain_hedge & aligned
    choices = {
        "none (the judge before)": np.zeros(len(head), dtype=bool),
        "plain same story, unhedged, aligned (chosen)": chosen,
        "hedged too": plain & aligned,
        "no alignment floor": plain & plain_hedge,
        "every same story (vetoed, left open, unaligned too)": unrelated
        & np.array([j.reason != DIFFERENT_SUBJECT for j in head])
        & plain_hedge
        & aligned,
        "every unrelated": unrelated & plain_hedge & aligned,
        "no bare model contradiction": chosen
        & np.array([j.reason != MODEL_CONTRADICTION for j in pair]),
    }
    head_labels, pair_labels = labels(head), labels(pair)
    table = {}
    for name, handed in choices.items():
        chosen = np.where(handed, pair_labels, head_labels)
        table[name] = {"handed_over": int(handed.sum()), "macro_f1": macro_f1(gold, chosen)}
        print(
            f"{name:50s} {int(handed.sum()):4d} pairs  dev macro-F1 {table[name]['macro_f1']:.4f}"
        )
    table.update(_sure_table(run))
    if args.out:
        args.out.write_text(json.dumps(table, indent=2) + "\n")


SURE = (1.01, 0.97, 0.95, 0.9, 0.85, 0.8, 0.7)


def _sure_table(run: DevRun) -> dict[str, dict[str, float]]:
    """Dev macro-F1 of the default judge per ``story_sure_agreement`` (from which the pair
    model's agreement among the head's "same story" pairs needs no word coverage), and the
    pairs each turns from the judge with that step off, rightly and wrongly."""
    table: dict[str, dict[str, float]] = {}
    vectors = run.dev.vectors()
    before: np.ndarray | None = None
    for sure in SURE:
        run.judge.settings = replace(JudgeSettings(), story_sure_agreement=sure)  # off: 1.01
        after = labels(run.judge.judge(run.dev.texts_a, run.dev.texts_b, *vectors))
        before = after if before is None else before
        turned = after != before
        rightly = int((after[turned] == run.dev.gold[turned]).sum())
        wrongly = int((before[turned] == run.dev.gold[turned]).sum())
        score = macro_f1(run.dev.gold, after)
        table[f"sure/{sure}"] = {"macro_f1": score, "turned": int(turned.sum())}
        print(
            f"sure agreement from {sure:.2f}: dev macro-F1 {score:.4f}, "
            f"{int(turned.sum())} turned ({rightly} rightly, {wrongly} wrongly)"
        )
    return table


if __name__ == "__main__":
    main()
