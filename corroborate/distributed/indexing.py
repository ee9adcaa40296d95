"""Add vectors to the index on the cluster: IVF shards encoded in parallel, then merged.

An IVF index (IVF-SQ8, IVF-PQ) is trained once, here, on the seeded sample the local
engine uses (:meth:`~corroborate.ann.ivf.IVFIndex.prepare_add`); its quantiser and code
book then go to one task per shard of the new vectors, which returns their codes; the
codes are appended in shard order, so the merged index is byte for byte the one the local
engine writes. The other types are added here as the local engine does: a flat index is a
copy, and an HNSW graph cannot be merged from parts (FAISS builds it on all local cores).
"""

from __future__ import annotations

import numpy as np

from corroborate.ann.base import VectorIndex
from corroborate.ann.ivf import IVFIndex, encode_with
from corroborate.distributed.cluster import MAX_RETRIES, partitions, require_ray
from corroborate.storage.store import add_here

SHARD_VECTORS = 65_536
"""Fewest vectors a shard-encoding task takes."""


def add_on_cluster(index: VectorIndex, vectors: np.ndarray, cpus: int) -> VectorIndex:
    """``index`` with ``vectors`` appended; an IVF index's codes computed on the cluster."""
    if not isinstance(index, IVFIndex):
        return add_here(index, vectors)
    rest = index.prepare_add(vectors)
    codec = index.codec()
    if not len(rest):
        return index
    if codec is None:
        index.add(rest)  # wrapped (re-ranking) types add through their wrapper
        return index
    ray = require_ray()
    task = ray.remote(max_retries=MAX_RETRIES)(encode_with)
    shared = ray.put(codec)
    spans = partitions(len(rest), 4 * cpus, SHARD_VECTORS)
    refs = [task.remote(shared, rest[start:end]) for start, end in spans]
    for ref in refs:
        index.append_codes(ray.get(ref))
    return index
