"""Each claim's BM25 candidates for the grouping (issue 15): the same whether the full-text
index was written at once or grown over commits, ties at the cut left out whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corroborate.retrieval.lexical import lexical_neighbours
from corroborate.storage.fulltext import FullTextIndex, write_full_text

TEXTS = [
    "Russia wants hundreds of Iranian drones for the war in Ukraine.",
    "Moscow is seeking several hundred Iranian drones, US officials say.",
    "The Ever Given ran aground in the Suez Canal on Tuesday.",
    "The container ship Ever Given blocked the Suez Canal for six days.",
    "A Chinese balloon was shot down off South Carolina.",
    "Fighter jets shot down the balloon over the Atlantic.",
    "Iranian drones were shown to a Russian delegation at Kashan.",
    "The canal authority said traffic resumed on Monday.",
]


def test_same_candidates_from_one_write_or_three(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    write_full_text(whole, TEXTS, start=0)
    grown = [tmp_path / f"g{step}" for step in range(3)]
    write_full_text(grown[0], TEXTS[:3], start=0)
    write_full_text(grown[1], TEXTS[3:6], start=3, previous=grown[0])
    write_full_text(grown[2], TEXTS[6:], start=6, previous=grown[1])
    rows = np.arange(len(TEXTS), dtype=np.int64)
    at_once = lexical_neighbours(FullTextIndex.open(whole), TEXTS, rows, per_claim=2)
    in_steps = lexical_neighbours(FullTextIndex.open(grown[2]), TEXTS, rows, per_claim=2)
    assert at_once == in_steps
    assert (0, 1) in at_once or (0, 6) in at_once  # the drone claims find each other
    assert (2, 3) in at_once and (3, 2) in at_once  # so do the Ever Given claims
    assert all(a != b for a, b in at_once)
    assert len(FullTextIndex.open(grown[0])) == 3  # the older generation is untouched


def test_only_the_given_rows_are_candidates(tmp_path: Path) -> None:
    index = FullTextIndex.in_memory(TEXTS)
    rows = np.array([2, 3, 7], dtype=np.int64)  # three canal claims
    pairs = lexical_neighbours(index, [TEXTS[row] for row in rows], rows, per_claim=5)
    assert pairs and {b for _, b in pairs} <= {0, 1, 2}  # positions within rows


def test_ties_beyond_what_was_fetched_are_cut_whole() -> None:
    same = ["drone report"] * 100 + ["drone strike on the port"]
    index = FullTextIndex.in_memory(same)
    rows = np.arange(len(same), dtype=np.int64)
    pairs = lexical_neighbours(index, same, rows, per_claim=3)
    # 99 other rows tie for "drone report": more than are fetched, so none is a candidate
    assert not [pair for pair in pairs if pair[0] < 100]
    few = ["drone report"] * 5
    # all fetched: ties are broken by row id
    assert lexical_neighbours(FullTextIndex.in_memory(few), few, np.arange(5), per_claim=2)[:2] == [
        (0, 1),
        (0, 2),
    ]


def test_a_claims_candidates_do_not_depend_on_which_claims_are_asked() -> None:
    index = FullTextIndex.in_memory(TEXTS)
    rows = np.arange(len(TEXTS), dtype=np.int64)
    every = lexical_neighbours(index, TEXTS, rows, per_claim=2)
    asked = [5, 0, 3]
    some = lexical_neighbours(index, TEXTS, rows, per_claim=2, queries=asked)
    assert some == [pair for at in asked for pair in every if pair[0] == at]
    assert lexical_neighbours(index, TEXTS, rows, per_claim=2, queries=[]) == []


def test_a_full_text_directory_left_by_a_killed_writer_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "lexical-000002.tantivy"
    write_full_text(target, TEXTS[:2], start=0)  # renamed into place, never committed
    write_full_text(target, TEXTS, start=0)
    assert len(FullTextIndex.open(target)) == len(TEXTS)
