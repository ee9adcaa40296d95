"""Plug any sentence-transformers CrossEncoder NLI model in as the relation model.

The packaged head still decides whether a pair is related at all (cheap, from the stored
vectors); the cross-encoder splits the related mass into entails / neutral / contradicts.
It reads the label order from the model's ``id2label`` config.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corroborate.datasets.records import RELATIONS
from corroborate.errors import CorroborateError
from corroborate.relations.mlp import RelationHead

_NLI_NAMES = {"entailment": "entails", "neutral": "neutral", "contradiction": "contradicts"}


class CrossEncoderRelations:
    """A cascade: the head's P(unrelated), then the cross-encoder's NLI distribution."""

    def __init__(self, model: str, base: RelationHead) -> None:
        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(model, device="cpu")
        except OSError as exc:
            raise CorroborateError(
                f"cannot load cross-encoder {model!r}: {exc}; pass a local model directory"
            ) from exc
        id2label = self._model.config.id2label
        names = [str(id2label[i]).lower() for i in range(len(id2label))]
        if sorted(names) != sorted(_NLI_NAMES):
            raise CorroborateError(
                f"cross-encoder {model!r} has labels {names}; an NLI model with entailment, "
                "neutral and contradiction labels is needed"
            )
        self._columns = [RELATIONS.index(_NLI_NAMES[name]) for name in names]
        self.base = base

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of ``RELATIONS`` for a_i ⇒ b_i."""
        unrelated_column = RELATIONS.index("unrelated")
        unrelated = self.base.predict_proba(u, v, texts_a, texts_b)[:, unrelated_column]
        scores = self._model.predict(
            list(zip(texts_a, texts_b, strict=True)), apply_softmax=True, convert_to_numpy=True
        )
        nli = np.asarray(scores, dtype=np.float32).reshape(len(texts_a), -1)
        probabilities = np.zeros((len(texts_a), len(RELATIONS)), dtype=np.float32)
        probabilities[:, self._columns] = nli * (1.0 - unrelated)[:, None]
        probabilities[:, unrelated_column] = unrelated
        return probabilities
