"""The ingest pipeline: read articles, skip known ones, extract claims, embed, commit.

The pipeline is one function, :func:`ingest_paths`; its heavy steps (reading, counting
repeated lines, extracting claims, encoding, adding vectors to the index) go through an
:class:`IngestSteps` object. :class:`LocalSteps` runs them in this process;
:mod:`corroborate.distributed` runs the same steps on a Ray cluster. Either way the result
is the same: the records come back in input order, and claims are encoded in the same
chunks (:func:`~corroborate.embedders.meter.length_chunks`: sorted by length, so batches are
little padding; an encoder's float rounding depends on what it is batched with, so the
chunks are part of the answer).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

import numpy as np
import polars as pl

from corroborate.ann.base import VectorIndex
from corroborate.ann.factory import DEFAULT_KIND
from corroborate.claims import ArticleIdentity, RepeatedLines, extract_claims, line_key
from corroborate.embedders import Embedder, backend_of
from corroborate.embedders.meter import Meter, encode_in_chunks
from corroborate.errors import InputError, NothingIngestedError, RecordProblem, RecordWarning
from corroborate.models import Article, Claim
from corroborate.readers import MISSING_PATH, ArticleLimits, Read, read_inputs
from corroborate.storage import ClaimStore, NewBatch
from corroborate.storage.store import add_here

OnError = Literal["skip", "fail"]
Stage = Callable[[str], None]
"""Told what the ingest is doing now ("loading the embedding model"), for a display."""
PROGRESS_EVERY_ARTICLES = 1000
PROGRESS_EVERY_SECONDS = 10.0
"""While reading, a progress line every this many articles or seconds, whichever is first."""
log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest did, for the summary line and ``--json``."""

    articles_read: int = 0
    articles_added: int = 0
    duplicates: int = 0
    claims_added: int = 0
    lines_dropped: int = 0
    problems: list[RecordProblem] = field(default_factory=list)
    warnings: list[RecordWarning] = field(default_factory=list)
    """Articles read, but not whole (cut at the sentence limit)."""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["problems"] = [str(problem) for problem in self.problems]
        data["warnings"] = [str(warning) for warning in self.warnings]
        return data


@dataclass(frozen=True)
class NewArticle:
    """An article not stored yet, with its identity."""

    article: Article
    identity: ArticleIdentity


def notify(logger: logging.Logger, stage: Stage | None, message: str) -> None:
    """Log ``message`` (what a long job is doing now) and tell ``stage`` if there is one."""
    logger.info(message)
    if stage is not None:
        stage(message)


LineRow = tuple[str, str, int]
"""``(domain, line_key, articles)``: how many articles of a domain hold a line."""


def line_keys(sentences: Iterable[str]) -> set[str]:
    """The keys of an article's lines, each once (what repeated-line counts count)."""
    return {line_key(sentence) for sentence in sentences}


class IngestSteps(Protocol):
    """The heavy steps of :func:`ingest_paths`; each returns what :class:`LocalSteps` does."""

    def read(
        self,
        paths: Sequence[str | Path],
        input_format: str | None,
        stdin: BinaryIO | None,
        limits: ArticleLimits,
    ) -> Iterable[Read]:
        """Every record of ``paths``, in :func:`~corroborate.readers.read_inputs` order."""
        ...

    def count_lines(self, fresh: Sequence[NewArticle]) -> Iterable[LineRow]:
        """How many of ``fresh`` hold each line, per domain (rows in any order)."""
        ...

    def extract(self, articles: Sequence[Article], repeated: RepeatedLines) -> list[list[Claim]]:
        """Each article's claims, in article order."""
        ...

    def encode(
        self, embedder: Embedder, texts: Sequence[str], meter: Meter | None, show_progress: bool
    ) -> np.ndarray:
        """The vectors of ``texts`` in their order, encoded in the chunks of ``length_chunks``."""
        ...

    def add_vectors(self, index: VectorIndex, vectors: np.ndarray) -> VectorIndex:
        """``index`` with ``vectors`` appended (see :meth:`ClaimStore.commit`)."""
        ...


