"""Stage 4, vector indexes: backends behind one small interface, chosen by a kind name.

In: claim vectors. Out: a FAISS index (flat, HNSW, IVF-SQ, IVF-PQ, IVF-PQ with exact re-ranking)
that returns the nearest ids of a query vector; :func:`choose_kind` picks the kind by size.
"""

from corroborate.ann.base import VectorIndex
from corroborate.ann.choice import AUTO_KIND, choose_kind
from corroborate.ann.factory import (
    DEFAULT_KIND,
    INDEX_KINDS,
    create_index,
    index_type,
    load_index,
)

__all__ = [
    "AUTO_KIND",
    "DEFAULT_KIND",
    "INDEX_KINDS",
    "VectorIndex",
    "choose_kind",
    "create_index",
    "index_type",
    "load_index",
]
