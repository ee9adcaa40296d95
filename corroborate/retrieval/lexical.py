"""Okapi BM25 over short texts (claims), with sparse postings held in numpy arrays."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from corroborate.retrieval.ranking import Ranking, top_k

_WORD = re.compile(r"\w+")
_STOPWORD_LIST = """a an and are as at be been but by did do does for from had has have he her his i
if in into is it its me my no not of on or our s she so t than that the their them then there these
they this those to was we were what when which who will with would you your"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


def tokenize(text: str) -> list[str]:
    """Lower-case unicode word tokens, stopwords left out."""
    return [token for token in _WORD.findall(text.lower()) if token not in STOPWORDS]


class BM25Index:
    """Scores a query against fixed texts with BM25 (``k1``, ``b``; Lucene's idf).

    Each term's postings keep the row ids holding it and that row's whole BM25 term weight,
    so scoring a query only adds a few arrays.
    """

    def __init__(self, texts: Sequence[str], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.size = len(texts)
        counts = [Counter(tokenize(text)) for text in texts]
        lengths = np.array([sum(count.values()) for count in counts], dtype=np.float64)
        mean_length = float(lengths.mean()) if self.size else 0.0
        row_norm = k1 * (1.0 - b + b * lengths / max(mean_length, 1.0))
        rows: dict[str, list[int]] = {}
        freqs: dict[str, list[int]] = {}
        for row, count in enumerate(counts):
            for term, freq in count.items():
                rows.setdefault(term, []).append(row)
                freqs.setdefault(term, []).append(freq)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, term_rows in rows.items():
            ids = np.array(term_rows, dtype=np.int64)
            tf = np.array(freqs[term], dtype=np.float64)
            idf = np.log1p((self.size - len(ids) + 0.5) / (len(ids) + 0.5))
            weight = idf * tf * (k1 + 1.0) / (tf + row_norm[ids])
            self._postings[term] = (ids, weight.astype(np.float32))

    def __len__(self) -> int:
        return self.size

    def score_all(self, query: str) -> np.ndarray:
        """BM25 score of every row for ``query`` (0 where no query term occurs)."""
        totals = np.zeros(self.size, dtype=np.float32)
        for term, repeats in Counter(tokenize(query)).items():
            posting = self._postings.get(term)
            if posting is not None:
                totals[posting[0]] += repeats * posting[1]
        return totals

    def scores(self, query: str, k: int = 10) -> Ranking:
        """The ``k`` best-scoring rows for ``query``; rows sharing no term are never returned."""
        return top_k(self.score_all(query), k, floor=0.0)
