"""The article text format: one article per file.

Line 1 is the headline, line 2 the date (YYYYMMDD), line 3 the URL, and every
further non-blank line is one sentence. Lines are only stripped of surrounding
whitespace here; removing boilerplate is the job of the claims cleaner. The file is read a
line at a time and only until the article's sentence limit is reached, so memory stays
bounded whatever the file's size.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

from corroborate.errors import RecordProblem, RecordWarning
from corroborate.models import Article
from corroborate.readers.limits import ArticleLimits, bounded_lines
from corroborate.readers.validation import (
    RecordError,
    at_line,
    check_headline,
    check_length,
    check_sentences,
    check_url,
    decode_utf8,
    line_too_long,
    open_text_stream,
    parse_date,
)

_HEADER_LINES = 3
_EMPTY_FIX = "write the headline, date (YYYYMMDD) and URL on lines 1-3, then one sentence a line"


def read_article_text(
    stream: io.BufferedReader, source: str, limits: ArticleLimits = ArticleLimits()
) -> Iterator[Article | RecordProblem | RecordWarning]:
    """Yield the one article in ``stream`` (after a warning if it was cut at the sentence
    limit), or the first problem found in it."""
    try:
        lines = _Lines(stream, limits)
        article = _parse_article(lines, source, limits)
    except RecordError as error:
        yield error.problem(source, None)
        return
    if lines.cut_at is not None:
        message, fix = limits.cut_message()
        yield RecordWarning(source, lines.cut_at, message, fix)
    yield article


class _Lines:
    """The decoded, length-checked lines of a stream, numbered from 1 as ``splitlines`` of
    the whole text would number them; one pass, however often it is iterated."""

    def __init__(self, stream: io.BufferedReader, limits: ArticleLimits) -> None:
        open_text_stream(stream)
        self.number = 0
        self.cut_at: int | None = None
        self._limit = limits.max_line_chars
        self._lines = self._read(bounded_lines(stream, limits.max_line_bytes))

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def _read(self, physical: Iterator[bytes | None]) -> Iterator[str]:
        for raw in physical:
            if raw is None:
                raise line_too_long("line", self._limit, self.number + 1)
            for line in decode_utf8(raw, first_line=self.number + 1).splitlines() or [""]:
                self.number += 1
                with at_line(self.number):
                    yield check_length(line, "line", self._limit)

    def header(self) -> list[str]:
        """The first lines (headline, date, URL), blank where the file is shorter."""
        found = list(itertools.islice(self._lines, _HEADER_LINES))
        return found + [""] * (_HEADER_LINES - len(found))


def _parse_article(lines: _Lines, source: str, limits: ArticleLimits) -> Article:
    headline, date, url = lines.header()
    if not (headline.strip() or date.strip() or url.strip()) and not any(
        line.strip() for line in lines
    ):
        raise RecordError("empty file", _EMPTY_FIX)
    with at_line(1):
        checked_headline = check_headline(headline)
    with at_line(2):
        checked_date = parse_date(date)
    with at_line(3):
        checked_url = check_url(url)
    with at_line(_HEADER_LINES + 1):
        sentences, cut = check_sentences(lines, limits)
    if cut:
        lines.cut_at = lines.number
    return Article(
        headline=checked_headline,
        date=checked_date,
        url=checked_url,
        sentences=sentences,
        source=source,
        line=1,
    )
