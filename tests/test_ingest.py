"""The ingest pipeline on bounded articles: one claim per distinct sentence, a cut article
reported, and progress told while reading and before the model loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from typer.testing import CliRunner

import corroborate.ingest as ingest_module
from corroborate.cli.app import app
from corroborate.corpus import Corpus

HEADER = "Headline\n20240301\nhttps://news.example/story\n"


@pytest.fixture(autouse=True)
def digest_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    use_digest_embedder(monkeypatch)


def test_a_megabyte_of_one_repeated_sentence_is_one_claim(tmp_path: Path) -> None:
    path = tmp_path / "spam.txt"
    line = "Moscow wants hundreds of Iranian drones, officials say.\n"
    path.write_text(HEADER + line * (1_000_000 // len(line)), encoding="utf-8")
    report = Corpus(tmp_path / "ix").ingest([path])
    assert (report.articles_added, report.claims_added) == (1, 1)


def test_sentences_that_clean_to_the_same_text_are_one_claim(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    twice = "The bridge reopened on Tuesday.\n  The bridge  reopened on Tuesday.\n"
    path.write_text(HEADER + twice)
    corpus = Corpus(tmp_path / "ix")
    assert corpus.ingest([path]).claims_added == 1
    assert corpus.store.claims()["position"].to_list() == [0]


def test_progress_is_told_while_reading_and_before_the_model_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "PROGRESS_EVERY_ARTICLES", 2)
    path = tmp_path / "feed.jsonl"
    records = [
        {"title": f"T{n}", "date": "20240301", "url": f"https://a.example/{n}",
         "text": f"Story {n} has a sentence here."}
        for n in range(5)
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    told: list[str] = []
    Corpus(tmp_path / "ix").ingest([path], stage=told.append)
    assert told[0] == "reading articles"
    assert "read 2 articles so far (0 skipped)" in told
    assert "read 4 articles so far (0 skipped)" in told
    steps = [message for message in told if not message.startswith("read")]
    assert steps == [
        "loading the embedding model",
        "embedding 5 claims of 5 new articles",
        "writing the index",
    ]


def test_the_cli_cuts_at_max_sentences_and_reports_the_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(HEADER + "".join(f"Sentence {n} is a claim.\n" for n in range(20)))
    result = CliRunner().invoke(
        app, ["ingest", str(path), "--index-dir", str(tmp_path), "--max-sentences", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["claims_added"] == 5
    assert report["warnings"] == [
        f"{path}:9: the article has more than 5 distinct sentences; only the first ones were "
        "kept (fix: split it into several articles, or raise --max-sentences)"
    ]
    assert f"warning: {path}:9" in result.stderr
