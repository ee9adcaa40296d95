"""Whole ECB+ documents as :class:`Article` records, for benchmarks and demos.

Reads the tokenised XML files ``ecbplus/ECB+/<topic>/<topic>_<n>ecb.xml`` (and
``...ecbplus.xml``) and joins each sentence's tokens back into plain text.

ECB+ has no publication dates, URLs or outlets, so those are **synthetic**: every document of
a topic gets the same made-up date, its URL names the document, and its host is one of a few
dozen ``outletNN.example`` names chosen by a stable hash of the document name. The line that
most ECB+ (``ecbplus``) documents open with, the tokenised URL of the original page, is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from corroborate.models import Article

OUTLETS = 36
FIRST_TOPIC_DATE = dt.date(2013, 1, 1)
_DOCUMENT_NAME = re.compile(r"(\d+)_(\d+)(ecb|ecbplus)\.xml")

_RSQUO, _LSQUO, _LDQUO, _RDQUO = "\u2019", "\u2018", "\u201c", "\u201d"
_ATTACH_LEFT = {".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "'", "...", _RSQUO, _RDQUO}
_ATTACH_RIGHT = {"(", "[", "{", "$", _LSQUO, _LDQUO}
_JOINERS = {"-", "/"}
_CLITIC_ENDINGS = ("s", "m", "re", "ve", "ll", "d")
_CLITICS = {mark + ending for mark in ("'", _RSQUO) for ending in _CLITIC_ENDINGS}
_CLITICS |= {"n't", "n" + _RSQUO + "t"}
_AFTER_APOSTROPHE = {*_CLITIC_ENDINGS, "t"}
_LONE_QUOTES = {'"', "``", "''"}
_QUOTE_ENDERS = {".", ",", "!", "?", ";", "'", _RSQUO}


def detokenize(tokens: Sequence[str]) -> str:
    """Join tokens into text: no space before punctuation or clitics, none inside hyphenated
    words, slashes, numbers, initialisms, quotes and split contractions (``it \u2019 s``).
    The quote tokens ``"``, two backticks and two apostrophes all become ``"``."""
    text = ""
    glue_next = True
    open_quote = False
    for index, token in enumerate(tokens):
        glue = glue_next or token.lower() in _CLITICS or token in _ATTACH_LEFT or token in _JOINERS
        glue_next = token in _ATTACH_RIGHT or token in _JOINERS
        if token in _LONE_QUOTES:
            closing = _closes_quote(tokens, index, open_quote)
            glue, glue_next = (True, False) if closing else (glue, True)
            open_quote = not closing
            token = '"'
        elif token.count('"') % 2:
            open_quote = not open_quote
        elif (token == _RSQUO and _splits_contraction(tokens, index)) or (
            _joins_inside(tokens, index)
        ):
            glue_next = True
        text += ("" if glue else " ") + token
    return text


def _closes_quote(tokens: Sequence[str], index: int, open_quote: bool) -> bool:
    """Whether the quote token at ``index`` closes a quote. Quotes may span sentences, and the
    source's backtick and apostrophe quote tokens are not reliable about which side they are on."""
    if index == len(tokens) - 1:
        return True
    if index == 0:
        return False
    later_quote = any('"' in later or later in _LONE_QUOTES for later in tokens[index + 1 :])
    return open_quote or (tokens[index - 1][-1:] in _QUOTE_ENDERS and not later_quote)


def _splits_contraction(tokens: Sequence[str], index: int) -> bool:
    return 0 < index < len(tokens) - 1 and tokens[index + 1].lower() in _AFTER_APOSTROPHE


def _joins_inside(tokens: Sequence[str], index: int) -> bool:
    """Whether the mark at ``index`` sits inside a number or an initialism the source tokeniser
    split up: ``2 : 47``, ``4 . 6``, ``6 , 000``, ``U . S``."""
    if not 0 < index < len(tokens) - 1:
        return False
    before, mark, after = tokens[index - 1 : index + 2]
    if before[-1:].isdigit() and after[:1].isdigit():
        return mark in {":", "."} or (mark == "," and len(after) == 3 and after.isdigit())
    return mark == "." and _is_initial(before) and _is_initial(after)


def _is_initial(token: str) -> bool:
    return len(token) == 1 and token.isupper()


def _is_url(tokens: Sequence[str]) -> bool:
    return len(tokens) > 1 and tokens[0].lower() in {"http", "https"} and tokens[1] == ":"


def read_document(path: Path) -> list[str]:
    """The sentences of one ECB+ XML file, in order, without a leading URL line."""
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().findall("token"):
        text = (token.text or "").strip()
        if text:
            by_sentence[int(token.get("sentence", "0"))].append(text)
    sentences = [by_sentence[number] for number in sorted(by_sentence)]
    if sentences and _is_url(sentences[0]):
        sentences = sentences[1:]
    return [detokenize(tokens) for tokens in sentences]


def synthetic_url(document: str) -> str:
    """A made-up but stable URL for ``document`` (e.g. ``1_10ecb``) on one of the outlets."""
    outlet = zlib.crc32(document.encode()) % OUTLETS
    return f"https://outlet{outlet:02d}.example/ecbplus/{document}"


def _document_files(root: Path, topics: range | None) -> list[tuple[int, int, str, Path]]:
    found = []
    for path in root.glob("*/*.xml"):
        match = _DOCUMENT_NAME.fullmatch(path.name)
        if match and (topics is None or int(match[1]) in topics):
            found.append((int(match[1]), int(match[2]), match[3], path))
    return sorted(found)


def load_ecbplus_documents(data_dir: Path, topics: range | None = None) -> list[Article]:
    """One article per ECB+ document (all 982, or those whose topic is in ``topics``),
    ordered by topic, sub-corpus and document number. Dates, URLs and hosts are synthetic."""
    root = Path(data_dir) / "ecbplus" / "ECB+"
    articles = []
    for topic, _, _, path in _document_files(root, topics):
        sentences = read_document(path)
        if sentences:
            articles.append(
                Article(
                    headline=sentences[0],
                    date=FIRST_TOPIC_DATE + dt.timedelta(days=topic - 1),
                    url=synthetic_url(path.stem),
                    sentences=tuple(sentences),
                    source=str(path),
                )
            )
    return articles
