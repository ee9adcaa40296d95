"""``corroborate bench retrieval``: claim retrieval on CheckThat! 2021 2A (a command function
for the ``bench`` sub-app to register)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from corroborate.bench.ranking_metrics import MAP_AT, PRIMARY, RECALL_AT
from corroborate.bench.retrieval import DATASET, RetrievalSettings, run_retrieval_benchmark
from corroborate.cli.output import write_json
from corroborate.datasets.checkthat import SPLITS, Split
from corroborate.datasets.records import DEFAULT_DATA_DIR
from corroborate.embedders.cache import EmbeddingCache
from corroborate.errors import CorroborateError

DEFAULT_CACHE_DIR = Path(".cache/retrieval")

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False)


def _split(value: str, option: str) -> Split:
    for split in SPLITS:
        if value == split:
            return split
    raise typer.BadParameter(f"{value!r} is not one of {', '.join(SPLITS)}", param_hint=option)


def retrieval(
    dataset: Annotated[str, typer.Option(help=f"Benchmark set (only {DATASET}).")] = DATASET,
    data_dir: Annotated[
        Path, typer.Option(help="Folder holding the shared datasets.")
    ] = DEFAULT_DATA_DIR,
    split: Annotated[str, typer.Option(help="Split to report: test, dev or train.")] = "test",
    tune_split: Annotated[
        str, typer.Option(help="Split the fusion weight is chosen on: dev or train.")
    ] = "dev",
    depth: Annotated[int, typer.Option(min=10, help="Candidates taken from each retriever.")] = 100,
    cache_dir: Annotated[
        Path, typer.Option(help="Where claim and tweet vectors are kept between runs.")
    ] = DEFAULT_CACHE_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Rank the fact-checked claims for each tweet with BM25, MiniLM, their fusion, and the
    engine's own search (`engine`: exactly what `corroborate query` does, over a real
    index directory).

    The primary metric is MAP@5 (the task's official measure). The hybrid fusion rule and
    weight are chosen on --tune-split, never on test; the engine's fixed rule is scored
    against the others on --tune-split too. Claim vectors are cached under --cache-dir.

    Example:

      corroborate bench retrieval --data-dir ../shared/datasets --split test --json
    """
    if dataset != DATASET:
        raise typer.BadParameter(
            f"unknown dataset {dataset!r}; known: {DATASET}", param_hint="--dataset"
        )
    chosen, tuning = _split(split, "--split"), _split(tune_split, "--tune-split")
    if tuning == "test":
        raise typer.BadParameter(
            "the fusion weight is never chosen on test", param_hint="--tune-split"
        )
    if tuning == chosen:
        _err.print(f"[yellow]warning:[/] tuned and reported on the same split ({chosen})")
    cache = EmbeddingCache(cache_dir)
    progress = sys.stderr.isatty()
    settings = RetrievalSettings(depth=depth)
    try:
        report = run_retrieval_benchmark(
            data_dir,
            lambda texts: cache.encode(texts, show_progress=progress),
            split=chosen,
            tune_split=tuning,
            settings=settings,
        )
    except CorroborateError as exc:
        _err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(code=2) from None
    if as_json:
        write_json(report)
    else:
        _print_report(report)


def _print_report(report: dict[str, Any]) -> None:
    systems: dict[str, dict[str, float]] = report["systems"]
    metrics = [f"map@{k}" for k in MAP_AT] + [f"recall@{k}" for k in RECALL_AT] + ["mrr"]
    table = Table(
        "metric",
        *systems,
        title=(
            f"{report['dataset']} {report['split']}: {report['queries']} tweets, "
            f"{report['claims']} claims"
        ),
    )
    for metric in metrics:
        label = f"{metric} (primary)" if metric == PRIMARY else metric
        table.add_row(label, *(f"{scores[metric]:.4f}" for scores in systems.values()))
    _out.print(table)
    fusion, engine = report["fusion"], report["engine_fusion"]
    _out.print(
        f"hybrid: {fusion['method']} fusion, dense weight {fusion['weight']} "
        f"(chosen on {report['tuned_on']}: {PRIMARY} {fusion['tuning_score']:.4f}); "
        f"engine: {engine['method']} fusion, dense weight {engine['weight']}; "
        f"BM25: {report['settings']['bm25']}; {report['seconds']} s"
    )
