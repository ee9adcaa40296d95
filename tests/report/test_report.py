"""Reports: the data model, its renderers and files, change detection, the dated folders and
``latest`` link, the nightly run end to end, and report.html in a real (headless) browser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import polars as pl
import pytest
import typer
from seed_labels import load_groups, planted_disputes
from typer.testing import CliRunner

from corroborate.cli.nightly import report, run
from corroborate.corpus import Corpus
from corroborate.embedders import Embedder
from corroborate.errors import CorroborateError
from corroborate.grouping.groups import ClaimGroup
from corroborate.grouping.stance import Stance
from corroborate.models import Claim
from corroborate.nightly import RunSummary, run_nightly
from corroborate.relations.judge import Judgement, Label, Side
from corroborate.relations.mlp import default_artifact_path
from corroborate.report import (
    IndexSnapshot,
    Limits,
    Report,
    build_report,
    read_previous,
    render_html,
    render_markdown,
    write_report,
)
from corroborate.report.folders import LATEST, baseline_report, latest_folder, publish
from corroborate.report.tables import GROUP_ROWS_SCHEMA, group_rows

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOW = dt.datetime(2022, 7, 20, 6, 0, tzinfo=dt.UTC)
SCRIPT = "<script>alert(1)</script>"
PWN_SCRIPT = "<script>document.title='pwned'</script>"
PWN_IMG = "<img src=x onerror=\"document.title='pwned'\">"


def _claim(domain: str, text: str, day: int, position: int = 0, headline: str = "News") -> Claim:
    return Claim(
        claim_id=f"{domain}:{day}:{position}",
        text=text,
        article_id=f"{domain}:{day}",
        url=f"https://{domain}/2022/07/{day}/story",
        domain=domain,
        date=dt.date(2022, 7, day),
        headline=headline,
        position=position,
    )


def _member(
    claim: Claim,
    label: Label,
    origin: int,
    reason: str = "same claim",
    conflict: tuple[str | None, str | None] | None = None,
) -> Stance:
    adds: Side | None = "b" if label == "adds_detail" else None
    detail = "up to 300" if label == "adds_detail" else None
    return Stance(claim, Judgement(label, 0.9, reason, adds, detail, conflict), origin, 0.8)


DRONES = ClaimGroup(
    "drones",
    _claim("cnn.com", f"Moscow wants hundreds of Iranian drones {SCRIPT}", 16, 1, PWN_SCRIPT),
    (
        _member(
            _claim("reuters.com", "Russia wants several hundred drones from Iran.", 16), "agree", 1
        ),
        _member(
            _claim("tass.com", "Russia wants several hundred drones, the US says.", 12), "agree", 1
        ),
        _member(
            _claim("apnews.com", "Iran may give Russia up to 300 drones.", 16),
            "adds_detail",
            2,
            "number: up to 300",
        ),
        _member(
            _claim("france24.com", "Russia wants only a few dozen Iranian drones.", 16),
            "contradicts",
            3,
            "count: a few dozen vs hundreds",
            ("hundreds", "a few dozen"),
        ),
    ),
)
VISITS = ClaimGroup(
    "visits",
    _claim("bbc.co.uk", "Russian officials visited the airfield twice.", 16),
    (
        _member(
            _claim("theguardian.com", f"Russians toured the airfield twice {PWN_SCRIPT}", 17),
            "agree",
            1,
        ),
        _member(
            _claim("presstv.ir", f"Tehran denies any Russian visit {PWN_IMG}", 19),
            "contradicts",
            2,
            "denial",
        ),
    ),
)
SINGLES = (
    _claim("cnn.com", "Putin is due in Tehran on Tuesday.", 16, 2),
    _claim("cnn.com", "The drones can carry precision munitions.", 16, 3),
    _claim("cnn.com", "Kashan is south of Tehran.", 16, 4),
    _claim("dw.com", "Germany urged restraint.", 18, 0),
)


def _snapshot(groups: tuple[ClaimGroup, ...] = (DRONES, VISITS)) -> IndexSnapshot:
    claims = [
        claim for group in groups for claim in (group.canonical, *(m.claim for m in group.members))
    ]
    claims += SINGLES
    articles = {claim.domain: 1 for claim in claims}
    articles["cnn.com"] = 2
    return IndexSnapshot(
        "indexes/test", 3, "2022-07-20T05:00:00+00:00", "minilm", claims, articles, groups
    )


@pytest.fixture(scope="module")
def sample() -> Report:
    return build_report(_snapshot(), None, generated_at=NOW)


# --- the data model -------------------------------------------------------------------------


def test_headline_counts_everything(sample: Report) -> None:
    headline = sample.headline
    assert headline.articles == 10  # nine outlets, cnn.com with two articles
    assert headline.outlets == 9
    assert headline.claims == 12
    assert (headline.groups, headline.contested_groups) == (2, 2)
    assert headline.single_source_claims == len(SINGLES)


def test_most_corroborated_first_with_reach(sample: Report) -> None:
    assert sample.top == ["drones", "visits"]
    drones = sample.group("drones")
    assert drones.rank == 1
    assert drones.origins == 4
    assert drones.first_seen == dt.date(2022, 7, 12)
    assert drones.first_outlets == ["tass.com"]
    assert drones.counts == {"agree": 2, "adds_detail": 1, "contradicts": 1}


def test_outlet_rates_count_the_canonical_claim_as_agreeing(sample: Report) -> None:
    rows = {row.domain: row for row in sample.outlets}
    assert sample.outlets[0].domain == "cnn.com"  # most claims first
    assert (rows["cnn.com"].canonical, rows["cnn.com"].agree_rate) == (1, 1.0)
    assert (rows["tass.com"].first, rows["tass.com"].first_rate) == (1, 1.0)
    assert rows["cnn.com"].first == 0
    assert (rows["france24.com"].disputed, rows["france24.com"].minority) == (1, 1)
    assert rows["france24.com"].minority_rate == 1.0
    assert (rows["reuters.com"].disputed, rows["reuters.com"].minority) == (1, 0)
    assert rows["apnews.com"].adds_detail_rate == 1.0
    assert rows["dw.com"].groups == 0
    assert rows["dw.com"].agree_rate is None


def test_single_source_sample_takes_largest_outlets_first_within_the_limit() -> None:
    limited = build_report(_snapshot(), None, generated_at=NOW, limits=Limits(single_source=3))
    sample = limited.single_source
    assert sample.total == 4
    assert [claim.domain for claim in sample.sample] == ["cnn.com", "cnn.com", "dw.com"]
    grouped = {claim.claim_id for group in limited.groups for claim, _ in group.carried()}
    assert not grouped & {claim.claim_id for claim in sample.sample}


def test_matrix_and_timeline_of_the_top_groups(sample: Report) -> None:
    matrix = sample.matrix
    assert matrix.groups == ["drones", "visits"]
    cell = dict(zip(matrix.outlets, matrix.cells, strict=True))
    assert cell["cnn.com"] == ["canonical", None]
    assert cell["france24.com"] == ["contradicts", None]
    assert cell["presstv.ir"] == [None, "contradicts"]
    drones = sample.timeline[0]
    assert [(point.domain, point.day) for point in drones.points][:2] == [
        ("tass.com", 0),
        ("apnews.com", 4),
    ]


# --- renderers ------------------------------------------------------------------------------


def test_html_is_one_self_contained_page_with_every_section(sample: Report) -> None:
    page = render_html(sample)
    for section in (
        "headline",
        "changes",
        "corroborated",
        "contested",
        "single-source",
        "outlets",
        "matrix",
        "timeline",
    ):
        assert f'<section id="{section}">' in page
    assert page.count("<svg") == 2
    lowered = page.lower()
    assert "<script" not in lowered and "<link" not in lowered and ' src="' not in lowered
    assert "Content-Security-Policy" in page and 'name="viewport"' in page


def test_html_escapes_hostile_article_text(sample: Report) -> None:
    page = render_html(sample)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;" in page
    assert "<img" not in page and 'onerror="' not in page


def test_html_marks_the_conflicting_spans_side_by_side(sample: Report) -> None:
    page = render_html(sample)
    assert "<mark>hundreds</mark>" in page
    assert "only <mark>a few dozen</mark> Iranian" in page
    contested = page[page.index('id="contested"') : page.index('id="changes"')]
    assert contested.count('class="sides"') == 2  # one set of positions per disputed group


def test_html_links_only_http_urls() -> None:
    hostile = ClaimGroup(
        "js",
        Claim(
            "c1",
            "A claim.",
            "a1",
            "javascript:alert(1)",
            "evil.example",
            dt.date(2022, 7, 1),
            "h",
            0,
        ),
        (_member(_claim("bbc.co.uk", "A claim too.", 2), "agree", 1),),
    )
    page = render_html(build_report(_snapshot((hostile,)), None, generated_at=NOW))
    assert "javascript:" not in page
    assert 'href="https://bbc.co.uk/2022/07/2/story#:~:text=A%20claim%20too"' in page


def test_markdown_has_the_headline_numbers_and_escapes_text(sample: Report) -> None:
    text = render_markdown(sample)
    for number in (
        "**10** articles",
        "**12** claims",
        "**9** outlets",
        "**2** corroboration groups",
        "**2** disputed groups",
        "**4** single-source claims",
    ):
        assert number in text
    assert not re.search(r"(?<!\\)<", text)  # every < escaped: no HTML gets through
    assert r"\<script\>alert(1)\</script\>" in text
    assert "only **a few dozen** Iranian" in text
    assert "| cnn.com | 4 | 1 | 100% |" in text


# --- files ----------------------------------------------------------------------------------


def test_parquet_has_one_row_per_outlet_per_group(sample: Report, tmp_path: Path) -> None:
    write_report(sample, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "groups.parquet",
        "report.csv",
        "report.html",
        "report.json",
        "report.md",
    ]
    rows = pl.read_parquet(tmp_path / "groups.parquet")
    assert pl.read_csv(tmp_path / "report.csv", try_parse_dates=True).height == rows.height
    assert rows.schema == GROUP_ROWS_SCHEMA
    assert rows.height == 5 + 3
    canonical = rows.filter(pl.col("role") == "canonical")
    assert sorted(canonical["domain"]) == ["bbc.co.uk", "cnn.com"]
    france = rows.filter(pl.col("domain") == "france24.com").row(0, named=True)
    assert (france["label"], france["conflict_member"]) == ("contradicts", "a few dozen")
    assert france["group_first_seen"] == dt.date(2022, 7, 12)


def test_report_json_is_the_model(sample: Report, tmp_path: Path) -> None:
    write_report(sample, tmp_path)
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["headline"]["single_source_claims"] == 4
    assert data["top"] == ["drones", "visits"]
    assert data["groups"][0]["members"][3]["conflict"] == {
        "canonical": "hundreds",
        "member": "a few dozen",
    }
    assert data["groups"][0]["first_seen"] == "2022-07-12"
    assert data["changes"]["baseline"] is None
    assert group_rows(sample).height == sum(1 + len(g["members"]) for g in data["groups"])


def test_to_dict_is_dataclasses_asdict_without_sharing_containers(
    sample: Report, tmp_path: Path
) -> None:
    write_report(sample, tmp_path)
    earlier = read_previous(tmp_path / "report.json")
    changed = build_report(_snapshot((DRONES,)), earlier, generated_at=NOW)
    for built in (sample, changed):
        data = built.to_dict()
        assert data == dataclasses.asdict(built)
        assert data["groups"][0]["members"] is not built.groups[0].members  # copied


# --- change detection -----------------------------------------------------------------------


def test_without_a_previous_report_every_group_is_new(sample: Report) -> None:
    assert sample.changes.new_groups == 2
    assert sample.changes.new == []  # not listed: everything is new
    assert (sample.changes.changed_groups, sample.changes.gone_groups) == (0, 0)


def test_changes_against_the_previous_report(tmp_path: Path) -> None:
    earlier_drones = ClaimGroup("drones", DRONES.canonical, DRONES.members[:2])
    gone = ClaimGroup(
        "gone",
        _claim("dw.com", "Germany urged restraint again.", 15),
        (_member(_claim("bbc.co.uk", "Berlin urged restraint.", 15), "agree", 1),),
    )
    previous = build_report(_snapshot((earlier_drones, VISITS, gone)), None, generated_at=NOW)
    write_report(previous, tmp_path)
    # the visits group's canonical claim moved to another outlet: a new id, same claims
    moved = ClaimGroup(
        "visits-2",
        VISITS.members[0].claim,
        (_member(VISITS.canonical, "agree", 1), VISITS.members[1]),
    )
    fresh = ClaimGroup(
        "fresh",
        _claim("cnn.com", "Iran will train Russian crews.", 16, 5),
        (_member(_claim("apnews.com", "Iran will train Russians.", 16, 5), "agree", 1),),
    )
    current = build_report(
        _snapshot((DRONES, moved, fresh)), read_previous(tmp_path / "report.json"), generated_at=NOW
    )
    changes = current.changes
    assert changes.baseline is not None and changes.baseline.generated_at == NOW.isoformat()
    assert changes.new == ["fresh"]
    assert [(change.group_id, change.previous_group_id) for change in changes.changed] == [
        ("drones", "drones")
    ]
    drones = changes.changed[0]
    assert drones.before == {"agree": 2, "adds_detail": 0, "contradicts": 0}
    assert drones.after == {"agree": 2, "adds_detail": 1, "contradicts": 1}
    assert drones.outlets_added == ["apnews.com", "france24.com"]
    assert [gone.group_id for gone in changes.gone] == ["gone"]
    assert "Berlin" not in render_html(current) and "Germany urged restraint again." in render_html(
        current
    )


def test_a_broken_previous_report_is_an_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "report.json"
    broken.write_text('{"groups": [{"group_id": 1}]}', encoding="utf-8")
    with pytest.raises(CorroborateError, match=r"report\.json cannot be read"):
        read_previous(broken)


# --- dated folders and the latest link ------------------------------------------------------


def _write_text(text: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / "report.json").write_text(text, encoding="utf-8")

    return write


def test_publish_numbers_same_day_folders_and_repoints_latest(tmp_path: Path) -> None:
    day = dt.date(2024, 3, 27)
    first = publish(tmp_path, day, _write_text("one"))
    second = publish(tmp_path, day, _write_text("two"))
    assert (first.name, second.name) == ("2024-03-27", "2024-03-27-2")
    assert os.readlink(tmp_path / LATEST) == "2024-03-27-2"  # relative: the folder can move
    assert latest_folder(tmp_path) == second
    assert (tmp_path / LATEST / "report.json").read_text() == "two"


def test_a_failed_write_leaves_the_last_report_and_latest_alone(tmp_path: Path) -> None:
    day = dt.date(2024, 3, 27)
    publish(tmp_path, day, _write_text("good"))

    def crash(folder: Path) -> None:
        (folder / "report.json").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(tmp_path, day, crash)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["2024-03-27", LATEST]
    assert (tmp_path / LATEST / "report.json").read_text() == "good"


def test_a_latest_that_is_a_real_folder_is_named_before_anything_is_written(
    tmp_path: Path,
) -> None:
    day = dt.date(2024, 3, 27)
    publish(tmp_path, day, _write_text("good"))
    (tmp_path / LATEST).unlink()
    shutil.copytree(tmp_path / "2024-03-27", tmp_path / LATEST)  # what `cp -rL` leaves
    with pytest.raises(CorroborateError, match=r"latest is a folder.*move it out of the way"):
        publish(tmp_path, day, _write_text("two"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["2024-03-27", LATEST]


KILLED_WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from corroborate.report.folders import publish

def write(folder):
    (folder / "report.json").write_text("half")
    print("writing", flush=True)
    time.sleep(60)

publish(Path(sys.argv[1]), dt.date(2024, 3, 27), write)
"""


