"""A searchable index of a few claims with chosen vectors, and a judge that reads a table:
for grouping tests that set every verdict and every cosine themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
import polars as pl

from corroborate.ann import create_index
from corroborate.relations.judge import SAME_STORY, Judgement
from corroborate.relations.verdict import Side
from corroborate.retrieval.search import ClaimSearcher
from corroborate.storage.store import CLAIM_SCHEMA, LINE_SCHEMA

DAY = dt.date(2022, 7, 16)


def searcher_of(
    claims: Sequence[tuple[str, str]], vectors: np.ndarray, day: dt.date = DAY
) -> ClaimSearcher:
    """An index of ``claims`` (outlet, text), claim ``i`` with ``vectors[i]`` (normalised)."""
    rows = [
        {
            "claim_id": f"{domain}-{number:04d}",
            "text": text,
            "article_id": f"{domain}-{number}",
            "url": f"https://www.{domain}/story/{number}",
            "domain": domain,
            "date": day,
            "headline": "Story",
            "position": number,
            "line_key": f"k{number}",
        }
        for number, (domain, text) in enumerate(claims)
    ]
    unit = np.asarray(vectors, dtype=np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    index = create_index("flat", unit.shape[1])
    index.add(unit)
    return ClaimSearcher(
        pl.DataFrame(rows, schema=CLAIM_SCHEMA), index, pl.DataFrame(schema=LINE_SCHEMA)
    )


def near_one_centre(count: int, seed: int = 1, spread: float = 0.3) -> np.ndarray:
    """``count`` vectors around one centre (cosine about 0.9: one claim, not reprints)."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(size=16)
    return np.array([centre + spread * rng.normal(size=16) for _ in range(count)])


def at_cosine(count: int, cosine: float) -> np.ndarray:
    """``count`` unit vectors whose every pair has exactly ``cosine``."""
    along = float(np.sqrt(cosine))
    vectors = np.zeros((count, count + 1))
    vectors[:, 0] = along
    vectors[np.arange(count), np.arange(count) + 1] = float(np.sqrt(1 - cosine))
    return vectors


class TableJudge:
    """Judges each pair from ``table`` (looked up either way round; unlisted pairs are the same
    story, a different fact). A contradiction read b to a swaps its conflicting spans."""

    def __init__(self, table: Mapping[tuple[str, str], Judgement]) -> None:
        self.table = table

    def for_links(self, min_similarity: float) -> TableJudge:
        """Itself: it reads no pair model."""
        return self

    def judge(
        self,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        u: np.ndarray,
        v: np.ndarray,
        dates_a: object = None,
        dates_b: object = None,
    ) -> list[Judgement]:
        return [self._one(a, b) for a, b in zip(texts_a, texts_b, strict=True)]

    def _one(self, a: str, b: str) -> Judgement:
        if (a, b) in self.table:
            return self.table[a, b]
        if (b, a) in self.table:
            found = self.table[b, a]
            if found.conflict is not None:
                return Judgement(
                    found.label, found.confidence, found.reason, conflict=found.conflict[::-1]
                )
            if found.adds is not None:
                side: Side = "b" if found.adds == "a" else "a"
                return Judgement(found.label, found.confidence, found.reason, side, found.detail)
            return found
        return Judgement("unrelated", 0.9, SAME_STORY)


def agree() -> Judgement:
    return Judgement("agree", 0.9, "same claim")


def conflict(said_a: str, said_b: str) -> Judgement:
    """A check's contradiction, naming the words each side says."""
    return Judgement("contradicts", 0.9, "numbers differ", conflict=(said_a, said_b))
