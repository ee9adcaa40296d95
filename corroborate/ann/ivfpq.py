"""IVF with product quantisation (FAISS ``IndexIVFPQ``): the smallest file per claim.

Each claim costs ``m`` bytes of code (8 bits per sub-quantiser) instead of ``dimension * 4``;
the default ``m`` gives each sub-quantiser three dimensions (128 bytes at 384-d, about 150
bytes per claim with the id and the id map, in the file). In memory FAISS adds distance
tables it rebuilds on every load (:attr:`IVFPQIndex.table_bytes`: ``nlist * m * 256``
floats, 537 MB for the default 4,096 lists at a million claims, so 690 bytes per claim in
all there). Scores and recovered vectors are approximate, and recall@10 stays well below
exact search (about 0.8, benchmarks/RESULTS.md), whatever the lists probed;
:mod:`corroborate.ann.ivfpq_rerank` re-ranks the candidates with the exact vectors kept on
disk. Training, filtered search and loading are described in :mod:`corroborate.ann.ivf`.
"""

from __future__ import annotations

import faiss

from corroborate.ann.ivf import POINTS_PER_CENTROID, IVFIndex, default_lists


class IVFPQIndex(IVFIndex):
    """Inverted lists of PQ codes: parameters ``nlist``, ``m``, ``nbits``, ``nprobe``."""

    kind = "ivfpq"
    _codec_field = "pq"
    max_probe_factor = 4
    """PQ codes bound recall, not the lists probed: with 1% of a million vectors allowed,
    probing 4 or 16 times more lists gave recall@10 0.83 or 0.84 in 7 or 20 ms (an earlier
    run; 0.848 with 1% of 100k, benchmarks/RESULTS.md)."""

    @staticmethod
    def default_params(dimension: int, expected: int) -> dict[str, int]:
        m = max(d for d in range(1, max(1, dimension // 3) + 1) if dimension % d == 0)
        return {**default_lists(expected), "m": m, "nbits": 8}

    @property
    def min_train(self) -> int:
        """Enough vectors for the coarse centroids and for each sub-quantiser's codebook."""
        return POINTS_PER_CENTROID * max(self._params["nlist"], 2 ** self._params["nbits"])

    @property
    def table_bytes(self) -> int:
        """Memory FAISS fills on training and on every load, not stored in the file: the
        distance tables of each list's centroid to every PQ code (``nlist * m * 2**nbits``
        floats, 4 kB per list and code byte; without them a query is about 7 times slower)."""
        ivf = self._ivf() if self.trained else None
        if not isinstance(ivf, faiss.IndexIVFPQ):
            return 0
        return 4 * int(ivf.precomputed_table.size())  # type: ignore[attr-defined]  # no stub

    def _new_ivf(self, quantizer: faiss.IndexFlatL2) -> faiss.IndexIVF:
        p = self._params
        return faiss.IndexIVFPQ(quantizer, self.dimension, p["nlist"], p["m"], p["nbits"])

    @staticmethod
    def _built_params(index: faiss.IndexIVF) -> dict[str, int] | None:
        if not isinstance(index, faiss.IndexIVFPQ):
            return None
        return {"nlist": index.nlist, "m": index.pq.M, "nbits": index.pq.nbits}
