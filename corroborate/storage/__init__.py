"""On-disk claim store: Parquet tables, a FAISS index and a manifest, written atomically."""

from corroborate.storage.lock import WriteLock
from corroborate.storage.manifest import FORMAT_VERSION, Manifest
from corroborate.storage.store import ClaimStore, NewBatch

__all__ = ["FORMAT_VERSION", "ClaimStore", "Manifest", "NewBatch", "WriteLock"]
