"""Vector index backends (flat, HNSW, IVF-PQ with and without re-ranking, IVF-SQ), the choice
by size and rebuilds."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import polars as pl
import pytest
import typer
from typer.testing import CliRunner

from corroborate.ann import (
    AUTO_KIND,
    VectorIndex,
    choose_kind,
    create_index,
    index_type,
    load_index,
)
from corroborate.ann import choice as choice_module
from corroborate.ann.choice import hnsw_ef_search
from corroborate.ann.ivfpq import IVFPQIndex
from corroborate.cli.index import rebuild
from corroborate.errors import CorroborateError
from corroborate.storage import ClaimStore, NewBatch
from corroborate.storage import rebuild as rebuild_module
from corroborate.storage.rebuild import rebuild_index

DIM = 32
# 16 lists of 6-bit codes, one dimension each: the index trains at 39 * 64 = 2,496 vectors.
IVFPQ_PARAMS = {"nlist": 16, "m": 32, "nbits": 6, "nprobe": 8}
# Coarser and quicker to train (at 39 * 16 = 624 vectors) where recall does not matter.
SMALL_IVFPQ = {"nlist": 4, "m": 4, "nbits": 4, "nprobe": 2}
KINDS: dict[str, dict[str, int]] = {
    "flat": {},
    "hnsw": {},
    "ivfpq": IVFPQ_PARAMS,
    "ivfpq_rerank": {"nlist": 16, "m": 8, "nbits": 6, "nprobe": 8},  # 6-byte codes, re-ranked
    "ivfsq": {"nlist": 16, "nprobe": 8},  # 8 bits; trains at 39 * 16 = 624 vectors
}


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module", autouse=True)
def _one_faiss_thread() -> Iterator[None]:
    """Training on a few thousand vectors is quicker on one thread (and the machine is shared)."""
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    yield
    faiss.omp_set_num_threads(threads)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    """3,000 clustered unit vectors and 50 queries near some of them."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(60, DIM))
    vectors = _unit(centres[rng.integers(0, 60, 3000)] + 0.5 * rng.normal(size=(3000, DIM)))
    queries = _unit(vectors[:50] + 0.3 * rng.normal(size=(50, DIM)))
    return vectors, queries


@pytest.fixture(scope="module")
def built(data: tuple[np.ndarray, np.ndarray]) -> dict[str, VectorIndex]:
    """One index of each kind over the 3,000 vectors, added in two batches (do not add more)."""
    vectors, _ = data
    indexes = {}
    for kind, params in KINDS.items():
        indexes[kind] = create_index(kind, DIM, params)
        indexes[kind].add(vectors[:1000])
        indexes[kind].add(vectors[1000:])
    return indexes


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    shared = [len(set(a) & set(b)) for a, b in zip(found, truth, strict=True)]
    return float(np.mean(shared)) / truth.shape[1]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_add_search_save_load_round_trip(
    kind: str, data: tuple[np.ndarray, np.ndarray], built: dict[str, VectorIndex], tmp_path: Path
) -> None:
    _, queries = data
    index = built[kind]
    assert (index.kind, len(index)) == (kind, 3000)
    scores, ids = index.search(queries, 10)
    assert scores.shape == ids.shape == (50, 10)
    assert np.all(np.diff(scores, axis=1) <= 1e-6), "scores are not best first"
    path = tmp_path / "vectors.faiss"
    index.save(path)
    for mmap in (False, True):
        loaded = load_index(kind, path, DIM, index.params, mmap=mmap)
        assert (len(loaded), loaded.params) == (3000, index.params)
        again_scores, again_ids = loaded.search(queries, 10)
        np.testing.assert_array_equal(again_ids, ids)
        np.testing.assert_allclose(again_scores, scores, atol=1e-5)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_recall_at_10_against_exact_search(
    kind: str, data: tuple[np.ndarray, np.ndarray], built: dict[str, VectorIndex]
) -> None:
    _, queries = data
    _, truth = built["flat"].search(queries, 10)
    _, found = built[kind].search(queries, 10)
    assert _recall(found, truth) >= 0.9


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("step", [2, 50])  # keeps half the rows (graph / lists) or 2% (exact)
def test_filtered_search_returns_only_allowed_ids(
    kind: str, step: int, data: tuple[np.ndarray, np.ndarray], built: dict[str, VectorIndex]
) -> None:
    _, queries = data
    allowed = np.arange(0, 3000, step, dtype=np.int64)
    _, truth = built["flat"].search(queries, 10, allowed_ids=allowed)
    _, found = built[kind].search(queries, 10, allowed_ids=allowed)
    assert np.isin(found, allowed).all()
    assert _recall(found, truth) >= 0.9


