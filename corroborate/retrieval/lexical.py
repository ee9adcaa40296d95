"""Lexical (BM25) search over the stored claims' full-text index.

A query becomes the OR of its distinct words, stopwords left out, so any claim sharing a
content word is a candidate; :class:`~corroborate.storage.fulltext.FullTextIndex` ranks them
with FTS5's ``bm25()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from corroborate.retrieval.ranking import Ranking
from corroborate.storage.fulltext import FullTextIndex

_WORD = re.compile(r"[^\W_]+")
_STOPWORD_LIST = """a an and are as at be been but by did do does for from had has have he her his i
if in into is it its me my no not of on or our s she so t than that the their them then there these
they this those to was we were what when which who will with would you your"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())
MIN_FETCH = 64
"""Rows fetched at least per search, so a filter rarely needs a second round."""


def query_terms(text: str) -> list[str]:
    """The distinct lower-case words of ``text`` that a lexical search looks for (stopwords
    left out), in order of first appearance."""
    words = (word for word in _WORD.findall(text.lower()) if word not in STOPWORDS)
    return list(dict.fromkeys(words))


def match_expression(text: str) -> str | None:
    """The FTS5 MATCH expression for ``text``: its terms quoted and OR-ed, or ``None`` when
    it has no term to look for."""
    terms = query_terms(text)
    return " OR ".join(f'"{term}"' for term in terms) if terms else None


def lexical_search(
    index: FullTextIndex, query: str, k: int, allowed_ids: np.ndarray | None = None
) -> Ranking:
    """The ``k`` best rows of ``index`` for ``query`` by BM25, among ``allowed_ids`` when
    given; rows sharing no term with the query are never returned."""
    expression = match_expression(query)
    if expression is None or k <= 0 or len(index) == 0:
        return Ranking.empty()
    ids, scores, _ = _fetch(index, expression, k, allowed_ids)
    return Ranking(ids[:k], scores[:k])


LEXICAL_NEIGHBOURS = 5
"""Lexical candidates each claim proposes to the grouping, beside its dense neighbours."""
_TIE_MARGIN = 8
"""Rows fetched beyond the ones kept, so ties at the cut are seen."""


def lexical_neighbours(
    index: FullTextIndex,
    texts: list[str],
    rows: np.ndarray,
    per_claim: int = LEXICAL_NEIGHBOURS,
    queries: Iterable[int] | None = None,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of positions in ``rows`` (the claims' row ids, whose texts are
    ``texts``) where claim ``j`` is among the ``per_claim`` best BM25 matches of claim
    ``i``'s text among ``rows``, for each claim ``i`` of ``queries`` (positions; default:
    every claim). A claim's pairs do not depend on which other claims are asked for.

    The candidates depend only on the stored texts, never on how the full-text index is
    split into segments: they are ranked by (score, row id), and when not every match was
    fetched, rows tied with the lowest score fetched are left out (some of its ties may be
    unseen)."""
    position = {int(row): at for at, row in enumerate(rows.tolist())}
    allowed = None if len(position) == len(index) else rows
    pairs: list[tuple[int, int]] = []
    for at in range(len(texts)) if queries is None else queries:
        expression = match_expression(texts[at])
        if expression is None:
            continue
        ids, scores, complete = _fetch(index, expression, per_claim + 1 + _TIE_MARGIN, allowed)
        found = sorted(
            (-score, row)
            for row, score in zip(ids.tolist(), scores.tolist(), strict=True)
            if position[row] != at
        )
        if not complete and found:
            found = [item for item in found if item[0] < found[-1][0]]
        pairs.extend((at, position[row]) for _, row in found[:per_claim])
    return pairs


def _fetch(
    index: FullTextIndex, expression: str, want: int, allowed: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, bool]:
    """At least ``want`` best rows for ``expression`` among ``allowed`` (all rows when
    ``None``), best first, and whether they are every matching row."""
    fetch = want if allowed is None else max(4 * want, MIN_FETCH)
    while True:
        ids, scores = index.match(expression, fetch)
        complete = len(ids) < fetch
        if allowed is not None:
            keep = np.isin(ids, allowed)
            ids, scores = ids[keep], scores[keep]
        if len(ids) >= want or complete:
            return ids, scores, complete
        fetch *= 4
