"""The manifest: the one file that says what an index holds and which data files are current."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corroborate.ann.choice import AUTO_KIND
from corroborate.embedders import LEGACY_BACKEND
from corroborate.errors import IndexCorruptError, IndexMismatchError
from corroborate.storage.atomic import atomic_write_text

FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class Manifest:
    """What an index was built with, its counts, and its current data files.

    Data files are named by ``generation``; replacing the manifest is the commit point of a
    write, so a crash before it leaves the previous generation in force.

    ``index_auto`` says the index type was chosen by size (kind ``auto``), so the store
    chooses again as the index grows; an explicit type is kept. Manifests written before the
    field existed read as ``False`` (kept as they are), unless no batch was committed yet
    (``index_kind`` still ``auto``).

    ``embedder`` is the backend the vectors were computed with (``onnx`` or ``torch``);
    manifests written before the field existed read as ``torch``.

    ``lexical_file`` is the generation's full-text (BM25) index over the claim texts, row
    ``i`` = claim ``i``; manifests written before it existed have none until the next
    ingest or ``index rebuild`` writes one (searches are dense-only meanwhile).
    """

    model: str
    dimension: int
    index_kind: str
    embedder: str = LEGACY_BACKEND
    index_params: dict[str, Any] = field(default_factory=dict)
    index_auto: bool = False
    normalized: bool = True
    format_version: int = FORMAT_VERSION
    generation: int = 0
    claim_files: list[str] = field(default_factory=list)
    vector_file: str | None = None
    article_file: str | None = None
    line_file: str | None = None
    lexical_file: str | None = None
    articles: int = 0
    claims: int = 0
    created_at: str = field(default_factory=_now)
    updated_at: str = field(default_factory=_now)

    def __post_init__(self) -> None:
        if self.index_kind == AUTO_KIND:
            self.index_auto = True

    @classmethod
    def read(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise IndexCorruptError(f"{path}: manifest is not valid JSON ({exc})") from exc
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexCorruptError(
                f"{path}: index format version {version} is not supported by this corroborate "
                f"(expects {FORMAT_VERSION}); rebuild the index from its articles"
            )
        try:
            return cls(**data)
        except TypeError as exc:
            raise IndexCorruptError(f"{path}: manifest fields are wrong ({exc})") from exc

    def write(self, directory: Path) -> None:
        self.updated_at = _now()
        atomic_write_text(directory / MANIFEST_FILE, json.dumps(asdict(self), indent=2) + "\n")

    def data_files(self) -> set[str]:
        """Names of every data file this generation uses."""
        named = [
            self.vector_file,
            self.article_file,
            self.line_file,
            self.lexical_file,
            *self.claim_files,
        ]
        return {name for name in named if name}

    def check_compatible(
        self, directory: Path, model: str, dimension: int | None, embedder: str | None = None
    ) -> None:
        """Refuse to use this index with another embedding model, dimension or backend."""
        if embedder is not None and embedder != self.embedder:
            raise IndexMismatchError(
                f"index {directory} was built with the {self.embedder!r} embedder but "
                f"{embedder!r} was asked for; use --embedder {self.embedder}, or rebuild the "
                f"index with 'corroborate index rebuild --embedder {embedder}'"
            )
        if model != self.model:
            raise IndexMismatchError(
                f"index {directory} was built with model {self.model!r} but {model!r} was asked "
                f"for; use --model {self.model!r}, or --index NAME to build a separate index"
            )
        if dimension is not None and dimension != self.dimension:
            raise IndexMismatchError(
                f"index {directory} holds {self.dimension}-dimensional vectors but the model "
                f"gives {dimension}; build a separate index with --index NAME"
            )
