"""VitaminC and the fact-verification sets shipped with it (``vitaminc/<subset>/test.jsonl``).

The evidence is the premise and the claim the hypothesis. Mapping: SUPPORTS → entails,
REFUTES → contradicts (symmetric), NOT ENOUGH INFO → neutral. The group is the claim's case id
(contrastive rows of one case stay together).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_jsonl

VERDICTS: dict[str, Relation] = {
    "SUPPORTS": "entails",
    "REFUTES": "contradicts",
    "NOT ENOUGH INFO": "neutral",
}
Subset = Literal[
    "vitaminc_synthetic",
    "vitaminc_real",
    "anli",
    "fever_adversarial",
    "fever_symmetric",
    "fever_triggers",
]


def load_vitaminc(data_dir: Path, subset: Subset, split: str = "test") -> list[LabeledPair]:
    """Evidence/claim pairs of one subset."""
    rows = read_jsonl(Path(data_dir) / "vitaminc" / subset / f"{split}.jsonl")
    return [
        LabeledPair(
            row["evidence"],
            row["claim"],
            VERDICTS[row["label"]],
            symmetric=row["label"] == "REFUTES",
            group=str(row.get("case_id") or row.get("unique_id") or row.get("id", "")),
        )
        for row in rows
    ]
