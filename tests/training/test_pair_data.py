"""Training pairs with allowed classes, and the loss that reads them."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from corroborate.relations.pair_model import PAIR_CLASSES
from corroborate.training.pair_data import (
    CLOSE_PER_ARTICLE,
    ENTAILED,
    TrainingPair,
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
