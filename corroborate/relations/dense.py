"""Small dense networks in plain numpy: the forward pass and the ``.npz`` they are kept in.

The relation head and the article-stance model are both standardised inputs, ReLU hidden
layers and a softmax, stored as float16 weights, float32 biases and scaling and JSON
metadata in one ``.npz`` (keys ``layers``, ``mean``, ``scale``, ``metadata``, ``w{i}``, ``b{i}``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from corroborate.errors import CorroborateError


class DenseArrays(NamedTuple):
    """What one stored network holds."""

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    mean: np.ndarray
    scale: np.ndarray
    metadata: dict[str, Any]


def dense_proba(
    features: np.ndarray,
    weights: Sequence[np.ndarray],
    biases: Sequence[np.ndarray],
    mean: np.ndarray,
    scale: np.ndarray,
) -> np.ndarray:
    """Softmax probabilities of standardised ``features`` through the layers (ReLU between)."""
    hidden = (np.asarray(features, dtype=np.float32) - mean) / scale
    for weight, bias in zip(weights[:-1], biases[:-1], strict=True):
        hidden = np.maximum(hidden @ weight + bias, 0.0)
    logits = hidden @ weights[-1] + biases[-1]
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)


def write_dense(path: Path, network: DenseArrays) -> None:
    """Write the network as float16 weights plus float32 biases, scaling and JSON metadata."""
    arrays: dict[str, Any] = {
        "layers": np.array(len(network.weights)),
        "mean": network.mean.astype(np.float32),
        "scale": network.scale.astype(np.float32),
        "metadata": np.array(json.dumps(network.metadata, indent=1)),
    }
    arrays |= {f"w{i}": w.astype(np.float16) for i, w in enumerate(network.weights)}
    arrays |= {f"b{i}": b.astype(np.float32) for i, b in enumerate(network.biases)}
    np.savez_compressed(path, **arrays)


def read_dense(path: Path, what: str, trainer: str) -> DenseArrays:
    """Read a network written by :func:`write_dense` (weights back in float32); ``what``
    names it and ``trainer`` the module that writes it, for the error when it is missing."""
    if not path.is_file():
        raise CorroborateError(
            f"{what} {path} not found; reinstall the package or train one with "
            f"`python -m {trainer}`"
        )
    with np.load(path, allow_pickle=False) as stored:
        count = int(stored["layers"])
        return DenseArrays(
            weights=tuple(stored[f"w{i}"].astype(np.float32) for i in range(count)),
            biases=tuple(stored[f"b{i}"].astype(np.float32) for i in range(count)),
            mean=stored["mean"].astype(np.float32),
            scale=stored["scale"].astype(np.float32),
            metadata=json.loads(str(stored["metadata"])),
        )
