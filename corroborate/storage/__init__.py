"""Stage 4, storage: Parquet claim tables, a FAISS index and a manifest, written atomically.

In: a batch of new claims with their vectors. Out: a new generation of the index folder (files
written first, manifest replaced last, under a lock), and reads of what is stored.
"""

from corroborate.storage.lock import WriteLock
from corroborate.storage.manifest import FORMAT_VERSION, Manifest
from corroborate.storage.store import ClaimStore, NewBatch

__all__ = ["FORMAT_VERSION", "ClaimStore", "Manifest", "NewBatch", "WriteLock"]
