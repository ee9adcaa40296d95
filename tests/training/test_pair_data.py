"""Training pairs with allowed classes, and the loss that reads them."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from corroborate.relations.pair_model import PAIR_CLASSES
from corroborate.training.pair_data import (
    AUTHORED_PAIRS,
    CLOSE_PER_ARTICLE,
    ENTAILED,
    FOURTH_AUTHORED_PAIRS,
    HELD_OUT_AUTHORED_PAIRS,
    MORE_AUTHORED_PAIRS,
    TrainingPair,
    authored_pairs,
    close_sentence_pairs,
)
from corroborate.training.train_pair_model import allowed_mass_loss, learning_rate_factor


def test_a_swapped_pair_mirrors_which_side_adds() -> None:
    pair = TrainingPair("long", "short", frozenset({"adds_a", "agree"}), "snli", "g")
    swapped = pair.swapped()
    assert (swapped.text_a, swapped.text_b) == ("short", "long")
    assert swapped.allowed == frozenset({"adds_b", "agree"})
    assert set(PAIR_CLASSES) >= ENTAILED


def test_the_loss_counts_only_the_allowed_classes() -> None:
    torch = pytest.importorskip("torch")
    logits = torch.tensor([[2.0, 2.0, 0.0, 0.0, 0.0, 0.0]])
    both = torch.tensor([[True, True, False, False, False, False]])
    one = torch.tensor([[True, False, False, False, False, False]])
    # allowing both of the likely classes costs less than allowing one of them
    assert allowed_mass_loss(logits, both) < allowed_mass_loss(logits, one)
    assert float(allowed_mass_loss(logits, torch.ones_like(both))) == pytest.approx(0.0, abs=1e-6)


def test_learning_rate_warms_up_then_decays() -> None:
    assert learning_rate_factor(0.0, 0.1) < learning_rate_factor(0.1, 0.1) == 1.0
    assert learning_rate_factor(0.55, 0.1) == pytest.approx(0.5)
    assert learning_rate_factor(1.0, 0.1) == 0.05


def _topic_encoder(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors by the first word: sentences opening alike read as one subject."""
    vectors = np.zeros((len(texts), 8), dtype=np.float32)
    for row, text in enumerate(texts):
        vectors[row, len(text.split()[0]) % 8] = 1.0
    return vectors


def test_close_pairs_of_one_article_are_other_facts_and_restatements_are_left_out() -> None:
    article = [
        "Officials said the balloon had flown over sensitive military sites in Montana.",
        "Officials later confirmed a second craft was spotted above Latin America last week.",
        "Officials said the balloon had flown over sensitive military sites in Montana state.",
        "Debris from the wreck was recovered by navy divers off the Carolina coast on Sunday.",
        "Too short to use.",
    ]
    pairs = close_sentence_pairs([("doc:1", article)], _topic_encoder, 10, random.Random(1))
    found = {frozenset((p.text_a, p.text_b)) for p in pairs}
    # the two "Officials" sentences stating other facts pair up; the near-copy does not pair
    # with its original, the sentence on another subject pairs with none, the short one is out
    assert found == {frozenset(article[0:2]), frozenset(article[1:3])}
    assert all(p.allowed == frozenset({"related"}) and p.group == "doc:1" for p in pairs)


def test_close_pairs_stop_at_the_count_and_take_few_from_one_article() -> None:
    article = [
        f"Officials {verb} another fact of the story on day {n}."
        for n, verb in enumerate(["gave", "told", "named", "added", "listed", "noted", "cited"])
    ]
    article = [f"{s} {' '.join(f'w{i}{k}' for k in range(8))}" for i, s in enumerate(article)]
    articles = [(f"doc:{n}", article) for n in range(10)]
    pairs = close_sentence_pairs(articles, _topic_encoder, 7, random.Random(1), batch=2)
    assert len(pairs) == 7
    assert max(sum(p.group == g for p in pairs) for g, _ in articles) <= CLOSE_PER_ARTICLE


def _write_pairs(path: Path, rows: list[dict[str, str]]) -> None:
    columns = ["claim_a", "claim_b", "label", "kind", "detail_side", "story", "note"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)


def test_authored_pairs_name_the_side_that_adds_and_tell_other_facts_from_other_stories(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pairs.csv"
    rows = [
        {"label": "agree", "kind": "paraphrase"},
        {"label": "adds_detail", "kind": "extra_name", "detail_side": "b"},
        {"label": "contradicts", "kind": "number_conflict"},
        {"label": "unrelated", "kind": "same_story_different_fact"},
        {"label": "unrelated", "kind": "different_story"},
    ]
    _write_pairs(
        path,
        [
            {**row, "claim_a": f"a {n}", "claim_b": f"b {n}", "story": "s"}
            for n, row in enumerate(rows)
        ],
    )
    pairs = authored_pairs(path, copies=2)
    assert len(pairs) == 10
    assert [sorted(p.allowed) for p in pairs[::2]] == [
        ["agree"],
        ["adds_b"],
        ["contradicts"],
        ["related"],
        ["unrelated"],
    ]
    assert pairs[0] == pairs[1] and len({p.group for p in pairs}) == 5
    assert all(p.allowed <= set(PAIR_CLASSES) for p in pairs)
    assert authored_pairs(tmp_path / "absent.csv") == []


def _dev_claims() -> set[str]:
    with Path("benchmarks/devset/news_pairs.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row[side].strip().lower()
            for row in csv.DictReader(handle)
            for side in ("claim_a", "claim_b")
        }


@pytest.mark.parametrize(
    "path",
    [AUTHORED_PAIRS, MORE_AUTHORED_PAIRS, HELD_OUT_AUTHORED_PAIRS, FOURTH_AUTHORED_PAIRS],
    ids=lambda p: p.name,
)
def test_authored_training_pairs_share_no_story_and_no_claim_with_the_dev_set(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with Path("benchmarks/devset/news_pairs.csv").open(encoding="utf-8", newline="") as handle:
        dev_stories = {row["story"] for row in csv.DictReader(handle)}
    assert len(rows) >= 300
    assert not {row["story"] for row in rows} & dev_stories
    claims = {row[side].strip().lower() for row in rows for side in ("claim_a", "claim_b")}
    assert not claims & _dev_claims()
    assert {p.source for p in authored_pairs(path, copies=1)} == {"authored"}


def test_the_four_authored_batches_are_of_different_stories() -> None:
    stories = []
    batches = (AUTHORED_PAIRS, MORE_AUTHORED_PAIRS, HELD_OUT_AUTHORED_PAIRS, FOURTH_AUTHORED_PAIRS)
    for path in batches:
        with path.open(encoding="utf-8", newline="") as handle:
            stories.append({row["story"] for row in csv.DictReader(handle)})
    assert [len(batch) for batch in stories] == [16, 16, 16, 16]
    assert len(set().union(*stories)) == 64
