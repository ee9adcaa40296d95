"""Turn an article into claims: its cleaned sentences minus furniture, with provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from corroborate.claims.boilerplate import is_boilerplate_pattern
from corroborate.claims.cleaning import clean_sentence
from corroborate.claims.ids import article_id, claim_id, content_fingerprint, line_key
from corroborate.claims.repeated import RepeatedLines
from corroborate.claims.social import strip_social_residue
from corroborate.claims.urls import canonical_url, source_domain
from corroborate.models import Article, Claim

MIN_CLAIM_WORDS = 3
"""Fewer words than this ("Advertisement", "Photo: AP") cannot state a claim."""
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
"""One character for which ``str.isalnum`` holds."""


class DropReason(StrEnum):
    """Why a line of an article is not a claim."""

    EMPTY = "empty"
    BOILERPLATE = "boilerplate"
    REPEATED = "repeated"
    TOO_SHORT = "too_short"


@dataclass(frozen=True)
class ArticleIdentity:
    """What identifies an article: its canonical URL, content and source domain."""

    article_id: str
    canonical_url: str
    fingerprint: str
    domain: str

    @classmethod
    def of(cls, article: Article) -> ArticleIdentity:
        """The identity of ``article``, as used to recognise it when it is ingested again."""
        canonical = canonical_url(article.url)
        return cls(
            article_id=article_id(canonical),
            canonical_url=canonical,
            fingerprint=content_fingerprint(article.sentences),
            domain=source_domain(canonical),
        )


def drop_reason(text: str, domain: str, repeated: RepeatedLines | None = None) -> DropReason | None:
    """Why the cleaned line ``text`` of an article from ``domain`` is not a claim, or None."""
    if not text:
        return DropReason.EMPTY
    if is_boilerplate_pattern(text):
        return DropReason.BOILERPLATE
    if repeated is not None and repeated.is_repeated(domain, line_key(text)):
        return DropReason.REPEATED
    if _word_count(text) < MIN_CLAIM_WORDS:
        return DropReason.TOO_SHORT
    return None


def _word_count(text: str) -> int:
    """Space-separated tokens with a letter or digit in them."""
    return sum(1 for token in text.split() if _LETTER_OR_DIGIT.search(token))


def claim_text(sentence: str) -> str:
    """``sentence`` as a claim's text: cleaned, embedded-post residue removed. A query is
    searched as this text too, so a pasted post matches the claims stored from articles."""
    return strip_social_residue(clean_sentence(sentence))


def extract_claims(article: Article, *, repeated: RepeatedLines | None = None) -> list[Claim]:
    """The claims of ``article``: each sentence cleaned, furniture and fragments dropped.

    With ``repeated``, lines found in too many articles of the same domain are dropped too.
    A sentence that cleans to the text of an earlier claim of the article is stored once.
    Embedded-post residue (picture links, handles) is removed from a kept sentence's text.
    A claim's position is its sentence's index in ``article.sentences`` (the line as written);
    its URL is the article's URL as given (the canonical form only identifies the article).
    """
    canonical = canonical_url(article.url)
    owner_id, domain = article_id(canonical), source_domain(canonical)  # no fingerprint
    headline = clean_sentence(article.headline)
    claims: list[Claim] = []
    seen: set[str] = set()
    for position, sentence in enumerate(article.sentences):
        text = clean_sentence(sentence)
        if drop_reason(text, domain, repeated) is not None:
            continue
        text = strip_social_residue(text)
        if _word_count(text) >= MIN_CLAIM_WORDS and text not in seen:
            seen.add(text)
            claims.append(
                Claim(
                    claim_id=claim_id(owner_id, position),
                    text=text,
                    article_id=owner_id,
                    url=article.url.strip(),
                    domain=domain,
                    date=article.date,
                    headline=headline,
                    position=position,
                )
            )
    return claims
