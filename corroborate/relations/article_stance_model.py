"""The article-level stance classifier at run time: standardised features, an optional
hidden ReLU layer, softmax; plain numpy, read from one ``.npz`` with JSON metadata."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.errors import CorroborateError
from corroborate.relations.article_stance import FEATURE_NAMES, STANCES
from corroborate.relations.dense import DenseArrays, dense_proba, read_dense, write_dense

ARTIFACT = "article_stance.npz"
TRAINER = "corroborate.training.train_article_stance"


def artifact_path() -> Path:
    """Where the packaged article-stance artifact lives."""
    return Path(str(resources.files("corroborate").joinpath("artifacts", ARTIFACT)))


@dataclass(frozen=True)
class ArticleStanceModel:
    """P(agree, disagree, discuss, unrelated) of a claim against an article.

    ``layers`` holds (weight, bias) pairs: one pair is softmax regression, two an MLP with
    one hidden ReLU layer.
    """

    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    mean: np.ndarray
    scale: np.ndarray
    metadata: dict[str, Any]

    @classmethod
    def load(cls, path: Path | None = None) -> ArticleStanceModel:
        """Read a model written by :meth:`save` (the packaged artifact by default)."""
        path = Path(path) if path is not None else artifact_path()
        stored = read_dense(path, "article-stance model", TRAINER)
        metadata = stored.metadata
        layers = tuple(zip(stored.weights, stored.biases, strict=True))
        mean, scale = stored.mean, stored.scale
        if metadata.get("features") != list(FEATURE_NAMES) or metadata.get("labels") != list(
            STANCES
        ):
            raise CorroborateError(
                f"article-stance model {path} was trained on other features or labels; retrain "
                f"it with `python -m {TRAINER}`"
            )
        return cls(layers, mean, scale, metadata)

    def save(self, path: Path) -> None:
        """Write float16 weights, float32 biases and scaling, and the metadata as JSON."""
        metadata = self.metadata | {"features": list(FEATURE_NAMES), "labels": list(STANCES)}
        weights = tuple(weight for weight, _ in self.layers)
        biases = tuple(bias for _, bias in self.layers)
        write_dense(path, DenseArrays(weights, biases, self.mean, self.scale, metadata))

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of ``STANCES``."""
        weights = [weight for weight, _ in self.layers]
        biases = [bias for _, bias in self.layers]
        return dense_proba(features, weights, biases, self.mean, self.scale)
