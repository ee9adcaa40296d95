"""``corroborate index rebuild``: rebuild an index's vectors as another type or for its
current size (a command function for the ``index`` sub-app to register)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from corroborate.ann import AUTO_KIND
from corroborate.cli.options import EmbedderBackend, IndexDir, IndexName, JsonFlag
from corroborate.cli.output import write_json
from corroborate.corpus import DEFAULT_INDEX_NAME, index_path
from corroborate.errors import CorroborateError
from corroborate.storage import ClaimStore
from corroborate.storage.rebuild import rebuild_index

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _params(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        params = json.loads(text)
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"not JSON ({exc})", param_hint="--params") from None
    if not isinstance(params, dict):
        raise typer.BadParameter("give a JSON object, e.g. '{\"M\": 32}'", param_hint="--params")
    return params


def rebuild(
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="flat, hnsw, ivfsq, ivfpq, ivfpq_rerank, or auto (chosen by size, and again "
            "as the index grows).",
        ),
    ] = AUTO_KIND,
    params: Annotated[
        str | None,
        typer.Option(help='Build parameters as JSON, e.g. \'{"nlist": 4096, "nprobe": 64}\'.'),
    ] = None,
    lock_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another writer of the same index.")
    ] = 60.0,
    embedder: EmbedderBackend = None,
    index: IndexName = DEFAULT_INDEX_NAME,
    index_dir: IndexDir = Path("indexes"),
    as_json: JsonFlag = False,
) -> None:
    """Rebuild an index's vector index from its stored claims, as another type or re-sized.

    Vectors are read back from flat, HNSW and IVF-PQ re-rank indexes; IVF-PQ and IVF-SQ
    indexes keep only compressed codes, so their claims are re-embedded with the index's
    model. --embedder re-embeds every claim on that backend. An explicit --kind is kept as
    the index grows; with auto the type is chosen again when an ingest takes the index across
    a size threshold. Readers keep using the old index until the new one is committed.

    Examples:

      corroborate index rebuild

      corroborate index rebuild --kind ivfpq --params '{"nprobe": 128}'

      corroborate index rebuild --embedder onnx   # re-embed an index built on torch
    """
    directory = index_path(index, index_dir)
    try:
        manifest = rebuild_index(
            ClaimStore(directory),
            kind,
            _params(params),
            lock_timeout=lock_timeout,
            show_progress=sys.stderr.isatty(),
            embedder=embedder,
        )
    except (CorroborateError, OSError) as exc:  # OSError: a full disk
        _err.print(f"[bold red]error:[/] {escape(str(exc))}; {directory} was not changed")
        raise typer.Exit(code=2) from None
    summary = {
        "kind": manifest.index_kind,
        "params": manifest.index_params,
        "claims": manifest.claims,
    }
    if as_json:
        write_json(summary)
    else:
        _err.print(
            f"Rebuilt {directory}: {manifest.claims} claims in a {manifest.index_kind} index "
            f"({escape(json.dumps(manifest.index_params))})"
        )
