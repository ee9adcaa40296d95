"""Read input files with Ray Data, one block per group of files, records in input order."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corroborate.distributed.cluster import partitions, require_ray
from corroborate.errors import RecordProblem
from corroborate.readers import ArticleLimits, InputFile, Read, plan_inputs, read_input_file

Record = Read


def _read_group(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Every record of one group of files, each with its (file, record) order."""
    found = []
    for order, item in pickle.loads(row["files"]):
        for number, record in enumerate(read_input_file(item)):
            found.append({"file": order, "record": number, "data": pickle.dumps(record)})
    return found


def read_records(
    paths: Sequence[str | Path],
    input_format: str | None,
    groups: int,
    limits: ArticleLimits = ArticleLimits(),
) -> list[Record]:
    """What :func:`~corroborate.readers.read_inputs` yields for ``paths`` with ``limits``,
    read on the cluster in up to ``groups`` groups of consecutive files (one Ray Data block
    each)."""
    ray = require_ray()
    plan = plan_inputs(paths, input_format=input_format, limits=limits)
    files = [(order, item) for order, item in enumerate(plan) if isinstance(item, InputFile)]
    found: list[tuple[int, int, Record]] = [
        (order, 0, item) for order, item in enumerate(plan) if isinstance(item, RecordProblem)
    ]
    if files:
        spans = partitions(len(files), groups)
        items = [{"files": pickle.dumps(files[start:end])} for start, end in spans]
        dataset = ray.data.from_items(items, override_num_blocks=len(items))
        for row in dataset.flat_map(_read_group).iter_rows():
            found.append((int(row["file"]), int(row["record"]), pickle.loads(row["data"])))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [record for _, _, record in found]
