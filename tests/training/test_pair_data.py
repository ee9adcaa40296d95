"""Training pairs with allowed classes, and the loss that reads them."""

from __future__ import annotations

import pytest

from corroborate.relations.pair_model import PAIR_CLASSES
from corroborate.training.pair_data import ENTAILED, TrainingPair
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
