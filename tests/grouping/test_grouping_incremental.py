"""Incremental regrouping: exact neighbour lists, the persisted state, and the promise that
an incremental regroup equals a regroup from zero."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from seed_labels import SEEDS

from corroborate.checks import Effect, Finding
from corroborate.corpus import Corpus
from corroborate.grouping import groups as groups_module
from corroborate.grouping.groups import (
    GroupingStats,
    _collector_paused,
    _lexical_edges,
    _lexical_queries,
    _load_claims,
    _neighbour_edges,
    build_groups,
    group_differences,
    update_groups,
)
from corroborate.grouping.state import (
    GroupingState,
    judge_identity,
    judgement_from_row,
    judgement_to_row,
    state_path,
)
from corroborate.relations.judge import Judgement, JudgeSettings, RelationJudge, get_judge
from corroborate.relations.mlp import RelationHead, default_artifact_path
from corroborate.retrieval import neighbours as neighbours_module
from corroborate.retrieval.neighbours import (
    NeighbourLists,
    exact_scores,
    paired_scores,
    search_lists,
    updated_lists,
)

needs_artifact = pytest.mark.skipif(
    not default_artifact_path().is_file(), reason="no relation model artifact"
)


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _vectors(count: int, seed: int = 3) -> np.ndarray:
    """Clustered unit vectors with exact duplicates (reprinted sentences tie exactly)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(12, 24))
    rows = centres[rng.integers(0, 12, count)] + 0.35 * rng.normal(size=(count, 24))
    rows[count // 2 : count // 2 + 6] = rows[3]
    return _unit(rows)


def _all_rows(count: int) -> np.ndarray:
    return np.arange(count, dtype=np.int64)


# --- neighbour lists --------------------------------------------------------------------------


def test_exact_scores_do_not_depend_on_what_else_is_scored() -> None:
    vectors = _vectors(60)
    together = exact_scores(vectors[0], vectors)
    alone = np.array([exact_scores(vectors[0], vectors[i : i + 1])[0] for i in range(60)])
    backwards = np.array([exact_scores(vectors[i], vectors[:1])[0] for i in range(60)])
    assert np.array_equal(together, alone) and np.array_equal(together, backwards)


def test_lists_rank_by_score_then_position_and_leave_self_out() -> None:
    vectors = _vectors(80)
    lists = search_lists(vectors, _all_rows(80), 5)
    assert lists.ids.shape == (80, 5)
    for row in range(80):
        assert row not in lists.ids[row]
        expected = exact_scores(vectors[row], vectors)
        expected[row] = -np.inf
        order = np.lexsort((np.arange(80), -expected))[:5]
        assert lists.ids[row].tolist() == order.tolist()
    duplicate = 80 // 2
    assert lists.ids[duplicate][:5].tolist() == [3, 41, 42, 43, 44]


def test_fewer_claims_than_k_lists_every_other_claim() -> None:
    lists = search_lists(_vectors(4), _all_rows(4), 10)
    assert lists.ids.shape == (4, 3)
    assert sorted(lists.ids[0].tolist()) == [1, 2, 3]


@pytest.mark.parametrize(("old", "total"), [(3, 9), (150, 160), (100, 200), (199, 200)])
def test_updated_lists_equal_a_search_over_everything(old: int, total: int) -> None:
    vectors = _vectors(total)
    previous = search_lists(vectors[:old], _all_rows(old), 7)
    grown = NeighbourLists.empty(total, previous.k)
    grown.ids[:old], grown.scores[:old] = previous.ids, previous.scores
    known = np.arange(total) < old
    updated, searched = updated_lists(vectors, grown, known, known.copy(), 7)
    full = search_lists(vectors, _all_rows(total), 7)
    assert searched == total - old
    assert np.array_equal(updated.ids, full.ids)
    assert np.array_equal(updated.scores, full.scores)


def test_claims_that_lost_a_neighbour_are_searched_again() -> None:
    vectors = _vectors(120)
    previous = search_lists(vectors, _all_rows(120), 6)
    removed = 10
    keep = np.flatnonzero(np.arange(120) != removed)
    shifted = np.where(previous.ids > removed, previous.ids - 1, previous.ids)[keep]
    lost = (previous.ids[keep] == removed).any(axis=1)
    shifted[previous.ids[keep] == removed] = -1
    grown = NeighbourLists(shifted, previous.scores[keep])
    known = np.ones(len(keep), dtype=bool)
    updated, searched = updated_lists(vectors[keep], grown, known, ~lost, 6)
    full = search_lists(vectors[keep], _all_rows(len(keep)), 6)
    assert searched == int(lost.sum()) > 0
    assert np.array_equal(updated.ids, full.ids)


# --- the persisted state ----------------------------------------------------------------------


def test_a_judgement_survives_the_round_trip() -> None:
    judgement = Judgement(
        "contradicts",
        0.8123456789,
        "numbers differ: 'hundreds' vs 'a few dozen'",
        None,
        None,
        ("hundreds", "a few dozen"),
        (Finding("quantity", Effect.CONFLICT, "numbers differ", "hundreds", "a few dozen"),),
    )
    assert judgement_from_row(judgement_to_row(judgement)) == judgement
    assert judgement_from_row(json.loads(json.dumps(judgement_to_row(judgement)))) == judgement


def test_a_missing_or_broken_state_file_reads_as_none(tmp_path: Path) -> None:
    assert GroupingState.load(tmp_path / "none.npz") is None
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a state")
    assert GroupingState.load(broken) is None


def _tiny_state() -> GroupingState:
    agree = Judgement("agree", 0.9, "same claim")
    lists = NeighbourLists(np.array([[1], [0]]), np.array([[0.91], [0.91]]))
    return GroupingState(
        10, "judge-x", ["a-0000", "b-0000"], ["d1", "d2"], lists,
        {("a-0000", "b-0000"): "agree"}, {("a-0000", "b-0000"): agree},
    )  # fmt: skip


def test_the_state_survives_the_round_trip(tmp_path: Path) -> None:
    state = _tiny_state()
    state.save(tmp_path / "grouping" / "state.npz")
    loaded = GroupingState.load(tmp_path / "grouping" / "state.npz")
    assert loaded is not None
    assert (loaded.k, loaded.judge, loaded.claim_ids, loaded.digests) == (
        10, "judge-x", state.claim_ids, state.digests,
    )  # fmt: skip
    assert np.array_equal(loaded.lists.ids, state.lists.ids)
    assert np.array_equal(loaded.lists.scores, state.lists.scores)
    assert (loaded.edges, loaded.verdicts) == (state.edges, state.verdicts)


def test_saving_removes_what_killed_writers_left_behind(tmp_path: Path) -> None:
    target = tmp_path / "state.npz"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    (tmp_path / f".state.npz.tmp-{dead}").write_bytes(b"half a state")
    (tmp_path / f".state.npz.tmp-{os.getpid()}-other").write_bytes(b"not ours to judge")
    _tiny_state().save(target)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [f".state.npz.tmp-{os.getpid()}-other", "state.npz"]


@needs_artifact
def test_the_judge_identity_follows_settings_and_model() -> None:
    judge = get_judge()
    veto = judge.veto_model
    aligner = judge.aligner
    same = RelationJudge(judge.head, JudgeSettings(), veto_model=veto, aligner=aligner)
    stricter = RelationJudge(
        judge.head,
        replace(JudgeSettings(), related_probability=0.6),
        veto_model=veto,
        aligner=aligner,
    )
    assert judge_identity(judge) == judge_identity(same)
    assert judge_identity(judge) != judge_identity(stricter)
    # without its word aligner it is another judge
    unaligned = RelationJudge(judge.head, JudgeSettings(), veto_model=veto)
    assert judge_identity(unaligned) != judge_identity(judge)
    # the head alone (no pair model reading its agreements) is another judge
    assert judge_identity(RelationJudge(judge.head, JudgeSettings())) != judge_identity(judge)
    head = judge.head
    assert isinstance(head, RelationHead)
    retrained = replace(head, weights=(*head.weights[:-1], head.weights[-1] * 1.01))
    assert judge_identity(RelationJudge(retrained)) != judge_identity(judge)


# --- incremental == from zero, on seeds/ in two batches ---------------------------------------


def _halves(root: Path) -> tuple[Path, Path]:
    """seeds/ split into two inboxes: every third article comes second, so the second batch
    both joins existing groups and brings claims of its own."""
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for number, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(path, (second if number % 3 == 2 else first) / path.name)
    return first, second


class Batches:
    def __init__(self, root: Path) -> None:
        self.corpus = Corpus(root / "index")
        self.state = state_path(self.corpus.directory)
        first, second = _halves(root)
        self.corpus.ingest([first])
        self.before, self.first_stats = update_groups(
            self.corpus.searcher(), get_judge(), self.state
        )
        self.corpus.ingest([second])
        self.after, self.second_stats = update_groups(
            self.corpus.searcher(), get_judge(), self.state
        )
        self.scratch = build_groups(self.corpus.searcher(), get_judge())


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory, embedder) -> Batches:  # type: ignore[no-untyped-def]
    return Batches(tmp_path_factory.mktemp("incremental"))


