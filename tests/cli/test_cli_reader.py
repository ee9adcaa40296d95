"""The reader's commands end to end on the demo corpus: nothing hidden, URLs, CSV, filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli.app import app

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# The same story asked five ways (issue 14).
FIVE_WAYS = (
    "Iran will supply Russia with hundreds of drones",
    "Moscow wants hundreds of Iranian drones",
    "Russia is looking to buy hundreds of drones from Iran",
    "Iran is preparing to provide Russia with several hundred drones",
    "Hundreds of Iranian UAVs are wanted by Moscow for Ukraine",
)


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def index_args(tmp_path_factory: pytest.TempPathFactory, embedder) -> list[str]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("indexes")
    args = ["--index-dir", str(root), "--index", "seeds"]
    result = _run("ingest", str(SEEDS), *args)
    assert result.exit_code == 0, result.output
    return args


def _outlets(index_args: list[str], text: str) -> set[str]:
    data = json.loads(_run("query", text, "--json", *index_args).stdout)
    return {verdict["domain"] for verdict in data["corroboration"]["verdicts"]}


def test_query_says_what_it_left_out_and_all_lists_it(index_args: list[str]) -> None:
    data = json.loads(_run("query", FIVE_WAYS[0], "--json", *index_args).stdout)["corroboration"]
    hidden = data["hidden"]
    assert hidden == {
        "unrelated": len(data["unrelated"]),
        "same_outlet": len(data["same_outlet"]),
        "below_floor": len(data["below_floor"]),
    }
    assert sum(hidden.values()) + len(data["verdicts"]) == 30  # every one of the k matches
    plain = _run("query", FIVE_WAYS[0], *index_args).stdout
    assert f"{sum(hidden.values())} more matches" in plain and "--all lists them" in plain
    every = _run("query", FIVE_WAYS[0], "--all", *index_args).stdout
    assert every.count("UNRELATED") == hidden["unrelated"]
    assert "https://" in plain  # the article's URL under each verdict


def test_the_same_story_asked_five_ways_names_mostly_the_same_outlets(
    index_args: list[str],
) -> None:
    named = [_outlets(index_args, text) for text in FIVE_WAYS]
    common = set.intersection(*named)
    assert len(common) >= 5
    assert max(map(len, named)) - min(map(len, named)) <= 2


@pytest.mark.xfail(
    reason="varies with the judge: 6-8 outlets since a like amount both sides give is one claim "
    "(more outlets found; 6-7 before, at 11703de)",
    strict=False,
)
def test_the_same_story_asked_five_ways_names_the_same_outlets_within_one(
    index_args: list[str],
) -> None:
    named = [_outlets(index_args, text) for text in FIVE_WAYS]
    assert max(map(len, named)) - min(map(len, named)) <= 1


def test_query_csv_has_a_row_per_verdict_with_its_url(index_args: list[str]) -> None:
    result = _run("query", FIVE_WAYS[1], "--csv", "--all", *index_args)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"relation", "domain", "url", "position", "shown"} <= set(rows[0])
    assert {row["shown"] for row in rows} >= {"yes", "unrelated"}
    # URLs as the articles gave them: the canonical form would drop "www."
    assert any(row["url"].startswith("https://www.") for row in rows)


def test_an_unknown_source_names_the_domain_it_probably_means(index_args: list[str]) -> None:
    for command in (["query", "drones"], ["groups"]):
        result = _run(*command, "--source", "reuters", *index_args)
        assert result.exit_code == 2
        assert "no claims from 'reuters'; did you mean reuters.com?" in result.stderr


def test_groups_filter_by_source_and_date_and_print_csv(index_args: list[str]) -> None:
    groups = json.loads(_run("groups", "--top", "100", "--json", *index_args).stdout)
    only = json.loads(
        _run("groups", "--top", "100", "--json", "--source", "reuters.com", *index_args).stdout
    )
    assert 0 < len(only) < len(groups)
    for group in only:
        assert "reuters.com" in group["outlets"]
    dated = json.loads(
        _run("groups", "--top", "100", "--json", "--since", "2023-01-01", *index_args).stdout
    )
    assert dated and all(max(group["first_seen"].values()) >= "2023-01-01" for group in dated)
    rows = list(csv.DictReader(io.StringIO(_run("groups", "--csv", *index_args).stdout)))
    assert rows and {"group_id", "domain", "text", "url", "link", "side"} <= set(rows[0])
    text = _run("groups", *index_args).stdout
    assert "1 outlets" not in text and "https://" in text


def test_report_filters_compare_with_and_csv(index_args: list[str], tmp_path: Path) -> None:
    out = ["--out", str(tmp_path / "reports")]
    first = _run("report", *index_args, *out, "--json")
    assert first.exit_code == 0, first.output
    folder = Path(json.loads(first.stdout)["report"])
    assert (folder / "report.csv").is_file()
    filtered = _run(
        "report",
        *index_args,
        *out,
        "--source",
        "tass.com",
        "--compare-with",
        "2099-01-01",
        "--csv",
    )
    assert filtered.exit_code == 0, filtered.output
    rows = list(csv.DictReader(io.StringIO(filtered.stdout)))
    by_group: dict[str, set[str]] = {}
    for row in rows:
        by_group.setdefault(row["group_id"], set()).add(row["domain"])
    assert by_group and all("tass.com" in outlets for outlets in by_group.values())
    assert _run("report", *index_args, *out, "--since", "July 2022").exit_code == 2


def test_plain_matches_count_and_list_those_below_the_floor(index_args: list[str]) -> None:
    args = ["query", "Iranian drones", "--no-judge", "--min-similarity", "0.6", *index_args]
    data = json.loads(_run(*args, "--json").stdout)
    shown = data["matches"]
    plain = _run(*args).stdout
    below = 30 - shown
    assert below > 0 and f"{below} more below the similarity floor 0.60" in plain
    listed = _run(*args, "--all").stdout
    assert "listed below" in listed and listed.count("https://") > plain.count("https://")
