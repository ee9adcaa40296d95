"""Fine-tune the packaged MiniLM as a 3-way NLI cross-encoder and write the packaged artifact.

    python -m corroborate.training.train_cross_encoder --data-dir ../shared/datasets

Pairs come from :func:`corroborate.training.training_data.training_pairs` (training splits
only), sampled per source to fit a CPU budget; ``unrelated`` pairs count as ``neutral``. A
share of each source, split by group, is held out: the held-out accuracy picks the best of a
few checkpoints taken during the last part of training. The word embeddings stay frozen (they
are not shipped; the packaged MiniLM supplies them). Fixed seeds make reruns repeat the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corroborate.bench.metrics import accuracy, macro_f1
from corroborate.datasets import DEFAULT_DATA_DIR, LabeledPair
from corroborate.embedders.cache import EmbeddingCache
from corroborate.relations.packaged_nli import (
    MAX_LENGTH,
    NLI_LABELS,
    TRAINING_LOG,
    default_artifact_dir,
    load_tokenizer,
    new_model,
    nli_probabilities,
    save_artifact,
)
from corroborate.training.train import is_held_out
from corroborate.training.training_data import training_pairs

if TYPE_CHECKING:
    import torch
    from transformers import BertForSequenceClassification, PreTrainedTokenizerBase

LEXICAL_MODEL = "lexical-hash-4096"


class LexicalEmbedder:
    """Hashed bag-of-words vectors: picks the FNC-1 body sentence closest to the headline by
    word overlap, which spares encoding ~28k body sentences with MiniLM on a busy CPU."""

    model = LEXICAL_MODEL
    dimension = 4096

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Unit-length word-count vectors, words hashed (stably) into ``dimension`` buckets."""
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "big") % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)


NLI_INDEX = {"entails": 0, "neutral": 1, "unrelated": 1, "contradicts": 2}
"""Relation label -> index in :data:`NLI_LABELS` (an unrelated pair is NLI-neutral)."""

# Pairs drawn from each source for training (all of it when the source is smaller). Sized
# for ~35 minutes of training on one core of the project's 2-core machine (~450-650 tokens/s).
SOURCE_SIZES = {
    "snli": 10000,
    "negated": 1200,
    "mrpc": 2500,
    "vitaminc": 4500,
    "fnc1": 1000,
    "rte": 400,
    "stsb": 400,
    "ecbplus": 500,
    "shuffled": 250,
}
# Sources whose drawn pairs are trained on more than once per epoch (SNLI validation is the
# only 3-way NLI source, so it gets two passes while the others get one).
SOURCE_REPEATS = {"snli": 2}


@dataclass(frozen=True)
class Settings:
    """Hyper-parameters of one training run."""

    seed: int = 13
    source_sizes: dict[str, int] = field(default_factory=lambda: dict(SOURCE_SIZES))
    source_repeats: dict[str, int] = field(default_factory=lambda: dict(SOURCE_REPEATS))
    """Passes over a source's drawn pairs per epoch (1 when not named)."""
    scale: float = 1.0
    """Multiplies every source size (a tiny ``scale`` checks the pipeline quickly)."""
    epochs: int = 1
    batch_size: int = 16
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_share: float = 0.1
    held_out_share: float = 0.05
    held_out_max: int = 1200
    checkpoints: tuple[float, ...] = (0.75, 1.0)
    """Points (shares of all steps) where the held-out accuracy is measured."""
    threads: int = 1
    """Torch threads: two ran 1.4x faster than one on the idle 2-core machine, but 3-4x slower
    than one as soon as another job used a core; one thread is the robust choice there."""
    max_minutes: float = 55.0
    """Safety stop: training ends early (and says so) past this wall time."""


def nli_pairs(
    pairs_by_source: dict[str, list[LabeledPair]], settings: Settings
) -> tuple[list[LabeledPair], list[LabeledPair]]:
    """Training and held-out pairs, sampled per source; symmetric pairs randomly swapped."""
    rng = random.Random(settings.seed)
    train: list[LabeledPair] = []
    held_out: list[LabeledPair] = []
    for source, size in settings.source_sizes.items():
        pairs = [
            p.swapped() if p.symmetric and rng.random() < 0.5 else p
            for p in pairs_by_source[source]
        ]
        outside = [
            p for p in pairs if not is_held_out(p.group, settings.seed, settings.held_out_share)
        ]
        inside = [p for p in pairs if is_held_out(p.group, settings.seed, settings.held_out_share)]
        wanted = min(max(1, round(size * settings.scale)), len(outside))
        train += rng.sample(outside, wanted) * settings.source_repeats.get(source, 1)
        held_out += rng.sample(
            inside, min(max(1, round(wanted * settings.held_out_share)), len(inside))
        )
    rng.shuffle(train)
    rng.shuffle(held_out)
    return train, held_out[: settings.held_out_max]


