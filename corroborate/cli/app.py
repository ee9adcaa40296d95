"""The ``corroborate`` command line: a thin layer over :class:`corroborate.Corpus`."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypedDict

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corroborate.cli.bench import speed
from corroborate.cli.bench_pairs import pairs
from corroborate.cli.bench_retrieval import retrieval
from corroborate.cli.index import rebuild
from corroborate.cli.nightly import report, run
from corroborate.cli.options import EmbedderBackend, IndexDir, IndexName, JsonFlag, NliModel
from corroborate.cli.output import write_json, write_jsonl
from corroborate.cli.progress import progress_display
from corroborate.cli.stance import stance
from corroborate.corpus import DEFAULT_INDEX_NAME, Corpus, index_path
from corroborate.errors import CorroborateError, NothingIngestedError, RecordProblem
from corroborate.grouping.corroboration import Corroboration
from corroborate.grouping.stance import Stance
from corroborate.ingest import IngestReport
from corroborate.models import QueryResult
from corroborate.readers import MAX_LINE_CHARS, MAX_SENTENCES, ArticleLimits
from corroborate.report.serialize import (
    corroboration_to_dict,
    group_to_dict,
    query_result_to_dict,
)

app = typer.Typer(
    help=(
        "Cross-source claim corroboration: ingest news articles, then ask who agrees, "
        "adds detail or contradicts.\n\n"
        "Example:\n\n"
        "  corroborate ingest seeds/\n\n"
        '  corroborate query "Moscow wants hundreds of Iranian drones"'
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
index_app = typer.Typer(help="Inspect indexes.", no_args_is_help=True)
app.add_typer(index_app, name="index")
bench_app = typer.Typer(help="Benchmarks against labeled public data.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
app.command()(run)
app.command()(report)
app.command()(stance)
bench_app.command("pairs")(pairs)
bench_app.command("retrieval")(retrieval)
bench_app.command("speed")(speed)
index_app.command("rebuild")(rebuild)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code=code)


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from None


def _corpus(index: str, index_dir: Path, embedder: str | None = None) -> Corpus:
    try:
        return Corpus(index_path(index, index_dir), backend=embedder)
    except CorroborateError as exc:
        raise _fail(str(exc)) from None


def _print_problems(problems: Sequence[RecordProblem]) -> None:
    for problem in problems[:20]:
        err.print(f"[yellow]skipped[/] {escape(str(problem))}")
    if len(problems) > 20:
        err.print(f"[yellow]… and {len(problems) - 20} more problems[/]")


def _print_ingest_summary(report: IngestReport, directory: Path) -> None:
    _print_problems(report.problems)
    for warning in report.warnings[:20]:
        err.print(f"[yellow]warning:[/] {escape(str(warning))}")
    err.print(
        f"Read {report.articles_read} articles: {report.articles_added} new, "
        f"{report.duplicates} already indexed, {len(report.problems)} skipped with errors; "
        f"{report.claims_added} claims added ({report.lines_dropped} boilerplate or empty lines "
        f"dropped) in {report.seconds:.1f} s → {escape(str(directory))}"
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders of articles, or - for stdin.")
    ],
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    model: Annotated[
        str | None,
        typer.Option(help="sentence-transformers model name or path (new indexes only)."),
    ] = None,
    embedder: EmbedderBackend = None,
    input_format: Annotated[
        str | None,
        typer.Option("--format", help="text, jsonl, csv or parquet (default: by extension)."),
    ] = None,
    on_error: Annotated[
        str, typer.Option(help="skip: report bad records and go on; fail: stop, write nothing.")
    ] = "skip",
    lock_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another writer of the same index.")
    ] = 60.0,
    max_sentences: Annotated[
        int,
        typer.Option(
            min=1, help="Distinct sentences kept of one article; the rest is cut, with a warning."
        ),
    ] = MAX_SENTENCES,
    max_line_chars: Annotated[
        int,
        typer.Option(min=1, help="Longest line or sentence accepted; a longer one is an error."),
    ] = MAX_LINE_CHARS,
    as_json: JsonFlag = False,
) -> None:
    """Add articles to an index (re-ingesting the same article adds nothing).

    Formats: the article text format (line 1 headline, line 2 date YYYYMMDD, line 3 URL, then
    one sentence per line), JSONL / CSV / Parquet with columns title, date, url and text or
    sentences. A sentence repeated within one article is stored once. Progress goes to stderr:
    a bar on a terminal, log lines otherwise. Exits 2 when a path does not exist and nothing
    was ingested, 1 when every input was rejected (no index is created either way).

    Examples:

      corroborate ingest seeds/

      corroborate ingest feed.jsonl --index nightly --on-error fail

      cat article.txt | corroborate ingest - --format text

      corroborate ingest transcripts/ --max-sentences 10000
    """
    if on_error not in ("skip", "fail"):
        raise _fail(f"--on-error must be skip or fail, not {on_error!r}")
    directory = index_path(index, index_dir)
    try:
        corpus = Corpus(directory, model=model, backend=embedder)
        with progress_display(err) as (stage, meter):
            report = corpus.ingest(
                paths,
                on_error="fail" if on_error == "fail" else "skip",
                input_format=input_format,
                lock_timeout=lock_timeout,
                limits=ArticleLimits(max_sentences, max_line_chars),
                stage=stage,
                meter=meter,
            )
    except NothingIngestedError as exc:
        if as_json:
            write_json(IngestReport(problems=exc.problems).to_dict())
        _print_problems(exc.problems)
        state = "was not changed" if directory.exists() else "was not created"
        raise _fail(f"{exc}; {directory} {state}", exc.exit_code) from None
    except CorroborateError as exc:
        raise _fail(f"{exc}; nothing was written to {directory}", exc.exit_code) from None
    except OSError as exc:  # a full disk, a folder that cannot be written
        raise _fail(f"{exc}; nothing was written to {directory}") from None
    if as_json:
        write_json(report.to_dict())
    _print_ingest_summary(report, directory)


def _print_matches(result: QueryResult) -> None:
    matches = sum(len(group.hits) for group in result.groups)
    out.print(
        f'[bold]"{escape(result.query)}"[/]: {matches} matching claims '
        f"from {len(result.groups)} sources"
    )
    for group in result.groups:
        out.print(f"\n[bold cyan]{escape(group.domain)}[/]")
        for hit in group.hits:
            claim = hit.claim
            out.print(
                f"  {hit.similarity:.2f}  {claim.date.isoformat()}  {escape(claim.text)}\n"
                f"        [dim]{escape(claim.headline)} · {escape(claim.url)}[/]"
            )


_STYLE = {"agree": "green", "adds_detail": "cyan", "contradicts": "red"}
_TITLE = {"agree": "AGREE", "adds_detail": "ADDS DETAIL", "contradicts": "CONTRADICTS"}


def _print_corroboration(corroboration: Corroboration) -> None:
    counts = corroboration.counts
    out.print(
        f"[bold]Corroboration:[/] {counts['agree']} outlets agree · "
        f"{counts['adds_detail']} add detail · {counts['contradicts']} contradict   "
        f"({len(corroboration.verdicts)} outlets, {corroboration.origins} independent origins)"
    )
    for verdict in corroboration.verdicts:
        _print_stance(verdict)


def _print_stance(stance: Stance, indent: str = "") -> None:
    """One line: the verdict and its calibrated confidence, the outlet, its date and sentence,
    and the reason if not agree."""
    claim = stance.claim
    note = "" if stance.label == "agree" else f"  [dim]{escape(stance.judgement.reason)}[/]"
    out.print(
        f"{indent}[{_STYLE[stance.label]}]{_TITLE[stance.label]:<12}[/] "
        f"[dim]{stance.judgement.confidence:.2f}[/] "
        f"{escape(claim.domain):<18} {claim.date.isoformat()}  "
        f'"{escape(claim.text)}"{note}'
    )


@app.command()
def query(
    text: Annotated[
        str | None, typer.Argument(help="The claim to look for (or give --file).")
    ] = None,
    claims_file: Annotated[
        str | None,
        typer.Option(
            "--file",
            help="Answer every claim in this file (one a line; - for stdin) in one process, "
            "one JSON object a line out.",
        ),
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, help="How many claims to compare.")] = 30,
    since: Annotated[
        str | None, typer.Option(help="Only claims dated on/after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only claims dated on/before YYYY-MM-DD.")
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="Only this source domain (repeatable).")
    ] = None,
    min_similarity: Annotated[
        float, typer.Option(help="Drop matches below this cosine similarity.")
    ] = 0.5,
    judge: Annotated[
        bool, typer.Option(help="Judge each outlet: agree, adds detail or contradicts.")
    ] = True,
    nli_model: NliModel = None,
    embedder: EmbedderBackend = None,
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
) -> None:
    """Find the stored claims that match TEXT and say, per outlet, who agrees, who adds
    detail (and which) and who contradicts (and on what). Matches come from the dense and
    the lexical index together (fused ranks).

    Examples:

      corroborate query "Moscow wants hundreds of Iranian drones"

      corroborate query "Iranian drones" --since 2022-07-01 --source cnn.com --json

      corroborate query "Iranian drones" --no-judge --k 50

      corroborate query --file claims.txt > answers.jsonl   # one claim a line, JSONL out
    """
    if (text is None) == (claims_file is None):
        raise _fail("give either a claim TEXT or --file PATH (one claim a line, - for stdin)")
    corpus = _corpus(index, index_dir, embedder)
    ask = QueryOptions(
        k=k,
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        sources=tuple(source or ()),
        min_similarity=min_similarity,
        judge=judge,
        nli_model=nli_model,
    )
    try:
        if claims_file is not None:
            for claim in _claims_of(claims_file):
                write_jsonl(_answer_dict(claim, *_answer(corpus, claim, ask)))
            return
        assert text is not None
        result, corroboration = _answer(corpus, text, ask)
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if result.truncated:
        err.print(
            f"[yellow]warning:[/] the query is {result.query_tokens} tokens long; the model "
            f"reads only the first {result.token_window}, so the rest was not searched for"
        )
    if as_json:
        write_json(_answer_dict(text, result, corroboration))
    elif corroboration is not None:
        _print_corroboration(corroboration)
    else:
        _print_matches(result)


class SearchArgs(TypedDict):
    """The search settings ``Corpus.query`` and ``Corpus.corroborate`` share."""

    k: int
    since: dt.date | None
    until: dt.date | None
    sources: tuple[str, ...]
    min_similarity: float


@dataclass(frozen=True)
class QueryOptions:
    """What ``query`` was asked, the same for every claim of a batch."""

    k: int
    since: dt.date | None
    until: dt.date | None
    sources: tuple[str, ...]
    min_similarity: float
    judge: bool
    nli_model: str | None


def _answer(
    corpus: Corpus, text: str, ask: QueryOptions
) -> tuple[QueryResult, Corroboration | None]:
    """Search for one claim, and judge its matches unless told not to."""
    search: SearchArgs = {
        "k": ask.k,
        "since": ask.since,
        "until": ask.until,
        "sources": ask.sources,
        "min_similarity": ask.min_similarity,
    }
    if ask.judge:
        return corpus.corroborate(text, nli_model=ask.nli_model, **search)
    return corpus.query(text, **search), None


def _answer_dict(
    text: str, result: QueryResult, corroboration: Corroboration | None
) -> dict[str, object]:
    data = query_result_to_dict(result)
    data.setdefault("query", text)
    if corroboration is not None:
        data["corroboration"] = corroboration_to_dict(corroboration)
    return data


def _claims_of(claims_file: str) -> list[str]:
    """The non-empty lines of ``claims_file`` (``-``: standard input)."""
    if claims_file == "-":
        lines = sys.stdin.read().splitlines()
    else:
        path = Path(claims_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(
                f"{path}: cannot read the claims file ({exc}); give a UTF-8 text file "
                "with one claim a line"
            ) from None
    return [line.strip() for line in lines if line.strip()]


@app.command()
def groups(
    top: Annotated[int, typer.Option(help="Show this many groups, most outlets first.")] = 10,
    nli_model: NliModel = None,
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
) -> None:
    """Group every claim with the matching claims of other outlets and show the groups
    carried by most outlets, with who agrees, adds detail or contradicts.

    Example:

      corroborate groups --top 5
    """
    try:
        found = _corpus(index, index_dir).groups(nli_model=nli_model)
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        write_json([group_to_dict(group) for group in found[:top]])
        return
    out.print(f"[bold]{len(found)} corroboration groups[/]; the {min(top, len(found))} widest:")
    for group in found[:top]:
        canonical = group.canonical
        out.print(
            f"\n[bold]{escape(canonical.text)}[/]\n  [dim]{escape(canonical.domain)} "
            f"{canonical.date.isoformat()} · {len(group.outlets)} outlets, "
            f"{group.origins} independent origins[/]"
        )
        for member in group.members:
            _print_stance(member, indent="  ")


@index_app.command("info")
def index_info(
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
) -> None:
    """Show an index's model, dimension, type, counts and sources.

    Example:

      corroborate index info --index default
    """
    try:
        info = _corpus(index, index_dir).info()
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        write_json(info)
        return
    table = Table(show_header=False, box=None)
    for key in ("path", "model", "dimension", "index_kind", "articles", "claims"):
        table.add_row(key, escape(str(info[key])))
    chosen = "chosen by size (auto)" if info["index_auto"] else "given explicitly"
    table.add_row("index_params", f"{escape(json.dumps(info['index_params']))}, {chosen}")
    table.add_row("dates", f"{info['first_date']} … {info['last_date']}")
    table.add_row("format", f"v{info['format_version']}, generation {info['generation']}")
    table.add_row("size", f"{info['bytes_on_disk'] / 1e6:.1f} MB")
    out.print(table)
    sources = Table("source", "articles", "claims")
    for row in info["sources"]:
        sources.add_row(escape(row["domain"]), str(row["articles"]), str(row["claims"]))
    out.print(sources)


def main() -> None:
    """Entry point that keeps tracebacks for unexpected errors only."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()
