"""A cascade: the packaged head first, an NLI cross-encoder only on the pairs that matter.

The head (cheap, from the stored vectors) gives P(unrelated) for every pair. Pairs the judge
could still call agree / adds detail / contradicts (cosine at or above the judge's claim gate
and a head that does not rule them unrelated) go to the cross-encoder, which splits the
related mass into entails / neutral / contradicts; the others keep the head's answer. The
cross-encoder is the packaged one (``packaged``) or any sentence-transformers CrossEncoder NLI
model by name or path; the label order comes from its ``id2label`` config.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from corroborate.datasets.records import RELATIONS
from corroborate.errors import CorroborateError
from corroborate.relations.model import RelationModel

PACKAGED = "packaged"
"""The ``--nli-model`` name of the cross-encoder shipped in the package."""

_NLI_NAMES = {"entailment": "entails", "neutral": "neutral", "contradiction": "contradicts"}
_UNRELATED = RELATIONS.index("unrelated")


class NLIScorer(Protocol):
    """A 3-way NLI model: probabilities over ``labels`` for (premise, hypothesis) pairs."""

    labels: tuple[str, ...]

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray: ...


class SentenceTransformersNLI:
    """Any sentence-transformers CrossEncoder with entailment / neutral / contradiction labels."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(model, device="cpu")
        except OSError as exc:
            raise CorroborateError(
                f"cannot load cross-encoder {model!r}: {exc}; pass a local model directory"
            ) from exc
        id2label = self._model.config.id2label
        self.labels = tuple(str(id2label[i]).lower() for i in range(len(id2label)))

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """``(n, len(labels))`` softmax probabilities."""
        scores = self._model.predict(list(pairs), apply_softmax=True, convert_to_numpy=True)
        return np.asarray(scores, dtype=np.float32).reshape(len(pairs), -1)


def load_nli(model: str) -> NLIScorer:
    """The packaged cross-encoder for ``packaged``, else a CrossEncoder by name or path."""
    if model == PACKAGED:
        from corroborate.relations.packaged_nli import PackagedNLI

        return PackagedNLI()
    return SentenceTransformersNLI(model)


@dataclass(frozen=True)
class CascadeGate:
    """Which pairs the cross-encoder sees; ``None`` bounds send every pair."""

    min_cosine: float | None = 0.63
    """The judge's ``claim_similarity``: below it a pair is never agree / adds detail."""
    max_unrelated: float | None = 0.8
    """Head P(unrelated) at or above which the pair stays with the head. Above the judge's
    one half (averaged over both directions), so a pair the head is unsure about is sent."""

    def selects(self, cosine: np.ndarray, unrelated: np.ndarray) -> np.ndarray:
        """Boolean mask of the pairs to send to the cross-encoder."""
        chosen = np.ones(len(cosine), dtype=bool)
        if self.min_cosine is not None:
            chosen &= cosine >= self.min_cosine
        if self.max_unrelated is not None:
            chosen &= unrelated < self.max_unrelated
        return chosen


EVERY_PAIR = CascadeGate(None, None)


class CrossEncoderRelations:
    """The head's P(unrelated), then the cross-encoder's NLI split on the gated pairs."""

    def __init__(
        self, model: str | NLIScorer, base: RelationModel, gate: CascadeGate | None = None
    ) -> None:
        self.scorer = load_nli(model) if isinstance(model, str) else model
        names = [name.lower() for name in self.scorer.labels]
        if sorted(names) != sorted(_NLI_NAMES):
            raise CorroborateError(
                f"cross-encoder {model!r} has labels {names}; an NLI model with entailment, "
                "neutral and contradiction labels is needed"
            )
        self._columns = [RELATIONS.index(_NLI_NAMES[name]) for name in names]
        self.base = base
        self.gate = gate or CascadeGate()
        self.scored_pairs = 0
        """How many ordered pairs the cross-encoder has scored (the cascade's cost)."""

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of ``RELATIONS`` for a_i ⇒ b_i."""
        probabilities = np.asarray(self.base.predict_proba(u, v, texts_a, texts_b), np.float32)
        unrelated = probabilities[:, _UNRELATED].copy()
        chosen = np.flatnonzero(self.gate.selects(np.einsum("ij,ij->i", u, v), unrelated))
        if len(chosen) == 0:
            return probabilities
        nli = self.scorer.predict([(texts_a[i], texts_b[i]) for i in chosen.tolist()])
        self.scored_pairs += len(chosen)
        related = (1.0 - unrelated[chosen])[:, None]
        probabilities[chosen[:, None], self._columns] = nli * related
        return probabilities
