"""Fuzzing every reader (text format, JSONL, CSV, Parquet, stdin): each generated input ends
as articles or as one-line errors naming the file and line, never a traceback; through the
CLI too, where it ends as an ingest (exit 0) or "every input rejected" (exit 1)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_inputs import FuzzInput, check_ingest, check_reading, fuzz_input
from hypothesis import HealthCheck, given, settings

from corroborate.readers import ArticleLimits

_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=300, **_SETTINGS)  # type: ignore[arg-type]
@given(item=fuzz_input())
def test_every_reader_ends_in_articles_or_one_line_errors(item: FuzzInput) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_reading(item, Path(folder), ArticleLimits(max_sentences=4, max_line_chars=200))


@pytest.fixture
def digest_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    use_digest_embedder(monkeypatch)


@pytest.mark.usefixtures("digest_embedder")
@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
)
@given(item=fuzz_input())
def test_every_input_ingests_or_exits_1_without_a_traceback(item: FuzzInput) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_ingest(item, Path(folder))


def test_a_line_break_in_a_csv_header_still_gives_a_one_line_problem(tmp_path: Path) -> None:
    """Found by the fuzzer: the header's columns, quoted in the message, held a newline."""
    path = tmp_path / "feed.csv"
    path.write_bytes(b'"a\nb",c\n')
    item = FuzzInput(path.read_bytes(), "feed.csv", None)
    check_reading(item, tmp_path)
