"""An IVF index filled from codes computed apart (shards, other processes) is the index
``add`` builds, byte for byte."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.ann import create_index
from corroborate.ann.ivf import IVFIndex, encode_with


def _unit(count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, 24)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _sharded(index: IVFIndex, vectors: np.ndarray, shard: int) -> None:
    rest = index.prepare_add(vectors)
    codec = index.codec()
    if codec is None:
        assert not len(rest)
        return
    for start in range(0, len(rest), shard):
        index.append_codes(encode_with(codec, rest[start : start + shard]))


@pytest.mark.parametrize("kind", ["ivfsq", "ivfpq"])
def test_sharded_adds_write_the_same_file(kind: str, tmp_path: Path) -> None:
    params = {"nlist": 8, "m": 4, "nbits": 4} if kind == "ivfpq" else {"nlist": 8}
    batches = [_unit(100, 1), _unit(500, 2), _unit(300, 3)]  # held raw, trains, trained
    whole = create_index(kind, 24, params)
    apart = create_index(kind, 24, params)
    assert isinstance(whole, IVFIndex) and isinstance(apart, IVFIndex)
    for vectors in batches:
        whole.add(vectors)
        _sharded(apart, vectors, shard=70)
        assert len(apart) == len(whole)
    whole.save(tmp_path / "whole.faiss")
    apart.save(tmp_path / "apart.faiss")
    assert (tmp_path / "whole.faiss").read_bytes() == (tmp_path / "apart.faiss").read_bytes()


def test_a_wrapped_index_has_no_codec() -> None:
    index = create_index("ivfpq_rerank", 24, {"nlist": 8, "m": 4, "nbits": 4})
    assert isinstance(index, IVFIndex)
    index.add(_unit(600, 4))
    assert index.codec() is None