def length_batches(
    pairs: Sequence[LabeledPair], batch_size: int, rng: random.Random
) -> list[list[int]]:
    """Shuffled batches of indices whose pairs have similar lengths (less padding)."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(
            order[start : start + window],
            key=lambda i: len(pairs[i].text_a) + len(pairs[i].text_b),
        )
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def held_out_metrics(
    model: BertForSequenceClassification,
    tokenizer: PreTrainedTokenizerBase,
    pairs: Sequence[LabeledPair],
) -> dict[str, float]:
    """Accuracy and macro-F1 of the 3-way NLI prediction on ``pairs``."""
    model.eval()
    probabilities = nli_probabilities(model, tokenizer, [(p.text_a, p.text_b) for p in pairs])
    predicted = probabilities.argmax(axis=1)
    gold = np.array([NLI_INDEX[p.label] for p in pairs])
    return {"accuracy": accuracy(gold, predicted), "macro_f1": macro_f1(gold, predicted)}


def _batch_loss(
    model: BertForSequenceClassification,
    tokenizer: PreTrainedTokenizerBase,
    pairs: Sequence[LabeledPair],
) -> torch.Tensor:
    """Cross-entropy of the model on one batch of pairs (the model in training mode)."""
    import torch

    model.train()
    encoded = tokenizer(
        [p.text_a for p in pairs],
        [p.text_b for p in pairs],
        truncation=True,
        max_length=MAX_LENGTH,
        padding=True,
        return_tensors="pt",
    )
    labels = torch.tensor([NLI_INDEX[p.label] for p in pairs])
    loss: torch.Tensor = model(**encoded, labels=labels).loss
    return loss


def train(
    train_pairs: Sequence[LabeledPair],
    held_out: Sequence[LabeledPair],
    settings: Settings,
    checkpoint_dir: Path | None = None,
) -> tuple[BertForSequenceClassification, dict[str, Any]]:
    """Fine-tune; return the best checkpoint by held-out accuracy and a training log.

    Each new best checkpoint is also written to ``checkpoint_dir`` (if given)."""
    import torch

    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    rng = random.Random(settings.seed)
    model = new_model()
    tokenizer = load_tokenizer()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        trainable, lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    batches = [
        batch
        for _ in range(settings.epochs)
        for batch in length_batches(train_pairs, settings.batch_size, rng)
    ]
    total = len(batches)
    warmup = max(1, int(total * settings.warmup_share))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup))),
    )
    checkpoints = {max(1, round(total * share)) for share in settings.checkpoints}
    best_accuracy, best_state = -1.0, None
    log: dict[str, Any] = {"steps": total, "checkpoints": []}
    started, seen = time.perf_counter(), 0
    for step, batch in enumerate(batches, start=1):
        seen += len(batch)
        loss = _batch_loss(model, tokenizer, [train_pairs[i] for i in batch])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        minutes = (time.perf_counter() - started) / 60
        if step % 50 == 0:
            print(f"step {step}/{total} loss {loss.item():.3f} {minutes:.1f} min", flush=True)
        out_of_time = minutes > settings.max_minutes
        if step in checkpoints or out_of_time or step == total:
            metrics = held_out_metrics(model, tokenizer, held_out)
            log["checkpoints"].append({"step": step, "minutes": round(minutes, 1), **metrics})
            print(f"held out at step {step}: {json.dumps(metrics)}", flush=True)
            if metrics["accuracy"] > best_accuracy:
                best_accuracy = metrics["accuracy"]
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
                if checkpoint_dir is not None:
                    save_artifact(model, checkpoint_dir)
        if out_of_time:
            log["stopped_early_at_step"] = step
            break
    seconds = time.perf_counter() - started
    log["train_minutes"] = round(seconds / 60, 1)
    log["pairs_per_second"] = round(seen / seconds, 1)
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return model, log


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=default_artifact_dir())
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/lexical-ce"))
    parser.add_argument("--checkpoint-dir", type=Path, default=Path(".cache/cross-encoder"))
    parser.add_argument("--seed", type=int, default=Settings.seed)
    parser.add_argument("--scale", type=float, default=Settings.scale)
    parser.add_argument("--epochs", type=int, default=Settings.epochs)
    parser.add_argument("--threads", type=int, default=Settings.threads)
    parser.add_argument("--max-minutes", type=float, default=Settings.max_minutes)
    args = parser.parse_args(argv)
    settings = Settings(
        seed=args.seed,
        scale=args.scale,
        epochs=args.epochs,
        threads=args.threads,
        max_minutes=args.max_minutes,
    )
    started = time.perf_counter()
    cache = EmbeddingCache(args.cache_dir, LEXICAL_MODEL, LexicalEmbedder())
    sources = training_pairs(args.data_dir, cache, settings.seed)
    train_pairs, held_out = nli_pairs(sources, settings)
    print(f"training pairs {len(train_pairs)}, held-out pairs {len(held_out)}", flush=True)
    model, log = train(train_pairs, held_out, settings, args.checkpoint_dir)
    save_artifact(model, args.out)
    card = {
        "settings": asdict(settings),
        "labels": list(NLI_LABELS),
        "training_pairs": len(train_pairs),
        "held_out_pairs": len(held_out),
        "total_minutes": round((time.perf_counter() - started) / 60, 1),
        **log,
    }
    (args.out / TRAINING_LOG).write_text(json.dumps(card, indent=1) + "\n")
    print(json.dumps(card, indent=1))


if __name__ == "__main__":
    main()
