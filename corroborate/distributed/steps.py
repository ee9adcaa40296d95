"""The ingest's heavy steps on Ray (:class:`corroborate.ingest.IngestSteps`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

from corroborate.ann.base import VectorIndex
from corroborate.claims import RepeatedLines, extract_claims
from corroborate.distributed.cluster import MAX_RETRIES, partitions, require_ray
from corroborate.distributed.encoding import encode_on_cluster
from corroborate.distributed.indexing import add_on_cluster
from corroborate.distributed.reading import Record, read_records
from corroborate.embedders import Embedder
from corroborate.embedders.meter import Meter
from corroborate.ingest import LineRow, LocalSteps, NewArticle
from corroborate.models import Article, Claim
from corroborate.readers import ArticleLimits

ARTICLES_PER_TASK = 64
"""Fewest articles a claim-extraction task takes (smaller tasks cost more than they do)."""


def _count_lines(fresh: list[NewArticle]) -> list[LineRow]:
    return list(LocalSteps().count_lines(fresh))


def _extract(articles: list[Article], repeated: RepeatedLines) -> list[list[Claim]]:
    return [extract_claims(article, repeated=repeated) for article in articles]


class RaySteps:
    """Reading, line counts, extraction, encoding and IVF adds on the connected cluster;
    ``cpus`` sizes the file groups, partitions and the encoder pool."""

    def __init__(self, cpus: int) -> None:
        self.cpus = cpus

    def read(
        self,
        paths: Sequence[str | Path],
        input_format: str | None,
        stdin: BinaryIO | None,
        limits: ArticleLimits,
    ) -> Iterable[Record]:
        if stdin is not None or any(str(path) == "-" for path in paths):
            return LocalSteps().read(paths, input_format, stdin, limits)  # one stream reader
        return read_records(paths, input_format, groups=4 * self.cpus, limits=limits)

    def count_lines(self, fresh: Sequence[NewArticle]) -> Iterable[LineRow]:
        """Map-reduce: each task counts a partition's distinct lines (the local code), the
        partial rows are summed here (:meth:`RepeatedLines.from_rows` adds them up)."""
        ray = require_ray()
        task = ray.remote(max_retries=MAX_RETRIES)(_count_lines)
        spans = partitions(len(fresh), 4 * self.cpus, ARTICLES_PER_TASK)
        parts = ray.get([task.remote(list(fresh[start:end])) for start, end in spans])
        return [row for part in parts for row in part]

    def extract(self, articles: Sequence[Article], repeated: RepeatedLines) -> list[list[Claim]]:
        ray = require_ray()
        spans = partitions(len(articles), 4 * self.cpus, ARTICLES_PER_TASK)
        task = ray.remote(max_retries=MAX_RETRIES)(_extract)
        shared = ray.put(repeated)
        refs = [task.remote(list(articles[start:end]), shared) for start, end in spans]
        return [claims for part in ray.get(refs) for claims in part]

    def encode(
        self, embedder: Embedder, texts: Sequence[str], meter: Meter | None, show_progress: bool
    ) -> np.ndarray:
        return encode_on_cluster(embedder, texts, meter, actors=self.cpus)

    def add_vectors(self, index: VectorIndex, vectors: np.ndarray) -> VectorIndex:
        return add_on_cluster(index, vectors, self.cpus)
