"""Who said it: split "Sullivan said X" / "X, according to officials" into speaker and claim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.checks.words import lower_word_set, plain_punctuation, word_set

_SPEAKER_NOUNS = (
    r"officials?|sources?|spokes(?:man|woman|person)|ministry|government|analysts?|diplomats?"
    r"|experts?|authorities|police|investigators|observers|media|agency|army|military"
    r"|president|minister|officers?|residents?|witnesses|statement|advis[eo]rs?|he|she|they|it"
)
_SPEAKER_MODIFIERS = (
    r"the|a|an|of|for|at|senior|top|western|military|intelligence|foreign|defen[cs]e|state"
    r"|government|administration|national|security|local|unnamed|anonymous|two|three|several|chief"
    r"|other"
)
_CAPITALISED = r"[A-Z][\w.'-]*"
_SPEAKER = (
    rf"(?:(?:{_CAPITALISED}|{_SPEAKER_MODIFIERS}|{_SPEAKER_NOUNS})\s+){{0,7}}"
    rf"(?:{_CAPITALISED}|{_SPEAKER_NOUNS})"
)
_REPORTING_VERBS = word_set(
    "said says say claimed claims claim stated states added noted warned warns announced "
    "announces confirmed confirms reported reports insisted insists argued wrote tweeted "
    "believes believe believed alleged alleges acknowledged admitted estimated estimates "
    "denied denies deny rejected dismissed"
)
_VERBS = r"told\s+\w+|" + "|".join(sorted(_REPORTING_VERBS, key=len, reverse=True))
_AUXILIARY = r"(?:(?:has|have|had|also|again|previously|repeatedly)\s+)*"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WHEN = (
    r"(?:\s+(?:(?:on|in|at|during|late|earlier|last)\s+[^,]{1,30}?"
    rf"|{_WEEKDAY}|yesterday|today))?"
)
"""When the speaker spoke: "said on Tuesday", "said late last week", or a bare weekday
("Investigators said Sunday the gunman ..."), which dates the statement, not the claim."""
_QUOTES = "\"' "

_PATTERNS = (
    re.compile(r"^[Aa]ccording to (?P<speaker>[^,]{1,80}),\s*(?P<claim>.+)$"),
    re.compile(r"^(?P<claim>.+?),?\s+according to (?P<speaker>[^,]{1,80}?)[.!]?$"),
    re.compile(
        rf"^(?P<claim>.+?),[\"']?\s+(?P<speaker>{_SPEAKER})\s+{_AUXILIARY}(?P<verb>{_VERBS})"
        rf"(?:\s+[^,]{{1,40}})?(?:,\s+(?P<tail>(?:as|while|after|when|amid)\s.+?))?[.!]?$"
    ),
    re.compile(
        r"^(?P<claim>.+?),[\"']?\s+(?P<verb>said|says|added|told \w+)\s+"
        r"(?P<speaker>[^,]{1,80}?)[.!]?$"
    ),
    re.compile(
        rf"^(?P<speaker>{_SPEAKER})\s+{_AUXILIARY}(?P<verb>{_VERBS}){_WHEN},?\s+(?:that\s+)?"
        rf"(?P<claim>.+)$"
    ),
)
_DENIAL_VERBS = word_set("denied denies deny rejected dismissed")
_HINT_WORDS = _REPORTING_VERBS | {"told", "according"}


@dataclass(frozen=True)
class Attribution:
    """The speaker of a sentence, the reporting verb, and what is attributed to them."""

    speaker: str
    verb: str
    claim: str

    @property
    def denies(self) -> bool:
        """True if the speaker denies the claim ("the Kremlin denied that ...")."""
        return self.verb in _DENIAL_VERBS


@lru_cache(maxsize=8192)
def extract_attribution(text: str) -> Attribution | None:
    """Split ``text`` into speaker and claim, or None if it attributes nothing."""
    text = plain_punctuation(text).strip()
    if _HINT_WORDS.isdisjoint(lower_word_set(text)):
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        claim = match.group("claim").strip(_QUOTES).rstrip(",.!").strip(_QUOTES)
        tail = match.groupdict().get("tail")
        if tail:  # "X, Sullivan said Saturday, as Moscow looks to ...": the clause is claim
            claim = f"{claim}, {tail}"
        if len(claim.split()) < 2:
            continue
        verb = match.groupdict().get("verb") or "according to"
        return Attribution(match.group("speaker").strip(), verb, claim)
    return None
