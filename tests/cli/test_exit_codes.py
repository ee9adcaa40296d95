"""Honest exit codes: nothing ingested is a failure, errors leave no lock or index behind,
an empty query is refused and a query cut at the model's window says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from typer.testing import CliRunner

from corroborate.cli.app import app

runner = CliRunner()
ARTICLE = (
    "Bridge reopens after repairs\n20240102\nhttps://www.example.org/news/bridge\n"
    "The city bridge reopened to traffic on Tuesday after six months of repairs.\n"
)


@pytest.fixture(autouse=True)
def digest_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    use_digest_embedder(monkeypatch)


def _invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def _everything_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_ingest_of_a_missing_path_exits_2_and_creates_no_index(tmp_path: Path) -> None:
    result = _invoke("ingest", str(tmp_path / "typo"), "--index-dir", str(tmp_path / "ix"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'typo'}: no such file or directory" in result.stderr
    assert "nothing was ingested" in result.stderr
    assert not (tmp_path / "ix").exists()


def test_ingest_where_every_input_is_rejected_exits_1_and_creates_no_index(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    (inputs / "latin1.txt").write_bytes("Caf\xe9\n20240101\nhttps://a.example/x\nOui.\n".encode("latin-1"))
    result = _invoke("ingest", str(inputs), "--index-dir", str(tmp_path / "ix"), "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["problems"]) == 3
    assert "nothing was ingested" in result.stderr
    assert not (tmp_path / "ix").exists()


def test_run_where_every_input_is_rejected_exits_1_and_writes_no_report(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = _invoke("run", str(inbox), "--index-dir", str(tmp_path / "ix"), "--out", str(out))
    assert result.exit_code == 1
    assert not (tmp_path / "ix").exists()
    assert _everything_under(out) == []


def test_report_on_a_missing_index_leaves_no_lock(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out"
    result = _invoke("report", "--index-dir", str(tmp_path / "ix"), "--out", str(out))
    assert result.exit_code == 2
    assert "corroborate ingest" in result.stderr + caplog.text  # logged off a terminal
    assert not out.exists() or _everything_under(out) == []


def test_a_successful_ingest_leaves_no_lock_file(tmp_path: Path) -> None:
    result = _invoke("ingest", "-", "--index-dir", str(tmp_path), "--index", "ix", input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert not [name for name in _everything_under(tmp_path) if ".lock" in name or ".tmp" in name]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_query_is_refused(tmp_path: Path, text: str) -> None:
    args = ["--index-dir", str(tmp_path), "--index", "ix"]
    assert _invoke("ingest", "-", *args, input=ARTICLE).exit_code == 0
    for extra in (["--no-judge", "--min-similarity", "0"], []):
        result = _invoke("query", text, *args, *extra, "--json")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "the query is empty" in result.stderr


def test_a_query_past_the_token_window_says_it_was_cut(tmp_path: Path) -> None:
    args = ["--index-dir", str(tmp_path), "--index", "ix"]
    assert _invoke("ingest", "-", *args, input=ARTICLE).exit_code == 0
    long_query = " ".join(["bridge"] * 300)
    result = _invoke("query", long_query, *args, "--json", "--no-judge")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["query_tokens"], data["token_window"], data["query_truncated"]) == (
        300, 256, True
    )
    assert "only the first 256" in result.stderr
    short = json.loads(_invoke("query", "bridge reopened", *args, "--json").stdout)
    assert short["query_truncated"] is False
    text = _invoke("query", long_query, *args)
    assert "only the first 256" in text.stderr