@pytest.mark.parametrize("kind", ["hnsw", "ivfpq", "ivfpq_rerank", "ivfsq"])
def test_memory_mapped_index_refuses_writes(
    kind: str, data: tuple[np.ndarray, np.ndarray], built: dict[str, VectorIndex], tmp_path: Path
) -> None:
    vectors, _ = data
    path = tmp_path / "vectors.faiss"
    built[kind].save(path)
    loaded = load_index(kind, path, DIM, KINDS[kind], mmap=True)
    with pytest.raises(CorroborateError, match="read-only"):
        loaded.add(vectors[:2])


def test_ivfpq_searches_exactly_until_it_has_enough_vectors_to_train(
    data: tuple[np.ndarray, np.ndarray],
) -> None:
    vectors, queries = data
    index = IVFPQIndex.create(DIM, SMALL_IVFPQ, expected=1000)
    assert index.min_train == 39 * 16
    index.add(vectors[:600])
    assert not index.trained
    exact = create_index("flat", DIM)
    exact.add(vectors[:600])
    np.testing.assert_array_equal(index.search(queries, 5)[1], exact.search(queries, 5)[1])
    np.testing.assert_array_equal(index.reconstruct(np.arange(3)), vectors[:3])
    index.add(vectors[600:1000])
    assert index.trained and len(index) == 1000
    assert np.isin(index.search(queries, 5, allowed_ids=np.arange(500))[1], np.arange(500)).all()


def test_choose_kind_thresholds() -> None:
    assert choice_module.FLAT_BELOW == 10_000
    assert choose_kind(0) == "flat"
    assert choose_kind(choice_module.FLAT_BELOW - 1) == "flat"
    assert choose_kind(choice_module.FLAT_BELOW) == choose_kind(15_000) == "hnsw"
    assert choose_kind(choice_module.HNSW_BELOW - 1) == "hnsw"
    assert choose_kind(choice_module.HNSW_BELOW) == "ivfsq"


def test_hnsw_ef_search_grows_with_the_index() -> None:
    sizes = [10_000, 50_000, 99_999, 100_000, 299_999, 300_000, 1_000_000, 4_999_999]
    efs = [hnsw_ef_search(n) for n in sizes]
    assert efs == sorted(efs), "efSearch must not shrink as the index grows"
    assert efs[0] == 64 and efs[-2] == 512
    auto = [create_index(AUTO_KIND, DIM, expected=n) for n in (15_000, 1_000_000)]
    assert [(index.kind, index.params["efSearch"]) for index in auto] == [
        ("hnsw", 64),
        ("hnsw", 512),
    ]
    assert choice_module.auto_params("flat", 5_000) == {}


def test_ivfpq_rerank_returns_exact_scores_and_vectors(
    data: tuple[np.ndarray, np.ndarray], built: dict[str, VectorIndex]
) -> None:
    vectors, queries = data
    index = built["ivfpq_rerank"]
    assert not index_type("ivfpq_rerank").lossy  # rebuilds copy its vectors, no re-embedding
    assert index.table_bytes == 4 * 16 * 8 * 2**6  # type: ignore[attr-defined]
    assert create_index("ivfpq_rerank", 384, expected=1_000_000).params == {
        "nlist": 1024,
        "nprobe": 64,
        "m": 64,
        "nbits": 8,
        "rerank": 40,
    }
    np.testing.assert_array_equal(index.reconstruct(np.arange(0, 3000, 7)), vectors[::7])
    scores, ids = index.search(queries, 10)
    exact = np.einsum("ij,ikj->ik", queries, vectors[ids])
    np.testing.assert_allclose(scores, exact, atol=1e-5)
    plain = IVFPQIndex.create(DIM, KINDS["ivfpq_rerank"], expected=3000)
    plain.add(vectors)
    _, truth = built["flat"].search(queries, 10)
    assert _recall(ids, truth) > _recall(plain.search(queries, 10)[1], truth) + 0.2


