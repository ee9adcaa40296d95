"""Disputes as sides: who sides with whom in a contested group (a scripted judge)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl

from corroborate.ann import create_index
from corroborate.grouping.groups import build_groups
from corroborate.relations.judge import Judgement
from corroborate.report.views import group_views
from corroborate.retrieval.search import ClaimSearcher
from corroborate.storage.store import CLAIM_SCHEMA, LINE_SCHEMA

# Outlet -> what it says about how many drones Moscow wants.
SAYS = {
    "reuters.com": "hundreds",
    "bbc.co.uk": "hundreds",
    "apnews.com": "hundreds",
    "cnn.com": "a few dozen",
    "france24.com": "a few dozen",
    "dw.com": "thousands",
}


class ScriptedJudge:
    """Agree when two outlets say the same figure, contradict otherwise."""

    def for_links(self, min_similarity: float) -> ScriptedJudge:
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
        found = []
        for a, b in zip(texts_a, texts_b, strict=True):
            said_a, said_b = a.split(" wants ")[1], b.split(" wants ")[1]
            if said_a == said_b:
                found.append(Judgement("agree", 0.9, "same claim"))
            else:
                found.append(
                    Judgement("contradicts", 0.9, "numbers differ", conflict=(said_a, said_b))
                )
        return found


def _searcher() -> ClaimSearcher:
    rng = np.random.default_rng(1)
    centre = rng.normal(size=16)
    rows = []
    vectors = []
    for number, (domain, figure) in enumerate(SAYS.items()):
        rows.append(
            {
                "claim_id": f"{domain}-0000",
                "text": f"{domain} says Moscow wants {figure}",
                "article_id": domain,
                "url": f"https://www.{domain}/story/index.html",
                "domain": domain,
                "date": dt.date(2022, 7, 16 + number % 2),
                "headline": "Drones",
                "position": number,
                "line_key": f"k{number}",
            }
        )
        vectors.append(centre + 0.3 * rng.normal(size=16))  # cosine ~0.9: not reprints
    unit = np.array(vectors, dtype=np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    index = create_index("flat", 16)
    index.add(unit)
    claims = pl.DataFrame(rows, schema=CLAIM_SCHEMA)
    return ClaimSearcher(claims, index, pl.DataFrame(schema=LINE_SCHEMA))


def test_dissenters_who_agree_with_each_other_share_a_side() -> None:
    (group,) = build_groups(_searcher(), ScriptedJudge())  # type: ignore[arg-type]
    (view,) = group_views([group])
    assert view.contested
    by_words = {side.words: side for side in view.sides}
    assert set(by_words) == {"hundreds", "a few dozen", "thousands"}
    assert by_words["hundreds"].outlets == ["apnews.com", "bbc.co.uk", "reuters.com"]
    assert by_words["a few dozen"].outlets == ["cnn.com", "france24.com"]
    assert by_words["thousands"].outlets == ["dw.com"]
    # Largest side by independent origins first, whichever claim is the canonical one.
    assert [len(side.outlets) for side in view.sides] == [3, 2, 1]
    assert view.minority_outlets() == {"cnn.com", "france24.com", "dw.com"}
    for side in view.sides:
        assert [claim.date for claim in side.claims] == sorted(c.date for c in side.claims)
        assert side.first_seen == side.claims[0].date


def test_an_uncontested_group_has_no_sides() -> None:
    searcher = _searcher()
    agreeing = searcher.claims.filter(pl.col("text").str.ends_with("hundreds"))
    index = create_index("flat", 16)
    index.add(searcher.index.reconstruct(np.array([0, 1, 2], dtype=np.int64)))
    only = ClaimSearcher(agreeing, index, pl.DataFrame(schema=LINE_SCHEMA))
    (group,) = build_groups(only, ScriptedJudge())  # type: ignore[arg-type]
    assert not group.contested and group_views([group])[0].sides == []
