"""Links that take a reader to the quoted sentence in its article (URL text fragments)."""

from __future__ import annotations

from urllib.parse import quote, urldefrag

_FRAGMENT_WORDS = 4
"""Words quoted at each end of a long sentence (``text=start,end``)."""
_PUNCTUATION = ".,;:!?\"'()[]"


def _encoded(words: list[str]) -> str:
    # A text directive must also escape "-", "," and "&", which separate its parts.
    return quote(" ".join(words), safe="").replace("-", "%2D")


def is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def sentence_link(url: str, text: str) -> str:
    """``url`` with a ``#:~:text=`` fragment that highlights ``text`` in a browser that
    supports text fragments (others just open the page). Only http(s) URLs get a fragment."""
    if not is_web_url(url):
        return url
    base = urldefrag(url).url
    words = [word.strip(_PUNCTUATION) for word in text.split()]
    words = [word for word in words if word]
    if not words:
        return base
    if len(words) <= 2 * _FRAGMENT_WORDS:
        return f"{base}#:~:text={_encoded(words)}"
    start, end = words[:_FRAGMENT_WORDS], words[-_FRAGMENT_WORDS:]
    return f"{base}#:~:text={_encoded(start)},{_encoded(end)}"


def sentence_place(position: int) -> str:
    """Where the sentence sits in its article, for a reader: ``sentence 4``."""
    return f"sentence {position + 1}"
