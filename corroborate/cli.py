"""The ``corroborate`` command line: a thin layer over :class:`corroborate.Corpus`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corroborate.corpus import DEFAULT_INDEX_NAME, Corpus, index_path
from corroborate.errors import CorroborateError
from corroborate.ingest import IngestReport
from corroborate.models import QueryResult
from corroborate.serialize import query_result_to_dict, to_json

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

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

IndexName = Annotated[
    str, typer.Option("--index", help="Index name: lives at INDEX_DIR/NAME.", show_default=True)
]
IndexDir = Annotated[
    Path,
    typer.Option(
        "--index-dir",
        envvar="CORROBORATE_INDEX_DIR",
        help="Folder holding the indexes.",
        show_default=True,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code=2)


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from None


def _corpus(index: str, index_dir: Path) -> Corpus:
    return Corpus(index_path(index, index_dir))


def _print_ingest_summary(report: IngestReport, directory: Path) -> None:
    for problem in report.problems[:20]:
        err.print(f"[yellow]skipped[/] {escape(str(problem))}")
    if len(report.problems) > 20:
        err.print(f"[yellow]… and {len(report.problems) - 20} more problems[/]")
    err.print(
        f"Read {report.articles_read} articles: {report.articles_added} new, "
        f"{report.duplicates} already indexed, {len(report.problems)} skipped with errors; "
        f"{report.claims_added} claims added ({report.lines_dropped} boilerplate or empty lines "
        f"dropped) in {report.seconds:.1f} s → {directory}"
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
    as_json: JsonFlag = False,
) -> None:
    """Add articles to an index (re-ingesting the same article adds nothing).

    Formats: the article text format (line 1 headline, line 2 date YYYYMMDD, line 3 URL, then
    one sentence per line), JSONL / CSV / Parquet with columns title, date, url and text or
    sentences.

    Examples:

      corroborate ingest seeds/

      corroborate ingest feed.jsonl --index nightly --on-error fail

      cat article.txt | corroborate ingest - --format text
    """
    if on_error not in ("skip", "fail"):
        raise _fail(f"--on-error must be skip or fail, not {on_error!r}")
    directory = index_path(index, index_dir)
    try:
        corpus = Corpus(directory, model=model)
        report = corpus.ingest(
            paths,
            on_error="fail" if on_error == "fail" else "skip",
            input_format=input_format,
            lock_timeout=lock_timeout,
            show_progress=sys.stderr.isatty(),
        )
    except CorroborateError as exc:
        raise _fail(f"{exc}; nothing was written to {directory}") from None
    if as_json:
        out.print(to_json(report.to_dict()))
    _print_ingest_summary(report, directory)


def _print_result(result: QueryResult) -> None:
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


@app.command()
def query(
    text: Annotated[str, typer.Argument(help="The claim to look for.")],
    k: Annotated[int, typer.Option("--k", min=1, help="How many claims to return.")] = 20,
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
    ] = 0.0,
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
) -> None:
    """Find the stored claims that match TEXT, grouped by source, best first.

    Examples:

      corroborate query "Moscow wants hundreds of Iranian drones"

      corroborate query "Iranian drones" --since 2022-07-01 --source cnn.com --json
    """
    since_date = _parse_date(since, "--since")
    until_date = _parse_date(until, "--until")
    try:
        result = _corpus(index, index_dir).query(
            text,
            k=k,
            since=since_date,
            until=until_date,
            sources=source or (),
            min_similarity=min_similarity,
        )
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        out.print(to_json(query_result_to_dict(result)))
    else:
        _print_result(result)


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
        out.print(to_json(info))
        return
    table = Table(show_header=False, box=None)
    for key in ("path", "model", "dimension", "index_kind", "articles", "claims"):
        table.add_row(key, escape(str(info[key])))
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
