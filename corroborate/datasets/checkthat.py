"""CheckThat! 2021 task 2A, English (``checkthat2021_2a/``): tweets → fact-checked claims.

Files: ``vclaims.jsonl`` (one verified claim a line: ``vclaim_id``, ``vclaim``, ``title``,
``subtitle``, ...), ``tweets-train-dev.tsv`` (no header) and ``tweets-test.tsv`` (header
``iclaim_id, iclaim``), and ``qrels-{train,dev,test}.tsv`` in TREC form
(``iclaim_id 0 vclaim_id relevance``; only relevant pairs are listed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corroborate.datasets.tables import read_jsonl, read_table
from corroborate.errors import CorroborateError

Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")
FOLDER = "checkthat2021_2a"

_TWEET_FILES: dict[Split, str] = {
    "train": "tweets-train-dev.tsv",
    "dev": "tweets-train-dev.tsv",
    "test": "tweets-test.tsv",
}
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VerifiedClaim:
    """A previously fact-checked claim and the headings of the article that checked it."""

    claim_id: str
    text: str
    title: str = ""
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """A tweet and the ids of the verified claims that check it."""

    query_id: str
    text: str
    relevant: frozenset[str]


def load_verified_claims(data_dir: Path) -> list[VerifiedClaim]:
    """All verified claims, in file order."""
    return [
        VerifiedClaim(
            str(row["vclaim_id"]),
            str(row["vclaim"]),
            str(row.get("title") or ""),
            str(row.get("subtitle") or ""),
        )
        for row in read_jsonl(Path(data_dir) / FOLDER / "vclaims.jsonl")
    ]


def load_queries(data_dir: Path, split: Split) -> list[ClaimQuery]:
    """The tweets of ``split`` that have at least one relevant claim, in qrels order."""
    folder = Path(data_dir) / FOLDER
    tweets = {
        row["iclaim_id"]: row["iclaim"]
        for row in read_table(
            folder / _TWEET_FILES[split], delimiter="\t", fieldnames=["iclaim_id", "iclaim"]
        )
        if row["iclaim_id"] != "iclaim_id"
    }
    relevant: dict[str, set[str]] = {}
    qrels = read_table(
        folder / f"qrels-{split}.tsv",
        delimiter="\t",
        quoted=False,
        fieldnames=["iclaim_id", "zero", "vclaim_id", "relevance"],
    )
    for row in qrels:
        if row["relevance"].strip() != "0":
            relevant.setdefault(row["iclaim_id"], set()).add(row["vclaim_id"])
    missing = sorted(set(relevant) - set(tweets))
    if missing:
        raise CorroborateError(
            f"{len(missing)} queries of qrels-{split}.tsv have no tweet text, e.g. {missing[0]}"
        )
    return [ClaimQuery(qid, tweets[qid], frozenset(ids)) for qid, ids in relevant.items()]


def strip_links(text: str) -> str:
    """``text`` without URLs and ``pic.twitter.com`` links, spaces squeezed."""
    return " ".join(_LINK.sub(" ", text).split())
