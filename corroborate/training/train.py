"""Train the relation head on the public training sets and write the packaged artifact.

    python -m corroborate.training.train --data-dir ../shared/datasets \\
        --out corroborate/artifacts/relation_head.npz

Sentence vectors come from the embedding cache (``.cache/embeddings``), so a rerun encodes
nothing. A tenth of each source, split by group (premise, body, topic), is held out for early
stopping and the metrics printed at the end. Fixed seeds make reruns give the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corroborate.bench.metrics import accuracy, macro_f1
from corroborate.datasets import DEFAULT_DATA_DIR, RELATIONS, LabeledPair
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.relations.features import pair_features
from corroborate.relations.mlp import RelationHead, default_artifact_path
from corroborate.training.training_data import training_pairs

# Share of the total loss weight each source carries.
SOURCE_SHARES = {
    "snli": 0.36,
    "negated": 0.08,
    "mrpc": 0.14,
    "stsb": 0.05,
    "rte": 0.04,
    "vitaminc": 0.16,
    "fnc1": 0.12,
    "ecbplus": 0.05,
    "shuffled": 0.04,
}


@dataclass(frozen=True)
class Settings:
    """Hyper-parameters of one training run."""

    seed: int = 13
    hidden: tuple[int, ...] = (256,)
    dropout: float = 0.4
    learning_rate: float = 1e-3
    weight_decay: float = 1e-2
    batch_size: int = 1024
    max_epochs: int = 15
    patience: int = 4
    held_out_share: float = 0.1


@dataclass
class Split:
    """Features, label indices, per-example loss weights and source names of a split."""

    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    sources: np.ndarray


def is_held_out(group: str, seed: int, share: float) -> bool:
    """Deterministic group-level split: the same group always lands on the same side."""
    digest = hashlib.sha1(f"{seed}:{group}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def build_split(
    pairs_by_source: dict[str, list[LabeledPair]], cache: EmbeddingCache, *, swap: bool
) -> Split:
    """Featurise the pairs; with ``swap``, symmetric pairs are added in both orders."""
    pairs: list[LabeledPair] = []
    sources: list[str] = []
    weights: list[float] = []
    total = sum(len(p) for p in pairs_by_source.values())
    for source, source_pairs in pairs_by_source.items():
        ordered = source_pairs + (
            [p.swapped() for p in source_pairs if p.symmetric] if swap else []
        )
        pairs += ordered
        sources += [source] * len(ordered)
        weights += [SOURCE_SHARES[source] * total / len(ordered)] * len(ordered)
    u = cache.encode([p.text_a for p in pairs], show_progress=True)
    v = cache.encode([p.text_b for p in pairs], show_progress=True)
    return Split(
        features=pair_features(u, v, [p.text_a for p in pairs], [p.text_b for p in pairs]),
        labels=np.array([RELATIONS.index(p.label) for p in pairs], dtype=np.int64),
        weights=np.array(weights, dtype=np.float32),
        sources=np.array(sources),
    )


def fit(train: Split, held_out: Split, settings: Settings) -> tuple[RelationHead, int]:
    """Train the MLP with early stopping on the held-out weighted accuracy.

    Returns the head of the best epoch and that epoch's number.
    """
    import torch
    from rich.progress import Progress

    torch.manual_seed(settings.seed)
    torch.set_num_threads(2)
    mean = train.features.mean(axis=0)
    scale = train.features.std(axis=0) + 1e-6
    x = torch.from_numpy((train.features - mean) / scale)
    y = torch.from_numpy(train.labels)
    w = torch.from_numpy(train.weights)
    widths = [x.shape[1], *settings.hidden, len(RELATIONS)]
    layers: list[torch.nn.Module] = []
    for fan_in, fan_out in itertools.pairwise(widths[:-1]):
        layers += [
            torch.nn.Linear(fan_in, fan_out),
            torch.nn.ReLU(),
            torch.nn.Dropout(settings.dropout),
        ]
    layers.append(torch.nn.Linear(widths[-2], widths[-1]))
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    generator = torch.Generator().manual_seed(settings.seed)
    best_score, best_head, best_epoch, stale = -1.0, None, 0, 0
    with Progress() as progress:
        task = progress.add_task("training", total=settings.max_epochs)
        for epoch in range(settings.max_epochs):
            model.train()
            for batch in torch.randperm(len(x), generator=generator).split(settings.batch_size):
                loss = torch.nn.functional.cross_entropy(
                    model(x[batch]), y[batch], reduction="none"
                )
                loss = (loss * w[batch]).sum() / w[batch].sum()
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            head = _export(model, mean, scale)
            score = weighted_accuracy(head, held_out)
            progress.update(task, advance=1)
            progress.console.print(f"epoch {epoch + 1}: held-out weighted accuracy {score:.4f}")
            if score > best_score:
                best_score, best_head, best_epoch, stale = score, head, epoch + 1, 0
            else:
                stale += 1
                if stale >= settings.patience:
                    break
    assert best_head is not None
    return best_head, best_epoch


def _export(model: object, mean: np.ndarray, scale: np.ndarray) -> RelationHead:
    import torch

    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]  # type: ignore[attr-defined]
    return RelationHead(
        weights=tuple(m.weight.detach().numpy().T.copy() for m in linears),
        biases=tuple(m.bias.detach().numpy().copy() for m in linears),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
    )


def weighted_accuracy(head: RelationHead, split: Split) -> float:
    """Accuracy per source, averaged with the sources' shares."""
    predicted = head.proba_from_features(split.features).argmax(axis=1)
    scores = per_source_metrics(predicted, split)
    return sum(SOURCE_SHARES[s] * m["accuracy"] for s, m in scores.items()) / sum(
        SOURCE_SHARES[s] for s in scores
    )


