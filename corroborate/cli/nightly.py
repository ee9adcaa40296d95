"""The ``run`` and ``report`` commands: the nightly batch and a report on demand.

Register them on the app with ``app.command()(run)`` and ``app.command()(report)``. On a
terminal they show a progress bar (the step, and how many sentences are embedded or pairs
judged); otherwise (cron, systemd) they write plain log lines to stderr, one per step and
one per tenth of a long step. Either way a summary line ends the run; failures exit non-zero.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from corroborate.cli.options import CsvFlag, IndexDir, IndexName, JsonFlag, ReportDir, SourceFilter
from corroborate.cli.output import write_json
from corroborate.cli.progress import log_to_stderr, progress_display
from corroborate.corpus import DEFAULT_INDEX_NAME, Corpus, index_path
from corroborate.embedders.meter import Meter
from corroborate.errors import CorroborateError
from corroborate.nightly import LOCAL, Engine, RunSummary, Stage, report_only, run_nightly
from corroborate.report.tables import REPORT_CSV
from corroborate.retrieval.search import SearchFilters

log = logging.getLogger("corroborate")
DEFAULT_REPORT_DIR = Path("reports")
CompareWith = Annotated[
    dt.datetime | None,
    typer.Option(
        "--compare-with",
        formats=["%Y-%m-%d"],
        help="Compare with the newest report dated on or before YYYY-MM-DD "
        "(default: the latest report).",
    ),
]

SinceDate = Annotated[
    dt.datetime | None,
    typer.Option("--since", formats=["%Y-%m-%d"], help="Only groups with a claim dated on/after."),
]
UntilDate = Annotated[
    dt.datetime | None,
    typer.Option("--until", formats=["%Y-%m-%d"], help="Only groups with a claim dated on/before."),
]
Wait = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0,
        help="Seconds to wait while another run or report holds OUT (or the index) before "
        "giving up with an error naming it.",
    ),
]


EngineName = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where the heavy steps run: 'local' (this process) or 'ray' (a Ray cluster: "
        "needs pip install 'corroborate[ray]'). Both give the same index and groups.",
        show_default=True,
    ),
]
RayAddress = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        envvar="RAY_ADDRESS",
        help="With --engine ray: the cluster to use (HOST:PORT of 'ray start --head', or "
        "'auto' for the one started on this machine). Default: a new local Ray.",
    ),
]
RayCpus = Annotated[
    int | None,
    typer.Option(
        "--ray-cpus",
        min=1,
        help="With --engine ray and no --ray-address: CPUs (workers) of the local Ray "
        "(default: all).",
    ),
]
ENGINES = ("local", "ray")

Job = Callable[[Stage | None, Meter], RunSummary]
"""A run, told each step (``None`` when steps are logged instead) and the progress of long
ones."""
EngineJob = Callable[[Stage | None, Meter, Engine], RunSummary]
"""A run that is also told the engine to run on."""


def _execute(job: Job, as_json: bool) -> RunSummary:
    """Run ``job`` with a progress bar (terminal) or log lines (cron), end with its summary
    line, exit non-zero on failure."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if err.is_terminal:
        return _finish(job, as_json, err)
    with log_to_stderr():
        return _finish(job, as_json, err)


def _finish(job: Job, as_json: bool, err: Console) -> RunSummary:
    tty = err.is_terminal
    try:
        with progress_display(err) as (stage, meter):
            summary = job(stage, meter)
    except (CorroborateError, OSError) as exc:
        if tty:
            err.print(f"[bold red]error:[/] {escape(str(exc))}")
        else:
            log.error("%s", exc)
        raise typer.Exit(code=exc.exit_code if isinstance(exc, CorroborateError) else 2) from None
    if as_json:
        write_json(summary.to_dict())
    if tty:
        for warning in summary.warnings:
            err.print(f"[yellow]warning:[/] {escape(warning)}")
        err.print(escape(summary.line()))
    else:
        for warning in summary.warnings:
            log.warning("%s", warning)
        log.info("%s", summary.line())
    return summary


def _on_engine(name: str, address: str | None, cpus: int | None, job: EngineJob) -> Job:
    """``job`` run on the engine called ``name`` (Ray is imported only for ``ray``)."""
    if name not in ENGINES:
        raise typer.BadParameter(f"unknown engine {name!r}; use one of: {', '.join(ENGINES)}")
    if name == "local":
        return lambda stage, meter: job(stage, meter, LOCAL)

    def on_ray(stage: Stage | None, meter: Meter) -> RunSummary:
        from corroborate.distributed import connected, ray_engine

        if stage is not None:
            stage(f"connecting to Ray ({address or 'local'})")
        # Ray prints its workers' news (a worker died and its task is retried) on stdout,
        # which must carry nothing but the summary: send it to stderr with the logs.
        with contextlib.redirect_stdout(sys.stderr), connected(address, cpus):
            return job(stage, meter, ray_engine())

    return on_ray


def run(
    inbox: Annotated[Path, typer.Argument(help="Folder (or file) of new articles.")],
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    out: ReportDir = DEFAULT_REPORT_DIR,
    wait: Wait = 60.0,
    engine: EngineName = "local",
    ray_address: RayAddress = None,
    ray_cpus: RayCpus = None,
    as_json: JsonFlag = False,
) -> None:
    """Nightly batch: ingest what is new in INBOX, regroup, write a dated report folder
    OUT/YYYY-MM-DD/ (report.html, report.md, report.json, groups.parquet) and point
    OUT/latest at it. When nothing changed since the latest report, nothing is rewritten.

    Examples:

      corroborate run /srv/news/inbox --index nightly --out /srv/news/reports

      corroborate run seeds/ --json

      corroborate run /srv/news/inbox --wait 600   # let a late previous run finish

      corroborate run /srv/news/inbox --engine ray --ray-address head-node:6379

      corroborate run seeds/ --engine ray --ray-cpus 2   # a local Ray with 2 workers
    """
    corpus = Corpus(index_path(index, index_dir))
    job = _on_engine(
        engine,
        ray_address,
        ray_cpus,
        lambda stage, meter, on: run_nightly(
            corpus, inbox, out, stage=stage, lock_timeout=wait, meter=meter, engine=on
        ),
    )
    _execute(job, as_json)


def report(
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    since: SinceDate = None,
    until: UntilDate = None,
    source: SourceFilter = None,
    compare_with: CompareWith = None,
    out: ReportDir = DEFAULT_REPORT_DIR,
    wait: Wait = 60.0,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Write a report of the index as it is now (nothing is ingested) into a new dated
    folder under OUT (report.html, report.md, report.json, report.csv, groups.parquet), and
    point OUT/latest at it. --since/--until/--source keep the groups with a claim from those
    dates and outlets; --compare-with picks the earlier report to compare with.

    Examples:

      corroborate report --index nightly --out /srv/news/reports

      corroborate report --since 2024-03-01 --source reuters.com --json

      corroborate report --compare-with 2024-03-01 --csv > groups.csv
    """
    corpus = Corpus(index_path(index, index_dir))
    day = compare_with.date() if compare_with is not None else None
    filters = SearchFilters.build(
        since.date() if since else None, until.date() if until else None, source or ()
    )
    summary = _execute(
        lambda stage, meter: report_only(
            corpus, out, day, stage=stage, lock_timeout=wait, meter=meter, filters=filters
        ),
        as_json and not as_csv,
    )
    if as_csv and summary.report:
        sys.stdout.write((Path(summary.report) / REPORT_CSV).read_text(encoding="utf-8"))
