"""Checks shared by every input format: encoding, dates, URLs, headlines and sentences.

A failed check raises :class:`RecordError`; readers turn it into a
:class:`~corroborate.errors.RecordProblem` for the record (or file) it concerns.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import polars as pl

from corroborate.errors import RecordProblem
from corroborate.readers.limits import MAX_LINE_CHARS, ArticleLimits, SentenceCollector

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SNIFF_BYTES = 8192
_SHOWN_CHARS = 60
_SURROGATE = re.compile("[\ud800-\udfff]")

_DATE_SHAPE = re.compile(r"(?P<day>\d{8}|\d{4}-\d{2}-\d{2})(?P<time>[T ].+)?")
_DATE_FIX = "write the date as YYYYMMDD (e.g. 20220716), YYYY-MM-DD or an ISO 8601 datetime"
_URL_FIX = (
    "give the article's full address, e.g. https://www.example.com/story "
    "(line 3 of a text article, the 'url' field elsewhere)"
)
_HEADLINE_FIX = (
    "give the article's headline (line 1 of a text article, the 'title' field elsewhere)"
)
_SENTENCES_FIX = (
    "give the article body (one sentence per line in a text article, "
    "the 'text' or 'sentences' field elsewhere)"
)
_ENCODING_FIX = "re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8"


class RecordError(Exception):
    """A record or file failed a check; ``line`` is set when the check knows it."""

    def __init__(self, message: str, fix: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.line = line

    def problem(self, source: str, line: int | None) -> RecordProblem:
        """The problem to report, at ``line`` unless the check named a line itself."""
        where = self.line if self.line is not None else line
        return RecordProblem(source=source, line=where, message=self.message, fix=self.fix)


@contextmanager
def at_line(line: int) -> Iterator[None]:
    """Attribute a :class:`RecordError` raised inside the block to ``line``."""
    try:
        yield
    except RecordError as error:
        if error.line is None:
            error.line = line
        raise


def open_text_stream(stream: io.BufferedReader) -> None:
    """Refuse binary and UTF-16 input, then skip a UTF-8 byte order mark."""
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        raise RecordError(
            "file is UTF-16 encoded", "re-encode it as UTF-8: iconv -f utf-16 -t utf-8 FILE"
        )
    if b"\0" in head:
        raise RecordError(
            "binary file (it contains NUL bytes)",
            "give a UTF-8 text article, JSONL or CSV file; "
            "a Parquet file must end in .parquet or be read with --format parquet",
        )
    if head.startswith(UTF8_BOM):
        stream.read(len(UTF8_BOM))


def decode_utf8(data: bytes, first_line: int) -> str:
    """Decode ``data`` (which starts on line ``first_line``), naming the line of a bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        bad_byte = data[error.start]
        raise RecordError(
            f"not valid UTF-8: byte 0x{bad_byte:02x} cannot be decoded", _ENCODING_FIX, line
        ) from None
    if "\0" in text:
        line = first_line + text.count("\n", 0, text.index("\0"))
        raise RecordError("binary data (a NUL byte) in the text", _ENCODING_FIX, line)
    return text


def is_blank(value: object) -> bool:
    """Whether a field is absent: None, or a string or list with nothing in it."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list) and not value)


_LONG_LINE_FIX = (
    "put one sentence per line (a line this long is usually markup or data, not prose), "
    "or raise --max-line-chars"
)


def check_length(text: str, what: str, limit: int = MAX_LINE_CHARS) -> str:
    """Return ``text`` if it is at most ``limit`` characters long."""
    if len(text) > limit:
        raise RecordError(
            f"{what} is {len(text):,} characters long (the limit is {limit:,})", _LONG_LINE_FIX
        )
    return text


def line_too_long(what: str, limit: int, line: int | None = None) -> RecordError:
    """The error for a line too long to read whole (more than ``limit`` characters)."""
    return RecordError(f"{what} is over {limit:,} characters long", _LONG_LINE_FIX, line)


def replace_surrogates(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes such as ``\\ud800``) replaced by
    U+FFFD: they cannot be encoded, stored or hashed."""
    return _SURROGATE.sub("\ufffd", text)


def parse_date(value: object) -> dt.date:
    """Parse a publication date: YYYYMMDD, YYYY-MM-DD, an ISO datetime or a date object."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if is_blank(value):
        raise RecordError("missing date", _DATE_FIX)
    if not isinstance(value, str):
        raise RecordError(f"date must be text, not {type(value).__name__}", _DATE_FIX)
    text = value.strip()
    shape = _DATE_SHAPE.fullmatch(text)
    if shape is None:
        raise RecordError(f"bad date {_shown(text)}", _DATE_FIX)
    try:
        day = dt.date.fromisoformat(shape["day"])
    except ValueError as error:
        raise RecordError(f"bad date {_shown(text)}: {error}", _DATE_FIX) from None
    if shape["time"]:
        try:
            dt.datetime.fromisoformat(text)
        except ValueError:
            raise RecordError(
                f"bad date {_shown(text)}: the time is not ISO 8601", _DATE_FIX
            ) from None
    return day


def check_url(value: object) -> str:
    """Return the stripped URL if it is an http(s) address with a host."""
    url = _required_text(value, "URL", _URL_FIX)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        reason = "it must start with http:// or https://"
    elif not parts.hostname:
        reason = "it has no host name"
    elif any(character.isspace() for character in url):
        reason = "it contains whitespace"
    else:
        return url
    raise RecordError(f"invalid URL {_shown(url)}: {reason}", _URL_FIX)


def check_headline(value: object) -> str:
    """Return the stripped headline if there is one."""
    return _required_text(value, "headline", _HEADLINE_FIX)


def check_sentences(
    sentences: Iterable[object], limits: ArticleLimits = ArticleLimits()
) -> tuple[tuple[str, ...], bool]:
    """Strip sentences, drop blank and repeated ones, keep at most ``limits.max_sentences``;
    refuse non-text, overlong or no sentences. Returns the sentences and whether the limit
    cut the article (the sentences past it are not read)."""
    collector = SentenceCollector(limits.max_sentences)

    def stripped() -> Iterator[str]:
        for number, sentence in enumerate(sentences, start=1):
            if not isinstance(sentence, str):
                raise RecordError(
                    f"sentence {number} is {type(sentence).__name__}, not text", _SENTENCES_FIX
                )
            if text := replace_surrogates(sentence.strip()):
                yield check_length(text, f"sentence {number}", limits.max_line_chars)

    collector.add_all(stripped())
    if not collector.sentences:
        raise RecordError("the article has no sentences", _SENTENCES_FIX)
    return collector.sentences, collector.cut


def _required_text(value: object, what: str, fix: str) -> str:
    if is_blank(value):
        raise RecordError(f"missing {what}", fix)
    if not isinstance(value, str):
        raise RecordError(f"{what} must be text, not {type(value).__name__}", fix)
    return check_length(replace_surrogates(value.strip()), what)


def _shown(text: str) -> str:
    """Quote a value for a message, shortened if long."""
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    return repr(text)


def parquet_frame(source: Path | BinaryIO, fix: str) -> pl.DataFrame:
    """Read a Parquet file or stream, or raise a :class:`RecordError` with ``fix`` as the fix."""
    try:
        return pl.read_parquet(source)
    except Exception as error:  # polars reports unreadable files with many exception types
        raise RecordError(
            f"not a readable Parquet file: {str(error).strip().splitlines()[0]}", fix
        ) from None
