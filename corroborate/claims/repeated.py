"""Count, per source domain, how many articles contain each line, to spot site furniture."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

DEFAULT_MIN_ARTICLES = 3


class RepeatedLines:
    """How many distinct articles of each domain contain each line key.

    A line found in at least ``min_articles`` articles of one domain is that site's
    furniture (a newsletter blurb, a standing disclaimer) rather than news. Call
    :meth:`add_article` once per article.
    """

    def __init__(self, min_articles: int = DEFAULT_MIN_ARTICLES) -> None:
        if min_articles < 2:
            raise ValueError(f"min_articles must be at least 2, not {min_articles}")
        self.min_articles = min_articles
        self._articles: Counter[tuple[str, str]] = Counter()

    def add_article(self, domain: str, keys: Iterable[str]) -> None:
        """Count one article of ``domain`` whose lines have ``keys`` (duplicates count once)."""
        self._articles.update((domain, key) for key in set(keys))

    def articles(self, domain: str, key: str) -> int:
        """How many articles of ``domain`` contain the line with ``key``."""
        return self._articles[domain, key]

    def is_repeated(self, domain: str, key: str) -> bool:
        """Whether the line with ``key`` is in at least ``min_articles`` articles of ``domain``."""
        return self.articles(domain, key) >= self.min_articles

    def merge(self, other: RepeatedLines) -> None:
        """Add ``other``'s counts to these (for articles counted by only one of the two)."""
        self._articles.update(other._articles)

    def to_rows(self) -> list[tuple[str, str, int]]:
        """``(domain, line_key, articles)`` rows, sorted, for storage."""
        return sorted((domain, key, count) for (domain, key), count in self._articles.items())

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str, int]], min_articles: int = DEFAULT_MIN_ARTICLES
    ) -> RepeatedLines:
        """Rebuild counts from :meth:`to_rows` output; rows for the same line add up."""
        lines = cls(min_articles)
        for domain, key, count in rows:
            if count < 1:
                raise ValueError(f"line {key!r} of {domain!r} has article count {count}")
            lines._articles[domain, key] += count
        return lines
