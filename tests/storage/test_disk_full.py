"""A full disk during a commit (ENOSPC at each of its writes in turn): a clear one-line error,
the previous generation intact and nothing of the failed one left behind."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from typer.testing import CliRunner

import corroborate.storage.atomic as atomic_module
from corroborate.cli.app import app
from corroborate.corpus import Corpus
from corroborate.storage import Manifest
from corroborate.storage.manifest import MANIFEST_FILE

WRITES_PER_COMMIT = 5  # claims, vectors, articles, lines, manifest


def _article(path: Path, slug: str) -> Path:
    path.write_text(
        f"Story {slug}\n20240301\nhttps://news.example/{slug}\n"
        f"The first claim of story {slug} is here.\nThe second claim of story {slug} follows.\n",
        encoding="utf-8",
    )
    return path


def _full_disk_at(monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    """Make the ``failing``-th file synced from now on fail as a full disk does."""
    real = atomic_module.fsync_file
    calls = {"n": 0}

    def fsync_file(path: Path) -> None:
        calls["n"] += 1
        if calls["n"] == failing:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path)

    monkeypatch.setattr(atomic_module, "fsync_file", fsync_file)


@pytest.mark.parametrize("failing", range(1, WRITES_PER_COMMIT + 1))
def test_a_full_disk_during_commit_keeps_the_previous_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    use_digest_embedder(monkeypatch)
    directory = tmp_path / "ix"
    corpus = Corpus(directory)
    corpus.ingest([_article(tmp_path / "a.txt", "a")])
    before = Manifest.read(directory)
    claims = corpus.store.claims()
    files = sorted(path.name for path in directory.iterdir())

    _full_disk_at(monkeypatch, failing)
    result = CliRunner().invoke(
        app, ["ingest", str(_article(tmp_path / "b.txt", "b")), "--index-dir", str(tmp_path),
              "--index", "ix"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    line = result.stderr.strip().splitlines()[-1]  # after the progress log lines
    assert line.startswith("error: ") and "Traceback" not in result.stderr
    assert "No space left on device" in line and "nothing was written" in line
    monkeypatch.undo()

    assert Manifest.read(directory) == before
    assert sorted(path.name for path in directory.iterdir()) == files
    assert Corpus(directory).store.claims().equals(claims)
    assert len(Corpus(directory).store.vector_index()) == before.claims
    use_digest_embedder(monkeypatch)
    again = Corpus(directory).ingest([tmp_path / "b.txt"])
    assert again.claims_added == 2
    assert Manifest.read(directory).generation == before.generation + 1
    assert MANIFEST_FILE in {path.name for path in directory.iterdir()}
