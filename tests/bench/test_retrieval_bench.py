"""Retrieval pieces (issues 5, 15): ranking metrics, BM25 (tantivy), fusion, the CheckThat!
loader, the bench with its ``engine`` system."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from corroborate.bench.ranking_metrics import (
    average_precision_at,
    mean_metrics,
    recall_at,
    reciprocal_rank,
)
from corroborate.bench.retrieval import RetrievalSettings, run_retrieval_benchmark
from corroborate.cli import bench_retrieval as cli_bench_retrieval
from corroborate.datasets.checkthat import load_queries, load_verified_claims, strip_links
from corroborate.errors import CorroborateError
from corroborate.retrieval.hybrid import fuse, min_max
from corroborate.retrieval.lexical import lexical_search, match_expression, query_terms
from corroborate.retrieval.ranking import Ranking, top_k
from corroborate.storage.fulltext import FullTextIndex


def ranking(ids: list[int], scores: list[float]) -> Ranking:
    return Ranking(np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float32))


# --- metrics -----------------------------------------------------------------------------


def test_average_precision_by_hand() -> None:
    ranked = ["a", "b", "c", "d", "e"]
    relevant = {"b", "d"}
    assert average_precision_at(ranked, relevant, 1) == 0.0
    assert average_precision_at(ranked, relevant, 3) == pytest.approx((1 / 2) / 2)
    assert average_precision_at(ranked, relevant, 5) == pytest.approx((1 / 2 + 2 / 4) / 2)
    assert average_precision_at(["b"], {"b"}, 5) == 1.0
    assert average_precision_at(["a"], set(), 5) == 0.0


def test_recall_and_reciprocal_rank_by_hand() -> None:
    ranked = ["a", "b", "c", "d"]
    relevant = {"b", "d", "z"}
    assert recall_at(ranked, relevant, 1) == 0.0
    assert recall_at(ranked, relevant, 2) == pytest.approx(1 / 3)
    assert recall_at(ranked, relevant, 10) == pytest.approx(2 / 3)
    assert reciprocal_rank(ranked, relevant) == 0.5
    assert reciprocal_rank(["a"], {"b"}) == 0.0


def test_mean_metrics_over_queries() -> None:
    metrics = mean_metrics([["x", "y"], ["y", "z", "x"]], [{"x"}, {"x"}])
    assert metrics["map@1"] == pytest.approx(0.5)
    assert metrics["map@5"] == pytest.approx((1 + 1 / 3) / 2)
    assert metrics["recall@1"] == pytest.approx(0.5)
    assert metrics["recall@5"] == 1.0
    assert metrics["mrr"] == pytest.approx((1 + 1 / 3) / 2)
    with pytest.raises(ValueError):
        mean_metrics([["x"]], [])


# --- ranking and BM25 --------------------------------------------------------------------


def test_top_k_orders_and_breaks_ties_by_id() -> None:
    cut = top_k(np.array([0.5, 0.9, 0.5, 0.0, 0.7]), 3)
    assert cut.ids.tolist() == [1, 4, 0]
    assert cut.scores.tolist() == pytest.approx([0.9, 0.7, 0.5])
    assert top_k(np.array([0.0, 2.0, 0.0]), 5, floor=0.0).ids.tolist() == [1]


def test_query_terms_lowercase_dedupe_and_drop_stopwords() -> None:
    assert query_terms("The Café's PRICE is 3€, not 4! price_tag") == [
        "café",
        "price",
        "3",
        "4",
        "tag",
    ]
    assert match_expression("the of and") is None
    # query syntax in the text is searched for as words, never parsed
    assert match_expression('drones" OR text:x AND (NOT') == '"drones" OR "text" OR "x"'


CORPUS = [
    "Video shows a 10-meter-long anaconda swimming across a river in Brazil.",
    "McDonald's restaurants are offering $1 any size fries.",
    "A river in Brazil turned red after a dam broke.",
    "Bill Gates said vaccines will track people with microchips.",
]


def test_bm25_ranks_the_exact_match_first() -> None:
    index = FullTextIndex.in_memory(CORPUS)
    assert len(index) == len(CORPUS)
    for row, text in enumerate(CORPUS):
        assert lexical_search(index, text, k=2).ids[0] == row
    hits = lexical_search(index, "anaconda rivers brazil", k=10)  # stems: rivers ~ river
    assert hits.ids.tolist()[:2] == [0, 2]
    assert set(hits.ids.tolist()) == {0, 2}  # rows sharing no term are never returned
    assert len(lexical_search(index, "the of and", k=10)) == 0


def test_bm25_weights_rare_terms_and_short_rows() -> None:
    index = FullTextIndex.in_memory(["apple banana", "apple cherry", "apple durian", "banana"])
    # "banana" is in 2 rows, "cherry" in 1: the rarer term decides.
    assert lexical_search(index, "banana cherry", k=1).ids.tolist() == [1]
    padded = FullTextIndex.in_memory(["drone strike", "drone strike " + "filler words " * 5])
    scores = lexical_search(padded, "drone", k=2)
    assert scores.ids.tolist() == [0, 1] and scores.scores[0] > scores.scores[1]


def test_bm25_search_keeps_to_allowed_rows() -> None:
    index = FullTextIndex.in_memory([f"drone report number {i}" for i in range(300)])
    allowed = np.array([7, 250, 299], dtype=np.int64)
    found = lexical_search(index, "drone report", k=5, allowed_ids=allowed)
    assert sorted(found.ids.tolist()) == [7, 250, 299]
    assert len(lexical_search(index, "drone", k=10, allowed_ids=np.zeros(0, np.int64))) == 0


# --- fusion ------------------------------------------------------------------------------


def test_fuse_weight_extremes_keep_one_list_order() -> None:
    dense = ranking([3, 1, 2], [0.9, 0.8, 0.1])
    lexical = ranking([2, 4, 5], [12.0, 3.0, 1.0])
    for method in ("convex", "rrf"):
        assert fuse(dense, lexical, weight=1.0, method=method).ids.tolist()[:3] == [3, 1, 2]
        assert fuse(dense, lexical, weight=0.0, method=method).ids.tolist()[:2] == [2, 4]


def test_fuse_prefers_rows_both_lists_agree_on() -> None:
    dense = ranking([1, 2, 3], [0.9, 0.85, 0.2])
    lexical = ranking([5, 2, 6], [10.0, 9.0, 1.0])
    assert fuse(dense, lexical, weight=0.5, method="convex").ids[0] == 2
    assert fuse(dense, lexical, weight=0.5, method="rrf").ids[0] == 2


def test_fuse_scores_by_hand() -> None:
    dense = ranking([1, 2], [0.8, 0.4])
    lexical = ranking([2, 3], [6.0, 2.0])
    convex = fuse(dense, lexical, weight=0.25, method="convex")
    # min-max: dense {1: 1, 2: 0}, lexical {2: 1, 3: 0}
    assert dict(zip(convex.ids.tolist(), convex.scores.tolist(), strict=True)) == pytest.approx(
        {1: 0.25, 2: 0.75, 3: 0.0}
    )
    rrf = fuse(dense, lexical, weight=0.5, method="rrf", rrf_k=1.0)
    assert dict(zip(rrf.ids.tolist(), rrf.scores.tolist(), strict=True)) == pytest.approx(
        {1: 0.5 / 2, 2: 0.5 / 3 + 0.5 / 2, 3: 0.5 / 3}
    )
    assert rrf.ids.tolist() == [2, 1, 3]


def test_fuse_rejects_bad_arguments() -> None:
    one = ranking([1], [1.0])
    with pytest.raises(ValueError):
        fuse(one, one, weight=1.5)
    with pytest.raises(ValueError):
        fuse(one, one, method="sum")  # type: ignore[arg-type]
    assert min_max(np.array([2.0, 2.0])).tolist() == [1.0, 1.0]


# --- loader ------------------------------------------------------------------------------


def write_checkthat(root: Path) -> Path:
    """A tiny copy of the ``checkthat2021_2a`` layout under ``root``; returns ``root``."""
    folder = root / "checkthat2021_2a"
    folder.mkdir(parents=True)
    claims = [
        (
            "vclaim-sno-anaconda",
            "A video shows a 10-meter-long anaconda in Brazil.",
            "Does Video Show a 10-Meter-Long Anaconda?",
            "The anaconda is a large snake.",
        ),
        (
            "vclaim-sno-fries",
            "McDonald's restaurants are offering $1 any size fries.",
            "$1 McDonald's Any Size Fries",
            "Rumor: cheap fries.",
        ),
        (
            "vclaim-sno-oreo",
            "Oreo released Lady Gaga cookies.",
            "Lady Gaga Oreos",
            "Pink cookies with green creme.",
        ),
        (
            "vclaim-sno-gates",
            "Bill Gates wants to microchip people with vaccines.",
            "Gates microchip vaccine",
            "No, he does not.",
        ),
    ]
    lines = [
        json.dumps({"vclaim_id": i, "vclaim": c, "title": t, "subtitle": s, "author": "x"})
        for i, c, t, s in claims
    ]
    (folder / "vclaims.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "tweets-train-dev.tsv").write_text(
        "tweet-sno-0\tHuge anaconda swimming in a river in Brazil! pic.twitter.com/abc\n"
        'tweet-sno-1\t"He said ""fries for $1"" at McDonald\'s https://t.co/x"\n'
        "tweet-sno-2\tBill Gates vaccine microchip plan — Someone (@some) May 1, 2020\n",
        encoding="utf-8",
    )
    (folder / "tweets-test.tsv").write_text(
        "iclaim_id\ticlaim\ntweet-sno-9\tOREO x LADY GAGA packs drop today!\n",
        encoding="utf-8",
    )
    (folder / "qrels-train.tsv").write_text(
        "tweet-sno-0\t0\tvclaim-sno-anaconda\t1\ntweet-sno-1\t0\tvclaim-sno-fries\t1\n"
        "tweet-sno-1\t0\tvclaim-sno-oreo\t1\n",
        encoding="utf-8",
    )
    (folder / "qrels-dev.tsv").write_text("tweet-sno-2\t0\tvclaim-sno-gates\t1\n", encoding="utf-8")
    (folder / "qrels-test.tsv").write_text("tweet-sno-9\t0\tvclaim-sno-oreo\t1\n", encoding="utf-8")
    return root


def test_loader_reads_claims_tweets_and_qrels(tmp_path: Path) -> None:
    data = write_checkthat(tmp_path)
    claims = load_verified_claims(data)
    assert [c.claim_id for c in claims][:2] == ["vclaim-sno-anaconda", "vclaim-sno-fries"]
    assert claims[0].title == "Does Video Show a 10-Meter-Long Anaconda?"
    assert claims[0].subtitle == "The anaconda is a large snake."
    train = load_queries(data, "train")
    assert [q.query_id for q in train] == ["tweet-sno-0", "tweet-sno-1"]
    assert train[1].text == 'He said "fries for $1" at McDonald\'s https://t.co/x'
    assert train[1].relevant == {"vclaim-sno-fries", "vclaim-sno-oreo"}
    assert [q.query_id for q in load_queries(data, "dev")] == ["tweet-sno-2"]
    test = load_queries(data, "test")  # the header line is not a query
    assert [(q.query_id, q.relevant) for q in test] == [("tweet-sno-9", {"vclaim-sno-oreo"})]


def test_loader_reports_missing_tweets_and_files(tmp_path: Path) -> None:
    data = write_checkthat(tmp_path)
    with (data / "checkthat2021_2a" / "qrels-dev.tsv").open("a", encoding="utf-8") as handle:
        handle.write("tweet-sno-404\t0\tvclaim-sno-gates\t1\n")
    with pytest.raises(CorroborateError, match="tweet-sno-404"):
        load_queries(data, "dev")
    with pytest.raises(CorroborateError, match="not found"):
        load_verified_claims(tmp_path / "elsewhere")


def test_strip_links() -> None:
    assert strip_links("Look  pic.twitter.com/AbC1 at https://t.co/x2 this") == "Look at this"


# --- the benchmark and its command ---------------------------------------------------------


def bag_of_words(texts: Sequence[str]) -> np.ndarray:
    """A stand-in embedder: hashed word counts, unit length (no model needed)."""
    vectors = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for token in query_terms(text):
            vectors[row, zlib.crc32(token.encode()) % 64] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def test_benchmark_reports_three_systems_tuned_on_dev(tmp_path: Path) -> None:
    data = write_checkthat(tmp_path)
    settings = RetrievalSettings(depth=10, weights=(0.0, 0.5, 1.0))
    report = run_retrieval_benchmark(data, bag_of_words, split="test", settings=settings)
    assert [report[key] for key in ("split", "tuned_on", "queries", "claims")] == [
        "test",
        "dev",
        1,
        4,
    ]
    assert set(report["systems"]) == {"bm25", "dense", "hybrid", "engine"}
    assert report["systems"]["bm25"]["map@5"] == 1.0  # "oreo lady gaga" finds the Oreo claim
    assert report["systems"]["engine"]["map@5"] == 1.0
    assert len(report["tuning_grid"]) == 2 * 3
    assert len(report["engine_tuning_grid"]) == 2 * 3
    assert report["engine_fusion"]["method"] in ("convex", "rrf")
    assert report["fusion"]["weight"] in (0.0, 0.5, 1.0)
    with pytest.raises(ValueError, match="never chosen on the test"):
        run_retrieval_benchmark(data, bag_of_words, tune_split="test")


class FakeCache:
    """Replaces the on-disk embedding cache in the command test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        return bag_of_words(texts)


def test_retrieval_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_bench_retrieval, "EmbeddingCache", FakeCache)
    app = typer.Typer()
    app.command()(cli_bench_retrieval.retrieval)
    data = write_checkthat(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["--data-dir", str(data), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["systems"]["hybrid"]["map@5"] == 1.0
    table = runner.invoke(app, ["--data-dir", str(data), "--split", "dev"])
    assert table.exit_code == 0, table.output
    assert "map@5" in table.stdout and "hybrid" in table.stdout and "engine" in table.stdout
    assert runner.invoke(app, ["--data-dir", str(data), "--tune-split", "test"]).exit_code == 2
    assert runner.invoke(app, ["--data-dir", str(data), "--split", "val"]).exit_code == 2
    missing = runner.invoke(app, ["--data-dir", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