class LocalSteps:
    """Every step in this process."""

    def read(
        self,
        paths: Sequence[str | Path],
        input_format: str | None,
        stdin: BinaryIO | None,
        limits: ArticleLimits,
    ) -> Iterable[Read]:
        return read_inputs(paths, input_format=input_format, stdin=stdin, limits=limits)

    def count_lines(self, fresh: Sequence[NewArticle]) -> Iterable[LineRow]:
        counts = RepeatedLines()
        for item in fresh:
            counts.add_article(item.identity.domain, line_keys(item.article.sentences))
        return counts.to_rows()

    def extract(self, articles: Sequence[Article], repeated: RepeatedLines) -> list[list[Claim]]:
        return [extract_claims(article, repeated=repeated) for article in articles]

    def encode(
        self, embedder: Embedder, texts: Sequence[str], meter: Meter | None, show_progress: bool
    ) -> np.ndarray:
        return encode_in_chunks(embedder, texts, meter, show_progress=show_progress)

    def add_vectors(self, index: VectorIndex, vectors: np.ndarray) -> VectorIndex:
        return add_here(index, vectors)


def collect_articles(
    records: Iterable[Read],
    on_error: OnError,
    stage: Stage | None = None,
) -> tuple[list[Article], list[RecordProblem], list[RecordWarning]]:
    """Split reader output into articles, problems and warnings; with ``fail``, raise on the
    first problem. ``stage`` hears how many were read every so many articles or seconds."""
    articles: list[Article] = []
    problems: list[RecordProblem] = []
    warnings: list[RecordWarning] = []
    last = time.monotonic()
    for count, record in enumerate(records, start=1):
        if isinstance(record, RecordProblem):
            if on_error == "fail":
                raise InputError(record)
            problems.append(record)
        elif isinstance(record, RecordWarning):
            warnings.append(record)
        else:
            articles.append(record)
        now = time.monotonic()
        if count % PROGRESS_EVERY_ARTICLES == 0 or now - last >= PROGRESS_EVERY_SECONDS:
            last = now
            notify(log, stage, f"read {len(articles)} articles so far ({len(problems)} skipped)")
    return articles, problems, warnings


def select_new(articles: Sequence[Article], known: pl.DataFrame) -> tuple[list[NewArticle], int]:
    """Drop articles already stored or repeated in this batch (same canonical URL or content)."""
    seen_urls = set(known["canonical_url"].to_list())
    seen_content = set(known["fingerprint"].to_list())
    fresh: list[NewArticle] = []
    for article in articles:
        identity = ArticleIdentity.of(article)
        if identity.canonical_url in seen_urls or identity.fingerprint in seen_content:
            continue
        seen_urls.add(identity.canonical_url)
        seen_content.add(identity.fingerprint)
        fresh.append(NewArticle(article, identity))
    return fresh, len(articles) - len(fresh)


def _claims_frame(claims: Sequence[Claim], keys: Sequence[str]) -> pl.DataFrame:
    """The claims table; ``keys`` are the keys of the lines as written (what the
    repeated-line counts count), which a claim's cleaned text may not match."""
    return pl.DataFrame(
        {
            "claim_id": [claim.claim_id for claim in claims],
            "text": [claim.text for claim in claims],
            "article_id": [claim.article_id for claim in claims],
            "url": [claim.url for claim in claims],
            "domain": [claim.domain for claim in claims],
            "date": [claim.date for claim in claims],
            "headline": [claim.headline for claim in claims],
            "position": [claim.position for claim in claims],
            "line_key": list(keys),
        }
    )


def _articles_frame(fresh: Sequence[NewArticle], claim_counts: Sequence[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [item.identity.article_id for item in fresh],
            "canonical_url": [item.identity.canonical_url for item in fresh],
            "url": [item.article.url for item in fresh],
            "fingerprint": [item.identity.fingerprint for item in fresh],
            "domain": [item.identity.domain for item in fresh],
            "date": [item.article.date for item in fresh],
            "headline": [item.article.headline for item in fresh],
            "source": [item.article.source for item in fresh],
            "claims": claim_counts,
        }
    )


