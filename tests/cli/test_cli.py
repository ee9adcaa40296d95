"""The command line end to end on the demo corpus, through typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.storage import Manifest

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DRONE_QUERY = "Moscow wants hundreds of Iranian drones"


def _run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:  # type: ignore[no-untyped-def]
    """An index of the whole demo corpus, built once through the CLI."""
    root = tmp_path_factory.mktemp("indexes")
    result = _run("ingest", str(SEEDS), "--index-dir", str(root), "--index", "seeds")
    assert result.exit_code == 0, result.output
    return root


def test_ingest_reports_counts(seeded: Path) -> None:
    info = json.loads(
        _run("index", "info", "--index-dir", str(seeded), "--index", "seeds", "--json").stdout
    )
    articles = sorted(SEEDS.glob("*.txt"))
    assert info["articles"] == len(articles)
    assert info["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert info["dimension"] == 384
    assert info["index_kind"] == "flat"
    assert 10 * len(articles) <= info["claims"]
    assert len(info["sources"]) >= 8


def test_reingest_adds_nothing(seeded: Path) -> None:
    before = Manifest.read(seeded / "seeds")
    result = _run("ingest", str(SEEDS), "--index-dir", str(seeded), "--index", "seeds", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles_added"] == 0
    assert report["duplicates"] == report["articles_read"] > 0
    after = Manifest.read(seeded / "seeds")
    assert (after.generation, after.claims) == (before.generation, before.claims)


def test_query_finds_drone_story_across_outlets(seeded: Path) -> None:
    result = _run(
        "query", DRONE_QUERY, "--index-dir", str(seeded), "--index", "seeds", "--json", "--k", "20"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    drone_domains = {
        group["domain"]
        for group in data["groups"]
        if any("drone" in hit["text"].lower() for hit in group["hits"])
    }
    assert len(drone_domains) >= 4
    best = data["groups"][0]["hits"][0]
    # the drone story's sentence, which may call them "the aircraft" under a drones headline
    story = f"{best['text']} {best['headline']}"
    assert "drone" in story.lower() or "UAV" in story
    assert "hundreds" in best["text"] and ("Moscow" in best["text"] or "Russia" in best["text"])
    # groups and hits follow the fused ranking; each group reports its best cosine
    relevance = [hit["relevance"] for group in data["groups"] for hit in group["hits"]]
    assert max(relevance) == best["relevance"]
    for group in data["groups"]:
        assert group["best_similarity"] == max(hit["similarity"] for hit in group["hits"])
    for key in ("domain", "date", "headline", "url", "position", "article_id"):
        assert key in best


def test_query_filters_by_source_and_date(seeded: Path) -> None:
    args = ["--index-dir", str(seeded), "--index", "seeds", "--json"]
    only_toi = json.loads(
        _run("query", DRONE_QUERY, "--source", "www.timesofisrael.com", *args).stdout
    )
    assert {group["domain"] for group in only_toi["groups"]} == {"timesofisrael.com"}
    recent = json.loads(
        _run("query", DRONE_QUERY, "--since", "2023-01-01", "--min-similarity", "0", *args).stdout
    )
    dates = [hit["date"] for group in recent["groups"] for hit in group["hits"]]
    assert dates and min(dates) >= "2023-01-01"


def test_query_text_output_and_bad_date(seeded: Path) -> None:
    args = ["--index-dir", str(seeded), "--index", "seeds"]
    plain = _run("query", DRONE_QUERY, "--no-judge", *args)
    assert plain.exit_code == 0
    assert "timesofisrael.com" in plain.stdout and "matching claims" in plain.stdout
    judged = _run("query", DRONE_QUERY, *args)
    assert judged.exit_code == 0
    assert judged.stdout.startswith("Corroboration:")
    assert "CONTRADICTS" in judged.stdout and "france24.com" in judged.stdout
    bad = _run("query", DRONE_QUERY, "--since", "July 2022", *args)
    assert bad.exit_code == 2
    assert "YYYY-MM-DD" in bad.stderr


def test_bad_input_with_fail_writes_nothing(seeded: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Headline\n20221345\nhttps://example.com/a\nA sentence here today.\n")
    before = Manifest.read(seeded / "seeds")
    args = ["--index-dir", str(seeded), "--index", "seeds"]
    result = _run("ingest", str(bad), *args, "--on-error", "fail")
    assert result.exit_code == 2
    assert f"{bad}:2" in result.stderr
    assert "nothing was written" in result.stderr
    skipped = _run("ingest", str(bad), *args, "--json")
    assert skipped.exit_code == 1  # every input rejected: nothing ingested
    assert len(json.loads(skipped.stdout)["problems"]) == 1
    after = Manifest.read(seeded / "seeds")
    assert (after.generation, after.claims) == (before.generation, before.claims)


def test_stdin_ingest(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    article = (
        "Bridge reopens after repairs\n20240102\nhttps://www.example.org/news/bridge\n"
        "The city bridge reopened to traffic on Tuesday after six months of repairs.\n"
    )
    result = _run(
        "ingest", "-", "--format", "text", "--index-dir", str(tmp_path), "--json", input=article
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims_added"] == 1


def test_missing_index_and_model_mismatch_are_clear(seeded: Path, tmp_path: Path) -> None:
    missing = _run("query", DRONE_QUERY, "--index-dir", str(tmp_path), "--index", "nope")
    assert missing.exit_code == 2
    assert "corroborate ingest" in missing.stderr
    mismatch = _run(
        "ingest",
        str(SEEDS),
        "--index-dir",
        str(seeded),
        "--index",
        "seeds",
        "--model",
        "sentence-transformers/all-mpnet-base-v2",
    )
    assert mismatch.exit_code == 2
    assert "built with model" in mismatch.stderr


def test_help_has_examples() -> None:
    for command in (["ingest"], ["query"], ["index", "info"]):
        result = _run(*command, "--help")
        assert result.exit_code == 0
        assert "corroborate " in result.stdout


def test_batch_query_writes_one_json_line_per_claim(seeded: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.txt"
    claims.write_text(f"{DRONE_QUERY}\n\nIran denies sending drones\n", encoding="utf-8")
    args = ["--index-dir", str(seeded), "--index", "seeds", "--no-judge"]
    from_file = _run("query", "--file", str(claims), *args)
    assert from_file.exit_code == 0, from_file.output
    lines = [json.loads(line) for line in from_file.stdout.splitlines()]
    assert [line["query"] for line in lines] == [DRONE_QUERY, "Iran denies sending drones"]
    assert all(line["groups"] for line in lines)
    from_stdin = _run("query", "--file", "-", *args, input=f"{DRONE_QUERY}\n")
    assert from_stdin.exit_code == 0, from_stdin.output
    assert json.loads(from_stdin.stdout)["query"] == DRONE_QUERY
    neither = _run("query", *args)
    assert neither.exit_code == 2
    assert "--file" in neither.output


def test_index_built_on_onnx_refuses_torch(seeded: Path) -> None:
    args = ["--index-dir", str(seeded), "--index", "seeds", "--no-judge"]
    result = _run("query", DRONE_QUERY, "--embedder", "torch", *args)
    assert result.exit_code == 2
    assert "--embedder onnx" in result.output
