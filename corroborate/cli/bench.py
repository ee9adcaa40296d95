"""``corroborate bench speed``: index types at scale (a command function for the ``bench``
sub-app to register)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import faiss
import typer
from rich.console import Console

from corroborate.ann import INDEX_KINDS
from corroborate.bench.speed import (
    SpeedSettings,
    format_filtered,
    format_markdown,
    format_sweeps,
    run_speed,
)
from corroborate.cli.options import JsonFlag
from corroborate.cli.output import write_json
from corroborate.datasets.records import DEFAULT_DATA_DIR
from corroborate.embedders import get_embedder

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False)


def _kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(kind.strip() for kind in value.split(",") if kind.strip())
    unknown = [kind for kind in kinds if kind not in INDEX_KINDS]
    if unknown or not kinds:
        known = ", ".join(sorted(INDEX_KINDS))
        raise typer.BadParameter(
            f"unknown index types {unknown}; known: {known}", param_hint="--kinds"
        )
    return kinds


def _params(values: list[str]) -> dict[str, dict[str, int]]:
    params: dict[str, dict[str, int]] = {}
    for value in values:
        name, _, number = value.partition("=")
        kind, _, key = name.partition(".")
        if not key or not number.isdigit():
            raise typer.BadParameter(f"{value!r} is not TYPE.NAME=INTEGER", param_hint="--param")
        params.setdefault(kind, {})[key] = int(number)
    return params


def speed(
    claims: Annotated[
        int,
        typer.Option(
            min=1000,
            help="Largest index size (100k is measured too); 1000000 takes hours on 2 cores.",
        ),
    ] = 100_000,
    kinds: Annotated[
        str, typer.Option(help="Comma-separated index types.")
    ] = "flat,hnsw,ivfpq,ivfpq_rerank,ivfsq",
    param: Annotated[
        list[str] | None,
        typer.Option(help="Override a build parameter, e.g. ivfpq.nlist=4096 (repeatable)."),
    ] = None,
    queries: Annotated[int, typer.Option(min=10, help="Held-out real query sentences.")] = 200,
    real: Annotated[
        int, typer.Option(min=500, help="Real sentences embedded (queries included).")
    ] = 4000,
    noise: Annotated[
        float, typer.Option(help="Noise scale, in units of the real vectors' spread.")
    ] = 1.0,
    recall_target: Annotated[
        float, typer.Option(help="Report the fastest setting reaching this recall@10.")
    ] = 0.95,
    threads: Annotated[
        int | None, typer.Option(min=1, help="FAISS threads (default: FAISS's own choice).")
    ] = None,
    data_dir: Annotated[
        Path, typer.Option(help="Folder holding the shared datasets.")
    ] = DEFAULT_DATA_DIR,
    seed: Annotated[int, typer.Option(help="Seed of the sentence sample and the noise.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Build flat, HNSW, IVF-PQ (with and without exact re-ranking) and IVF-SQ indexes of
    100k and --claims synthetic claim vectors and report build time, bytes per claim (on
    disk and scanned in memory), single-query latency p50/p95 and recall@10 (also with
    filters).

    The vectors are real MiniLM sentence vectors plus Gaussian noise with their own
    covariance (see corroborate/bench/speed.py). A million-claim run takes hours on two
    cores, most of it building HNSW and IVF-PQ single-threaded; --kinds sets the order.

    Examples:

      corroborate bench speed --claims 1000000

      corroborate bench speed --claims 20000 --kinds hnsw,ivfpq --json

      corroborate bench speed --kinds ivfpq_rerank --param ivfpq_rerank.m=64
    """
    if threads is not None:
        faiss.omp_set_num_threads(threads)
    settings = SpeedSettings(
        data_dir=data_dir,
        sizes=SpeedSettings.sizes_up_to(claims),
        kinds=_kinds(kinds),
        params=_params(param or []),
        queries=queries,
        real=real,
        noise=noise,
        recall_target=recall_target,
        seed=seed,
    )
    started = time.perf_counter()

    def progress(line: str) -> None:
        elapsed, load = time.perf_counter() - started, os.getloadavg()[0]
        _err.print(f"[{elapsed:6.0f} s, load {load:4.1f}] {line}", markup=False)

    report = run_speed(settings, get_embedder(), progress)
    if as_json:
        write_json(report.to_dict())
        return
    for key, value in [*report.data.items(), *report.machine.items()]:
        _out.print(f"{key}: {value}", markup=False)
    tables = [format_markdown(report), format_sweeps(report), format_filtered(report)]
    _out.print("\n" + "\n\n".join(tables), markup=False)
