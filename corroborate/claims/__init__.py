"""Stage 2, claims: from articles to claims: cleaning, canonical URLs, ids and boilerplate removal.

In: :class:`~corroborate.models.Article` records and the per-domain counts of repeated lines.
Out: :class:`~corroborate.models.Claim` records (one per news sentence) with their provenance.
"""

from __future__ import annotations

from corroborate.claims.boilerplate import is_boilerplate_pattern
from corroborate.claims.cleaning import clean_sentence
from corroborate.claims.extract import (
    MIN_CLAIM_WORDS,
    ArticleIdentity,
    DropReason,
    claim_text,
    drop_reason,
    extract_claims,
)
from corroborate.claims.ids import article_id, claim_id, content_fingerprint, line_key
from corroborate.claims.repeated import DEFAULT_MIN_ARTICLES, RepeatedLines
from corroborate.claims.urls import canonical_url, source_domain

__all__ = [
    "DEFAULT_MIN_ARTICLES",
    "MIN_CLAIM_WORDS",
    "ArticleIdentity",
    "DropReason",
    "RepeatedLines",
    "article_id",
    "canonical_url",
    "claim_id",
    "claim_text",
    "clean_sentence",
    "content_fingerprint",
    "drop_reason",
    "extract_claims",
    "is_boilerplate_pattern",
    "line_key",
    "source_domain",
]
