"""``corroborate bench pairs``: the relation judge on labeled claim pairs, beside the cosine
baseline (a command function for the ``bench`` sub-app to register)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Column, Table

from corroborate.bench.pairs import LIMIT_SEED, fit_baseline, load_set, run_pairs
from corroborate.bench.pairs_file import read_pairs
from corroborate.bench.pairs_records import parse_label_map
from corroborate.bench.pairs_sets import FILE_SPEC, SPECS, PairSetSpec, random_pairs
from corroborate.cli.options import JsonFlag, NliModel
from corroborate.cli.output import write_json
from corroborate.datasets.records import DEFAULT_DATA_DIR
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.errors import CorroborateError
from corroborate.relations.judge import JudgeCore, RelationJudge, get_judge
from corroborate.report.serialize import to_json

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)
_SHOWN = 160


def pairs(
    file: Annotated[
        Path | None,
        typer.Argument(help="CSV, JSONL or Parquet file with claim_a, claim_b and label columns."),
    ] = None,
    dataset: Annotated[
        str | None, typer.Option(help=f"A published set instead of a file: {', '.join(SPECS)}.")
    ] = None,
    data_dir: Annotated[
        Path, typer.Option(help="Folder holding the shared datasets.")
    ] = DEFAULT_DATA_DIR,
    labels: Annotated[
        str | None,
        typer.Option(help="Map the file's label values: LABEL=VALUE,... e.g. agree=1,unrelated=0."),
    ] = None,
    errors: Annotated[
        int, typer.Option(min=0, help="Print the N misjudged pairs the judge was surest of.")
    ] = 0,
    nli_model: NliModel = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Score a seeded random sample of N pairs.")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Also write the results as JSON here.")] = None,
    cache_dir: Annotated[
        Path, typer.Option(help="Where sentence vectors are kept between runs.")
    ] = DEFAULT_CACHE_DIR,
    as_json: JsonFlag = False,
    judge_core: Annotated[
        str,
        typer.Option(
            "--judge",
            help="Judge core: 'head' (the relation head + checks, with the pair-model "
            "cross-encoder reading the pairs it calls agreeing: the default), 'head_alone' "
            "(the same without the pair model) or 'pair' (the pair model + checks).",
        ),
    ] = "head",
    other: Annotated[
        bool,
        typer.Option(
            "--other-judge/--no-other-judge",
            help="Also score the judge with the other cores in the same run, a column each.",
        ),
    ] = True,
) -> None:
    """Score the relation judge (agree / adds_detail / contradicts / unrelated) on labeled pairs,
    beside a plain cosine-threshold baseline measured in the same run.

    Prints macro-F1 (the primary metric), accuracy, per-class precision/recall/F1, both
    confusion matrices and pairs per second. A published set is scored in its own labels
    (the mapping is printed); the baseline's thresholds are chosen on that set's training
    split, never on the reported one. A file uses the four relation labels and the judge's
    own paraphrase cosine as the baseline threshold. Optional columns: id, source_a,
    source_b, date_a, date_b (dates feed the judge's date checks).

    Examples:

      corroborate bench pairs my_pairs.csv --errors 10

      corroborate bench pairs pairs.jsonl --labels agree=1,unrelated=0 --json

      corroborate bench pairs --dataset fnc1 --data-dir ../shared/datasets --out fnc1.json

      corroborate bench pairs --dataset snli --limit 500 --nli-model path/to/cross-encoder

      corroborate bench pairs benchmarks/devset/news_pairs.csv --judge pair --no-other-judge
    """
    if judge_core not in CORES:
        raise typer.BadParameter(f"use one of {', '.join(CORES)}", param_hint="--judge")
    if (file is None) == (dataset is None):
        raise typer.BadParameter("give a pairs FILE or --dataset NAME (one of them)")
    if dataset is not None and dataset not in SPECS:
        raise typer.BadParameter(
            f"unknown dataset {dataset!r}; known: {', '.join(SPECS)}", param_hint="--dataset"
        )
    show = sys.stderr.isatty()
    try:
        spec, bench_pairs = _load(file, dataset, data_dir, labels, limit)
        core = cast(JudgeCore, "head" if nli_model else judge_core)
        judge = get_judge(nli_model, core=core)
        others: dict[str, RelationJudge] = (
            {name: get_judge(core=name) for name in CORES if name != core} if other else {}
        )
        cache = EmbeddingCache(cache_dir)
        baseline = fit_baseline(spec, data_dir, cache, show=show)
        with _progress(show) as bar:
            task = bar.add_task("judging", total=None)
            report = run_pairs(
                bench_pairs,
                spec,
                judge,
                cache,
                baseline,
                errors=errors,
                progress=lambda _stage, done, total: bar.update(task, completed=done, total=total),
                show_encoding=show,
                others=others,
            )
    except CorroborateError as error:
        _err.print(f"[bold red]error:[/] {escape(str(error))}")
        raise typer.Exit(code=2) from None
    report["nli_model"] = nli_model or (
        "pair model (int8 ONNX cross-encoder) + checks" if core == "pair" else "packaged head"
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_json(report) + "\n", encoding="utf-8")
    if as_json:
        write_json(report)
    else:
        _print(report)


def _load(
    file: Path | None, dataset: str | None, data_dir: Path, labels: str | None, limit: int | None
) -> tuple[PairSetSpec, list[Any]]:
    if dataset is not None:
        if labels:
            _err.print("[yellow]warning:[/] --labels applies to files; ignored with --dataset")
        spec = SPECS[dataset]
        return spec, load_set(spec, data_dir, limit)
    assert file is not None
    bench_pairs = read_pairs(file, parse_label_map(labels))
    spec = replace(FILE_SPEC, title=f"{FILE_SPEC.title} {file.name}")
    return spec, random_pairs(bench_pairs, limit, LIMIT_SEED) if limit else bench_pairs


def _progress(show: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_err,
        transient=True,
        disable=not show,
    )


CORES: tuple[JudgeCore, ...] = ("head", "head_alone", "pair")
_EXTRA_COLUMNS = (
    ("judge_head", "head + pair"),
    ("judge_head_alone", "head alone"),
    ("judge_pair", "pair judge"),
    ("article", "article model"),
)


def _print(report: dict[str, Any]) -> None:
    judge, baseline = report["judge"], report["baseline"]
    _out.print(
        f"{report['title']}: {report['pairs']} pairs ({report['sentence_pairs']} sentence "
        f"pairs judged), relation model: {report['nli_model']}",
        markup=False,
    )
    _out.print(f"mapping: {report['mapping']}", markup=False)
    _out.print(
        f"baseline: {baseline['rule']} (thresholds chosen on {baseline['tuned_on']})",
        markup=False,
    )
    extra = [(name, report[key]) for key, name in _EXTRA_COLUMNS if key in report]
    systems = (judge, report["model"], baseline, *(scores for _, scores in extra))
    names = ("judge", "model alone", "cosine baseline", *(name for name, _ in extra))
    table = Table(Column("metric", no_wrap=True), *names, title="scores")
    table.add_row("macro-F1 (primary)", *(f"{s['macro_f1']:.4f}" for s in systems))
    table.add_row("accuracy", *(f"{s['accuracy']:.4f}" for s in systems))
    if "weighted_score" in judge:
        table.add_row("FNC-1 weighted score", *(f"{s['weighted_score']:.2f}" for s in systems))
    for name in report["classes"]:
        for kind in ("precision", "recall", "f1"):
            table.add_row(f"{name} {kind}", *(f"{s['per_class'][name][kind]:.4f}" for s in systems))
    _out.print(table)
    _out.print(f"model alone: {report['model']['rule']}", markup=False)
    if "article" in report:
        _out.print(f"article model: {report['article']['rule']}", markup=False)
    for who, scores in zip(names, systems, strict=True):
        if who in ("model alone", "head + pair", "head alone", "pair judge"):
            continue
        _out.print(
            _confusion_table(f"confusion matrix, {who} (rows gold, columns predicted)", scores)
        )
    for target in judge["targets"]:
        verdict = "met" if target["met"] else f"missed by {target['gap']:.4g}"
        _out.print(
            f"target {target['metric']} ≥ {target['target']:g}: judge {target['value']:.4g} "
            f"({verdict})",
            markup=False,
        )
    if "calibration" in judge:
        calibration = judge["calibration"]
        _out.print(
            f"judge confidence: ECE {calibration['ece']:.3f} (mean confidence "
            f"{calibration['mean_confidence']:.3f}, accuracy {calibration['accuracy']:.3f})",
            markup=False,
        )
    speed = report["speed"]
    if speed["judge_pairs_per_second"]:
        _out.print(
            f"speed: judge {speed['judge_pairs_per_second']:.0f} pairs/s "
            f"({speed['judge_sentence_pairs_per_second']:.0f} sentence pairs/s; the relation "
            f"model alone {speed['model_pairs_per_second'] or 0:.0f}) on cached vectors; "
            f"encoding took {speed['encode_seconds']:.1f} s "
            f"({speed['texts_encoded']} new texts)",
            markup=False,
        )
    for reference in report["references"]:
        _out.print(f"published: {reference}", markup=False)
    _print_errors(report["errors"])


def _confusion_table(title: str, scores: dict[str, Any]) -> Table:
    classes = scores["confusion"]["classes"]
    table = Table("gold \\ predicted", *classes, title=title)
    for name, row in zip(classes, scores["confusion"]["matrix"], strict=True):
        table.add_row(name, *(str(count) for count in row))
    return table


def _print_errors(errors: list[dict[str, Any]]) -> None:
    for rank, error in enumerate(errors, start=1):
        _out.print(
            f"\n#{rank} {error['id']}: gold {error['gold']}, judged {error['predicted']} "
            f"({error['verdict']}{', ' + error['adds'] + ' adds' if error['adds'] else ''}, "
            f"confidence {error['confidence']:.2f}): {error['reason']}",
            markup=False,
        )
        _out.print(f"  a: {_short(error['claim_a'])}", markup=False)
        _out.print(f"  b: {_short(error['claim_b'])}", markup=False)


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
