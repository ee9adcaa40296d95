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
from corroborate.cli.options import (
    CsvFlag,
    EmbedderBackend,
    IndexDir,
    IndexName,
    JsonFlag,
    NliModel,
    SourceFilter,
)
from corroborate.cli.output import write_csv, write_json, write_jsonl
from corroborate.cli.progress import progress_display
from corroborate.cli.stance import stance
from corroborate.corpus import DEFAULT_INDEX_NAME, Corpus, index_path
from corroborate.errors import CorroborateError, NothingIngestedError, RecordProblem
from corroborate.grouping.corroboration import Corroboration
from corroborate.grouping.filters import filter_groups
from corroborate.grouping.groups import ClaimGroup
from corroborate.grouping.stance import Stance
from corroborate.ingest import IngestReport
from corroborate.models import QueryResult
from corroborate.readers import MAX_LINE_CHARS, MAX_SENTENCES, ArticleLimits
from corroborate.report.links import sentence_place
from corroborate.report.reasons import reader_reason
from corroborate.report.serialize import (
    QUERY_COLUMNS,
    corroboration_to_dict,
    group_to_dict,
    hidden_counts,
    hidden_line,
    query_result_to_dict,
    query_rows,
)
from corroborate.report.tables import GROUP_COLUMNS, view_rows
from corroborate.report.views import group_views, outlets_on_no_side, sides_of
from corroborate.report.wording import plural, side_heading
from corroborate.retrieval.search import SearchFilters

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


def _print_matches(result: QueryResult, show_all: bool = False) -> None:
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
    below = result.below_floor
    if below:
        tail = "listed below" if show_all else "--all lists them"
        out.print(
            f"\n[dim]{len(below)} more below the similarity floor {result.floor:.2f}; {tail}[/]"
        )
    for hit in below if show_all else ():
        out.print(
            f"  [dim]{hit.similarity:.2f}  {escape(hit.claim.domain)}  {hit.claim.date.isoformat()}"
            f"  {escape(hit.claim.text)}\n        {escape(hit.claim.url)}[/]"
        )


_STYLE = {"agree": "green", "adds_detail": "cyan", "contradicts": "red", "unrelated": "dim"}
_TITLE = {
    "agree": "AGREE",
    "adds_detail": "ADDS DETAIL",
    "contradicts": "CONTRADICTS",
    "unrelated": "UNRELATED",
}


def _print_corroboration(result: QueryResult, corroboration: Corroboration, show_all: bool) -> None:
    counts = corroboration.counts
    out.print(
        f"[bold]Corroboration:[/] {plural(counts['agree'], 'outlet')} "
        f"{'agrees' if counts['agree'] == 1 else 'agree'} · "
        f"{counts['adds_detail']} add detail · {counts['contradicts']} report otherwise   "
        f"({plural(len(corroboration.verdicts), 'outlet')}, "
        f"{plural(corroboration.origins, 'independent origin')})"
    )
    for verdict in corroboration.verdicts:
        _print_stance(verdict)
    hidden = hidden_counts(result, corroboration)
    if sum(hidden.values()):
        out.print(f"\n[dim]{escape(hidden_line(hidden, result.floor, show_all))}[/]")
    if show_all:
        for stance in (*corroboration.also, *corroboration.unrelated):
            _print_stance(stance)
        for hit in result.below_floor:
            claim = hit.claim
            out.print(
                f"[dim]{'BELOW FLOOR':<12} {hit.similarity:.2f}[/] {escape(claim.domain):<18} "
                f'{claim.date.isoformat()}  "{escape(claim.text)}"  [dim]similarity '
                f"{hit.similarity:.2f} < floor {result.floor:.2f}[/]\n"
                f"{'':13}[dim]{escape(claim.url)}[/]"
            )


