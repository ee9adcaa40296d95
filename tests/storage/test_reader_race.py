"""Readers take no lock: a commit that lands between a reader's manifest read and its data
file reads (and removes the files of the generation the reader started on) makes the reader
read again from the new generation instead of failing. benchmarks/bench_faults.py found it
(2 FileNotFoundError in 389 queries racing 4 writers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder

from corroborate.corpus import Corpus
from corroborate.storage import ClaimStore


def _article(folder: Path, slug: str) -> Path:
    path = folder / f"{slug}.txt"
    path.write_text(
        f"Story {slug}\n20240301\nhttps://news.example/{slug}\n"
        f"The claim of story {slug} is here.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("read_last", ["articles", "line_counts"])
def test_a_commit_between_manifest_and_files_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_last: str
) -> None:
    use_digest_embedder(monkeypatch)
    directory = tmp_path / "ix"
    Corpus(directory).ingest([_article(tmp_path, "a")])
    reader = Corpus(directory)
    real = getattr(ClaimStore, read_last)
    committed: list[bool] = []

    def after_a_commit(self: ClaimStore, manifest=None):  # type: ignore[no-untyped-def]
        if not committed:
            committed.append(True)  # another writer commits, removing this generation's files
            Corpus(directory).ingest([_article(tmp_path, "b")])
        return real(self, manifest)

    monkeypatch.setattr(ClaimStore, read_last, after_a_commit)
    if read_last == "articles":
        assert reader.info()["articles"] == 2
    else:
        assert len(reader.searcher().claims) == 2
    assert committed