def ingest_paths(
    store: ClaimStore,
    load_embedder: Callable[[], Embedder],
    paths: Sequence[str | Path],
    *,
    on_error: OnError = "skip",
    input_format: str | None = None,
    stdin: BinaryIO | None = None,
    index_kind: str = DEFAULT_KIND,
    lock_timeout: float = 60.0,
    show_progress: bool = False,
    limits: ArticleLimits = ArticleLimits(),
    stage: Stage | None = None,
    meter: Meter | None = None,
    steps: IngestSteps | None = None,
) -> IngestReport:
    """Read ``paths`` and append every new article's claims to ``store``.

    All input is read and validated before anything is written; with ``on_error="fail"`` the
    first malformed record raises :class:`InputError` and the index stays as it was.
    ``load_embedder`` is called only when there is something new to embed (or no index yet),
    so a run that finds nothing new never loads the model. When every input is missing or
    rejected, :class:`NothingIngestedError` is raised before anything (not even an empty
    index) is created. Each article keeps its distinct sentences, at most
    ``limits.max_sentences`` (an article cut there gets a warning). ``stage`` hears each step
    (also logged), ``meter`` how many claims are encoded; ``steps`` runs the heavy steps
    (default: :class:`LocalSteps`).
    """
    started = time.perf_counter()
    steps = steps or LocalSteps()
    notify(log, stage, "reading articles")
    records = steps.read(paths, input_format, stdin, limits)
    articles, problems, warnings = collect_articles(records, on_error, stage)
    if not articles and problems:
        missing = any(problem.message == MISSING_PATH for problem in problems)
        raise NothingIngestedError(problems, missing_path=missing)
    report = IngestReport(articles_read=len(articles), problems=problems, warnings=warnings)
    loaded: list[Embedder] = []

    def embedder_once() -> Embedder:
        if not loaded:
            notify(log, stage, "loading the embedding model")
            loaded.append(load_embedder())
        return loaded[0]

    with store.lock(lock_timeout):
        if store.exists:
            manifest = store.manifest()
        else:
            embedder = embedder_once()
            manifest = store.create(
                embedder.model, embedder.dimension, index_kind, backend_of(embedder)
            )
        fresh, report.duplicates = select_new(articles, store.articles(manifest))
        if fresh:
            embedder = embedder_once()
            manifest.check_compatible(
                store.directory, embedder.model, embedder.dimension, backend_of(embedder)
            )
            repeated = RepeatedLines.from_rows(store.line_counts(manifest).iter_rows())
            repeated.merge(RepeatedLines.from_rows(steps.count_lines(fresh)))
            per_article = steps.extract([item.article for item in fresh], repeated)
            claims = [claim for batch in per_article for claim in batch]
            notify(log, stage, f"embedding {len(claims)} claims of {len(fresh)} new articles")
            keys = [
                line_key(item.article.sentences[claim.position])
                for item, batch in zip(fresh, per_article, strict=True)
                for claim in batch
            ]
            texts = [claim.text for claim in claims]
            vectors = steps.encode(embedder, texts, meter, show_progress)
            notify(log, stage, "writing the index")
            store.commit(
                NewBatch(
                    claims=_claims_frame(claims, keys),
                    vectors=vectors,
                    articles=_articles_frame(fresh, [len(batch) for batch in per_article]),
                    line_counts=pl.DataFrame(
                        list(repeated.to_rows()),
                        schema=["domain", "line_key", "articles"],
                        orient="row",
                    ),
                ),
                add=steps.add_vectors,
            )
            report.articles_added = len(fresh)
            report.claims_added = len(claims)
            report.lines_dropped = sum(len(item.article.sentences) for item in fresh) - len(claims)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
