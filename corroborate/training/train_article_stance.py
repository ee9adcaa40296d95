"""Train the article-level stance model on FNC-1 train and write the packaged artifact.

    python -m corroborate.training.train_article_stance --data-dir ../shared/datasets

Only FNC-1 *train* is read. A tenth of its bodies (by body id, seeded hash) is held out:
every candidate setting (hidden layer, class weighting, feature groups) is trained on the
rest and scored there, and the best one by the mean of FNC-1's weighted score (/100) and
macro-F1 is written. The competition test is never read here. Fixed seeds: reruns write
the same weights. Sentence vectors come from the embedding cache (``.cache/embeddings``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.metrics import confusion_matrix, fnc1_weighted_score, macro_f1
from corroborate.datasets import DEFAULT_DATA_DIR, LabeledPair
from corroborate.datasets.fnc1 import load_fnc1
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.relations.article_stance import (
    FEATURE_NAMES,
    STANCES,
    article_features,
    article_inputs,
)
from corroborate.relations.article_stance_model import ArticleStanceModel, artifact_path
from corroborate.relations.judge import get_judge
from corroborate.training.train import is_held_out

FNC1_STANCE = {"entails": "agree", "contradicts": "disagree", "neutral": "discuss"}
"""The loader's relation names back in FNC-1's stance names (anything else: unrelated)."""
GROUPS: dict[str, tuple[str, ...]] = {
    "judge": tuple(n for n in FEATURE_NAMES if n.startswith(("judged_", "sentence_rule_"))),
    "head": tuple(n for n in FEATURE_NAMES if n.startswith("head_")),
    "cues": tuple(
        n for n in FEATURE_NAMES if "hedge" in n or "refuting" in n or "attributing" in n
    ),
}
"""Feature groups a candidate may leave out (the ablations tried)."""


@dataclass(frozen=True)
class Settings:
    """One candidate: model shape, class weighting and features left out."""

    hidden: int = 32
    class_weight_power: float = 0.5
    """Class c weighs (n / n_c) ** power: 0 plain, 1 balanced."""
    drop: tuple[str, ...] = ()
    seed: int = 7
    learning_rate: float = 3e-3
    weight_decay: float = 1e-4
    batch_size: int = 256
    max_epochs: int = 60
    patience: int = 8


CANDIDATES: tuple[Settings, ...] = (
    Settings(hidden=0, class_weight_power=0.0),
    Settings(hidden=0, class_weight_power=0.5),
    Settings(hidden=0, class_weight_power=1.0),
    Settings(hidden=32, class_weight_power=0.0),
    Settings(hidden=32, class_weight_power=0.5),
    Settings(hidden=32, class_weight_power=1.0),
    Settings(hidden=64, class_weight_power=0.5),
    Settings(hidden=32, class_weight_power=0.5, drop=("judge",)),
    Settings(hidden=32, class_weight_power=0.5, drop=("head",)),
    Settings(hidden=32, class_weight_power=0.5, drop=("cues",)),
)


def stance_codes(pairs: Sequence[LabeledPair]) -> np.ndarray:
    """FNC-1 stance codes (indices into ``STANCES``) of loader pairs."""
    return np.array(
        [STANCES.index(FNC1_STANCE.get(p.label, "unrelated")) for p in pairs], dtype=np.int64
    )


def scores(gold: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
    """Weighted score, macro-F1, their mean (the selection criterion) and the confusion."""
    weighted = fnc1_weighted_score(gold, predicted, STANCES.index("unrelated"))
    macro = macro_f1(gold, predicted)
    return {
        "weighted_score": weighted,
        "macro_f1": macro,
        "criterion": (weighted / 100 + macro) / 2,
        "confusion": confusion_matrix(gold, predicted, len(STANCES)).tolist(),
    }


def _kept(settings: Settings) -> np.ndarray:
    dropped = {name for group in settings.drop for name in GROUPS[group]}
    return np.array([name not in dropped for name in FEATURE_NAMES])


def fit(
    x: np.ndarray, y: np.ndarray, x_held: np.ndarray, y_held: np.ndarray, settings: Settings
) -> tuple[ArticleStanceModel, dict[str, Any]]:
    """Train one candidate with early stopping on the held-out criterion."""
    import torch

    torch.manual_seed(settings.seed)
    torch.set_num_threads(2)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    kept = _kept(settings)
    inputs = torch.from_numpy(((x - mean) / scale * kept).astype(np.float32))
    targets = torch.from_numpy(y)
    counts = np.bincount(y, minlength=len(STANCES)).astype(np.float64)
    power = (len(y) / np.maximum(counts, 1)) ** settings.class_weight_power
    weights = torch.tensor(power / power.mean(), dtype=torch.float32)
    widths = [x.shape[1], *([settings.hidden] if settings.hidden else []), len(STANCES)]
    modules: list[torch.nn.Module] = []
    for i in range(len(widths) - 1):
        modules.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            modules.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*modules)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    generator = torch.Generator().manual_seed(settings.seed)
    best: tuple[float, ArticleStanceModel | None, dict[str, Any]] = (-1.0, None, {})
    stale = 0
    for epoch in range(settings.max_epochs):
        for batch in torch.randperm(len(inputs), generator=generator).split(settings.batch_size):
            loss = torch.nn.functional.cross_entropy(
                model(inputs[batch]), targets[batch], weight=weights
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        candidate = _export(model, mean, scale, kept)
        held = scores(y_held, candidate.predict_proba(x_held).argmax(axis=1))
        if held["criterion"] > best[0]:
            best, stale = (held["criterion"], candidate, held | {"epoch": epoch + 1}), 0
        else:
            stale += 1
            if stale >= settings.patience:
                break
    assert best[1] is not None
    return best[1], best[2]


def _export(
    model: Any, mean: np.ndarray, scale: np.ndarray, kept: np.ndarray
) -> ArticleStanceModel:
    """The torch model as numpy layers; features left out get zero input weights."""
    import torch

    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    layers = tuple(
        (m.weight.detach().numpy().T.copy(), m.bias.detach().numpy().copy()) for m in linears
    )
    first_weight, first_bias = layers[0]
    layers = ((first_weight * kept[:, None], first_bias), *layers[1:])
    return ArticleStanceModel(layers, mean.astype(np.float32), scale.astype(np.float32), {})


def _describe(settings: Settings) -> str:
    shape = f"MLP {settings.hidden}" if settings.hidden else "softmax regression"
    drop = f", without {'+'.join(settings.drop)}" if settings.drop else ""
    return f"{shape}, class weight power {settings.class_weight_power:g}{drop}"


def train_features(
    pairs: Sequence[LabeledPair], cache: EmbeddingCache, stored: Path | None
) -> np.ndarray:
    """The features of ``pairs``, read from ``stored`` when it holds the same features."""
    if stored is not None and stored.is_file():
        with np.load(stored, allow_pickle=False) as kept:
            if list(kept["names"]) == list(FEATURE_NAMES) and len(kept["x"]) == len(pairs):
                return np.asarray(kept["x"])
    items = article_inputs([p.text_a for p in pairs], [p.text_b for p in pairs], cache, show=True)
    features, _ = article_features(items, get_judge(core="head_alone"))
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        np.savez(stored, x=features, names=np.array(FEATURE_NAMES))
    return features


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=artifact_path())
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--split-seed", type=int, default=13)
    parser.add_argument("--held-out-share", type=float, default=0.1)
    parser.add_argument(
        "--features", type=Path, help="keep the train features in this .npz between runs"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pairs = load_fnc1(args.data_dir, "train")
    cache = EmbeddingCache(args.cache_dir)
    features = train_features(pairs, cache, args.features)
    print(f"features of {len(pairs)} pairs in {time.perf_counter() - started:.0f}s")
    gold = stance_codes(pairs)
    held = np.array([is_held_out(p.group, args.split_seed, args.held_out_share) for p in pairs])
    x, y, x_held, y_held = features[~held], gold[~held], features[held], gold[held]
    print(f"training pairs {len(y)}, held-out pairs {len(y_held)} ({held_bodies(pairs, held)})")
    tried: list[dict[str, Any]] = []
    best: tuple[float, ArticleStanceModel | None, Settings | None] = (-1.0, None, None)
    for settings in CANDIDATES:
        model, held_scores = fit(x, y, x_held, y_held, settings)
        tried.append({"settings": _describe(settings)} | held_scores)
        print(
            f"{_describe(settings):55s} held-out weighted {held_scores['weighted_score']:.2f}  "
            f"macro-F1 {held_scores['macro_f1']:.4f}  epoch {held_scores['epoch']}"
        )
        if held_scores["criterion"] > best[0]:
            best = (held_scores["criterion"], model, settings)
    _, chosen, chosen_settings = best
    assert chosen is not None and chosen_settings is not None
    model, settings = chosen, chosen_settings
    metadata = {
        "trained_on": "FNC-1 train",
        "split": f"{args.held_out_share:g} of bodies held out by seeded hash of the body id "
        f"(seed {args.split_seed})",
        "selection": "mean of the FNC-1 weighted score / 100 and macro-F1 on the held-out bodies",
        "settings": asdict(settings) | {"description": _describe(settings)},
        "settings_tried": tried,
        "held_out": tried[CANDIDATES.index(settings)],
        "pairs": {"train": len(y), "held_out": len(y_held)},
        "embedding_model": cache.model,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ArticleStanceModel(model.layers, model.mean, model.scale, metadata).save(args.out)
    reloaded = ArticleStanceModel.load(args.out)
    final = scores(y_held, reloaded.predict_proba(x_held).argmax(axis=1))
    print(
        f"chosen: {_describe(settings)}; reloaded held-out weighted {final['weighted_score']:.2f}"
        f", macro-F1 {final['macro_f1']:.4f}; confusion {final['confusion']}"
    )
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e3:.1f} kB) in "
        f"{time.perf_counter() - started:.0f}s"
    )


def held_bodies(pairs: Sequence[LabeledPair], held: np.ndarray) -> str:
    """How many bodies each side has."""
    inside = {p.group for p, h in zip(pairs, held, strict=True) if h}
    outside = {p.group for p, h in zip(pairs, held, strict=True) if not h}
    return f"{len(outside)} / {len(inside)} bodies"


if __name__ == "__main__":
    main()
