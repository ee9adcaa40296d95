"""Denial and negation: does one claim deny or negate what the other asserts?"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate.checks.attribution import extract_attribution
from corroborate.checks.findings import Effect, Finding
from corroborate.checks.overlap import content_keys, lowercase_keys, mostly_shared
from corroborate.checks.words import lower_word_set, may_contain, plain_punctuation, word_set

# Phrases with a negative word that deny nothing: hedges ("declined to comment",
# "could not be independently verified") and idioms ("not only", "no more than").
_NOT_DENIALS_RE = re.compile(
    r"""\b(?:refused|declined|would\s+not|could\s+not|did\s+not|has\s+not|have\s+not|is\s+not
        |was\s+not|were\s+not|cannot|was\s+unable|were\s+unable|(?:would|could|did|has|have
        |is|was|were|ca|wo)n't)\s+(?:to\s+)?(?:be\s+)?(?:immediately\s+|independently\s+
        |publicly\s+|officially\s+)?(?:confirm|comment|say|verif|respond|reply|disclos
        |elaborat|den|clear)\w*
      | \b(?:could\s+not|couldn't|was\s+not|wasn't)\s+(?:immediately\s+)?(?:be\s+reached
        |available)\b
      | \bneither\s+confirm\w*\s+nor\s+den\w*
      | \bno\s+(?:immediate\s+)?(?:comment|response)\b
      | \bnot\s+(?:only|just|least|long\s+(?:after|before|ago)|far\s+from)\b
      | \bno\s+(?:more|fewer|less)\s+than\b
      | \bno\s+doubt\b""",
    re.IGNORECASE | re.VERBOSE,
)
_CLAIM_NOUNS = (
    r"claims?|reports?|allegations?|accusations?|suggestions?|assertions?|idea|notion|charges?"
    r"|rumou?rs?|speculation|stories|story"
)
_DENIAL_RE = re.compile(
    rf"""\b(?:den(?:y|ies|ied|ying|ial)
      | refut\w*
      | (?:rejected|rejects|rejecting|dismissed|dismisses|dismissing|disputed|disputes)
        \s+(?:\w+\s+){{0,2}}?(?:{_CLAIM_NOUNS})
      | baseless|untrue|unfounded|groundless|fabricated
      | false(?!\s+(?:flag|alarm|start|positive|negative|impression)))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# "rejected claims that X", "denied reports that X": X is what is denied.
_DENIED_CONTENT_RE = re.compile(
    rf"\b(?:{_CLAIM_NOUNS})\s+(?:\w+\s+){{0,3}}?that\s+(?P<content>[^,;]+)", re.IGNORECASE
)
_NEGATION_RE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|cannot)\b|\b\w+n't\b", re.IGNORECASE
)
_CUE_WORDS = word_set(
    "not no never none nobody nothing neither cannot deny denies denied denying denial "
    "refute refutes refuted refuting rejected rejects rejecting dismissed dismisses "
    "dismissing disputed disputes baseless untrue unfounded groundless fabricated false"
)
# Letters (any case) without one of which _NOT_DENIALS_RE, or _DENIAL_RE, cannot match.
_NOT_DENIAL_PARTS = (
    "confirm", "comment", "say", "verif", "respond", "reply", "disclos", "elaborat", "den",
    "clear", "reached", "available", "neither", "response", "only", "just", "least", "long",
    "far", "than", "doubt",
)  # fmt: skip
_DENIAL_PARTS = (
    "den", "refut", "reject", "dismiss", "disput", "baseless", "untrue", "unfounded",
    "groundless", "fabricated", "false",
)  # fmt: skip
# Shares of the content words of the shorter and of the longer claim that both must have;
# of the lowercase ones (what happened, not who) the shorter claim's share only.
_OF_SHORTER = 0.75
_OF_LONGER = 0.5
# The same when the caller knows the pair reports one event (a denial of "claims that X"
# rewords X: "visited" for "travelled to"): half the shorter claim's words, a quarter of
# the longer's.
_KNOWN_OF_SHORTER = 0.5
_KNOWN_OF_LONGER = 0.25