def test_a_killed_run_leaves_the_last_report_and_latest_alone(tmp_path: Path) -> None:
    publish(tmp_path, dt.date(2024, 3, 26), _write_text("good"))
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    writer.kill()
    writer.wait()
    assert (tmp_path / LATEST / "report.json").read_text() == "good"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".tmp-")]
    publish(tmp_path, dt.date(2024, 3, 27), _write_text("next"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["2024-03-26", "2024-03-27", LATEST]


def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    (tmp_path / ".tmp-2024-03-27-999").mkdir()
    (tmp_path / ".tmp-2024-03-27-999" / "report.html").write_text("half")
    os.symlink("nowhere", tmp_path / f".{LATEST}.tmp-999")
    publish(tmp_path, dt.date(2024, 3, 28), _write_text("new"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["2024-03-28", LATEST]


def test_baseline_is_latest_or_the_newest_on_or_before_since(tmp_path: Path) -> None:
    for day in (dt.date(2024, 3, 1), dt.date(2024, 3, 5), dt.date(2024, 3, 5), dt.date(2024, 3, 9)):
        publish(tmp_path, day, _write_text(str(day)))
    assert baseline_report(tmp_path, None) == tmp_path / "2024-03-09" / "report.json"
    assert (
        baseline_report(tmp_path, dt.date(2024, 3, 7)) == tmp_path / "2024-03-05-2" / "report.json"
    )
    assert baseline_report(tmp_path, dt.date(2024, 2, 1)) is None


# --- command line ---------------------------------------------------------------------------

cli = typer.Typer()
cli.command()(run)
cli.command()(report)
runner = CliRunner()


@pytest.mark.parametrize("command", ["run", "report"])
def test_commands_show_examples_in_help(command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"corroborate {command}" in result.stdout


def test_report_on_a_missing_index_fails_non_zero(tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["report", "--index-dir", str(tmp_path), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "out" / LATEST).exists()


def test_run_on_a_missing_inbox_fails_non_zero(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["run", str(tmp_path / "nope"), "--index-dir", str(tmp_path)])
    assert result.exit_code == 2


# --- end to end on the demo corpus (needs the relation model artifact) ----------------------

needs_artifact = pytest.mark.skipif(
    not default_artifact_path().is_file(), reason="relation model artifact not built yet"
)


@dataclass(frozen=True)
class Nightly:
    corpus: Corpus
    out: Path
    first: RunSummary
    second: RunSummary
    names_after_second: list[str]


@pytest.fixture(scope="module")
def nightly(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Nightly:
    """Two nightly runs of seeds/ into a fresh index and report folder."""
    root = tmp_path_factory.mktemp("nightly")
    corpus = Corpus(root / "index")
    out = root / "out"
    first = run_nightly(corpus, SEEDS, out)
    second = run_nightly(corpus, SEEDS, out)
    return Nightly(corpus, out, first, second, sorted(path.name for path in out.iterdir()))


@needs_artifact
@pytest.mark.model
def test_nightly_first_run_ingests_and_publishes(nightly: Nightly) -> None:
    first = nightly.first
    articles = len(list(SEEDS.glob("*.txt")))
    assert (first.articles_read, first.articles_new, first.articles_skipped) == (
        articles,
        articles,
        0,
    )
    assert first.report_written and first.groups > 0 and first.contradictions > 0
    assert first.report is not None
    assert nightly.names_after_second == [Path(first.report).name, LATEST]  # no lock left
    assert "report written" in first.line()


@needs_artifact
@pytest.mark.model
def test_nightly_second_run_changes_nothing_and_says_so(nightly: Nightly) -> None:
    first, second = nightly.first, nightly.second
    assert second.articles_new == 0
    assert second.skipped == {"already indexed or repeated": first.articles_read}
    assert not second.report_written
    assert second.report == first.report
    assert (second.groups, second.contradictions) == (first.groups, first.contradictions)
    assert "nothing changed" in second.line()


@needs_artifact
@pytest.mark.model
def test_nightly_report_shows_most_planted_inventions_as_disputes(nightly: Nightly) -> None:
    """seeds/README.md plants 14 inventions (15 sentences); the report shows each as a
    dispute with the invented sentence on a side of its own (9 measured, target 13: see
    benchmarks/RESULTS.md; a tenth, tass's "September 25", sits at cosine 0.630 to dw's
    "Monday" against the judge's 0.63 same-event bar and comes and goes with int8 rounding)."""
    assert nightly.first.report is not None
    data = json.loads((Path(nightly.first.report) / "report.json").read_text(encoding="utf-8"))
    found = planted_disputes(data)
    missed = {invention.file for invention, shown in found if not shown}
    files = {invention.file for invention, _ in found}
    assert len(files - missed) >= 9, sorted(missed)


@needs_artifact
@pytest.mark.model
def test_nightly_report_lists_the_contested_drone_claim(nightly: Nightly) -> None:
    assert nightly.first.report is not None
    folder = Path(nightly.first.report)
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    groups = {group["group_id"]: group for group in data["groups"]}
    # a position of its own in a contested group (as its canonical claim or a member)
    alone = {
        side["claims"][0]["text"]
        for group_id in data["contested"]
        for side in groups[group_id]["sides"]
        if len(side["claims"]) == 1
    }
    labelled = {
        row.sentence
        for group in load_groups()
        if group.story == "russia-iran-drones"
        for row in group.rows
        if row.relation == "contradicts"
    }
    assert alone & labelled, f"no labelled drone contradiction among {alone}"
    page = re.sub(r"</?mark>", "", (folder / "report.html").read_text(encoding="utf-8"))
    assert any(escape(text) in page for text in alone & labelled)


@needs_artifact
@pytest.mark.model
def test_report_command_writes_a_new_folder_compared_with_latest(nightly: Nightly) -> None:
    corpus, out, first = nightly.corpus, nightly.out, nightly.first
    result = runner.invoke(
        cli,
        [
            "report",
            "--index-dir",
            str(corpus.directory.parent),
            "--index",
            corpus.directory.name,
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["report_written"] and summary["report"] != first.report
    data = json.loads((out / LATEST / "report.json").read_text(encoding="utf-8"))
    assert data["changes"]["new_groups"] == data["changes"]["changed_groups"] == 0


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium with no network features; its stdout."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="chromium is not installed")
def test_browser_renders_sections_and_runs_no_article_script(
    sample: Report, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(sample), encoding="utf-8")
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    assert "pwned" not in dom.split("</title>", 1)[0]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=\"document.title='pwned'\"&gt;" in dom
    assert "<img" not in dom
    for section in ("headline", "contested", "matrix", "timeline"):
        assert f'<section id="{section}">' in dom
    shot = tmp_path / "shot.png"
    chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


_PROBE = """<script>
const probe = {};
const contested = document.getElementById("contested");
const first = contested.querySelector(".dispute") || contested;
probe.disputeTop = first.getBoundingClientRect().top;
probe.screen = window.innerHeight;
probe.bad = [];
for (const link of document.querySelectorAll("a[href]")) {
  const href = link.getAttribute("href");
  const ok = href.startsWith("#") ? document.getElementById(href.slice(1)) !== null
    : /^https?:\\/\\/[^\\s]+$/.test(href);
  if (!ok) probe.bad.push(href);
}
probe.links = document.querySelectorAll("a[href]").length;
document.body.insertAdjacentHTML("beforeend",
  "<pre id='probe'>" + JSON.stringify(probe) + "</pre>");
</script>"""


@needs_artifact
@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="chromium is not installed")
def test_browser_shows_disputes_on_the_first_screen_with_working_links(
    nightly: Nightly, tmp_path: Path
) -> None:
    folder = latest_folder(nightly.out)
    assert folder is not None
    page = (folder / "report.html").read_text(encoding="utf-8")
    # The page as published: no console message at all (it runs no script; a CSP
    # violation or a broken resource would log one).
    published = tmp_path / "report.html"
    published.write_text(page, encoding="utf-8")
    logged = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1280,900",
            "--dump-dom",
            published.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stderr
    assert "CONSOLE" not in logged, logged
    # A copy with a measuring script (the published page's CSP forbids scripts).
    probed = tmp_path / "probed.html"
    probed.write_text(
        re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace(
            "</body>", _PROBE + "</body>"
        ),
        encoding="utf-8",
    )
    dom = chromium(tmp_path / "profile", "--window-size=1280,900", "--dump-dom", probed.as_uri())
    probe = json.loads(re.search(r"<pre id=\"probe\">(.*?)</pre>", dom, re.S)[1])  # type: ignore[index]
    assert probe["disputeTop"] < probe["screen"] <= 900, probe
    assert probe["links"] > 10 and probe["bad"] == []
    shot = Path(os.environ.get("CORROBORATE_TEST_ARTIFACTS", tmp_path)) / "report-1280x900.png"
    chromium(
        tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,900", published.as_uri()
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
