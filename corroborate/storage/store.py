"""The claim store: claims and articles as Parquet, vectors in a FAISS index, one manifest.

Layout of an index directory::

    manifest.json             model, dimension, index type, counts, current data files
    claims-000001.parquet ... one immutable segment per ingest (row order = vector id)
    articles-NNNNNN.parquet   every ingested article (dedup by canonical URL and content)
    lines-NNNNNN.parquet      per-domain counts of repeated lines (boilerplate detection)
    vectors-NNNNNN.faiss      the vector index
    lexical-NNNNNN.tantivy/   the full-text (BM25) index of the claim texts, row = vector id
    .lock                     held by the one process allowed to write
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import polars as pl

from corroborate.ann import AUTO_KIND, VectorIndex, create_index, load_index
from corroborate.ann.choice import auto_params
from corroborate.ann.growth import rechosen
from corroborate.embedders import DEFAULT_BACKEND
from corroborate.errors import CorroborateError, IndexCorruptError
from corroborate.storage.atomic import atomic_write
from corroborate.storage.fulltext import FullTextIndex, remove_tree, write_full_text
from corroborate.storage.lock import WriteLock
from corroborate.storage.manifest import MANIFEST_FILE, Manifest

CLAIM_SCHEMA = pl.Schema(
    {
        "claim_id": pl.String,
        "text": pl.String,
        "article_id": pl.String,
        "url": pl.String,
        "domain": pl.String,
        "date": pl.Date,
        "headline": pl.String,
        "position": pl.Int32,
        "line_key": pl.String,
    }
)
ARTICLE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String,
        "canonical_url": pl.String,
        "url": pl.String,
        "fingerprint": pl.String,
        "domain": pl.String,
        "date": pl.Date,
        "headline": pl.String,
        "source": pl.String,
        "claims": pl.Int32,
    }
)
T = TypeVar("T")
DATA_SUFFIXES = frozenset({".parquet", ".faiss", ".tantivy"})
LINE_SCHEMA = pl.Schema(
    {
        "domain": pl.String,
        "line_key": pl.String,
        "articles": pl.Int32,
    }
)


AddVectors = Callable[[VectorIndex, np.ndarray], VectorIndex]
"""Append vectors to an index, returning the index that holds them (the same one, or a new
one of the same type and parameters built elsewhere, e.g. merged from shards)."""


def add_here(index: VectorIndex, vectors: np.ndarray) -> VectorIndex:
    """Append ``vectors`` to ``index`` in this process."""
    index.add(vectors)
    return index


@dataclass(frozen=True)
class NewBatch:
    """Everything one ingest adds: new claims with their vectors, new articles, line counts."""

    claims: pl.DataFrame
    vectors: np.ndarray
    articles: pl.DataFrame
    line_counts: pl.DataFrame

    def __post_init__(self) -> None:
        if self.claims.height != self.vectors.shape[0]:
            raise ValueError(
                f"{self.claims.height} claims but {self.vectors.shape[0]} vectors in one batch"
            )


class ClaimStore:
    """Reads and writes one index directory. Reads need no lock; writes take :class:`WriteLock`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def exists(self) -> bool:
        return (self.directory / MANIFEST_FILE).is_file()

    def manifest(self) -> Manifest:
        if not self.exists:
            raise CorroborateError(
                f"no index at {self.directory}; build one with 'corroborate ingest PATH'"
            )
        return Manifest.read(self.directory)

    def read_consistent(self, read: Callable[[Manifest], T], attempts: int = 5) -> T:
        """``read(manifest)`` on the current generation; when a writer replaced that
        generation meanwhile (and removed its files), read again from the new one. Readers
        take no lock, so this is how they never fail on a file a commit just removed."""
        for attempt in range(attempts):
            manifest = self.manifest()
            try:
                return read(manifest)
            except (FileNotFoundError, IndexCorruptError):
                last = attempt == attempts - 1
                if last or self.manifest().generation == manifest.generation:
                    raise
        raise AssertionError("unreachable")

    def lock(self, timeout: float = 60.0) -> WriteLock:
        return WriteLock(self.directory, timeout=timeout)

    def claims(self, manifest: Manifest | None = None) -> pl.DataFrame:
        """All stored claims, row ``i`` matching vector id ``i``."""
        manifest = manifest or self.manifest()
        return self._read_tables(manifest.claim_files, CLAIM_SCHEMA)

    def articles(self, manifest: Manifest | None = None) -> pl.DataFrame:
        manifest = manifest or self.manifest()
        files = [manifest.article_file] if manifest.article_file else []
        return self._read_tables(files, ARTICLE_SCHEMA)

    def line_counts(self, manifest: Manifest | None = None) -> pl.DataFrame:
        manifest = manifest or self.manifest()
        files = [manifest.line_file] if manifest.line_file else []
        return self._read_tables(files, LINE_SCHEMA)

    def vector_index(
        self, manifest: Manifest | None = None, *, expected: int = 0, writable: bool = False
    ) -> VectorIndex:
        """The current vector index: memory-mapped and read-only where the type supports it,
        unless ``writable``; a new one sized for ``expected`` vectors if none is stored yet."""
        manifest = manifest or self.manifest()
        if manifest.vector_file is None:
            return create_index(
                manifest.index_kind, manifest.dimension, manifest.index_params, expected=expected
            )
        path = self.directory / manifest.vector_file
        if not path.is_file():
            raise IndexCorruptError(f"{path} is missing; the manifest names it")
        index = load_index(
            manifest.index_kind,
            path,
            manifest.dimension,
            manifest.index_params,
            mmap=not writable,
        )
        if len(index) != manifest.claims:
            raise IndexCorruptError(
                f"{path} holds {len(index)} vectors but the manifest records {manifest.claims} "
                "claims; rebuild the index"
            )
        return index

    def full_text(self, manifest: Manifest | None = None) -> FullTextIndex | None:
        """The current full-text index, or ``None`` for an index written before they
        existed (until the next ingest or ``index rebuild`` writes one)."""
        manifest = manifest or self.manifest()
        if manifest.lexical_file is None:
            return None
        full_text = FullTextIndex.open(self.directory / manifest.lexical_file)
        if len(full_text) != manifest.claims:
            raise IndexCorruptError(
                f"{full_text.path} holds {len(full_text)} texts but the manifest records "
                f"{manifest.claims} claims; rebuild the index"
            )
        return full_text

    def create(
        self, model: str, dimension: int, index_kind: str, embedder: str = DEFAULT_BACKEND
    ) -> Manifest:
        """Write the manifest of a new, empty index (call while holding the lock).

        With ``auto`` the type is chosen by the size of the first batch committed.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        params = {} if index_kind == AUTO_KIND else create_index(index_kind, dimension).params
        manifest = Manifest(
            model=model,
            dimension=dimension,
            index_kind=index_kind,
            embedder=embedder,
            index_params=params,
        )
        manifest.write(self.directory)
        return manifest

    def commit(self, batch: NewBatch, add: AddVectors = add_here) -> Manifest:
        """Append ``batch`` as a new generation (call while holding the lock); ``add`` puts
        the batch's vectors into the index (here, or on a cluster).

        Every data file is written under a new name first; replacing the manifest is the
        single commit point, then files of older generations are removed. An index whose type
        was chosen by size (``manifest.index_auto``) is chosen again for its new size: when
        the batch takes it across a threshold, the new vectors file holds an index of the new
        type built from the stored vectors, and search parameters follow the size.
        """
        manifest = self.manifest()
        generation = manifest.generation + 1
        try:
            return self._commit(manifest, batch, add)
        except BaseException:
            self._remove_generation(generation)
            raise

    def _commit(self, manifest: Manifest, batch: NewBatch, add: AddVectors) -> Manifest:
        generation = manifest.generation + 1
        suffix = f"{generation:06d}"
        index = self.vector_index(manifest, expected=batch.claims.height, writable=True)
        claim_files = list(manifest.claim_files)
        vector_file = manifest.vector_file
        if batch.claims.height:
            claim_file = f"claims-{suffix}.parquet"
            self._write_table(claim_file, batch.claims, CLAIM_SCHEMA)
            claim_files.append(claim_file)
            if manifest.index_auto:
                index = rechosen(index, len(index) + batch.claims.height)
            index = add(index, batch.vectors)
            vector_file = f"vectors-{suffix}.faiss"
            atomic_write(self.directory / vector_file, index.save)
            self._record_index(manifest, index)
            manifest.lexical_file = self._write_full_text(
                manifest, generation, batch.claims["text"].to_list(), manifest.lexical_file
            )
        new_articles = batch.articles.select(list(ARTICLE_SCHEMA)).cast(ARTICLE_SCHEMA)
        articles = pl.concat([self.articles(manifest), new_articles])
        article_file = f"articles-{suffix}.parquet"
        self._write_table(article_file, articles, ARTICLE_SCHEMA)
        line_file = f"lines-{suffix}.parquet"
        self._write_table(line_file, batch.line_counts, LINE_SCHEMA)

        manifest.generation = generation
        manifest.claim_files = claim_files
        manifest.vector_file = vector_file
        manifest.article_file = article_file
        manifest.line_file = line_file
        manifest.articles = articles.height
        manifest.claims = len(index)
        manifest.write(self.directory)
        self._remove_stale_files(manifest)
        return manifest

    def replace_vector_index(
        self, index: VectorIndex, *, auto: bool = False, embedder: str | None = None
    ) -> Manifest:
        """Commit ``index``, rebuilt from the stored claims, as a new generation (call while
        holding the lock); the manifest then records its type and parameters, and whether
        the type was chosen by size (``auto``: chosen again as the index grows); ``embedder``
        names the backend that re-embedded the claims, if one did. The full-text index is
        rebuilt from the stored claim texts in the same generation."""
        manifest = self.manifest()
        if len(index) != manifest.claims:
            raise CorroborateError(
                f"the new vector index holds {len(index)} vectors but {self.directory} has "
                f"{manifest.claims} claims; nothing was changed"
            )
        manifest.generation += 1
        manifest.vector_file = f"vectors-{manifest.generation:06d}.faiss"
        atomic_write(self.directory / manifest.vector_file, index.save)
        manifest.lexical_file = self._write_full_text(manifest, manifest.generation, [], None)
        manifest.index_auto = auto
        if embedder is not None:
            manifest.embedder = embedder
        self._record_index(manifest, index)
        manifest.write(self.directory)
        self._remove_stale_files(manifest)
        return manifest

    def _write_full_text(
        self, manifest: Manifest, generation: int, texts: list[str], previous: str | None
    ) -> str:
        """Write generation ``generation``'s full-text index: the ``previous`` one's rows
        plus ``texts`` (claims ``manifest.claims`` on), or, without a previous one, every
        stored claim text plus ``texts``. Returns its name."""
        name = f"lexical-{generation:06d}.tantivy"
        start = manifest.claims if previous else 0
        if previous is None and manifest.claim_files:
            texts = self.claims(manifest)["text"].to_list() + texts
        source = self.directory / previous if previous else None
        write_full_text(self.directory / name, texts, start=start, previous=source)
        return name

    @staticmethod
    def _record_index(manifest: Manifest, index: VectorIndex) -> None:
        """Record ``index``'s type and parameters; an ``auto`` index's search parameters are
        those chosen for its current size."""
        params = index.params
        if manifest.index_auto:
            params |= auto_params(index.kind, len(index))
        manifest.index_kind, manifest.index_params = index.kind, params

    def _read_tables(self, files: list[str], schema: pl.Schema) -> pl.DataFrame:
        if not files:
            return pl.DataFrame(schema=schema)
        paths = [self.directory / name for name in files]
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise IndexCorruptError(f"data files named by the manifest are missing: {missing}")
        return pl.concat([pl.read_parquet(path, glob=False) for path in paths]).select(list(schema))

    def _write_table(self, name: str, frame: pl.DataFrame, schema: pl.Schema) -> None:
        table = frame.select(list(schema)).cast(schema)
        atomic_write(self.directory / name, lambda temp: table.write_parquet(temp))

    def _remove_generation(self, generation: int) -> None:
        """Remove the data files of a ``generation`` that failed before its manifest was
        written (a full disk, an error): the current manifest never names them."""
        if self.exists and Manifest.read(self.directory).generation >= generation:
            return
        for path in self.directory.glob(f"*-{generation:06d}.*"):
            if path.suffix in DATA_SUFFIXES:
                _remove(path)

    def _remove_stale_files(self, manifest: Manifest) -> None:
        keep = manifest.data_files()
        for path in self.directory.iterdir():
            stale_data = path.suffix in DATA_SUFFIXES and path.name not in keep
            if stale_data or ".tmp-" in path.name:
                _remove(path)


def _remove(path: Path) -> None:
    """Remove a data file or a full-text directory, if it is still there."""
    if path.is_dir():
        remove_tree(path)
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
