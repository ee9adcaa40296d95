"""BECEL negation probes (``becel/{snli,mrpc,rte}/negational.tsv``).

Each probe negates (or swaps an antonym into) a hypothesis that the premise entailed or
paraphrased, so the premise and the negated hypothesis → contradicts (symmetric).
Caution: the SNLI and MRPC probes are built from SNLI test and MRPC test pairs, so training on
them leaks those reporting sets; only the RTE probes (from RTE validation) are safe to train on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from corroborate.datasets.records import LabeledPair
from corroborate.datasets.tables import read_table

_COLUMNS = {
    "snli": ("premise", "hypothesis_neg", "0"),
    "mrpc": ("sentence1", "sentence2_neg", "1"),
    "rte": ("sentence1", "sentence2_neg", "0"),
}


def load_negation_probes(data_dir: Path, task: Literal["snli", "mrpc", "rte"]) -> list[LabeledPair]:
    """Premise/negated-hypothesis pairs of ``task`` whose original pair was entailed."""
    premise, negated, entailed = _COLUMNS[task]
    rows = read_table(
        Path(data_dir) / "becel" / task / "negational.tsv", delimiter="\t", quoted=False
    )
    return [
        LabeledPair(row[premise], row[negated], "contradicts", symmetric=True, group=row[premise])
        for row in rows
        if row["label"] == entailed
    ]
