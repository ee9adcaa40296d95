"""The dataset loaders read each public format and map its labels as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.datasets import (
    LabeledPair,
    load_ecbplus,
    load_emergent,
    load_fnc1,
    load_mrpc,
    load_negation_probes,
    load_rte,
    load_snli,
    load_stsb,
    load_vitaminc,
)
from corroborate.errors import CorroborateError


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def triples(pairs: list[LabeledPair]) -> list[tuple[str, str, str]]:
    return [(p.text_a, p.text_b, p.label) for p in pairs]


def test_snli_maps_labels_and_skips_unlabelled(tmp_path: Path) -> None:
    write(
        tmp_path,
        "becel/snli/test.tsv",
        "premise\thypothesis\tlabel\n"
        "A dog runs.\tAn animal moves.\t0\n"
        'A dog runs.\tA dog chases a "ball".\t1\n'
        "A dog runs.\tA cat sleeps.\t2\n"
        "A dog runs.\tUnclear.\t-1\n",
    )
    pairs = load_snli(tmp_path, "test")
    assert triples(pairs) == [
        ("A dog runs.", "An animal moves.", "entails"),
        ("A dog runs.", 'A dog chases a "ball".', "neutral"),
        ("A dog runs.", "A cat sleeps.", "contradicts"),
    ]
    assert [p.symmetric for p in pairs] == [False, False, True]
    assert {p.group for p in pairs} == {"A dog runs."}


def test_mrpc_reads_original_files_with_byte_order_mark(tmp_path: Path) -> None:
    write(
        tmp_path,
        "mrpc/msr_paraphrase_train.txt",
        "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        '1\t11\t12\tHe called it "the witness".\tHe referred to "the witness".\n'
        "0\t13\t14\tSales rose 5%.\tSales fell in 1998.\n",
    )
    pairs = load_mrpc(tmp_path, "train")
    assert triples(pairs) == [
        ('He called it "the witness".', 'He referred to "the witness".', "entails"),
        ("Sales rose 5%.", "Sales fell in 1998.", "neutral"),
    ]
    assert [p.symmetric for p in pairs] == [True, False]
    assert pairs[0].group == "11"


def test_stsb_keeps_the_outer_bands_and_first_seven_fields(tmp_path: Path) -> None:
    write(
        tmp_path,
        "stsb/sts-train.csv",
        "news\tMSRpar\t2012\t0001\t4.5\tA plane takes off.\tAn airplane departs.\textra\tmore\n"
        "news\tMSRpar\t2012\t0002\t2.5\tA man plays.\tA man sings.\n"
        "news\tMSRpar\t2012\t0003\t0.4\tA man plays.\tStocks fell.\n",
    )
    pairs = load_stsb(tmp_path, "train")
    assert triples(pairs) == [
        ("A plane takes off.", "An airplane departs.", "entails"),
        ("A man plays.", "Stocks fell.", "unrelated"),
    ]
    assert all(p.symmetric for p in pairs)


def test_rte_maps_not_entailment_to_neutral(tmp_path: Path) -> None:
    write(
        tmp_path,
        "becel/rte/train.tsv",
        "index\tlabel\tsentence1\tsentence2\n"
        "0\t1\tNo weapons found yet.\tWeapons found.\n"
        "1\t0\tThe pope died in Rome.\tThe pope died.\n",
    )
    assert [p.label for p in load_rte(tmp_path, "train")] == ["neutral", "entails"]


def test_vitaminc_uses_evidence_as_premise(tmp_path: Path) -> None:
    rows = [
        {
            "case_id": "c1",
            "label": "SUPPORTS",
            "claim": "X sold 5 million.",
            "evidence": "X sold 5 million copies.",
        },
        {
            "case_id": "c1",
            "label": "REFUTES",
            "claim": "X sold 5 million.",
            "evidence": "X sold 2 million copies.",
        },
        {"unique_id": "u3", "label": "NOT ENOUGH INFO", "claim": "Y won.", "evidence": "Y ran."},
    ]
    write(
        tmp_path,
        "vitaminc/vitaminc_real/test.jsonl",
        "\n".join(json.dumps(row) for row in rows) + "\n",
    )
    pairs = load_vitaminc(tmp_path, "vitaminc_real")
    assert triples(pairs) == [
        ("X sold 5 million copies.", "X sold 5 million.", "entails"),
        ("X sold 2 million copies.", "X sold 5 million.", "contradicts"),
        ("Y ran.", "Y won.", "neutral"),
    ]
    assert [p.group for p in pairs] == ["c1", "c1", "u3"]


def test_fnc1_joins_bodies_to_headlines(tmp_path: Path) -> None:
    write(
        tmp_path,
        "fnc1/train_bodies.csv",
        'Body ID,articleBody\n7,"A meteor fell.\n\nOfficials said ""it was small""."\n',
    )
    write(
        tmp_path,
        "fnc1/train_stances.csv",
        "Headline,Body ID,Stance\nMeteor falls,7,agree\nMeteor is a hoax,7,disagree\n"
        "Meteor studied,7,discuss\nStocks fall,7,unrelated\n",
    )
    pairs = load_fnc1(tmp_path, "train")
    assert [p.label for p in pairs] == ["entails", "contradicts", "neutral", "unrelated"]
    assert pairs[0].text_a == 'A meteor fell.\n\nOfficials said "it was small".'
    assert pairs[0].text_b == "Meteor falls"
    assert {p.group for p in pairs} == {"7"}


def test_emergent_maps_stances(tmp_path: Path) -> None:
    write(
        tmp_path,
        "emergent/url-versions-2015-06-14-clean.csv",
        "id,claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n"
        '0,Men kept a burger,"World\'s oldest burger, kept 20 years",for,a1,c1\n'
        "1,Men kept a burger,Burger story is fake,against,a2,c1\n"
        "2,Men kept a burger,Report says men kept burger,observing,a3,c1\n",
    )
    pairs = load_emergent(tmp_path)
    assert [p.label for p in pairs] == ["entails", "contradicts", "neutral"]
    assert pairs[0].text_a == "World's oldest burger, kept 20 years"
    assert pairs[0].text_b == "Men kept a burger"


def test_ecbplus_filters_topics_and_skips_ambiguous_pairs(tmp_path: Path) -> None:
    rows = [
        {"topic": 1, "text1": "A", "text2": "B", "label": "coreferent_event"},
        {"topic": 1, "text1": "A", "text2": "C", "label": "same_subtopic_no_shared_event"},
        {"topic": 2, "text1": "D", "text2": "E", "label": "same_topic_different_event"},
        {"topic": 31, "text1": "F", "text2": "G", "label": "coreferent_event"},
    ]
    write(
        tmp_path,
        "ecbplus/derived/ecbplus_crossdoc_sentence_pairs.jsonl",
        "\n".join(json.dumps(row) for row in rows),
    )
    assert triples(load_ecbplus(tmp_path, range(1, 31))) == [
        ("A", "B", "neutral"),
        ("D", "E", "unrelated"),
    ]
    assert triples(load_ecbplus(tmp_path, range(31, 46))) == [("F", "G", "neutral")]


def test_negation_probes_keep_entailed_originals_as_contradictions(tmp_path: Path) -> None:
    write(
        tmp_path,
        "becel/snli/negational.tsv",
        "index\tpremise\thypothesis\tlabel\thypothesis_neg\tneg_label\ttag\n"
        "0\tA man sleeps.\tA man rests.\t0\tA man does not rest.\t2\tnegation\n"
        "1\tA man sleeps.\tA man dreams.\t1\tA man does not dream.\t1\tnegation\n",
    )
    pairs = load_negation_probes(tmp_path, "snli")
    assert triples(pairs) == [("A man sleeps.", "A man does not rest.", "contradicts")]
    assert pairs[0].symmetric


def test_swapping_an_asymmetric_pair_is_refused() -> None:
    symmetric = LabeledPair("a", "b", "contradicts", symmetric=True, group="g")
    assert symmetric.swapped() == LabeledPair("b", "a", "contradicts", True, "g")
    with pytest.raises(ValueError):
        LabeledPair("a", "b", "entails").swapped()


def test_missing_file_names_the_data_dir_option(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError, match="--data-dir"):
        load_snli(tmp_path, "test")
