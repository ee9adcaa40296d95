"""Loaders of the extra training sets (SICK, DocNLI binary, Climate-FEVER, QQP) on tiny files."""

from __future__ import annotations

from pathlib import Path

from test_datasets import write  # type: ignore[import-not-found]

from corroborate.datasets.extra_nli import load_climate_fever, load_docnli_binary, load_qqp
from corroborate.datasets.sick import load_sick, load_sick_directional

SICK_HEADER = (
    "pair_ID\tsentence_A\tsentence_B\tentailment_label\trelatedness_score\tentailment_AB\t"
    "entailment_BA\tsentence_A_original\tsentence_B_original\tsentence_A_dataset\t"
    "sentence_B_dataset\tSemEval_set\n"
)


def _sick_row(n: int, label: str, ab: str, ba: str, score: float, split: str) -> str:
    return f"{n}\tA{n}\tB{n}\t{label}\t{score}\t{ab}\t{ba}\to{n}\to{n}\tF\tF\t{split}\n"


def test_sick_keeps_both_directions_and_splits(tmp_path: Path) -> None:
    write(
        tmp_path,
        "extra/sick/SICK.txt",
        SICK_HEADER
        + _sick_row(1, "ENTAILMENT", "A_entails_B", "B_neutral_A", 4.2, "TRAIN")
        + _sick_row(2, "CONTRADICTION", "A_contradicts_B", "B_contradicts_A", 3.0, "TEST")
        + _sick_row(3, "NEUTRAL", "A_neutral_B", "B_entails_A", 3.9, "TRIAL"),
    )
    directed = load_sick_directional(tmp_path)
    assert [(p.text_a, p.a_to_b, p.b_to_a) for p in directed] == [
        ("A1", "entails", "neutral"),
        ("A3", "neutral", "entails"),
    ]
    assert [(p.text_a, p.label, p.symmetric) for p in load_sick(tmp_path)] == [
        ("A2", "contradicts", True)
    ]


def test_docnli_climate_fever_and_qqp_map_their_labels(tmp_path: Path) -> None:
    write(
        tmp_path,
        "extra/docnli_binary/binary-MNLI__dev.txt",
        "entailment\tp1\th1\nnot_entailment\tp2\th2\n",
    )
    write(
        tmp_path,
        "extra/climate_fever/climate_fever_pairs.tsv",
        "claim_id\tclaim\tevidence\tevidence_label\n"
        "7\tc\te1\tSUPPORTS\n7\tc\te2\tREFUTES\n7\tc\te3\tNOT_ENOUGH_INFO\n",
    )
    write(tmp_path, "extra/qqp/QQP_new_dev.tsv", "1\t2\t3\tq1\tq2\t1\n4\t5\t6\tq3\tq4\t0\n")
    assert [p.label for p in load_docnli_binary(tmp_path, "MNLI")] == ["entails", "neutral"]
    climate = load_climate_fever(tmp_path)
    assert [(p.text_a, p.text_b, p.label) for p in climate] == [
        ("e1", "c", "entails"),
        ("e2", "c", "contradicts"),
        ("e3", "c", "neutral"),
    ]
    assert [(p.label, p.symmetric) for p in load_qqp(tmp_path)] == [
        ("entails", True),
        ("neutral", True),
    ]
