"""The claim store: round trip, atomic commits, model checks, the writer lock, and ``auto``
indexes chosen again as they grow."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import shutil
from pathlib import Path

import faiss
import numpy as np
import polars as pl
import pytest

from corroborate.ann import AUTO_KIND, choice
from corroborate.errors import IndexCorruptError, IndexLockedError, IndexMismatchError
from corroborate.retrieval.lexical import lexical_search
from corroborate.storage import ClaimStore, Manifest, NewBatch, WriteLock
from corroborate.storage.fulltext import write_full_text
from corroborate.storage.manifest import MANIFEST_FILE
from corroborate.storage.rebuild import rebuild_index

DIM = 8


def _batch(start: int, count: int, seed: int = 0) -> NewBatch:
    rng = np.random.default_rng(seed + start)
    vectors = rng.normal(size=(count, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"a{start + i}" for i in range(count)]
    claims = pl.DataFrame(
        {
            "claim_id": [f"{article}:0" for article in ids],
            "text": [f"claim number {start + i}" for i in range(count)],
            "article_id": ids,
            "url": [f"https://example.com/{article}" for article in ids],
            "domain": ["example.com"] * count,
            "date": [dt.date(2022, 7, 16)] * count,
            "headline": ["headline"] * count,
            "position": [0] * count,
            "line_key": [f"k{start + i}" for i in range(count)],
        }
    )
    articles = pl.DataFrame(
        {
            "article_id": ids,
            "canonical_url": [f"https://example.com/{article}" for article in ids],
            "url": [f"https://example.com/{article}" for article in ids],
            "fingerprint": [f"f{article}" for article in ids],
            "domain": ["example.com"] * count,
            "date": [dt.date(2022, 7, 16)] * count,
            "headline": ["headline"] * count,
            "source": ["test"] * count,
            "claims": [1] * count,
        }
    )
    lines = pl.DataFrame({"domain": ["example.com"], "line_key": ["k"], "articles": [count]})
    return NewBatch(claims=claims, vectors=vectors, articles=articles, line_counts=lines)


def _new_store(path: Path) -> ClaimStore:
    store = ClaimStore(path)
    with store.lock():
        store.create("test-model", DIM, "flat")
    return store


def test_round_trip_appends_and_searches(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    first, second = _batch(0, 5), _batch(5, 3)
    with store.lock():
        store.commit(first)
        manifest = store.commit(second)
    assert (manifest.claims, manifest.articles, manifest.generation) == (8, 8, 2)
    claims = store.claims()
    assert claims["text"].to_list() == [f"claim number {i}" for i in range(8)]
    index = store.vector_index()
    scores, ids = index.search(second.vectors[1:2], 1)
    assert ids[0, 0] == 6
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-5)
    names = {path.name for path in (tmp_path / "idx").iterdir()}
    assert names == {"manifest.json", *manifest.data_files()}  # no lock file left


def test_search_respects_allowed_ids(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    batch = _batch(0, 6)
    with store.lock():
        store.commit(batch)
    _, ids = store.vector_index().search(batch.vectors[0:1], 3, allowed_ids=np.array([2, 4]))
    assert sorted(ids[0][ids[0] >= 0].tolist()) == [2, 4]


def test_failed_commit_leaves_previous_generation(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = _new_store(tmp_path / "idx")
    with store.lock():
        store.commit(_batch(0, 4))
    before = Manifest.read(store.directory)

    def broken_write_parquet(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", broken_write_parquet)
    with store.lock(), pytest.raises(OSError, match="disk full"):
        store.commit(_batch(4, 4))
    monkeypatch.undo()
    after = Manifest.read(store.directory)
    assert after.generation == before.generation
    assert after.claims == 4
    assert store.claims().height == 4
    assert len(store.vector_index()) == 4
    assert not [p for p in store.directory.iterdir() if ".tmp-" in p.name]
    with store.lock():
        assert store.commit(_batch(4, 4)).claims == 8


def test_model_and_dimension_mismatch_refused(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    manifest = store.manifest()
    with pytest.raises(IndexMismatchError, match="built with model 'test-model'"):
        manifest.check_compatible(store.directory, "other-model", DIM)
    with pytest.raises(IndexMismatchError, match="8-dimensional"):
        manifest.check_compatible(store.directory, "test-model", 384)


def test_vector_count_disagreeing_with_manifest_is_reported(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        manifest = store.commit(_batch(0, 4))
    manifest.claims = 5
    manifest.write(store.directory)
    with pytest.raises(IndexCorruptError, match="holds 4 vectors"):
        store.vector_index()


def test_second_writer_times_out_with_clear_message(tmp_path: Path) -> None:
    directory = tmp_path / "idx"
    with (
        WriteLock(directory),
        pytest.raises(IndexLockedError, match=r"pid \d+"),
        WriteLock(directory, timeout=0.2),
    ):
        pass
    with WriteLock(directory, timeout=0.2):
        pass


def _append_many(directory: str, worker: int) -> None:
    store = ClaimStore(Path(directory))
    for round_ in range(5):
        with store.lock(timeout=60):
            store.commit(_batch(worker * 1000 + round_ * 10, 3))


def test_concurrent_writers_do_not_lose_batches(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_append_many, args=(str(store.directory), n)) for n in range(2)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
        assert process.exitcode == 0
    manifest = store.manifest()
    assert manifest.claims == 2 * 5 * 3
    assert store.claims()["claim_id"].n_unique() == 30
    assert len(store.vector_index()) == 30


@pytest.fixture
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    """``auto`` thresholds scaled down: flat below 100 vectors, HNSW ``efSearch`` 16 below
    150 and 48 above."""
    monkeypatch.setattr(choice, "FLAT_BELOW", 100)
    monkeypatch.setattr(choice, "HNSW_EF_SEARCH", ((150, 16),))
    monkeypatch.setattr(choice, "HNSW_EF_SEARCH_LARGE", 48)


def _all_vectors(store: ClaimStore) -> np.ndarray:
    index = store.vector_index()
    return index.reconstruct(np.arange(len(index)))


@pytest.mark.usefixtures("small_thresholds")
def test_auto_index_is_chosen_again_as_it_grows(tmp_path: Path) -> None:
    store = ClaimStore(tmp_path / "idx")
    batches = [_batch(0, 60), _batch(60, 60), _batch(120, 60)]
    with store.lock():
        assert store.create("test-model", DIM, AUTO_KIND).index_auto
        first = store.commit(batches[0])
        assert (first.index_kind, first.index_auto, first.claims) == ("flat", True, 60)
        crossed = store.commit(batches[1])  # 120 vectors: rebuilt as HNSW
        assert (crossed.index_kind, crossed.index_auto) == ("hnsw", True)
        assert crossed.index_params["efSearch"] == 16
        grown = store.commit(batches[2])  # 180: still HNSW, a larger efSearch
    assert (grown.index_kind, grown.index_params["efSearch"]) == ("hnsw", 48)
    index = store.vector_index()
    assert index.params == grown.index_params
    vectors = np.vstack([batch.vectors for batch in batches])
    np.testing.assert_array_equal(_all_vectors(store), vectors)  # same ids, exact copies
    _, found = index.search(vectors[:20], 1)
    np.testing.assert_array_equal(found[:, 0], np.arange(20))
    assert sorted(p.name for p in store.directory.glob("*.faiss")) == [grown.vector_file]
    assert Manifest.read(store.directory).index_auto


@pytest.mark.usefixtures("small_thresholds")
def test_explicit_kind_is_kept_as_the_index_grows(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")  # flat, chosen explicitly
    with store.lock():
        store.commit(_batch(0, 60))
        manifest = store.commit(_batch(60, 90))
    assert (manifest.index_kind, manifest.index_auto, manifest.claims) == ("flat", False, 150)
    assert manifest.index_params == {"metric": "inner_product"}


@pytest.mark.usefixtures("small_thresholds")
def test_interrupted_change_of_type_leaves_the_previous_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ClaimStore(tmp_path / "idx")
    with store.lock():
        store.create("test-model", DIM, AUTO_KIND)
        store.commit(_batch(0, 60))
    before = Manifest.read(store.directory)

    def broken_write_index(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(faiss, "write_index", broken_write_index)
    with store.lock(), pytest.raises(OSError, match="disk full"):
        store.commit(_batch(60, 60))
    monkeypatch.undo()
    assert Manifest.read(store.directory) == before
    assert store.vector_index().kind == "flat" and store.claims().height == 60
    assert sorted(p.name for p in store.directory.iterdir() if p.suffix == ".faiss") == [
        before.vector_file
    ]
    monkeypatch.setattr(choice, "FLAT_BELOW", 100)
    with store.lock():
        assert store.commit(_batch(60, 60)).index_kind == "hnsw"


@pytest.mark.usefixtures("small_thresholds")
def test_manifest_without_the_auto_field_still_loads(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        store.commit(_batch(0, 60))
    path = store.directory / MANIFEST_FILE
    old = json.loads(path.read_text(encoding="utf-8"))
    del old["index_auto"]  # as written before the field existed
    path.write_text(json.dumps(old), encoding="utf-8")
    manifest = Manifest.read(store.directory)
    assert (manifest.index_kind, manifest.index_auto) == ("flat", False)
    with store.lock():  # an old index keeps its type when it grows
        assert store.commit(_batch(60, 60)).index_kind == "flat"
    never_committed = {**old, "index_kind": AUTO_KIND, "index_params": {}}
    path.write_text(json.dumps(never_committed), encoding="utf-8")
    assert Manifest.read(store.directory).index_auto


@pytest.mark.usefixtures("small_thresholds")
def test_rebuild_records_whether_the_type_was_chosen_by_size(
    tmp_path: Path,
) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        store.commit(_batch(0, 60))
    assert rebuild_index(store, AUTO_KIND).index_auto
    with store.lock():
        grown = store.commit(_batch(60, 60))
    assert (grown.index_kind, grown.index_auto) == ("hnsw", True)
    explicit = rebuild_index(store, "flat")
    assert (explicit.index_kind, explicit.index_auto) == ("flat", False)
    with store.lock():
        assert store.commit(_batch(120, 60)).index_kind == "flat"
    np.testing.assert_array_equal(
        _all_vectors(store), np.vstack([_batch(s, 60).vectors for s in (0, 60, 120)])
    )


# --- the full-text index, written with each generation (issue 15) -------------------------


def _lexical_rows(store: ClaimStore, query: str, k: int = 3) -> list[int]:
    full_text = store.full_text()
    assert full_text is not None
    return lexical_search(full_text, query, k).ids.tolist()


def test_full_text_index_grows_with_each_commit(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        first = store.commit(_batch(0, 5))
        second = store.commit(_batch(5, 3))
    assert first.lexical_file == "lexical-000001.tantivy"
    assert second.lexical_file == "lexical-000002.tantivy"
    assert not (store.directory / first.lexical_file).exists()  # the old generation removed
    full_text = store.full_text()
    assert full_text is not None and len(full_text) == 8
    assert _lexical_rows(store, "number 3", 1) == [3]  # from the first commit
    assert _lexical_rows(store, "number 6", 1) == [6]  # from the second
    whole = _new_store(tmp_path / "whole")
    with whole.lock():
        whole.commit(_batch(0, 8))
    for query in ("claim number 2", "number 7", "claim"):
        assert _lexical_rows(store, query, 8) == _lexical_rows(whole, query, 8)


def test_reader_of_an_old_generation_keeps_searching(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        store.commit(_batch(0, 4))
    old = store.full_text()
    assert old is not None
    with store.lock():
        store.commit(_batch(4, 4))
    assert lexical_search(old, "number 2", 1).ids.tolist() == [2]
    assert len(old) == 4


def test_failed_full_text_write_leaves_previous_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        store.commit(_batch(0, 4))

    def broken_add(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("corroborate.storage.fulltext._add", broken_add)
    with store.lock(), pytest.raises(OSError, match="disk full"):
        store.commit(_batch(4, 4))
    monkeypatch.undo()
    assert Manifest.read(store.directory).generation == 1
    assert not [p for p in store.directory.iterdir() if ".tmp-" in p.name or "000002" in p.name]
    assert _lexical_rows(store, "number 1", 1) == [1]
    with store.lock():
        assert store.commit(_batch(4, 4)).claims == 8
    assert _lexical_rows(store, "number 5", 1) == [5]


def test_index_without_full_text_gets_one_at_the_next_commit(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        manifest = store.commit(_batch(0, 4))
    assert manifest.lexical_file is not None
    shutil.rmtree(store.directory / manifest.lexical_file)  # as written before the field
    manifest.lexical_file = None
    manifest.write(store.directory)
    assert store.full_text() is None
    with store.lock():
        store.commit(_batch(4, 2))
    full_text = store.full_text()
    assert full_text is not None and len(full_text) == 6  # every stored claim, old ones too
    assert _lexical_rows(store, "number 0", 1) == [0]
    assert _lexical_rows(store, "number 5", 1) == [5]


def test_rebuild_writes_the_full_text_index_again(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        store.commit(_batch(0, 6))
    manifest = rebuild_index(store, "flat")
    assert manifest.lexical_file == f"lexical-{manifest.generation:06d}.tantivy"
    assert _lexical_rows(store, "number 4", 1) == [4]


def test_missing_or_short_full_text_index_is_reported(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "idx")
    with store.lock():
        manifest = store.commit(_batch(0, 3))
    assert manifest.lexical_file is not None
    shutil.rmtree(store.directory / manifest.lexical_file)
    with pytest.raises(IndexCorruptError, match="missing"):
        store.full_text()
    write_full_text(store.directory / manifest.lexical_file, ["only one"], start=0)
    with pytest.raises(IndexCorruptError, match="holds 1 texts but the manifest records 3"):
        store.full_text()
