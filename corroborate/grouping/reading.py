"""How grouping reads a judged pair: the stricter standard a dispute shown to a reader needs.

The judge answers for any pair, as ``query`` asks; a nightly report shows a contradiction as
two sides of one claim, each side told by its words. So grouping takes a contradiction only
when a check named the conflicting words (the relation model's contradiction alone, on news
pairs, mostly marks two different facts of one story), and, for two claims not worded as one
(cosine below the paraphrase threshold), only when the checks still find the conflict
without being told that the pair reports one event: their own word test must say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np

from corroborate.checks import Effect, run_checks
from corroborate.relations.verdict import SAME_STORY, Judgement, first_finding

UNPINNED = f"{SAME_STORY}: no conflicting words found"
"""The reason grouping gives a contradiction that names no conflicting words."""
UNWORDED = f"{SAME_STORY}: worded apart, and their words do not say one event"
"""The reason grouping gives a check's conflict between claims worded apart whose words do
not show one event."""


@dataclass(frozen=True)
class VerdictReader:
    """Reads judgements of pairs of claims (by position) the way grouping takes them."""

    texts: list[str]
    dates: list[dt.date]
    vectors: np.ndarray
    min_similarity: float
    """The cosine at or above which two claims are worded as one claim."""

    def read(self, pair: tuple[int, int], judgement: Judgement) -> Judgement:
        """``judgement`` of the claims at ``pair``, a contradiction grouping does not take
        read as a different fact of one story (unrelated)."""
        if judgement.label != "contradicts":
            return judgement
        if judgement.conflict is None:
            return replace(judgement, label="unrelated", reason=UNPINNED)
        a, b = pair
        if float(self.vectors[a] @ self.vectors[b]) >= self.min_similarity:
            return judgement
        findings = run_checks(
            self.texts[a], self.texts[b], date_a=self.dates[a], date_b=self.dates[b]
        )
        if first_finding(findings, Effect.CONFLICT) is None:
            return replace(judgement, label="unrelated", reason=UNWORDED, conflict=None)
        return judgement