@needs_artifact
@pytest.mark.model
def test_incremental_groups_equal_groups_from_zero(batches: Batches) -> None:
    assert batches.before and batches.after
    assert group_differences(batches.after, batches.scratch) == []


@needs_artifact
@pytest.mark.model
def test_the_second_batch_reuses_what_the_first_judged(batches: Batches) -> None:
    first, second = batches.first_stats, batches.second_stats
    assert first.mode == "full" and second.mode == "incremental"
    assert second.new_claims >= second.claims - first.claims > 0
    assert second.searched < second.claims
    assert 0 < second.edges_judged < second.edges
    assert second.members_judged < second.members


@needs_artifact
@pytest.mark.model
def test_a_rerun_on_the_same_index_judges_nothing(batches: Batches) -> None:
    groups, stats = update_groups(batches.corpus.searcher(), get_judge(), batches.state)
    assert group_differences(groups, batches.scratch) == []
    assert (stats.searched, stats.edges_judged, stats.members_judged) == (0, 0, 0)


@needs_artifact
@pytest.mark.model
def test_another_judge_or_k_rejudges_or_researches_but_agrees(batches: Batches) -> None:
    searcher = batches.corpus.searcher()
    stricter = RelationJudge(
        get_judge().head,
        replace(JudgeSettings(), related_probability=0.6),
        veto_model=get_judge().veto_model,
    )
    copy = batches.state.with_name("copy.npz")
    shutil.copy(batches.state, copy)
    groups, stats = update_groups(searcher, stricter, copy)
    assert stats.edges_judged == stats.edges and stats.searched == 0
    assert group_differences(groups, build_groups(searcher, stricter)) == []
    shutil.copy(batches.state, copy)
    groups, stats = update_groups(searcher, get_judge(), copy, k=6)
    assert stats.searched == stats.claims and stats.edges_judged < stats.edges
    assert group_differences(groups, build_groups(searcher, get_judge(), k=6)) == []


