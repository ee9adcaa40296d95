"""Four ``ingest`` processes with overlapping inputs at once, while readers query the index:
the final claims are the union of the inputs' claims, none twice, and no reader fails."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from embedder_doubles import use_digest_embedder
from fault_runs import command, write_inbox

from corroborate.corpus import Corpus

WRITERS = 4
ARTICLES = 64


def _reader(
    directory: Path, stop: threading.Event, errors: list[BaseException], counts: list[int]
) -> None:
    corpus = Corpus(directory)
    while not stop.is_set():
        try:
            result = corpus.query("Officials confirmed the drones story", k=5, min_similarity=-1)
            counts.append(len(result.hits))
            corpus.info()
        except BaseException as error:  # every failure counts, whatever its type
            errors.append(error)
            return


def test_four_writers_and_readers_end_with_the_union_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_digest_embedder(monkeypatch)
    everything = write_inbox(tmp_path / "all", ARTICLES)
    files = sorted(everything.iterdir())
    share = ARTICLES // WRITERS
    inboxes = []
    for writer in range(WRITERS):  # each writer's half overlaps the next writer's
        inbox = tmp_path / f"inbox-{writer}"
        inbox.mkdir()
        for offset in range(2 * share):
            path = files[(writer * share + offset) % ARTICLES]
            shutil.copy(path, inbox / path.name)
        inboxes.append(inbox)
    directory = tmp_path / "ix"
    Corpus(directory).ingest([files[0]])  # readers start on an existing index

    stop, errors, counts = threading.Event(), [], []  # type: ignore[var-annotated]
    readers = [
        threading.Thread(target=_reader, args=(directory, stop, errors, counts)) for _ in range(2)
    ]
    for thread in readers:
        thread.start()
    writers = [
        subprocess.Popen(
            command("ingest", str(inbox), "--index-dir", str(tmp_path), "--index", "ix",
                    "--lock-timeout", "300"),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for inbox in inboxes
    ]  # fmt: skip
    outcomes = [process.communicate(timeout=300) for process in writers]
    stop.set()
    for thread in readers:
        thread.join(60)
    assert [process.returncode for process in writers] == [0] * WRITERS, outcomes
    assert errors == [] and counts

    reference = Corpus(tmp_path / "reference")
    reference.ingest([everything])
    expected = reference.store.claims()["claim_id"].to_list()
    found = Corpus(directory).store.claims()["claim_id"].to_list()
    assert len(found) == len(set(found))
    assert set(found) == set(expected)
    assert len(Corpus(directory).store.vector_index()) == len(found)
    assert Corpus(directory).info()["articles"] == ARTICLES
