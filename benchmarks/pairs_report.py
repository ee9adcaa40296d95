"""Turn ``corroborate bench pairs --out`` JSON files into the Markdown of RESULTS.md.

Run every set, then render the summary table and the per-set tables in one go:

    bash benchmarks/run_pairs.sh /tmp/pairs            # writes /tmp/pairs/NAME.json
    python benchmarks/pairs_report.py /tmp/pairs/*.json > /tmp/pairs/report.md

Each column of a report (the judge, the relation model alone, the cosine baseline and any
other scored system the run adds) becomes a column here; the numbers are copied, never
recomputed, so the Markdown always matches the JSON.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COLUMN_TITLES = {
    "judge": "judge",
    "model": "model alone",
    "article": "article model",
    "judge_head": "head + pair",
    "judge_head_alone": "head alone",
    "judge_pair": "pair judge",
    "other_judge": "other judge",
    "baseline": "cosine baseline",
}
STANDARD = ("judge", "model", "baseline")


def scored_columns(report: dict[str, Any]) -> list[str]:
    """The report's scored systems: the judge first, the cosine baseline last."""
    found = [
        key
        for key, value in report.items()
        if isinstance(value, dict) and "macro_f1" in value and "confusion" in value
    ]
    middle = [key for key in found if key not in ("judge", "baseline")]
    return [key for key in ("judge", *middle, "baseline") if key in found]


def title(column: str, report: dict[str, Any]) -> str:
    """A column's heading (its ``name`` when the report gives one)."""
    return str(report[column].get("name") or COLUMN_TITLES.get(column, column))


def _number(value: float) -> str:
    return f"{value:.2f}" if abs(value) > 1.5 else f"{value:.3f}"


def summary_row(report: dict[str, Any]) -> str:
    """One line of the summary table: primary metric per column, targets, speed."""
    columns = scored_columns(report)
    primary = " / ".join(
        ("**{}**" if i == 0 else "{}").format(_number(report[c]["macro_f1"]))
        if c in STANDARD
        else f"{title(c, report)} {_number(report[c]['macro_f1'])}"
        for i, c in enumerate(columns)
    )
    targets = "; ".join(
        f"{t['metric']} {_number(t['value'])} vs ≥ {_number(t['target'])}: "
        + ("met" if t["met"] else f"**missed by {_number(t['gap'])}**")
        for t in report["judge"].get("targets", [])
    )
    speed = report.get("speed", {})
    rate = speed.get("judge_pairs_per_second")
    model_rate = speed.get("model_pairs_per_second")
    speeds = f"{rate:,.0f} ({model_rate:,.0f})" if rate and model_rate else "—"
    return f"| {report['title']} | {report['pairs']:,} | {primary} | {targets or '—'} | {speeds} |"


def summary_table(reports: Sequence[dict[str, Any]]) -> str:
    """The summary table over all sets."""
    heading = " / ".join(COLUMN_TITLES[c] for c in STANDARD)
    lines = [
        f"| set | pairs | macro-F1: {heading} (other columns named) | issue-3 target (judge) | "
        "judge pairs/s (model alone) |",
        "|---|---|---|---|---|",
    ]
    return "\n".join(lines + [summary_row(r) for r in reports])


def _scores_table(report: dict[str, Any], columns: Sequence[str]) -> list[str]:
    head = "| metric | " + " | ".join(title(c, report) for c in columns) + " |"
    lines = [head, "|---" * (len(columns) + 1) + "|"]
    lines.append(
        "| **macro-F1 (primary)** | "
        + " | ".join(_number(report[c]["macro_f1"]) for c in columns)
        + " |"
    )
    lines.append(
        "| accuracy | " + " | ".join(_number(report[c]["accuracy"]) for c in columns) + " |"
    )
    if all("weighted_score" in report[c] for c in columns):
        lines.append(
            "| FNC-1 weighted score | "
            + " | ".join(f"{report[c]['weighted_score']:.2f}" for c in columns)
            + " |"
        )
    calibration = report["judge"].get("calibration")
    if calibration:
        lines.append(
            f"| judge confidence: ECE (mean confidence / accuracy) | {calibration['ece']:.3f} "
            f"({calibration['mean_confidence']:.3f} / {calibration['accuracy']:.3f})"
            + " | —" * (len(columns) - 1)
            + " |"
        )
    for name in report["classes"]:
        support = report[columns[0]]["per_class"][name]["support"]
        cells = [
            "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**report[c]["per_class"][name])
            for c in columns
        ]
        lines.append(f"| {name} P / R / F1 (n={support:,}) | " + " | ".join(cells) + " |")
    return lines


def _confusion(report: dict[str, Any], columns: Sequence[str]) -> list[str]:
    classes = report["classes"]
    heading = " | ".join(title(c, report) for c in columns)
    block = " | ".join(classes)
    lines = [
        f"Confusion matrices (rows gold, columns predicted; {heading}):",
        "",
        "| gold \\ predicted | " + " | | ".join([block] * len(columns)) + " |",
        "|---" * (1 + len(columns) * (len(classes) + 1) - 1) + "|",
    ]
    for i, name in enumerate(classes):
        rows = [" | ".join(str(n) for n in report[c]["confusion"]["matrix"][i]) for c in columns]
        lines.append(f"| {name} | " + " | | ".join(rows) + " |")
    return lines


def set_section(report: dict[str, Any]) -> str:
    """The per-set subsection: mapping, scores of every column, confusion matrices."""
    columns = scored_columns(report)
    machine = report.get("machine", {})
    speed = report.get("speed", {})
    baseline = report["baseline"]
    lines = [
        f"#### {report['title']} — `{report['dataset']}`",
        "",
        f"{report['pairs']:,} pairs ({report.get('sentence_pairs', report['pairs']):,} sentence "
        f"pairs judged). Mapping: {report['mapping']}. Baseline: "
        f"{baseline.get('rule', '')}, chosen on {baseline.get('tuned_on', '')}. "
        f"Judge {speed.get('judge_pairs_per_second', 0):,.0f} pairs/s on cached vectors (model "
        f"alone {speed.get('model_pairs_per_second', 0):,.0f}); run at {machine.get('date')}, "
        f"load {machine.get('load_average')}.",
        "",
        *_scores_table(report, columns),
        "",
        *_confusion(report, columns),
        "",
    ]
    lines += [
        f"- target {t['metric']} ≥ {_number(t['target'])}: judge {_number(t['value'])} — "
        + ("met" if t["met"] else f"missed by {_number(t['gap'])}")
        for t in report["judge"].get("targets", [])
    ]
    lines += [f"- published: {reference}" for reference in report.get("references", [])]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path, help="JSON files of bench pairs")
    args = parser.parse_args(argv)
    reports = [json.loads(path.read_text(encoding="utf-8")) for path in args.reports]
    print(summary_table(reports))
    print()
    for report in reports:
        print(set_section(report))


if __name__ == "__main__":
    main()
