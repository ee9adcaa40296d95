"""Vector index backends behind one small interface, chosen by a kind name."""

from corroborate.ann.base import VectorIndex
from corroborate.ann.factory import DEFAULT_KIND, INDEX_KINDS, create_index, load_index

__all__ = ["DEFAULT_KIND", "INDEX_KINDS", "VectorIndex", "create_index", "load_index"]
