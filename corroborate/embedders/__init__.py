"""Stage 3, embedders: sentence embedders behind one small interface, chosen by a model spec.

In: claim texts. Out: unit-normalised float32 vectors (one row a claim); a disk cache by text
digest (:mod:`~corroborate.embedders.cache`) and a progress-reporting wrapper
(:mod:`~corroborate.embedders.meter`).

``get_embedder("all-MiniLM-L6-v2")`` loads the packaged MiniLM weights offline as an int8 ONNX
graph run by onnxruntime (no torch); ``get_embedder(spec, "torch")`` runs the float32
sentence-transformers model instead. Any other sentence-transformers model name or local path
works the same way.
"""

from corroborate.embedders.base import Embedder, TokenWindow, token_overflow
from corroborate.embedders.factory import (
    BACKENDS,
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    LEGACY_BACKEND,
    Backend,
    backend_of,
    check_backend,
    get_embedder,
    resolve_model,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "DEFAULT_MODEL",
    "LEGACY_BACKEND",
    "Backend",
    "Embedder",
    "TokenWindow",
    "backend_of",
    "check_backend",
    "get_embedder",
    "resolve_model",
    "token_overflow",
]