@dataclass(frozen=True)
class Polarity:
    """Whether a text negates or denies what it states, and what it states.

    ``cue`` is the first negation or denial ("denied", "not"); ``denial`` says it is a
    denial rather than a plain negation. An even number of cues ("did not deny") negates
    nothing. ``claim`` is what is negated or asserted, without cues or attribution.
    """

    negated: bool
    cue: str | None
    denial: bool
    claim: str
    reported: bool = False
    """True for a denial of reports or claims ("rejected claims that X"): ``claim`` is X."""


def _may_negate(text: str) -> bool:
    """A cheap test: False if ``text`` holds no word any negation or denial needs."""
    return "n't" in text or not _CUE_WORDS.isdisjoint(lower_word_set(text))


def _without_cues(text: str) -> str:
    if may_contain(text, _NOT_DENIAL_PARTS):
        text = _NOT_DENIALS_RE.sub(" ", text)
    if may_contain(text, _DENIAL_PARTS):
        text = _DENIAL_RE.sub(" ", text)
    return _NEGATION_RE.sub(" ", text)


@lru_cache(maxsize=8192)
def polarity(text: str) -> Polarity:
    """The polarity of ``text`` and its claim.

    Hedges such as "refused to confirm" and idioms such as "not only" negate nothing. The
    claim leaves out who said it ("US officials said"), unless the speaker is the one
    denying ("Iran denied supplying drones"); a denial of "claims that X" claims X. Several
    denial words make one denial ("rejected claims ..., calling them baseless"); each
    plain negation flips it ("did not deny").
    """
    text = plain_punctuation(text)
    attribution = extract_attribution(text)
    claim = attribution.claim if attribution and not attribution.denies else text
    if not _may_negate(text):
        return Polarity(False, None, False, claim)
    kept = _NOT_DENIALS_RE.sub(" ", text) if may_contain(text, _NOT_DENIAL_PARTS) else text
    may_deny = may_contain(kept, _DENIAL_PARTS)
    denials = [match.group() for match in _DENIAL_RE.finditer(kept)] if may_deny else []
    undenied = _DENIAL_RE.sub(" ", kept) if may_deny else kept
    negations = [match.group() for match in _NEGATION_RE.finditer(undenied)]
    cues = denials or negations
    negated = (bool(denials) + len(negations)) % 2 == 1
    content = _DENIED_CONTENT_RE.search(claim) if denials else None
    if content is not None:
        claim = content.group("content")
    cue = cues[0] if cues else None
    return Polarity(negated, cue, bool(denials), _without_cues(claim), content is not None)


def _same_claim(
    a: str, b: str, of_shorter: float = _OF_SHORTER, of_longer: float = _OF_LONGER
) -> bool:
    """True if a and b share most of their content words, and most of what happened."""
    if not mostly_shared(lowercase_keys(a), lowercase_keys(b), of_shorter=of_shorter):
        return False
    return mostly_shared(
        content_keys(a), content_keys(b), of_shorter=of_shorter, of_longer=of_longer
    )


def check_negation(a: str, b: str, *, same_event_known: bool = False) -> list[Finding]:
    """A conflict if exactly one of a and b negates or denies, and they otherwise match.
    With ``same_event_known`` (the caller knows they report one event) an explicit denial
    of reports ("rejected claims that X") needs fewer shared words: it restates X in its
    own words."""
    polarity_a, polarity_b = polarity(a), polarity(b)
    if polarity_a.negated == polarity_b.negated:
        return []
    negating = polarity_a if polarity_a.negated else polarity_b
    shares = (
        (_KNOWN_OF_SHORTER, _KNOWN_OF_LONGER)
        if same_event_known and negating.reported
        else (_OF_SHORTER, _OF_LONGER)
    )
    if not _same_claim(polarity_a.claim, polarity_b.claim, *shares):
        return []
    negating, side, other = (polarity_a, "a", "b") if polarity_a.negated else (polarity_b, "b", "a")
    verb = "denies" if negating.denial else "negates"
    reason = f"{side} {verb} what {other} asserts ('{negating.cue}')"
    span_a, span_b = (negating.cue, None) if side == "a" else (None, negating.cue)
    return [Finding("negation", Effect.CONFLICT, reason, span_a, span_b)]
