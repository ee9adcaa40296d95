"""Remove embedded-post residue from a news sentence: picture links and account handles.

Scraped articles that embed a tweet often keep pieces of it inside a real sentence: a picture
link whose slash was lost (``pic.twitter.comlCFVB26bU3``), a short link (``https://t.co/x``),
or an account handle whose ``@`` was lost (``adviser JakeSullivan46 and``). The sentence is
news and is kept; only the residue goes, and a handle becomes the name it spells
(``Jake Sullivan``). The file line itself stays as written (the claim's position points to it).
"""

from __future__ import annotations

import re

_PICTURE_LINK = re.compile(r"\s*\b(?:https?://)?pic\.twitter\.com/?\w*", re.IGNORECASE)
_SHORT_LINK = re.compile(r"\s*\bhttps?://t\.co/\w+", re.IGNORECASE)
# "JakeSullivan46", "@JakeSullivan46": two or more capitalised words run together, with
# digits at the end or an "@" in front (so "McDonald" or "YouTube" are left alone).
_HANDLE = re.compile(
    r"(?<![\w@])(?:@(?P<at>(?:[A-Z][a-z]+){2,4})\d*|(?P<bare>(?:[A-Z][a-z]+){2,4})\d+)(?!\w)"
)
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")


def _name(match: re.Match[str]) -> str:
    return " ".join(_CAPITALISED.findall(match.group("at") or match.group("bare")))


def strip_social_residue(text: str) -> str:
    """``text`` without picture and short links, each handle written as the name it spells."""
    cleaned = _SHORT_LINK.sub("", _PICTURE_LINK.sub("", text))
    cleaned = _HANDLE.sub(_name, cleaned)
    cleaned = _SPACE_BEFORE_STOP.sub(r"\1", cleaned).strip()
    return cleaned
