"""Four ``ingest`` processes with overlapping inputs at once, while readers query the index:
the final claims are the union of the inputs' claims, none twice, and no reader fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_runs import writers_and_readers


def test_four_writers_and_readers_end_with_the_union_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_digest_embedder(monkeypatch)
    figures = writers_and_readers(tmp_path, writers=4, articles=64)
    assert figures.writer_failures == [] and figures.reader_errors == []
    assert figures.queries > 0
    assert figures.duplicates == 0 and figures.claims_lost == 0
    assert figures.claims == figures.expected_claims > 0
