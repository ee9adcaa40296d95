"""Progress of a nightly run: a bar on a terminal, log lines otherwise, counts of long steps."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest
import typer
from embedder_doubles import DigestEmbedder
from seed_labels import SEEDS
from typer.testing import CliRunner

from corroborate.cli.nightly import run
from corroborate.embedders.meter import MeteredEmbedder, chunked, logging_meter
from corroborate.relations.mlp import default_artifact_path


def test_metered_embedder_reports_each_chunk_and_keeps_the_order() -> None:
    calls: list[tuple[int, int]] = []
    texts = [f"sentence {i}" for i in range(7)]
    metered = MeteredEmbedder(DigestEmbedder(4), lambda done, total: calls.append((done, total)), 3)
    assert np.array_equal(metered.encode(texts), DigestEmbedder(4).encode(texts))
    assert calls == [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert metered.encode([]).shape == (0, 4)


def test_logging_meter_writes_one_line_per_tenth(caplog: pytest.LogCaptureFixture) -> None:
    meter = logging_meter(logging.getLogger("test.progress"))
    with caplog.at_level(logging.INFO, logger="test.progress"):
        for done in range(0, 1001, 7):
            meter(done, 1000)
        meter(1000, 1000)
        meter(5, 5)
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 11
    assert lines[0].startswith("105 of 1000") and lines[-2] == "1000 of 1000 done (100%)"
    assert lines[-1] == "5 of 5 done (100%)"


def test_chunked_covers_everything_once() -> None:
    assert chunked(5, 2) == [(0, 2), (2, 4), (4, 5)]
    assert chunked(0, 2) == []


@pytest.mark.skipif(not default_artifact_path().is_file(), reason="no relation model artifact")
@pytest.mark.model
def test_a_run_on_a_terminal_shows_the_bar_then_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedder: object
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sorted(SEEDS.glob("*_titan-submersible.txt"))[:4]:
        shutil.copy(path, inbox / path.name)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    cli = typer.Typer()
    cli.command()(run)
    cli.command()(lambda: None)
    result = CliRunner().invoke(
        cli,
        [
            "run",
            str(inbox),
            "--index-dir",
            str(tmp_path / "indexes"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Read 4 articles: 4 new, 0 skipped" in result.stderr
    assert "report written to" in result.stderr
