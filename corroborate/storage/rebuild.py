"""Rebuild an index directory's vector index from its stored claims (another type or size)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from corroborate.ann import AUTO_KIND, create_index, index_type
from corroborate.ann.growth import CHUNK, exact_vectors
from corroborate.embedders import check_backend, get_embedder
from corroborate.errors import CorroborateError
from corroborate.storage.manifest import Manifest
from corroborate.storage.store import ClaimStore


def rebuild_index(
    store: ClaimStore,
    kind: str = AUTO_KIND,
    params: Mapping[str, Any] | None = None,
    *,
    lock_timeout: float = 60.0,
    show_progress: bool = False,
    embedder: str | None = None,
) -> Manifest:
    """Build a new vector index of ``kind`` over every stored claim and commit it.

    ``auto`` picks the type for the number of claims (and the store picks again as the
    index grows); ``params`` override that type's defaults (sized for the number of claims),
    and an explicit type is kept however the index grows. Vectors come from the current
    index when it keeps them exactly (flat, HNSW), else the claims are re-embedded with the
    manifest's model. ``embedder`` (``onnx`` or ``torch``), when it differs from the manifest's,
    re-embeds every claim on that backend and records it. The new vectors file and then the
    manifest are written atomically under the write lock, so readers see the old index until
    the new one is complete.
    """
    with store.lock(lock_timeout):
        manifest = store.manifest()
        if manifest.vector_file is None:
            raise CorroborateError(f"index {store.directory} has no claims yet; nothing to rebuild")
        backend = check_backend(embedder or manifest.embedder)
        index = create_index(kind, manifest.dimension, params, expected=manifest.claims)
        reembed = backend != manifest.embedder
        for vectors in _stored_vectors(store, manifest, show_progress, backend, reembed):
            index.add(vectors)
        return store.replace_vector_index(
            index, auto=kind == AUTO_KIND, embedder=backend if reembed else None
        )


def _stored_vectors(
    store: ClaimStore, manifest: Manifest, show_progress: bool, backend: str, reembed: bool
) -> Iterator[np.ndarray]:
    """Every claim's vector in id order, a chunk at a time (re-embedded on ``backend`` when
    the index keeps no exact vectors, or when ``reembed``)."""
    if not reembed and not index_type(manifest.index_kind).lossy:
        yield from exact_vectors(store.vector_index(manifest))
        return
    embedder = get_embedder(manifest.model, backend)
    manifest.check_compatible(store.directory, embedder.model, embedder.dimension)
    texts = store.claims(manifest)["text"]
    for start in range(0, manifest.claims, CHUNK):
        chunk = texts.slice(start, CHUNK).to_list()
        yield embedder.encode(chunk, show_progress=show_progress)
