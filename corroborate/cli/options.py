"""Option types shared by the ``corroborate`` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
ReportDir = Annotated[
    Path,
    typer.Option(
        "--out",
        envvar="CORROBORATE_REPORT_DIR",
        help="Folder of the dated report folders and the 'latest' link.",
        show_default=True,
    ),
]
NliModel = Annotated[
    str | None,
    typer.Option(
        "--nli-model",
        help="Cascade an NLI cross-encoder after the packaged head: 'packaged' (shipped with "
        "corroborate, see artifacts/CROSS_ENCODER.md) or any sentence-transformers CrossEncoder "
        "NLI model name or path. Default: the head alone.",
    ),
]
EmbedderBackend = Annotated[
    str | None,
    typer.Option(
        "--embedder",
        help="Embedding backend: onnx (int8 ONNX graph, the default for new indexes) or torch "
        "(float32 sentence-transformers, for checking). Default: the one the index was built "
        "with; another is refused.",
    ),
]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV rows instead of a table.")]
SourceFilter = Annotated[
    list[str] | None,
    typer.Option("--source", help="Only this source domain, e.g. reuters.com (repeatable)."),
]
