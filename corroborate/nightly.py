"""The nightly batch: ingest what is new in an inbox, regroup, publish a dated report.

A run ingests the inbox (articles already in the index are skipped), then writes a report
into ``OUT/YYYY-MM-DD[-N]/`` and repoints ``OUT/latest`` (see
:mod:`corroborate.report.folders`). When the index is exactly as the latest report saw it
(same path, generation and manifest time), nothing is regrouped and no report is written:
the summary says so and names the current report. ``report_only`` always writes a report.
One lock file, ``OUT/.lock``, held for the whole run, makes a second run on the same OUT
wait (up to ``lock_timeout`` seconds, then fail with a message naming the holder). The groups
are updated incrementally from a state kept beside the index (:mod:`corroborate.grouping.groups`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corroborate.corpus import Corpus
from corroborate.embedders.meter import Meter
from corroborate.errors import CorroborateError, IndexLockedError
from corroborate.grouping.filters import filter_groups
from corroborate.grouping.groups import GroupingStats, update_groups
from corroborate.grouping.state import state_path
from corroborate.grouping.work import GroupingWork, LocalWork
from corroborate.ingest import IngestReport, IngestSteps, LocalSteps, Stage, notify
from corroborate.relations.judge import get_judge
from corroborate.report import (
    SCHEMA_VERSION,
    IndexSnapshot,
    build_report,
    read_previous,
    write_report,
)
from corroborate.report.folders import REPORT_JSON, baseline_report, latest_folder, publish
from corroborate.retrieval.search import SearchFilters, claim_from_row
from corroborate.storage import WriteLock
from corroborate.storage.lock import LOCK_FILE

log = logging.getLogger(__name__)

ALREADY_INDEXED = "already indexed or repeated"


@dataclass(frozen=True)
class Engine:
    """Where a run's heavy steps run: the ingest's (read, count, extract, encode, index) and
    grouping's (neighbour search, judging). The pipeline around them is the same for every
    engine; :mod:`corroborate.distributed` makes one for Ray."""

    name: str = "local"
    steps: IngestSteps = field(default_factory=LocalSteps)
    work: GroupingWork = field(default_factory=LocalWork)


LOCAL = Engine()


@dataclass
class RunSummary:
    """What one run did. ``articles_read`` counts every record, readable or not, so
    ``articles_read == articles_new + articles_skipped``."""

    articles_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    """Reason → how many records were skipped for it."""
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Articles ingested, but not whole (cut at the sentence limit)."""
    claims_added: int = 0
    claims: int = 0
    groups: int = 0
    contested_groups: int = 0
    contradictions: int = 0
    report: str | None = None
    """The folder of the current report (new or, when unchanged, the latest)."""
    report_written: bool = False
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: ``ingest`` (read, clean, embed, index), ``grouping``, ``report``."""
    grouping: dict[str, Any] = field(default_factory=dict)
    """What the regroup did and reused (:class:`corroborate.grouping.groups.GroupingStats`)."""
    engine: str = "local"
    """Where the heavy steps ran (:class:`Engine`)."""

    @classmethod
    def of_ingest(cls, ingest: IngestReport) -> RunSummary:
        """A summary that starts from what an ingest read, added and skipped (and why)."""
        reasons = Counter({ALREADY_INDEXED: ingest.duplicates} if ingest.duplicates else {})
        reasons.update(problem.message for problem in ingest.problems)
        return cls(
            articles_read=ingest.articles_read + len(ingest.problems),
            articles_new=ingest.articles_added,
            articles_skipped=sum(reasons.values()),
            skipped=dict(reasons),
            problems=[str(problem) for problem in ingest.problems],
            warnings=[str(warning) for warning in ingest.warnings],
            claims_added=ingest.claims_added,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.skipped.items())
        outcome = (
            f"report written to {self.report}"
            if self.report_written
            else f"nothing changed, current report {self.report} kept"
        )
        return (
            f"Read {self.articles_read} articles: {self.articles_new} new, "
            f"{self.articles_skipped} skipped{f' ({reasons})' if reasons else ''}; "
            f"{self.claims} claims ({self.claims_added} new), {self.groups} groups, "
            f"{self.contested_groups} contested ({self.contradictions} contradictions); "
            f"{outcome}; {self.seconds:.1f} s"
        )

    def count_report(self, data: Mapping[str, Any]) -> None:
        """Take the claim, group and contradiction counts from a report's JSON form."""
        headline = data["headline"]
        self.claims = int(headline["claims"])
        self.groups = int(headline["groups"])
        self.contested_groups = int(headline["contested_groups"])
        self.contradictions = sum(
            int(group["counts"].get("contradicts", 0)) for group in data["groups"]
        )


