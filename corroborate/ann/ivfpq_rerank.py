"""IVF-PQ with exact re-ranking (FAISS ``IndexRefineFlat`` around ``IndexIVFPQ``).

The PQ codes find ``rerank * k`` candidates, which are then scored with their exact float32
vectors. The codes (``m`` bytes a claim plus an 8-byte id) and FAISS's distance tables
(:attr:`table_bytes`) are what every query scans and what must stay in memory; the exact
vectors (``dimension * 4`` bytes a claim) sit in the same file, memory-mapped on load, and
a query reads only its candidates' rows from them (``rerank * k``: 400 rows, 600 kB, at
k=10 and the default ``rerank`` 40). So the index is small in memory and large on disk: at
a million 384-d claims with the defaults, 141 bytes a claim in memory and 1.6 kB on disk,
recall@10 0.964 in 8.6 ms on one core (benchmarks/RESULTS.md). Scores are exact for the
claims returned, and vectors come back exactly (a rebuild needs no re-embedding).

Training, filtered search and loading are described in :mod:`corroborate.ann.ivf`; a filter
applies to the candidates, so the re-ranked results are all allowed rows.
"""

from __future__ import annotations

import math

import faiss

from corroborate.ann.ivf import IVFIndex, default_nprobe
from corroborate.ann.ivfpq import IVFPQIndex

DEFAULT_RERANK = 40
"""Candidates re-ranked, in multiples of ``k``: with the default 64-byte codes and 64 lists
probed, 10 / 20 / 40 gave recall@10 0.913 / 0.947 / 0.964 at a million vectors (1,024 lists)
and 0.964 / 0.978 / 0.980 at 100k (256 lists; benchmarks/RESULTS.md)."""


class IVFPQRerankIndex(IVFPQIndex):
    """IVF-PQ codes in memory, exact vectors on disk: parameters ``nlist``, ``m``,
    ``nbits``, ``nprobe`` and ``rerank`` (candidates re-scored, times ``k``)."""

    kind = "ivfpq_rerank"
    lossy = False
    mmap_flag = faiss.IO_FLAG_MMAP_IFC
    """Maps both the inverted lists and the exact vectors (``IO_FLAG_MMAP`` would read the
    exact vectors into memory)."""
    max_probe_factor = IVFIndex.max_probe_factor
    """Re-ranking removes the PQ bound on recall, so filters probe as many lists as IVF-SQ."""

    @staticmethod
    def default_params(dimension: int, expected: int) -> dict[str, int]:
        """Half as many code bytes as IVF-PQ (``m``: six dimensions a sub-quantiser, 64 at
        384-d) and a quarter of its lists (``nlist``: the power of two nearest
        ``sqrt(expected)``, 1,024 for a million), which keeps the distance tables
        (:attr:`table_bytes`) to 67 B a claim at a million; re-ranking makes up the recall."""
        nlist = 2 ** max(0, round(math.log2(math.sqrt(max(expected, 1)))))
        m = max(d for d in range(1, max(1, dimension // 6) + 1) if dimension % d == 0)
        return {
            "nlist": nlist,
            "nprobe": default_nprobe(nlist),
            "m": m,
            "nbits": 8,
            "rerank": DEFAULT_RERANK,
        }

    def _wrapped(self, ivf: faiss.IndexIVF) -> faiss.Index:
        """The IVF-PQ index with an exact copy of every vector for re-ranking (which also
        serves :meth:`reconstruct`, so the IVF needs no id map)."""
        return faiss.IndexRefineFlat(ivf)

    @staticmethod
    def _unwrapped(index: faiss.Index) -> faiss.IndexIVF | None:
        if not isinstance(index, faiss.IndexRefine):
            return None
        ivf = faiss.downcast_index(index.base_index)
        return ivf if isinstance(ivf, faiss.IndexIVF) else None

    def _search_params(self, lists: faiss.SearchParametersIVF) -> faiss.SearchParameters:
        refine = faiss.IndexRefineSearchParameters()
        refine.k_factor = self._params["rerank"]
        refine.base_index_params = lists
        return refine
