"""Emergent (``emergent/url-versions-2015-06-14-clean.csv``): news headline vs rumour claim.

The article headline is the premise and the claim the hypothesis. Mapping: for → entails,
against → contradicts (symmetric), observing → neutral. The group is the claim id.
"""

from __future__ import annotations

from pathlib import Path

from corroborate.datasets.records import LabeledPair, Relation
from corroborate.datasets.tables import read_table

STANCES: dict[str, Relation] = {"for": "entails", "against": "contradicts", "observing": "neutral"}


def load_emergent(data_dir: Path) -> list[LabeledPair]:
    """All Emergent headline/claim pairs (a reporting set: never train on it)."""
    rows = read_table(Path(data_dir) / "emergent" / "url-versions-2015-06-14-clean.csv")
    return [
        LabeledPair(
            row["articleHeadline"],
            row["claimHeadline"],
            STANCES[row["articleHeadlineStance"]],
            symmetric=row["articleHeadlineStance"] == "against",
            group=row["claimId"],
        )
        for row in rows
        if row["articleHeadlineStance"] in STANCES
    ]