def snapshot(
    corpus: Corpus,
    nli_model: str | None = None,
    *,
    incremental: bool = True,
    meter: Meter | None = None,
    work: GroupingWork | None = None,
    filters: SearchFilters | None = None,
) -> tuple[IndexSnapshot, GroupingStats]:
    """The searchable claims, article counts and groups of the index's current generation.

    With ``incremental`` the groups are updated from the grouping state kept beside the index
    (:mod:`corroborate.grouping.state`), which is then replaced; the groups are the same as
    a regroup from zero, only cheaper after a small change. ``filters`` keep the groups with
    a claim from those outlets and dates (:func:`filter_groups`), and only such claims.
    """
    manifest = corpus.store.manifest()
    searcher = corpus.searcher()
    rows = searcher.claims[searcher.searchable_ids()]
    articles = corpus.store.articles(manifest).group_by("domain").len()
    state = state_path(corpus.directory) if incremental else None
    groups, stats = update_groups(searcher, get_judge(nli_model), state, meter=meter, work=work)
    claims = [claim_from_row(row) for row in rows.iter_rows(named=True)]
    by_outlet = dict(articles.iter_rows())
    if filters is not None:
        groups = filter_groups(groups, filters, searcher.domains())
        claims = [claim for claim in claims if filters.matches(claim)]
        if filters.sources:
            by_outlet = {domain: n for domain, n in by_outlet.items() if domain in filters.sources}
    current = IndexSnapshot(
        path=str(corpus.directory),
        generation=manifest.generation,
        updated_at=manifest.updated_at,
        model=manifest.model,
        claims=claims,
        articles_by_outlet=by_outlet,
        groups=groups,
    )
    return current, stats


