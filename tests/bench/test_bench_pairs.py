"""``bench pairs``: loaders, label mapping, metrics, the cosine baseline and the command."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from corroborate.bench.metrics import (
    class_scores,
    confusion_macro_f1,
    confusion_matrix,
    fnc1_weighted_score,
    macro_f1,
)
from corroborate.bench.pairs import representative, run_pairs, score, verdict_key
from corroborate.bench.pairs_baseline import fit_thresholds, predict
from corroborate.bench.pairs_file import read_pairs
from corroborate.bench.pairs_records import parse_label_map
from corroborate.bench.pairs_sets import FILE_SPEC, SPECS, sample_groups
from corroborate.cli.app import app
from corroborate.datasets import LabeledPair, load_claimmatch
from corroborate.embedders.cache import EmbeddingCache
from corroborate.errors import CorroborateError, InputError
from corroborate.relations.judge import Judgement, get_judge

runner = CliRunner()

CLAIM = "Russia plans to buy hundreds of Iranian drones."
TINY_CSV = (
    "id,claim_a,claim_b,label\n"
    f"p1,{CLAIM},Moscow wants to acquire hundreds of drones from Iran.,agree\n"
    f"p2,{CLAIM},Russia plans to buy only a dozen Iranian drones.,contradicts\n"
    f"p3,{CLAIM},The football final ended in a draw on Sunday.,unrelated\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- loaders ---------------------------------------------------------------------------


def test_claimmatch_reads_quoted_tab_separated_rows(tmp_path: Path) -> None:
    write(
        tmp_path / "claimmatch" / "ClaimMatchData.csv",
        "claim1\tclaim2\tlabel\n"
        'Tweet one.\t"Did he say ""hello""? Yes, he did."\t1\n'
        "Tweet two.\tAn unrelated fact-check.\t0\n",
    )
    pairs = load_claimmatch(tmp_path)
    assert [(p.text_a, p.text_b, p.label) for p in pairs] == [
        ("Tweet one.", 'Did he say "hello"? Yes, he did.', "entails"),
        ("Tweet two.", "An unrelated fact-check.", "unrelated"),
    ]
    assert all(p.symmetric for p in pairs)


def test_dataset_spec_maps_gold_labels_and_limits(tmp_path: Path) -> None:
    from corroborate.bench.pairs import load_set

    rows = "".join(f"Tweet {i}.\tCheck {i}.\t{i % 2}\n" for i in range(10))
    write(tmp_path / "claimmatch" / "ClaimMatchData.csv", "claim1\tclaim2\tlabel\n" + rows)
    pairs = load_set(SPECS["claimmatch"], tmp_path)
    assert [p.label for p in pairs[:2]] == ["no_match", "match"]
    sample = load_set(SPECS["claimmatch"], tmp_path, limit=4)
    assert len(sample) == 4
    assert sample == load_set(SPECS["claimmatch"], tmp_path, limit=4)  # seeded
    assert {p.claim_a for p in sample} <= {p.claim_a for p in pairs}


def test_sample_groups_keeps_whole_groups() -> None:
    pairs = [LabeledPair(f"a{i}", "b", "neutral", group=f"g{i // 3}") for i in range(30)]
    sample = sample_groups(pairs, 7, seed=0)
    groups = {p.group for p in sample}
    assert len(sample) == 3 * len(groups) == 9  # 3 groups of 3 reach 7
    assert sample == [p for p in pairs if p.group in groups]  # original order
    assert sample_groups(pairs, 100, seed=0) == pairs


# --- metrics ----------------------------------------------------------------------------


def test_confusion_and_class_scores_by_hand() -> None:
    gold = np.array([0, 0, 0, 1, 1, 2])
    predicted = np.array([0, 0, 1, 1, 2, 2])
    confusion = confusion_matrix(gold, predicted, 4)
    assert confusion.tolist() == [[2, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
    rows = class_scores(confusion)
    # class 0: P 2/2, R 2/3; class 1: P 1/2, R 1/2; class 2: P 1/2, R 1/1; class 3 absent
    assert rows[0, :3] == pytest.approx([1.0, 2 / 3, 0.8])
    assert rows[1, :3] == pytest.approx([0.5, 0.5, 0.5])
    assert rows[2, :3] == pytest.approx([0.5, 1.0, 2 / 3])
    assert rows[3].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert rows[:, 3].tolist() == [3, 2, 1, 0]
    expected = (0.8 + 0.5 + 2 / 3) / 3  # the absent class does not count
    assert confusion_macro_f1(confusion) == pytest.approx(expected)
    assert macro_f1(gold, predicted) == pytest.approx(expected)


def test_fnc1_weighted_score_by_hand() -> None:
    # classes: 0 agree, 1 discuss, 2 unrelated
    gold = np.array([0, 1, 2, 2])
    predicted = np.array([1, 1, 2, 0])
    # pair 1: related right (.25); pair 2: related + stance (1.0); pair 3: unrelated (.25)
    assert fnc1_weighted_score(gold, predicted, unrelated=2) == pytest.approx(100 * 1.5 / 2.5)


def test_score_reports_targets_and_weighted_score() -> None:
    spec = SPECS["fnc1"]
    gold = np.array([0, 1, 2, 3, 3])
    predicted = np.array([0, 2, 2, 3, 2])
    result = score(gold, predicted, spec)
    assert result["accuracy"] == pytest.approx(0.6)
    assert result["per_class"]["unrelated"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
        "support": 2,
    }
    assert result["confusion"]["matrix"][3] == [0, 0, 1, 1]
    # agree right 1.0; disagree as discuss .25; discuss right 1.0; unrelated right .25;
    # unrelated as discuss 0; a perfect run scores 3 x 1.0 + 2 x .25
    assert result["weighted_score"] == pytest.approx(100 * 2.5 / 3.5)
    targets = {t["metric"]: t for t in result["targets"]}
    assert targets["weighted_score"]["met"] is False
    assert targets["weighted_score"]["gap"] == pytest.approx(85 - 100 * 2.5 / 3.5)


# --- the cosine baseline ------------------------------------------------------------------


def test_baseline_predicts_by_ordered_thresholds() -> None:
    cosines = np.array([0.1, 0.5, 0.5001, 0.9])
    assert predict(cosines, [0.5, 0.8], order=[3, 2, 0]).tolist() == [3, 2, 2, 0]


def test_fit_thresholds_separates_training_classes() -> None:
    cosines = np.array([0.1, 0.2, 0.3, 0.5, 0.55, 0.6, 0.85, 0.9, 0.95])
    gold = np.array([2, 2, 2, 1, 1, 1, 0, 0, 0])
    thresholds, best = fit_thresholds(cosines, gold, order=[2, 1, 0], n_classes=3)
    assert best == pytest.approx(1.0)
    assert 0.3 < thresholds[0] <= 0.5 and 0.6 < thresholds[1] <= 0.85
    assert predict(cosines, thresholds, [2, 1, 0]).tolist() == gold.tolist()


def test_fit_thresholds_can_leave_a_class_out() -> None:
    # only the middle of three classes is ever right: the best cut predicts it everywhere
    cosines = np.linspace(0, 1, 20)
    gold = np.ones(20, dtype=np.int64)
    thresholds, best = fit_thresholds(cosines, gold, order=[0, 1, 2], n_classes=3)
    assert best == pytest.approx(1.0)
    assert set(predict(cosines, thresholds, [0, 1, 2]).tolist()) == {1}


# --- label mapping and pairs files ------------------------------------------------------


def test_label_map_parses_and_rejects() -> None:
    mapping = parse_label_map("agree=1, unrelated=0,agree=yes")
    assert mapping["1"] == "agree" and mapping["yes"] == "agree" and mapping["0"] == "unrelated"
    assert mapping["contradicts"] == "contradicts"
    with pytest.raises(CorroborateError, match="not LABEL=VALUE"):
        parse_label_map("agree")
    with pytest.raises(CorroborateError, match="'supports' is not one of"):
        parse_label_map("supports=1")


def test_read_csv_with_mapped_labels_dates_and_sources(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.csv",
        "ID,Claim_A,claim_b,label,date,source_a,source_b\n"
        'x,"A, quoted ""claim"".",B claim.,1,2022-07-16,cnn.com,bbc.co.uk\n'
        "y,C.,D.,contradicts,,,\n",
    )
    pairs = read_pairs(path, parse_label_map("agree=1"))
    assert [(p.id, p.claim_a, p.label) for p in pairs] == [
        ("x", 'A, quoted "claim".', "agree"),
        ("y", "C.", "contradicts"),
    ]
    assert str(pairs[0].date_a) == str(pairs[0].date_b) == "2022-07-16"
    assert (pairs[0].source_a, pairs[0].source_b) == ("cnn.com", "bbc.co.uk")
    assert pairs[1].date_a is None


def test_read_jsonl_and_parquet(tmp_path: Path) -> None:
    records = [
        {"claim_a": "A.", "claim_b": "B.", "label": "agree", "date_a": "20220716"},
        {"claim_a": "C.", "claim_b": "D.", "label": "unrelated"},
    ]
    jsonl = write(tmp_path / "p.jsonl", "\n".join(json.dumps(r) for r in records) + "\n\n")
    parquet = tmp_path / "p.parquet"
    pl.DataFrame(records).write_parquet(parquet)
    for path in (jsonl, parquet):
        pairs = read_pairs(path, parse_label_map(None))
        assert [(p.claim_a, p.label) for p in pairs] == [("A.", "agree"), ("C.", "unrelated")]
        assert str(pairs[0].date_a) == "2022-07-16"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("claim_a,label\nA.,agree\n", "p.csv:1:", "missing column claim_b"),
        ("claim_a,claim_b,label\nA.,B.,agree\nC.,D.,maybe\n", "p.csv:3:", "unknown label 'maybe'"),
        ("claim_a,claim_b,label\nA.,,agree\n", "p.csv:2:", "empty claim_b"),
        ("claim_a,claim_b,label,date\nA.,B.,agree,16/07/2022\n", "p.csv:2:", "bad date"),
        ("claim_a,claim_b,label\nA.,B.,agree,extra\n", "p.csv:2:", "more fields"),
    ],
)
def test_bad_pairs_file_names_file_line_and_fix(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = write(tmp_path / "p.csv", text)
    with pytest.raises(InputError) as caught:
        read_pairs(path, parse_label_map(None))
    shown = str(caught.value)
    assert where in shown and message in shown and "fix:" in shown


def test_bad_jsonl_line_is_named(tmp_path: Path) -> None:
    line = '{"claim_a": "A.", "claim_b": "B.", "label": "agree"}'
    path = write(tmp_path / "p.jsonl", f"{line}\n[1]\n")
    with pytest.raises(InputError, match=r"p\.jsonl:2: the line holds a JSON list"):
        read_pairs(path, parse_label_map(None))


# --- the judge's verdicts in a set's labels -------------------------------------------------


def _judgement(label: str, reason: str) -> Judgement:
    return Judgement(label, 0.9, reason)  # type: ignore[arg-type]


def test_verdict_keys_and_representative_sentence() -> None:
    far = _judgement("unrelated", "different subject")
    story = _judgement("unrelated", "same story, different fact")
    stance = _judgement("contradicts", "numbers differ")
    assert [verdict_key(j) for j in (far, story, stance)] == [
        "unrelated",
        "same_story",
        "contradicts",
    ]
    assert representative(["unrelated", "same_story", "contradicts"]) == 2
    assert representative(["unrelated", "same_story", "same_story"]) == 1
    assert representative(["unrelated", "unrelated"]) == 0
    assert SPECS["fnc1"].judge[verdict_key(story)] == "discuss"
    assert SPECS["snli"].judge["adds_detail"] == SPECS["snli"].judge["agree"] == "supports"


def test_run_pairs_with_the_real_judge(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from corroborate.bench.pairs import Baseline

    pairs = read_pairs(write(tmp_path / "p.csv", TINY_CSV), parse_label_map(None))
    cache = EmbeddingCache(tmp_path / "cache", embedder=embedder)
    baseline = Baseline((0.5,), "fixed", 0, None)
    report = run_pairs(pairs, FILE_SPEC, get_judge(), cache, baseline, errors=5)
    judged = report["judge"]
    assert sum(map(sum, judged["confusion"]["matrix"])) == 3
    # the football pair is about a different subject: the judge and the baseline say so
    assert judged["confusion"]["matrix"][3][3] == 1
    assert report["baseline"]["confusion"]["matrix"][3][3] == 1
    # the baseline cannot predict contradicts
    assert report["baseline"]["per_class"]["contradicts"]["recall"] == 0.0
    wrong = round(3 * (1 - judged["accuracy"]))
    assert len(report["errors"]) == wrong
    for error in report["errors"]:
        assert error["reason"] and error["gold"] != error["predicted"]
    assert report["speed"]["judge_pairs_per_second"] > 0
    assert sum(map(sum, report["model"]["confusion"]["matrix"])) == 3
    calibration = judged["calibration"]
    assert calibration["accuracy"] == pytest.approx(judged["accuracy"])
    assert 0.0 <= calibration["ece"] <= 1.0
    assert 0.0 < calibration["mean_confidence"] <= 1.0


# --- the command ----------------------------------------------------------------------------


def test_cli_scores_a_tiny_csv(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "p.csv", TINY_CSV)
    out = tmp_path / "result.json"
    args = ["bench", "pairs", str(path), "--cache-dir", str(tmp_path / "c"), "--out", str(out)]
    result = runner.invoke(app, [*args, "--errors", "2"])
    assert result.exit_code == 0, result.output
    assert "macro-F1 (primary)" in result.output
    assert "confusion matrix, judge" in result.output and "model alone" in result.output
    assert "confusion matrix, cosine baseline" in result.output
    written = json.loads(out.read_text())
    assert written["pairs"] == 3 and written["primary_metric"] == "macro_f1"
    assert written["classes"] == ["agree", "adds_detail", "contradicts", "unrelated"]
    assert written["baseline"]["thresholds"] == [pytest.approx(0.63)]

    as_json = runner.invoke(app, [*args[:-2], "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["judge"] == written["judge"]

    sample = runner.invoke(app, [*args[:-2], "--json", "--limit", "2"])
    assert sample.exit_code == 0, sample.output
    assert json.loads(sample.stdout)["pairs"] == 2


def test_cli_maps_labels_and_reports_bad_files(tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", "claim_a,claim_b,label\nA.,B.,1\nC.,D.,2\n")
    result = runner.invoke(app, ["bench", "pairs", str(path), "--labels", "agree=1"])
    assert result.exit_code == 2
    assert "p.csv:3: unknown label '2'" in result.output and "--labels" in result.output
    result = runner.invoke(app, ["bench", "pairs", str(path), "--labels", "agree"])
    assert result.exit_code == 2 and "not LABEL=VALUE" in result.output
    result = runner.invoke(app, ["bench", "pairs"])
    assert result.exit_code == 2 and "FILE or --dataset" in result.output
    result = runner.invoke(app, ["bench", "pairs", "--dataset", "nope"])
    assert result.exit_code == 2 and "known: fnc1" in result.output


def test_cli_help_has_examples() -> None:
    result = runner.invoke(app, ["bench", "pairs", "--help"])
    assert result.exit_code == 0
    assert "corroborate bench pairs --dataset fnc1" in result.output


def test_parquet_missing_column_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pl.DataFrame({"claim_a": ["A."], "label": ["agree"]}).write_parquet(path)
    with pytest.raises(InputError, match=r"p\.parquet: missing column claim_b \(found: claim_a"):
        read_pairs(path, parse_label_map(None))
