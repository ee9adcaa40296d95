"""Planned input files, read one by one, give exactly what read_inputs gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.errors import RecordProblem
from corroborate.readers import InputFile, plan_inputs, read_input_file, read_inputs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_planned_files_read_apart_equal_read_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"title": "T", "date": "2024-01-02", "url": "https://a.example/x", "text": "One. Two."}\n'
        '{"title": "no date", "url": "https://a.example/y", "text": "Three."}\n',
        encoding="utf-8",
    )
    paths = [SEEDS, empty, feed, tmp_path / "missing.txt"]
    planned = plan_inputs(paths)
    assert sum(isinstance(item, InputFile) for item in planned) > 40
    assert sum(isinstance(item, RecordProblem) for item in planned) == 2
    apart = []
    for item in planned:
        apart.extend([item] if isinstance(item, RecordProblem) else read_input_file(item))
    assert apart == list(read_inputs(paths))


def test_standard_input_cannot_be_planned() -> None:
    with pytest.raises(ValueError, match="standard input"):
        plan_inputs(["-"])
