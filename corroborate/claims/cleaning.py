"""Normalise one scraped sentence into the clean text stored as a claim."""

from __future__ import annotations

import re
import unicodedata

# Applied before NFKC, which would otherwise split a double prime into two primes
# and an acute accent into a space plus a combining mark.
_QUOTES_AND_HYPHENS = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2039": "'",  # single left-pointing angle quotation mark
        "\u203a": "'",  # single right-pointing angle quotation mark
        "\u2032": "'",  # prime, often typed for an apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
        "\u00b4": "'",  # acute accent, often typed for an apostrophe
        "`": "'",
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u00ab": '"',  # left-pointing double angle quotation mark
        "\u00bb": '"',  # right-pointing double angle quotation mark
        "\u2033": '"',  # double prime
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2043": "-",  # hyphen bullet
        "\u2212": "-",  # minus sign
    }
)
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})
_EN_DASH = "\u2013"
_EM_DASH = "\u2014"
# An en dash, em dash, horizontal bar or ASCII double hyphen, with the spaces around it.
_DASH = re.compile(r"\s*(?P<dash>[\u2013\u2014\u2015\u2e3a\u2e3b]|(?<!-)--(?!-))\s*")
_WHITESPACE = re.compile(r"\s+")
# Bullets and list numbers ("• ", "- ", "* ", "1. ", "2) "), repeated or not.
_LIST_MARKER = re.compile(
    r"^(?:[\u2022\u00b7\u2023\u2219\u25aa\u25ab\u25e6\u25ba\u25b6\u25a0\u25a1\u25cf\u25cb"
    r"\u25c6\u25c7\u27a4\u27a2\u2192\u2014]\s*|[-*+>]\s+|\d{1,2}[.)]\s+)+"
)
# A single quote that opens or closes a quotation rather than sitting inside a word.
_QUOTING_APOSTROPHE = re.compile(r"(?:^|\s)'|'(?:\s|$)")


def clean_sentence(text: str) -> str:
    """Return ``text`` normalised for storage, or ``""`` when no letter or digit remains.

    Applies NFKC, straightens quotes, normalises dashes (a closed-up en dash, as in a
    range of years, becomes a hyphen, any other dash a spaced em dash), removes control,
    format and zero-width characters, collapses whitespace, then strips list markers and
    quote marks that wrap the whole sentence or dangle unpaired at one end of it.
    The result is stable: cleaning it again changes nothing.
    """
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES_AND_HYPHENS))
    if not text.isprintable():
        text = "".join(_visible(character) for character in text)
    text = _DASH.sub(_replace_dash, text)
    text = _WHITESPACE.sub(" ", text).strip()
    text = _strip_edges(text)
    return text if any(character.isalnum() for character in text) else ""


def _visible(character: str) -> str:
    """Map whitespace to a space and drop control, format and private-use characters."""
    if character.isspace():
        return " "
    return "" if unicodedata.category(character) in _REMOVED_CATEGORIES else character


def _replace_dash(match: re.Match[str]) -> str:
    closed_up = match.group(0) == match.group("dash")
    return "-" if closed_up and match.group("dash") == _EN_DASH else f" {_EM_DASH} "


def _strip_edges(text: str) -> str:
    """Remove list markers and wrapping quotes until none is left."""
    while True:
        stripped = _unquote(_LIST_MARKER.sub("", text)).strip()
        if stripped == text:
            return text
        text = stripped


def _unquote(text: str) -> str:
    """Drop quotes around the whole sentence, or a lone double quote at either end.

    Terminal punctuation after a closing quote (``"Like this".``) is kept.
    """
    body = text.rstrip(".!?")
    stops = text[len(body) :]
    doubles = text.count('"')
    if doubles == 1 and body.startswith('"'):
        return text[1:]
    if doubles == 1 and body.endswith('"'):
        return body[:-1] + stops
    if len(body) < 2 or body[0] != body[-1] or body[0] not in "\"'":
        return text
    inner = body[1:-1]
    quote_inside = '"' in inner if body[0] == '"' else _QUOTING_APOSTROPHE.search(inner)
    return text if quote_inside else inner + stops