def test_stats_name_the_work_done() -> None:
    assert set(GroupingStats().to_dict()) >= {"mode", "claims", "edges_judged", "members_judged"}


# --- lexical candidates -----------------------------------------------------------------------


def test_only_claims_with_a_full_list_at_the_floor_ask_the_full_text_index() -> None:
    lists = NeighbourLists(
        np.array([[1, 2], [0, 2], [0, -1], [0, 1]]),
        np.array([[0.9, 0.5], [0.9, 0.44], [0.7, -np.inf], [0.5, 0.45]]),
    )
    assert _lexical_queries(lists, 5, 0.45).tolist() == [0, 3]
    assert _lexical_queries(lists, 3, 0.45).tolist() == []  # every list holds every claim


@needs_artifact
@pytest.mark.model
@pytest.mark.parametrize("floor", [0.3, 0.45, 0.63])
def test_skipped_bm25_queries_would_only_repeat_dense_edges(
    batches: Batches, floor: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    searcher = batches.corpus.searcher()
    data = _load_claims(searcher)
    lists = search_lists(data.vectors, _all_rows(len(data.claims)), 10)
    dense = set(_neighbour_edges(lists, data, floor))
    asked = _lexical_queries(lists, len(data.claims), floor)
    edges = dense | set(_lexical_edges(searcher, data, lists, floor))
    every = np.arange(len(data.claims))
    monkeypatch.setattr(groups_module, "_lexical_queries", lambda *_: every)
    assert edges == dense | set(_lexical_edges(searcher, data, lists, floor))
    assert len(asked) < len(data.claims)


def test_paired_scores_are_exact_scores_pair_by_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = _vectors(60)
    rng = np.random.default_rng(5)
    left, right = rng.integers(0, 60, 50), rng.integers(0, 60, 50)
    monkeypatch.setattr(neighbours_module, "PAIR_CHUNK", 7)  # several chunks
    found = paired_scores(vectors, left, right)
    pairs = zip(left, right, strict=True)
    one_by_one = [exact_scores(vectors[a], vectors[b : b + 1])[0] for a, b in pairs]
    assert np.array_equal(found, np.array(one_by_one))


def test_grouping_pauses_the_cyclic_collector_and_restores_it() -> None:
    seen: list[bool] = []

    @_collector_paused()
    def probe(fail: bool = False) -> None:
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("judge failed")

    assert gc.isenabled()
    probe()
    with pytest.raises(RuntimeError):
        probe(fail=True)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        probe()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
