"""The nightly batch: ingest what is new in an inbox, regroup, publish a dated report.

A run ingests the inbox (articles already in the index are skipped), then writes a report
into ``OUT/YYYY-MM-DD[-N]/`` and repoints ``OUT/latest`` (see
:mod:`corroborate.report.folders`). When the index is exactly as the latest report saw it
(same path, generation and manifest time), nothing is regrouped and no report is written:
the summary says so and names the current report. ``report_only`` always writes a report.
One lock file, ``OUT/.lock``, keeps two runs from writing the same report folder at once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corroborate.corpus import Corpus
from corroborate.errors import CorroborateError
from corroborate.ingest import IngestReport
from corroborate.report import (
    SCHEMA_VERSION,
    IndexSnapshot,
    build_report,
    read_previous,
    write_report,
)
from corroborate.report.folders import REPORT_JSON, baseline_report, latest_folder, publish
from corroborate.search import claim_from_row
from corroborate.storage import WriteLock

log = logging.getLogger(__name__)

Stage = Callable[[str], None]
"""Told what the run is doing now (``"grouping claims"``), for a progress display."""
ALREADY_INDEXED = "already indexed or repeated"


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
    claims_added: int = 0
    claims: int = 0
    groups: int = 0
    contested_groups: int = 0
    contradictions: int = 0
    report: str | None = None
    """The folder of the current report (new or, when unchanged, the latest)."""
    report_written: bool = False
    seconds: float = 0.0

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
        self.contradictions = sum(int(group["counts"]["contradicts"]) for group in data["groups"])


def snapshot(corpus: Corpus, nli_model: str | None = None) -> IndexSnapshot:
    """The searchable claims, article counts and groups of the index's current generation."""
    manifest = corpus.store.manifest()
    searcher = corpus.searcher()
    rows = searcher.claims[searcher.searchable_ids()]
    articles = corpus.store.articles(manifest).group_by("domain").len()
    return IndexSnapshot(
        path=str(corpus.directory),
        generation=manifest.generation,
        updated_at=manifest.updated_at,
        model=manifest.model,
        claims=[claim_from_row(row) for row in rows.iter_rows(named=True)],
        articles_by_outlet=dict(articles.iter_rows()),
        groups=corpus.groups(nli_model=nli_model),
    )


def _notify(stage: Stage | None, message: str) -> None:
    log.info(message)
    if stage is not None:
        stage(message)


def _publish_report(
    corpus: Corpus,
    out_dir: Path,
    since: dt.date | None,
    summary: RunSummary,
    stage: Stage | None,
    nli_model: str | None,
) -> None:
    _notify(stage, "grouping claims")
    current = snapshot(corpus, nli_model)
    baseline = baseline_report(out_dir, since)
    previous = read_previous(baseline) if baseline is not None else None
    report = build_report(current, previous, generated_at=dt.datetime.now(dt.UTC))
    _notify(stage, f"writing the report ({report.headline.groups} groups)")
    folder = publish(out_dir, dt.date.today(), lambda temp: write_report(report, temp))
    summary.count_report(report.to_dict())
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
) -> RunSummary:
    """Ingest what is new in ``inbox``, then publish a report under ``out_dir`` unless the
    index is unchanged since the latest one. ``since`` picks the report to compare with
    (the newest dated on or before it; default: the latest)."""
    started = time.perf_counter()
    inbox, out_dir = Path(inbox), Path(out_dir)
    if not inbox.exists():
        raise CorroborateError(f"inbox {inbox} does not exist; create it or fix the path")
    out_dir.mkdir(parents=True, exist_ok=True)
    with WriteLock(out_dir, timeout=lock_timeout):
        _notify(stage, f"ingesting new articles from {inbox}")
        summary = RunSummary.of_ingest(corpus.ingest([inbox], lock_timeout=lock_timeout))
        current = _current_report(out_dir, corpus)
        if current is not None:
            _notify(stage, "the index is unchanged since the latest report; not rewriting it")
            summary.count_report(current[1])
            summary.report = str(current[0])
        else:
            _publish_report(corpus, out_dir, since, summary, stage, nli_model)
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
) -> RunSummary:
    """Publish a report of the index as it is (no ingest), compared with the latest report
    or, with ``since``, the newest one dated on or before that day."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    with WriteLock(out_dir, timeout=lock_timeout):
        _publish_report(corpus, out_dir, since, summary, stage, nli_model)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
