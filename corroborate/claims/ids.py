"""Stable identifiers: of articles, claims, article contents and single lines."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from corroborate.claims.cleaning import clean_sentence

_WORD = re.compile(r"[^\W_]+")
_DIGEST_BYTES = 8
_COMPARABLE_CACHE = 1 << 15
"""Lines whose comparable form is kept: an ingest derives it from one line up to five times
(content fingerprint, repeated-line counts, the drop check, the stored line key)."""


def article_id(canonical: str) -> str:
    """A 16-hex-digit id for the article at ``canonical`` (a :func:`canonical_url`)."""
    return _digest(canonical)


def claim_id(article: str, position: int) -> str:
    """The id of the claim at ``position`` in the article with id ``article``."""
    if position < 0:
        raise ValueError(f"claim position must be 0 or more, not {position}")
    return f"{article}-{position:04d}"


def content_fingerprint(sentences: Iterable[str]) -> str:
    """A hash of an article's text that ignores case, punctuation and whitespace.

    The same article published under another URL gets the same fingerprint.
    """
    lines = (_comparable(sentence) for sentence in sentences)
    return _digest("\n".join(line for line in lines if line))


def line_key(text: str) -> str:
    """A hash of one line that ignores case, punctuation and whitespace.

    A raw line and its :func:`clean_sentence` form get the same key.
    """
    return _digest(_comparable(text))


@lru_cache(maxsize=_COMPARABLE_CACHE)
def _comparable(text: str) -> str:
    """The cleaned, case-folded words of ``text``, single-spaced."""
    return " ".join(_WORD.findall(clean_sentence(text).casefold()))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_DIGEST_BYTES).hexdigest()
