"""The library's front door: one object per index directory (ingest, query, info)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import polars as pl

from corroborate.ann import DEFAULT_KIND
from corroborate.claims import claim_text
from corroborate.embedders import (
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    Embedder,
    check_backend,
    get_embedder,
    resolve_model,
    token_overflow,
)
from corroborate.embedders.meter import Meter
from corroborate.errors import CorroborateError
from corroborate.grouping.corroboration import Corroboration, corroborate_hits
from corroborate.grouping.groups import ClaimGroup, build_groups
from corroborate.ingest import IngestReport, IngestSteps, OnError, Stage, ingest_paths
from corroborate.models import QueryResult
from corroborate.readers import ArticleLimits
from corroborate.relations.judge import get_judge
from corroborate.retrieval.search import ClaimSearcher, SearchFilters, load_searcher
from corroborate.storage import ClaimStore, Manifest
from corroborate.threads import single_threaded

DEFAULT_INDEX_ROOT = Path("indexes")
DEFAULT_INDEX_NAME = "default"


def index_path(name: str = DEFAULT_INDEX_NAME, root: Path | str = DEFAULT_INDEX_ROOT) -> Path:
    """Where the index called ``name`` lives under ``root``."""
    return Path(root) / name


class Corpus:
    """An index of claims on disk, with the embedding model and backend it was built with.

    ``model`` and ``backend`` (``onnx`` or ``torch``) may be left out for an existing index
    (the manifest's are used; a new index gets the default model on ``onnx``); naming another
    than the manifest's raises :class:`IndexMismatchError`.
    """

    def __init__(
        self,
        directory: Path | str,
        *,
        model: str | None = None,
        backend: str | None = None,
        index_kind: str = DEFAULT_KIND,
    ) -> None:
        self.store = ClaimStore(Path(directory))
        self.index_kind = index_kind
        self._model_spec = model
        self._backend = None if backend is None else check_backend(backend)
        self._searcher: tuple[int, ClaimSearcher] | None = None
        if (model is not None or backend is not None) and self.store.exists:
            manifest = self.store.manifest()
            identity = manifest.model if model is None else resolve_model(model)[0]
            manifest.check_compatible(self.store.directory, identity, None, backend)

    @property
    def directory(self) -> Path:
        return self.store.directory

    @property
    def embedder(self) -> Embedder:
        """The embedding model and backend: the ones named, else the manifest's, else the
        defaults."""
        spec, backend = self._model_spec, self._backend
        if spec is None or backend is None:
            manifest = self.store.manifest() if self.store.exists else None
            if spec is None:
                spec = manifest.model if manifest else DEFAULT_MODEL
            if backend is None:
                backend = check_backend(manifest.embedder) if manifest else DEFAULT_BACKEND
        return get_embedder(spec, backend)

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        on_error: OnError = "skip",
        input_format: str | None = None,
        stdin: BinaryIO | None = None,
        lock_timeout: float = 60.0,
        show_progress: bool = False,
        limits: ArticleLimits = ArticleLimits(),
        stage: Stage | None = None,
        meter: Meter | None = None,
        steps: IngestSteps | None = None,
    ) -> IngestReport:
        """Add the articles in ``paths`` (files, directories, ``-`` for stdin); see
        :func:`corroborate.ingest.ingest_paths` for ``limits``, ``stage``, ``meter`` and
        ``steps``."""
        return ingest_paths(
            self.store,
            lambda: self.embedder,
            paths,
            on_error=on_error,
            input_format=input_format,
            stdin=stdin,
            index_kind=self.index_kind,
            lock_timeout=lock_timeout,
            show_progress=show_progress,
            limits=limits,
            stage=stage,
            meter=meter,
            steps=steps,
        )

    def searcher(self) -> ClaimSearcher:
        """The in-memory view of the current generation (reloaded after a write)."""
        self._searcher = self.store.read_consistent(self._load_searcher)
        return self._searcher[1]

    def _load_searcher(self, manifest: Manifest) -> tuple[int, ClaimSearcher]:
        if self._searcher is not None and self._searcher[0] == manifest.generation:
            return self._searcher
        return manifest.generation, load_searcher(self.store, manifest)

    def query(
        self,
        text: str,
        *,
        k: int = 20,
        since: dt.date | None = None,
        until: dt.date | None = None,
        sources: Iterable[str] = (),
        min_similarity: float = 0.0,
    ) -> QueryResult:
        """Stored claims most similar to ``text``, grouped by source domain."""
        result, _ = self._search(text, k, since, until, sources, min_similarity)
        return result

    def _search(
        self,
        text: str,
        k: int,
        since: dt.date | None,
        until: dt.date | None,
        sources: Iterable[str],
        min_similarity: float,
    ) -> tuple[QueryResult, np.ndarray]:
        """The search behind :meth:`query` and :meth:`corroborate`, and the query's vector.

        The query is searched as a claim's text (:func:`~corroborate.claims.claim_text`). An
        empty query is refused; one longer than the model's token window is searched by its
        first tokens, and the result says so."""
        text = claim_text(text)
        if not text:
            raise CorroborateError(
                "the query is empty; give the claim to look for, e.g. "
                'corroborate query "Moscow wants hundreds of Iranian drones"'
            )
        searcher = self.searcher()
        filters = SearchFilters.build(since, until, sources)
        embedder = self.embedder
        with single_threaded():
            vector = embedder.encode([text])[0]
            result = searcher.search(
                text, vector, k=k, filters=filters, min_similarity=min_similarity
            )
        overflow = token_overflow(embedder, text)
        if overflow is not None:
            result = dataclasses.replace(result, query_tokens=overflow[0], token_window=overflow[1])
        return result, vector

    def corroborate(
        self,
        text: str,
        *,
        k: int = 30,
        since: dt.date | None = None,
        until: dt.date | None = None,
        sources: Iterable[str] = (),
        min_similarity: float = 0.5,
        nli_model: str | None = None,
    ) -> tuple[QueryResult, Corroboration]:
        """Search for ``text``, then judge each outlet's best match: agree, adds detail or
        contradicts, with reasons. ``nli_model`` plugs in a CrossEncoder NLI model."""
        result, query_vector = self._search(text, k, since, until, sources, min_similarity)
        searcher = self.searcher()
        hit_rows = np.array([hit.row for hit in result.hits], dtype=np.int64)
        hit_vectors = searcher.index.reconstruct(hit_rows)
        verdicts = corroborate_hits(result, query_vector, hit_vectors, get_judge(nli_model))
        return result, verdicts

    def groups(self, *, nli_model: str | None = None) -> list[ClaimGroup]:
        """Every corroboration group of the index (claims carried by several outlets)."""
        return build_groups(self.searcher(), get_judge(nli_model))

    def _file_size(self, name: str) -> int:
        """Bytes of a data file; 0 once a newer commit has removed it."""
        try:
            return (self.directory / name).stat().st_size
        except FileNotFoundError:
            return 0

    def info(self) -> dict[str, Any]:
        """The manifest plus per-source counts and the date range covered."""
        manifest, articles = self.store.read_consistent(
            lambda manifest: (manifest, self.store.articles(manifest))
        )
        by_domain = (
            articles.group_by("domain")
            .agg(pl.len().alias("articles"), pl.col("claims").sum().alias("claims"))
            .sort(["articles", "domain"], descending=[True, False])
        )
        size = sum(self._file_size(name) for name in manifest.data_files())
        return {
            "path": str(self.directory),
            **asdict(manifest),
            "first_date": articles["date"].min(),
            "last_date": articles["date"].max(),
            "sources": by_domain.to_dicts(),
            "bytes_on_disk": size,
        }