def test_auto_kind_and_bad_names_or_parameters() -> None:
    assert create_index(AUTO_KIND, DIM).kind == "flat"
    assert create_index(AUTO_KIND, DIM, expected=choice_module.FLAT_BELOW).kind == "hnsw"
    assert create_index("ivfpq", 384, expected=1_000_000).params == {
        "nlist": 4096,
        "m": 128,
        "nbits": 8,
        "nprobe": 64,
    }
    assert create_index("ivfsq", 384, {"nlist": 16}).params == {
        "nlist": 16,
        "nprobe": 16,
        "bits": 8,
    }
    with pytest.raises(CorroborateError, match="unknown index type"):
        create_index("annoy", DIM)
    with pytest.raises(CorroborateError, match="unknown hnsw parameters"):
        create_index("hnsw", DIM, {"ef": 10})
    with pytest.raises(CorroborateError, match="positive integer"):
        create_index("ivfpq", DIM, {"nprobe": 0})
    with pytest.raises(CorroborateError, match="bits must be 8, 6 or 4"):
        create_index("ivfsq", DIM, {"bits": 5})


def _claims_batch(vectors: np.ndarray) -> NewBatch:
    count = len(vectors)
    ids = [f"a{i}" for i in range(count)]
    claims = pl.DataFrame(
        {
            "claim_id": [f"{article}:0" for article in ids],
            "text": [f"claim {i}" for i in range(count)],
            "article_id": ids,
            "url": [f"https://example.com/{article}" for article in ids],
            "domain": ["example.com"] * count,
            "date": [dt.date(2024, 5, 1)] * count,
            "headline": ["headline"] * count,
            "position": [0] * count,
            "line_key": [f"k{i}" for i in range(count)],
        }
    )
    articles = claims.select("article_id", "url", "domain", "date", "headline").with_columns(
        canonical_url=pl.col("url"),
        fingerprint=pl.col("article_id"),
        source=pl.lit("test"),
        claims=pl.lit(1, dtype=pl.Int32),
    )
    lines = pl.DataFrame({"domain": ["example.com"], "line_key": ["k"], "articles": [count]})
    return NewBatch(claims=claims, vectors=vectors, articles=articles, line_counts=lines)


class _LookupEmbedder:
    """Embeds ``claim i`` as the i-th test vector (stands in for the real model)."""

    model = "test-model"
    dimension = DIM

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        return self.vectors[[int(text.split()[1]) for text in texts]]


def test_auto_store_picks_its_type_from_the_first_batch(
    data: tuple[np.ndarray, np.ndarray], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, _ = data
    monkeypatch.setattr(choice_module, "FLAT_BELOW", 1000)
    store = ClaimStore(tmp_path / "idx")
    with store.lock():
        assert store.create("test-model", DIM, AUTO_KIND).index_kind == AUTO_KIND
        manifest = store.commit(_claims_batch(vectors))
    assert (manifest.index_kind, manifest.index_params) == ("hnsw", store.vector_index().params)


def test_rebuild_changes_the_type_and_keeps_search_results(
    data: tuple[np.ndarray, np.ndarray], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, queries = data
    store = ClaimStore(tmp_path / "idx")
    with store.lock():
        store.create("test-model", DIM, "flat")
        store.commit(_claims_batch(vectors))
    _, before = store.vector_index().search(queries, 10)
    monkeypatch.setattr(
        rebuild_module, "get_embedder", lambda model, backend: _LookupEmbedder(vectors)
    )

    steps: list[tuple[str, dict[str, Any] | None, float]] = [
        ("ivfpq", SMALL_IVFPQ, 0.0),  # from the flat index's exact vectors
        ("hnsw", None, 0.95),  # IVF-PQ keeps codes only: the claims are re-embedded
        ("flat", None, 1.0),  # from the graph's exact vectors
    ]
    for kind, params, least_recall in steps:
        generation = store.manifest().generation
        manifest = rebuild_index(store, kind, params)
        assert (manifest.index_kind, manifest.claims) == (kind, 3000)
        assert manifest.generation == generation + 1
        index = store.vector_index()
        assert index.params == manifest.index_params
        assert _recall(index.search(queries, 10)[1], before) >= least_recall
    vector_files = sorted(path.name for path in store.directory.glob("*.faiss"))
    assert vector_files == [manifest.vector_file]


def test_rebuild_command(data: tuple[np.ndarray, np.ndarray], tmp_path: Path) -> None:
    vectors, _ = data
    store = ClaimStore(tmp_path / "default")
    with store.lock():
        store.create("test-model", DIM, "flat")
        store.commit(_claims_batch(vectors[:500]))
    app = typer.Typer()
    app.command()(rebuild)
    where = ["--index-dir", str(tmp_path)]
    done = CliRunner().invoke(app, [*where, "--kind", "hnsw", "--params", '{"M": 8}', "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["params"]["M"] == store.manifest().index_params["M"] == 8
    refused = CliRunner().invoke(app, [*where, "--kind", "annoy"])
    assert refused.exit_code == 2 and "unknown index type" in refused.output
    assert store.manifest().index_kind == "hnsw"
