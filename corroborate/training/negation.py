"""Make contradictions from entailed pairs by negating the hypothesis with simple rules.

Training data for negation that leaks no reporting set (the BECEL probes for SNLI and MRPC are
built from their test splits): "A man is sleeping" → "A man is not sleeping", and a negated
hypothesis loses its ``not``.
"""

from __future__ import annotations

import re

_AUXILIARY = re.compile(
    r"\b(is|are|was|were|has|have|had|can|will|could|would|should|may|might|must|did|does|do)"
    r"\b(?! not\b)",
    re.IGNORECASE,
)
_NOT = re.compile(
    r"\b(is|are|was|were|has|have|had|can|will|could|would|should|did|does|do)"
    r" not\b",
    re.IGNORECASE,
)


def negate(sentence: str) -> str | None:
    """The sentence with its first auxiliary verb negated or un-negated; None if it has none."""
    if (negated := _NOT.search(sentence)) is not None:
        return sentence[: negated.start()] + negated.group(1) + sentence[negated.end() :]
    if (auxiliary := _AUXILIARY.search(sentence)) is None:
        return None
    return sentence[: auxiliary.end()] + " not" + sentence[auxiliary.end() :]