def _print_stance(stance: Stance, indent: str = "", reference: str = "the query") -> None:
    """Two lines: the verdict and its calibrated confidence, the outlet, its date and
    sentence, and the reason if not agree; then the article's URL and the sentence's place."""
    claim = stance.claim
    reason = reader_reason(stance.judgement, reference, claim.domain)
    note = "" if stance.label == "agree" else f"  [dim]{escape(reason)}[/]"
    out.print(
        f"{indent}[{_STYLE[stance.label]}]{_TITLE[stance.label]:<12}[/] "
        f"[dim]{stance.judgement.confidence:.2f}[/] "
        f"{escape(claim.domain):<18} {claim.date.isoformat()}  "
        f'"{escape(claim.text)}"{note}\n'
        f"{indent}{'':13}[dim]{escape(claim.url)} ({sentence_place(claim.position)})[/]"
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
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Also show the matches left out: unrelated, or below the floor."
        ),
    ] = False,
    nli_model: NliModel = None,
    embedder: EmbedderBackend = None,
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Find the stored claims that match TEXT and say, per outlet, who agrees, who adds
    detail (and which) and who reports otherwise (and on what), with each article's URL.
    Matches come from the dense and the lexical index together (fused ranks). The matches
    left out (judged unrelated, another claim of an outlet already shown, or below
    --min-similarity) are counted; --all lists them with the reason.

    Examples:

      corroborate query "Moscow wants hundreds of Iranian drones"

      corroborate query "Iranian drones" --since 2022-07-01 --source cnn.com --json

      corroborate query "Iranian drones" --all --csv > matches.csv

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
    if as_csv:
        write_csv(query_rows(result, corroboration, show_all), QUERY_COLUMNS)
    elif as_json:
        write_json(_answer_dict(text, result, corroboration))
    elif corroboration is not None:
        _print_corroboration(result, corroboration, show_all)
    else:
        _print_matches(result, show_all)


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
        data["corroboration"] = corroboration_to_dict(corroboration, result)
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
    since: Annotated[
        str | None, typer.Option(help="Only groups with a claim dated on/after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only groups with a claim dated on/before YYYY-MM-DD.")
    ] = None,
    source: SourceFilter = None,
    nli_model: NliModel = None,
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Group every claim with the matching claims of other outlets and show the groups
    carried by most outlets, with who agrees or adds detail, and, where outlets report
    different things, each position with its outlets.

    Examples:

      corroborate groups --top 5

      corroborate groups --source reuters.com --since 2022-07-01 --csv > groups.csv
    """
    filters = SearchFilters.build(
        _parse_date(since, "--since"), _parse_date(until, "--until"), source or ()
    )
    corpus = _corpus(index, index_dir)
    try:
        found = filter_groups(
            corpus.groups(nli_model=nli_model), filters, corpus.searcher().domains()
        )
    except CorroborateError as exc:
        raise _fail(str(exc)) from None
    if as_csv:
        write_csv(view_rows(group_views(found[:top])), GROUP_COLUMNS)
        return
    if as_json:
        write_json([group_to_dict(group) for group in found[:top]])
        return
    out.print(
        f"[bold]{plural(len(found), 'corroboration group')}[/]; the {min(top, len(found))} widest:"
    )
    for group in found[:top]:
        canonical = group.canonical
        out.print(
            f"\n[bold]{escape(canonical.text)}[/]\n  [dim]{escape(canonical.domain)} "
            f"{canonical.date.isoformat()} · {plural(len(group.outlets), 'outlet')}, "
            f"{plural(group.origins, 'independent origin')}[/]\n"
            f"  [dim]{escape(canonical.url)} ({sentence_place(canonical.position)})[/]"
        )
        if group.contested:
            _print_sides(group)
        else:
            for member in group.members:
                _print_stance(member, indent="  ", reference=canonical.domain)


def _print_sides(group: ClaimGroup) -> None:
    """A disputed group as its positions, most independent origins first, then the outlets
    that say nothing on the point."""
    sides = sides_of(group)
    for side in sides:
        out.print(f"  [bold]{escape(side_heading(side))}[/]")
        for claim in side.claims:
            out.print(
                f"    {escape(claim.domain):<18} {claim.date.isoformat()}  "
                f'"{escape(claim.text)}"\n'
                f"    {'':19}[dim]{escape(claim.url)} ({sentence_place(claim.position)})[/]"
            )
        for reason in sorted(set(side.reasons)):
            out.print(f"    [dim]how it differs: {escape(reason)}[/]")
    silent = outlets_on_no_side(group.outlets, sides)
    if silent:
        out.print(f"  [dim]also in the story, saying nothing on it: {escape(', '.join(silent))}[/]")


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