def per_source_metrics(predicted: np.ndarray, split: Split) -> dict[str, dict[str, float]]:
    """Accuracy and macro-F1 of each source in ``split``."""
    return {
        source: {
            "accuracy": accuracy(split.labels[mask], predicted[mask]),
            "macro_f1": macro_f1(split.labels[mask], predicted[mask]),
            "pairs": int(mask.sum()),
        }
        for source in dict.fromkeys(split.sources)
        if (mask := split.sources == source).any()
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=default_artifact_path())
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--seed", type=int, default=Settings.seed)
    parser.add_argument(
        "--sources",
        nargs="+",
        choices=list(SOURCE_SHARES),
        default=list(SOURCE_SHARES),
        help="train on these sources only",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    settings = Settings(seed=args.seed)
    cache = EmbeddingCache(args.cache_dir)
    by_source = {
        s: p
        for s, p in training_pairs(args.data_dir, cache, args.seed).items()
        if s in args.sources
    }
    train_pairs = {
        s: [p for p in ps if not is_held_out(p.group, args.seed, settings.held_out_share)]
        for s, ps in by_source.items()
    }
    held_pairs = {
        s: [p for p in ps if is_held_out(p.group, args.seed, settings.held_out_share)]
        for s, ps in by_source.items()
    }
    train = build_split(train_pairs, cache, swap=True)
    held_out = build_split(held_pairs, cache, swap=False)
    print(f"training pairs {len(train.labels)}, held-out pairs {len(held_out.labels)}")
    head, best_epoch = fit(train, held_out, settings)
    metrics = per_source_metrics(head.proba_from_features(held_out.features).argmax(1), held_out)
    metadata = {
        "settings": settings.__dict__ | {"hidden": list(settings.hidden)},
        "best_epoch": best_epoch,
        "sources": {s: len(p) for s, p in by_source.items()},
        "source_shares": {s: SOURCE_SHARES[s] for s in by_source},
        "held_out_metrics": metrics,
        "embedding_model": cache.model,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    RelationHead(head.weights, head.biases, head.mean, head.scale, metadata=metadata).save(args.out)
    reloaded = RelationHead.load(args.out)
    predicted = reloaded.proba_from_features(held_out.features).argmax(1)
    for source, m in per_source_metrics(predicted, held_out).items():
        print(
            f"held-out {source:9s} pairs {m['pairs']:6d}  accuracy {m['accuracy']:.3f}  "
            f"macro-F1 {m['macro_f1']:.3f}"
        )
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in "
        f"{time.perf_counter() - started:.0f}s"
    )


if __name__ == "__main__":
    main()
