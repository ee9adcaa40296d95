"""Pair features for the relation head: the two sentence vectors plus cheap lexical cues.

For an ordered pair (premise ``a``, hypothesis ``b``) with unit vectors ``u`` and ``v`` the
vector is ``[u, v, |u - v|, u * v, lexical(a, b)]``. The lexical part says how much of each
text the other covers, how their lengths compare, and whether numbers or negations differ:
the cues a pooled sentence vector blurs.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:'\w+)?")
_NUMBER = re.compile(r"\d")
_NEGATIONS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "without",
        "cannot",
        "n't",
        "can't",
        "won't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "hasn't",
        "haven't",
        "hadn't",
        "couldn't",
        "shouldn't",
        "wouldn't",
        "denied",
        "denies",
        "deny",
        "refused",
        "refuses",
        "false",
        "fake",
        "hoax",
    }
)
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "you",
        "your",
        "i",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "shall",
        "into",
        "over",
        "after",
        "about",
        "than",
        "then",
        "so",
        "such",
        "very",
        "just",
        "also",
        "said",
        "says",
        "say",
    }
)
LEXICAL_NAMES: tuple[str, ...] = (
    "cosine",
    "b_tokens_in_a",
    "a_tokens_in_b",
    "jaccard",
    "b_content_in_a",
    "a_content_in_b",
    "b_bigrams_in_a",
    "log_length_ratio",
    "length_a",
    "length_b",
    "b_numbers_missing_in_a",
    "a_numbers_missing_in_b",
    "numbers_in_both",
    "negations_a",
    "negations_b",
    "negation_parity_differs",
    "b_capitals_missing_in_a",
)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.lower().replace("\u2019", "'")))


@lru_cache(maxsize=65536)
def _capitalised(text: str) -> frozenset[str]:
    words = text.split()
    return frozenset(word.strip(".,;:!?\"'()").lower() for word in words[1:] if word[:1].isupper())


def _coverage(part: AbstractSet[object], whole: AbstractSet[object]) -> float:
    """Share of ``part`` found in ``whole`` (1.0 when ``part`` is empty)."""
    return len(part & whole) / len(part) if part else 1.0


def lexical_features(text_a: str, text_b: str) -> list[float]:
    """The lexical cues of one ordered pair, in the order of :data:`LEXICAL_NAMES`."""
    tokens_a, tokens_b = _tokens(text_a), _tokens(text_b)
    set_a, set_b = set(tokens_a), set(tokens_b)
    content_a, content_b = set_a - _STOPWORDS, set_b - _STOPWORDS
    bigrams_a = set(itertools.pairwise(tokens_a))
    bigrams_b = set(itertools.pairwise(tokens_b))
    numbers_a = {t for t in set_a if _NUMBER.search(t)}
    numbers_b = {t for t in set_b if _NUMBER.search(t)}
    negations_a = sum(t in _NEGATIONS for t in tokens_a)
    negations_b = sum(t in _NEGATIONS for t in tokens_b)
    union = set_a | set_b
    return [
        0.0,  # cosine: filled in from the vectors
        _coverage(set_b, set_a),
        _coverage(set_a, set_b),
        len(set_a & set_b) / len(union) if union else 1.0,
        _coverage(content_b, content_a),
        _coverage(content_a, content_b),
        _coverage(bigrams_b, bigrams_a),
        math.log((len(tokens_b) + 1) / (len(tokens_a) + 1)),
        min(len(tokens_a), 100) / 25.0,
        min(len(tokens_b), 100) / 25.0,
        float(bool(numbers_b - numbers_a)),
        float(bool(numbers_a - numbers_b)),
        float(bool(numbers_a) and bool(numbers_b)),
        min(negations_a, 3) / 3.0,
        min(negations_b, 3) / 3.0,
        float(negations_a % 2 != negations_b % 2),
        1.0 - _coverage(_capitalised(text_b), _capitalised(text_a) | set_a),
    ]


def pair_features(
    u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
) -> np.ndarray:
    """Feature matrix ``(n, 4 * dim + len(LEXICAL_NAMES))`` of the ordered pairs (a_i, b_i)."""
    u = np.asarray(u, dtype=np.float32)
    v = np.asarray(v, dtype=np.float32)
    if u.shape != v.shape or u.ndim != 2 or len(texts_a) != len(u) or len(texts_b) != len(u):
        raise ValueError(
            f"expected two (n, dim) arrays and n texts on each side, got {u.shape}, {v.shape}, "
            f"{len(texts_a)} and {len(texts_b)} texts"
        )
    lexical = np.array(
        [lexical_features(a, b) for a, b in zip(texts_a, texts_b, strict=True)],
        dtype=np.float32,
    ).reshape(len(u), len(LEXICAL_NAMES))
    lexical[:, 0] = np.einsum("ij,ij->i", u, v)
    return np.hstack([u, v, np.abs(u - v), u * v, lexical])