@contextmanager
def _waiting_for(what: str, directory: Path, timeout: float) -> Iterator[None]:
    """Turn a lock on ``directory`` held too long by another process into an error that
    names the holder and says what to do."""
    try:
        yield
    except IndexLockedError:
        try:
            holder = (directory / LOCK_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            holder = ""
        raise CorroborateError(
            f"{what} is in use by another corroborate process ({holder or 'unknown'}); "
            f"waited {timeout:g} s. Try again when it has finished, or wait longer with "
            "--wait SECONDS"
        ) from None


@contextmanager
def _reports_lock(out_dir: Path, timeout: float) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the whole run: a second run on the same OUT waits for it."""
    lock = WriteLock(out_dir, timeout=timeout)
    with _waiting_for(f"the report folder {out_dir}", out_dir, timeout):
        lock.__enter__()
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def _ingest(
    corpus: Corpus,
    inbox: Path,
    lock_timeout: float,
    stage: Stage | None,
    meter: Meter | None,
    engine: Engine,
) -> IngestReport:
    """Ingest ``inbox`` with ``engine``'s steps, telling ``meter`` how many sentences are
    embedded and ``stage`` each step."""
    return corpus.ingest(
        [inbox], lock_timeout=lock_timeout, stage=stage, meter=meter, steps=engine.steps
    )


def _publish_report(
    corpus: Corpus,
    out_dir: Path,
    since: dt.date | None,
    summary: RunSummary,
    stage: Stage | None,
    nli_model: str | None,
    meter: Meter | None,
    engine: Engine,
    filters: SearchFilters | None = None,
) -> None:
    notify(log, stage, "grouping claims")
    started = time.perf_counter()
    current, stats = snapshot(corpus, nli_model, meter=meter, work=engine.work, filters=filters)
    summary.grouping = stats.to_dict()
    summary.stages["grouping"] = round(time.perf_counter() - started, 3)
    notify(
        log,
        stage,
        f"grouped {stats.claims} claims ({stats.mode}: {stats.searched} searched, "
        f"{stats.edges_judged} of {stats.edges} edges and {stats.members_judged} of "
        f"{stats.members} members judged)",
    )
    started = time.perf_counter()
    baseline = baseline_report(out_dir, since)
    previous = read_previous(baseline) if baseline is not None else None
    report = build_report(current, previous, generated_at=dt.datetime.now(dt.UTC))
    notify(log, stage, f"writing the report ({report.headline.groups} groups)")
    folder = publish(out_dir, dt.date.today(), lambda temp: write_report(report, temp))
    summary.stages["report"] = round(time.perf_counter() - started, 3)
    # the counts only: the whole report as a dict (dataclasses.asdict) costs ~0.5 s at 20k claims
    summary.count_report(
        {
            "headline": asdict(report.headline),
            "groups": [{"counts": group.counts} for group in report.groups],
        }
    )
    summary.report = str(folder)
    summary.report_written = True


def _current_report(out_dir: Path, corpus: Corpus) -> tuple[Path, dict[str, Any]] | None:
    """The latest report's folder and JSON, if it was built from the index exactly as it is
    now (same path, schema, generation and manifest time)."""
    folder = latest_folder(out_dir)
    if folder is None:
        return None
    data = json.loads((folder / REPORT_JSON).read_text(encoding="utf-8"))
    index = data.get("index", {})
    manifest = corpus.store.manifest()
    current = (
        data.get("schema_version") == SCHEMA_VERSION
        and index.get("path") == str(corpus.directory)
        and index.get("generation") == manifest.generation
        and index.get("updated_at") == manifest.updated_at
    )
    return (folder, data) if current else None


def run_nightly(
    corpus: Corpus,
    inbox: Path | str,
    out_dir: Path | str,
    since: dt.date | None = None,
    *,
    stage: Stage | None = None,
    nli_model: str | None = None,
    lock_timeout: float = 60.0,
    meter: Meter | None = None,
    engine: Engine = LOCAL,
) -> RunSummary:
    """Ingest what is new in ``inbox``, then publish a report under ``out_dir`` unless the
    index is unchanged since the latest one. ``since`` picks the report to compare with
    (the newest dated on or before it; default: the latest). ``stage`` hears each step,
    ``meter`` how far the long ones (embedding, judging) are; ``engine`` runs the heavy
    steps (default: in this process)."""
    started = time.perf_counter()
    inbox, out_dir = Path(inbox), Path(out_dir)
    if not inbox.exists():
        raise CorroborateError(f"inbox {inbox} does not exist; create it or fix the path")
    out_dir.mkdir(parents=True, exist_ok=True)
    with _reports_lock(out_dir, lock_timeout):
        notify(log, stage, f"ingesting new articles from {inbox}")
        ingest_started = time.perf_counter()
        with _waiting_for(f"the index {corpus.directory}", corpus.directory, lock_timeout):
            ingested = _ingest(corpus, inbox, lock_timeout, stage, meter, engine)
        summary = RunSummary.of_ingest(ingested)
        summary.engine = engine.name
        summary.stages["ingest"] = round(time.perf_counter() - ingest_started, 3)
        current = _current_report(out_dir, corpus)
        if current is not None:
            notify(log, stage, "the index is unchanged since the latest report; not rewriting it")
            summary.count_report(current[1])
            summary.report = str(current[0])
        else:
            _publish_report(corpus, out_dir, since, summary, stage, nli_model, meter, engine)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def report_only(
    corpus: Corpus,
    out_dir: Path | str,
    since: dt.date | None = None,
    *,
    stage: Stage | None = None,
    nli_model: str | None = None,
    lock_timeout: float = 60.0,
    meter: Meter | None = None,
    filters: SearchFilters | None = None,
) -> RunSummary:
    """Publish a report of the index as it is (no ingest), compared with the latest report
    or, with ``since``, the newest one dated on or before that day; ``filters`` restrict it
    to some outlets and dates."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    corpus.store.manifest()  # no index: say so before touching OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    with _reports_lock(out_dir, lock_timeout):
        _publish_report(corpus, out_dir, since, summary, stage, nli_model, meter, LOCAL, filters)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
