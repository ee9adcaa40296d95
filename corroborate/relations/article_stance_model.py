"""The article-level stance classifier at run time: standardised features, an optional
hidden ReLU layer, softmax; plain numpy, read from one ``.npz`` with JSON metadata."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.errors import CorroborateError
from corroborate.relations.article_stance import FEATURE_NAMES, STANCES

ARTIFACT = "article_stance.npz"


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
        if not path.is_file():
            raise CorroborateError(
                f"article-stance model {path} not found; reinstall the package or train one "
                "with `python -m corroborate.relations.train_article_stance`"
            )
        with np.load(path, allow_pickle=False) as stored:
            metadata = json.loads(str(stored["metadata"]))
            count = int(stored["layers"])
            layers = tuple(
                (stored[f"w{i}"].astype(np.float32), stored[f"b{i}"].astype(np.float32))
                for i in range(count)
            )
            mean, scale = stored["mean"].astype(np.float32), stored["scale"].astype(np.float32)
        if metadata.get("features") != list(FEATURE_NAMES) or metadata.get("labels") != list(
            STANCES
        ):
            raise CorroborateError(
                f"article-stance model {path} was trained on other features or labels; retrain "
                "it with `python -m corroborate.relations.train_article_stance`"
            )
        return cls(layers, mean, scale, metadata)

    def save(self, path: Path) -> None:
        """Write float16 weights, float32 biases and scaling, and the metadata as JSON."""
        metadata = self.metadata | {"features": list(FEATURE_NAMES), "labels": list(STANCES)}
        arrays: dict[str, Any] = {
            "layers": np.array(len(self.layers)),
            "mean": self.mean.astype(np.float32),
            "scale": self.scale.astype(np.float32),
            "metadata": np.array(json.dumps(metadata, indent=1)),
        }
        for i, (weight, bias) in enumerate(self.layers):
            arrays[f"w{i}"] = weight.astype(np.float16)
            arrays[f"b{i}"] = bias.astype(np.float32)
        np.savez_compressed(path, **arrays)

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of ``STANCES``."""
        x = (np.asarray(features, dtype=np.float32) - self.mean) / self.scale
        *hidden, (weight, bias) = self.layers
        for w, b in hidden:
            x = np.maximum(x @ w + b, 0.0)
        logits = x @ weight + bias
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
