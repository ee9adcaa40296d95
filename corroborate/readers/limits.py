"""Bounds on one article, so a huge or degenerate input costs bounded time and memory.

An article keeps its distinct sentences only (a sentence repeated within one article is
stored once), at most :attr:`ArticleLimits.max_sentences` of them: the rest is cut with a
warning. Lines are read with a bounded buffer, so a file with no line breaks is refused
without being loaded whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MAX_SENTENCES = 2_000
"""Sentences kept of one article: long-form news runs to a few hundred; more is a dump."""
MAX_LINE_CHARS = 20_000
"""Longest line (or sentence) accepted; anything longer is not prose."""
MAX_RECORD_BYTES = 16 * 1024 * 1024
"""Longest record line of a JSONL or CSV file (one record holds one article's text)."""
_SKIP_CHUNK = 1 << 20
_BYTES_PER_CHAR = 4  # the most UTF-8 takes for one character


@dataclass(frozen=True)
class ArticleLimits:
    """Per-article bounds: distinct sentences kept, and the longest line accepted."""

    max_sentences: int = MAX_SENTENCES
    max_line_chars: int = MAX_LINE_CHARS

    def __post_init__(self) -> None:
        if self.max_sentences < 1 or self.max_line_chars < 1:
            raise ValueError("article limits must be at least 1")

    @property
    def max_line_bytes(self) -> int:
        """Bytes read of one line before it is too long whatever its characters (+ CRLF)."""
        return self.max_line_chars * _BYTES_PER_CHAR + 2

    def cut_message(self) -> tuple[str, str]:
        """The warning and fix for an article cut at :attr:`max_sentences`."""
        return (
            f"the article has more than {self.max_sentences:,} distinct sentences; only the "
            "first ones were kept",
            "split it into several articles, or raise --max-sentences",
        )


class SentenceCollector:
    """The distinct sentences of one article in order of first appearance, up to a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: dict[str, None] = {}
        self.cut = False

    def add(self, sentence: str) -> bool:
        """Keep ``sentence`` unless it is already kept; False once the limit is reached by
        another distinct sentence (which is then not kept, and :attr:`cut` is set)."""
        if sentence in self._kept:
            return True
        if len(self._kept) >= self.limit:
            self.cut = True
            return False
        self._kept[sentence] = None
        return True

    def add_all(self, sentences: Iterable[str]) -> None:
        """Add ``sentences`` until the limit stops it (the rest are never read)."""
        for sentence in sentences:
            if not self.add(sentence):
                return

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(self._kept)


def bounded_lines(stream: io.BufferedReader, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``stream`` (split at ``\\n``, kept with it), reading at most about
    ``max_bytes`` of each: a longer line is skipped to its end and yields None."""
    while raw := stream.readline(max_bytes + 1):
        if len(raw) <= max_bytes or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(_SKIP_CHUNK)
        yield None
