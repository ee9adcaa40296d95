"""The relation head at run time: a small MLP over pair features, in plain numpy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.datasets.records import RELATIONS, Relation
from corroborate.errors import CorroborateError
from corroborate.relations.dense import DenseArrays, dense_proba, read_dense, write_dense
from corroborate.relations.features import LEXICAL_NAMES, pair_features

DEFAULT_ARTIFACT = "relation_head.npz"


def default_artifact_path() -> Path:
    """Where the packaged artifact lives."""
    return Path(str(resources.files("corroborate").joinpath("artifacts", DEFAULT_ARTIFACT)))


@dataclass(frozen=True)
class RelationHead:
    """Predicts P(entails, neutral, contradicts, unrelated) for ordered pairs (a ⇒ b).

    ``weights`` and ``biases`` are the dense layers (ReLU between them, softmax after the
    last); features are standardised with ``mean`` and ``scale`` first.
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    mean: np.ndarray
    scale: np.ndarray
    labels: tuple[Relation, ...] = RELATIONS
    metadata: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> RelationHead:
        """Read a head saved by :meth:`save` (the packaged artifact by default)."""
        path = Path(path) if path is not None else default_artifact_path()
        stored = read_dense(path, "relation model", "corroborate.training.train")
        metadata = stored.metadata
        head = cls(
            weights=stored.weights,
            biases=stored.biases,
            mean=stored.mean,
            scale=stored.scale,
            labels=tuple(metadata["labels"]),
            metadata=metadata,
        )
        if metadata.get("lexical_features") != list(LEXICAL_NAMES):
            raise CorroborateError(
                f"relation model {path} was trained with other lexical features; retrain it"
            )
        return head

    def save(self, path: Path) -> None:
        """Write the head as float16 weights plus JSON metadata in one ``.npz``."""
        metadata = dict(self.metadata or {}) | {
            "labels": list(self.labels),
            "lexical_features": list(LEXICAL_NAMES),
        }
        write_dense(path, DenseArrays(self.weights, self.biases, self.mean, self.scale, metadata))

    def predict_proba(
        self, u: np.ndarray, v: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
    ) -> np.ndarray:
        """``(n, 4)`` probabilities, columns in the order of ``labels``, for a_i ⇒ b_i."""
        return self.proba_from_features(pair_features(u, v, texts_a, texts_b))

    def proba_from_features(self, features: np.ndarray) -> np.ndarray:
        """Probabilities for a feature matrix built by :func:`pair_features`."""
        return dense_proba(features, self.weights, self.biases, self.mean, self.scale)
