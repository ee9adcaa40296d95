"""The claim texts' full-text index: a tantivy index, one directory per generation.

Each document holds a claim's text (tantivy's ``en_stem`` tokenizer: lower case, English
stems) and its row id (claim ``i`` = vector ``i``) as a fast field. Ranking is tantivy's BM25
(k1 1.2, b 0.75, Lucene's idf). Chosen over SQLite FTS5 and bm25s by
``benchmarks/bench_lexical.py`` (benchmarks/RESULTS.md): as good on CheckThat! dev, queries
~80 times faster than FTS5, and rows are added without rebuilding.

A new generation's directory is made beside the old one under a temporary name: the old
one's segment files (immutable in tantivy) are hard-linked, its small metadata files copied,
the new rows added and committed; then the directory is renamed into place. So a reader of
the old generation never sees a change, and a crash leaves only a temporary directory, which
the next commit removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import tantivy

from corroborate.errors import IndexCorruptError

TOKENIZER = "en_stem"
WRITER_HEAP = 64_000_000
"""Bytes the writer may buffer before it flushes a segment."""
_METADATA = (".json",)
_LOCKS = (".tantivy-writer.lock", ".tantivy-meta.lock")
_REMOVE_TRIES = 20


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("row", stored=False, indexed=False, fast=True)
    builder.add_text_field("text", stored=False, tokenizer_name=TOKENIZER)
    return builder.build()


class FullTextIndex:
    """A read-only tantivy index over one generation's claim texts."""

    def __init__(self, index: tantivy.Index, path: Path | None = None) -> None:
        self._index = index
        self._searcher = index.searcher()
        self.path = path
        self.size = int(self._searcher.num_docs)

    @classmethod
    def open(cls, path: Path) -> FullTextIndex:
        """Open a committed full-text index directory for reading."""
        if not (path / "meta.json").is_file():
            raise IndexCorruptError(f"{path} is missing; the manifest names it")
        try:
            return cls(tantivy.Index.open(str(path)), path)
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(f"{path}: not a full-text index ({exc}); rebuild it") from exc

    @classmethod
    def in_memory(cls, texts: Iterable[str]) -> FullTextIndex:
        """An index over ``texts`` held in memory (benchmarks, tests)."""
        index = tantivy.Index(_schema())
        _add(index, texts, start=0)
        index.reload()
        return cls(index)

    def __len__(self) -> int:
        return self.size

    def match(self, expression: str, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """Row ids and BM25 scores of the ``limit`` best rows for ``expression`` (tantivy
        query syntax over the text), best first."""
        query = self._index.parse_query(expression, ["text"])
        hits = self._searcher.search(query, limit, count=False).hits
        if not hits:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        rows = self._searcher.fast_field_values("row", [address for _, address in hits])
        return np.array(rows, dtype=np.int64), np.array([s for s, _ in hits], dtype=np.float32)


def write_full_text(
    target: Path, texts: Iterable[str], *, start: int, previous: Path | None = None
) -> None:
    """Make the full-text directory ``target``: ``previous``'s rows (if given) plus ``texts``
    as rows ``start``, ``start + 1``, ...; built under a temporary name, then renamed. A
    ``target`` already there (left by a writer killed after this rename but before its
    manifest named it, so nothing reads it) is replaced: a directory cannot be renamed onto
    one that is not empty."""
    temp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    remove_tree(temp)
    try:
        temp.mkdir()
        _fill(temp, texts, start=start, previous=previous)
        for lock in _LOCKS:
            with contextlib.suppress(FileNotFoundError):
                (temp / lock).unlink()
        _fsync_tree(temp)
        remove_tree(target)
        os.replace(temp, target)
    except BaseException:
        remove_tree(temp)
        raise


def remove_tree(path: Path) -> None:
    """Remove a full-text directory (nothing if it is not there).

    Tries a few times: a tantivy index being dropped may still create its lock file while
    the directory is being removed."""
    for _ in range(_REMOVE_TRIES):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.05)


def _fill(temp: Path, texts: Iterable[str], *, start: int, previous: Path | None) -> None:
    """Open (or create) the index in ``temp`` and add ``texts``; the index is released
    before this returns or raises, so nothing holds the directory afterwards."""
    if previous is not None:
        _link_generation(previous, temp)
        index = tantivy.Index.open(str(temp))
    else:
        index = tantivy.Index(_schema(), path=str(temp))
    try:
        _add(index, texts, start=start)
    finally:
        del index


def _add(index: tantivy.Index, texts: Iterable[str], *, start: int) -> None:
    writer = index.writer(WRITER_HEAP, 1)
    for offset, text in enumerate(texts):
        writer.add_document(tantivy.Document(row=start + offset, text=text))
    writer.commit()
    writer.wait_merging_threads()


def _link_generation(previous: Path, target: Path) -> None:
    """Hard-link ``previous``'s segment files into ``target`` and copy its metadata."""
    for path in previous.iterdir():
        if path.name in _LOCKS or not path.is_file():
            continue
        if path.suffix in _METADATA:
            shutil.copy2(path, target / path.name)
        else:
            try:
                os.link(path, target / path.name)
            except OSError:  # another file system, or links not allowed
                shutil.copy2(path, target / path.name)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
