"""Recognise a site's appeal to its readers (membership, paywall, donation pleas) by its own
words, in a single article.

Site furniture repeated across a domain's articles is caught by
:mod:`corroborate.claims.repeated`; a plea that appears once ("For as little as $6 a month you
can help support our quality journalism...") is not. Each line is scored on cues of a site
talking to its readers about itself: a price per period, joining a community or membership,
a paywall, support for "our journalism", how many articles "you've read", the reader
addressed as "you". One cue is not enough (a quote may say "you" or "community"); a line
scoring :data:`PROMOTION_THRESHOLD` or more is a plea. Lost apostrophes ("youve",
"havent") are common in scraped text and are matched too.
"""

from __future__ import annotations

import re

PROMOTION_THRESHOLD = 3

_APOSTROPHE = r"'?"
_CUES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), weight)
    for pattern, weight in (
        # The reader addressed: "you will", "your inbox", "readers like you".
        (rf"\byou(?:{_APOSTROPHE}(?:ve|re|ll|d))?\b|\byour\b", 1),
        (r"\breaders like you\b|\bdiscerning readers\b|\bwe invite readers\b", 2),
        # A price per period.
        (r"\bfor as little as\b", 2),
        (r"[$€£]\s?\d+(?:[.,]\d+)?\s?(?:a|per|/|each)?\s?(?:month|week|year)\b", 2),
        # Membership, joining, paywalls, donations.
        (r"\bjoin(?:ing)?\b[\w' ]{0,40}\b(?:community|membership|club|members)\b", 2),
        (r"\b(?:community|premium|paying) members\b|\bbecome an? (?:member|subscriber)\b", 2),
        (r"\bpaywall\b", 2),
        (
            r"\b(?:help )?support (?:our|us|the) (?:quality |independent |award-winning )?"
            r"(?:journalism|work|reporting|newsroom|mission)\b",
            2,
        ),
        (r"\bhelp support\b", 1),
        (r"\bad-free\b|\bexclusive content\b|\bmust-read\b", 1),
        (r"\bunlike other (?:news )?(?:outlets|sites|publications)\b", 1),
        (rf"\b(?:we|I) ha(?:ve|ven{_APOSTROPHE}t) (?:a|one) (?:request|favou?r) to ask\b", 2),
        # "You've read 5 articles this month".
        (rf"\byou(?:{_APOSTROPHE}ve| have)? read\b", 2),
        (r"\barticles? (?:in|this|over) the past (?:month|week)\b|\barticles? this month\b", 1),
        # The site's own journalism, in the first person.
        (r"\b(?:our|the) journalism we do\b|\bour (?:quality|independent) journalism\b", 2),
        (r"\bnewsletters?\b|\binbox\b", 1),
    )
)


def promotion_score(text: str) -> int:
    """The summed weight of the promotion cues found in ``text`` (each cue counted once)."""
    return sum(weight for pattern, weight in _CUES if pattern.search(text))


def is_promotion(text: str) -> bool:
    """Whether ``text`` is a site's plea to its readers rather than news."""
    return promotion_score(text) >= PROMOTION_THRESHOLD
