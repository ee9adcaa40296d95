"""Machine output is exact: what ``--json`` prints (and report.json holds) is what is stored,
whatever markup, emoji codes, control characters or bidi marks the text carries."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from embedder_doubles import use_digest_embedder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.corpus import Corpus
from corroborate.errors import RecordProblem
from corroborate.report.folders import LATEST

runner = CliRunner()
HOSTILE = [
    "[/]", "[red]hundreds[/red]", "[bold]", ":warning:", ":smile:", "\x1b[31m", "\u202e",
    "\u200f", "\u2066", "\r", "\x0b", "\x7f", "\u2028", "story-[x]", "\\", '"', "%s", "{}",
]  # fmt: skip
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))
_TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(_CHARACTERS, max_size=6)), max_size=6)
_URL_CHARACTERS = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc"), exclude_characters="#?"
)
_URL_TEXT = st.lists(
    st.one_of(st.sampled_from(["[/]", "[x]", ":warning:", "[red]a[/red]"]),
              st.text(_URL_CHARACTERS, max_size=6)),
    max_size=4,
)  # fmt: skip


def _cli(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def _claim_fields(claim: dict[str, Any]) -> tuple[str, str, str, str]:
    return claim["text"], claim["headline"], claim["url"], claim["domain"]


def _check_claims(found: list[dict[str, Any]], stored: dict[str, tuple[str, str, str, str]]):  # type: ignore[no-untyped-def]
    for claim in found:
        assert _claim_fields(claim) == stored[claim["claim_id"]]


@pytest.fixture
def digest_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    use_digest_embedder(monkeypatch)


@pytest.mark.usefixtures("digest_embedder")
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(claim=_TEXT, headline=_TEXT, url=_URL_TEXT, folder=_TEXT)
def test_json_output_gives_back_what_is_stored(
    claim: list[str], headline: list[str], url: list[str], folder: list[str]
) -> None:
    claim_text = "Officials said that " + "".join(claim) + " on Monday."
    with tempfile.TemporaryDirectory() as temp:
        name = "".join(folder).replace("\0", "").replace("/", "_")
        root = Path(temp) / f"dir [/] :warning: {name}"
        root.mkdir(parents=True)
        feed = root / "feed [x] :warning:.jsonl"
        records = [
            {
                "title": "Headline " + "".join(headline),
                "date": "2024-03-01",
                "url": f"https://{domain}/story-" + "".join(url),
                "sentences": [claim_text, f"A second sentence from {domain} today."],
            }
            for domain in ("one.example", "two.example")
        ]
        lines = [json.dumps(record) for record in records] + ['{"title": "no date"}']
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        index_dir = root / "indexes"
        args = ["--index-dir", str(index_dir), "--index", "x"]

        ingested = json.loads(_cli("ingest", str(feed), *args, "--json").stdout)
        assert ingested["articles_added"] == 2
        where = str(RecordProblem(str(feed), 3, ""))  # line breaks in the path escaped
        assert [problem.startswith(where) for problem in ingested["problems"]] == [True]
        corpus = Corpus(index_dir / "x")
        rows = corpus.store.claims().iter_rows(named=True)
        stored = {row["claim_id"]: _claim_fields(row) for row in rows}
        asked = next(text for text, *_ in stored.values() if text.startswith("Officials"))

        query = json.loads(_cli("query", asked, *args, "--json", "--min-similarity", "-1").stdout)
        assert query["query"] == asked
        hits = [hit for group in query["groups"] for hit in group["hits"]]
        assert len(hits) == len(stored)
        _check_claims(hits, stored)
        _check_claims([verdict["claim"] for verdict in query["corroboration"]["verdicts"]], stored)

        groups = json.loads(_cli("groups", *args, "--json").stdout)
        _check_claims([group["canonical"] for group in groups], stored)
        _check_claims([m["claim"] for group in groups for m in group["members"]], stored)

        info = json.loads(_cli("index", "info", *args, "--json").stdout)
        assert info["path"] == str(index_dir / "x")
        assert {source["domain"] for source in info["sources"]} == {
            domain for *_, domain in stored.values()
        }

        out = root / "reports [/]"
        summary = json.loads(_cli("report", *args, "--out", str(out), "--json").stdout)
        assert summary["report"].startswith(str(out))
        report = json.loads((out / LATEST / "report.json").read_text(encoding="utf-8"))
        _check_claims([group["canonical"] for group in report["groups"]], stored)
