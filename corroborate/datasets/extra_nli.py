"""The extra training sets of ``extra/``: binary MNLI and FEVER-NLI (DocNLI form), Climate-FEVER
and a QQP subset, each read as :class:`LabeledPair` records.

Mappings: DocNLI ``entailment`` → entails, ``not_entailment`` → neutral (it merges neutral and
contradiction, so a training mix must treat it as "does not entail", not as neutral);
Climate-FEVER (evidence as premise, claim as hypothesis) SUPPORTS → entails, REFUTES →
contradicts, NOT_ENOUGH_INFO → neutral; QQP duplicate → entails (symmetric), not duplicate →
neutral (symmetric). Only dev splits of DocNLI are read for training.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

DocNliSet = Literal["MNLI", "FEVER-NLI"]
CLIMATE_FEVER: dict[str, Relation] = {
    "SUPPORTS": "entails",
    "REFUTES": "contradicts",
    "NOT_ENOUGH_INFO": "neutral",
}


def _extra(data_dir: Path, *parts: str) -> Path:
    return Path(data_dir).joinpath("extra", *parts)


def load_docnli_binary(data_dir: Path, name: DocNliSet, split: str = "dev") -> list[LabeledPair]:
    """Binary pairs of one DocNLI file; ``neutral`` here means "not entailed"."""
    path = _extra(data_dir, "docnli_binary", f"binary-{name}__{split}.txt")
    rows = read_table(path, delimiter="\t", quoted=False, fieldnames=["label", "premise", "hyp"])
    return [
        LabeledPair(
            row["premise"],
            row["hyp"],
            "entails" if row["label"] == "entailment" else "neutral",
            group=row["premise"][:80],
        )
        for row in rows
        if row.get("hyp")
    ]


def load_climate_fever(data_dir: Path) -> list[LabeledPair]:
    """Evidence sentence (premise) vs claim (hypothesis), grouped by claim."""
    rows = read_table(_extra(data_dir, "climate_fever", "climate_fever_pairs.tsv"), delimiter="\t")
    return [
        LabeledPair(
            row["evidence"],
            row["claim"],
            CLIMATE_FEVER[row["evidence_label"]],
            symmetric=row["evidence_label"] == "REFUTES",
            group=row["claim_id"],
        )
        for row in rows
        if row["evidence_label"] in CLIMATE_FEVER
    ]


def load_qqp(data_dir: Path) -> list[LabeledPair]:
    """Question pairs: duplicates entail each other; the rest are merely related."""
    fields = ["id", "qid1", "qid2", "q1", "q2", "is_duplicate"]
    rows = read_table(
        _extra(data_dir, "qqp", "QQP_new_dev.tsv"), delimiter="\t", quoted=False, fieldnames=fields
    )
    return [
        LabeledPair(
            row["q1"],
            row["q2"],
            "entails" if row["is_duplicate"].strip() == "1" else "neutral",
            symmetric=True,
            group=row["qid1"],
        )
        for row in rows
        if row.get("q2") and row.get("is_duplicate") is not None
    ]
