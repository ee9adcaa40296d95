"""The article text format: one article per file.

Line 1 is the headline, line 2 the date (YYYYMMDD), line 3 the URL, and every
further non-blank line is one sentence. Lines are only stripped of surrounding
whitespace here; removing boilerplate is the job of the claims cleaner.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from corroborate.errors import RecordProblem
from corroborate.models import Article
from corroborate.readers.validation import (
    RecordError,
    at_line,
    check_headline,
    check_length,
    check_sentences,
    check_url,
    decode_utf8,
    open_text_stream,
    parse_date,
)

_HEADER_LINES = 3


def read_article_text(stream: io.BufferedReader, source: str) -> Iterator[Article | RecordProblem]:
    """Yield the one article in ``stream``, or the first problem found in it."""
    try:
        yield _parse_article(stream, source)
    except RecordError as error:
        yield error.problem(source, None)


def _parse_article(stream: io.BufferedReader, source: str) -> Article:
    open_text_stream(stream)
    lines = decode_utf8(stream.read(), first_line=1).splitlines()
    if not any(line.strip() for line in lines):
        raise RecordError(
            "empty file",
            "write the headline, date (YYYYMMDD) and URL on lines 1-3, then one sentence a line",
        )
    for number, line in enumerate(lines, start=1):
        with at_line(number):
            check_length(line, "line")
    headline, date, url = (lines + [""] * _HEADER_LINES)[:_HEADER_LINES]
    with at_line(1):
        checked_headline = check_headline(headline)
    with at_line(2):
        checked_date = parse_date(date)
    with at_line(3):
        checked_url = check_url(url)
    with at_line(_HEADER_LINES + 1):
        sentences = check_sentences(lines[_HEADER_LINES:])
    return Article(
        headline=checked_headline,
        date=checked_date,
        url=checked_url,
        sentences=sentences,
        source=source,
        line=1,
    )
