"""Fine-tune the pair model (six pair classes) and write the packaged int8 ONNX artifact.

    python -m corroborate.training.train_pair_model --data-dir ../shared/datasets

Starts from the packaged NLI cross-encoder (itself the packaged MiniLM fine-tuned on allowed
splits, ``artifacts/CROSS_ENCODER.md``), whose 3-way classifier seeds a 6-way one. Pairs come
from :func:`corroborate.training.pair_data.pair_training_data` (training splits only), each
read in a random order (``adds_a``/``adds_b`` mirrored); the loss is the negative log of the
total probability of the classes a pair's label allows. A share of each source, split by
group, is held out. Checkpoints are scored on the held-out pairs and on the project's own
dev set (``benchmarks/devset/news_pairs.csv``); the best dev macro-F1 is kept, exported with
``torch.onnx.export`` (softmax inside the graph) and quantised to int8.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corroborate.bench.metrics import macro_f1
from corroborate.datasets import DEFAULT_DATA_DIR
from corroborate.embedders.cache import DEFAULT_CACHE_DIR, EmbeddingCache
from corroborate.relations.packaged_nli import MAX_LENGTH, load_model, load_tokenizer
from corroborate.relations.pair_model import PAIR_CLASSES, default_model_path
from corroborate.training.pair_data import (
    AUTHORED_PAIRS,
    SOURCE_SIZES,
    TrainingPair,
    pair_training_data,
)
from corroborate.training.train import is_held_out
from corroborate.training.train_cross_encoder import LEXICAL_MODEL, LexicalEmbedder

if TYPE_CHECKING:
    import torch
    from transformers import BertForSequenceClassification, PreTrainedTokenizerBase

FROZEN_PREFIXES = (
    "bert.embeddings.",
    "bert.encoder.layer.0.",
    "bert.encoder.layer.1.",
)
"""Kept as the packaged cross-encoder has them: the embeddings and the two lowest layers
(a third less work a step on this CPU; the upper layers and the classifier learn)."""
DEV_SET = Path("benchmarks/devset/news_pairs.csv")
WORK_DIR = Path(".cache/pair_model")
FOUR_WAY = {"agree": 0, "adds_a": 1, "adds_b": 1, "contradicts": 2, "related": 3, "unrelated": 3}
"""Pair class → the judge's label index (agree, adds_detail, contradicts, unrelated)."""
DEV_LABELS = {"agree": 0, "adds_detail": 1, "contradicts": 2, "unrelated": 3}
_SEED_ROWS = {"agree": 0, "adds_a": 0, "adds_b": 1, "contradicts": 2, "related": 1, "unrelated": 1}
"""Which row of the 3-way NLI classifier (entailment, neutral, contradiction) seeds each class."""


@dataclass
class Settings:
    """Everything that decides a training run (written to the training log)."""

    seed: int = 13
    threads: int = 1
    """One torch thread: on the shared 2-core machine two threads spun and ran 5x slower."""
    batch_size: int = 16
    learning_rate: float = 3e-5
    weight_decay: float = 0.01
    warmup_share: float = 0.05
    epochs: int = 1
    max_minutes: float = 55.0
    eval_every: int = 300
    keep_checkpoints: Path | None = None
    """When set, every scored checkpoint is saved under it as ``step-N`` (to choose among
    them afterwards on what the judge does with each, not only on the model alone)."""
    held_out_share: float = 0.04
    held_out_max: int = 600
    scale: float = 1.0
    source_sizes: dict[str, int] = field(default_factory=lambda: dict(SOURCE_SIZES))


def split_pairs(
    by_source: dict[str, list[TrainingPair]], settings: Settings
) -> tuple[list[TrainingPair], list[TrainingPair]]:
    """Training and held-out pairs (by group), each randomly read one way or the other."""
    rng = random.Random(settings.seed)
    train: list[TrainingPair] = []
    held_out: list[TrainingPair] = []
    for source in sorted(by_source):
        for pair in by_source[source]:
            pair = pair.swapped() if rng.random() < 0.5 else pair
            if is_held_out(pair.group, settings.seed, settings.held_out_share):
                held_out.append(pair)
            else:
                train.append(pair)
    rng.shuffle(train)
    rng.shuffle(held_out)
    return train, held_out[: settings.held_out_max]


def read_dev_set(path: Path) -> list[tuple[str, str, int]]:
    """(claim_a, claim_b, label index) of the project's dev set; empty if it is absent."""
    import csv

    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["claim_a"], row["claim_b"], DEV_LABELS[row["label"]])
            for row in csv.DictReader(handle)
        ]


@dataclass(frozen=True)
class DevPairs:
    """The dev set as columns: both claims of each pair and its gold label index."""

    texts_a: list[str]
    texts_b: list[str]
    gold: np.ndarray

    def vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Both sides' sentence vectors, from the embedding cache."""
        cache = EmbeddingCache()
        return cache.encode(self.texts_a), cache.encode(self.texts_b)


def dev_tuner_arguments(description: str) -> argparse.Namespace:
    """Parse a dev-set tuner's command line: ``--dev-set``, ``--out`` and nothing else."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument("--out", type=Path, help="Write the table as JSON here.")
    return parser.parse_args()


def read_dev_pairs(path: Path) -> DevPairs:
    """:func:`read_dev_set` as columns."""
    dev = read_dev_set(path)
    return DevPairs(
        [a for a, _, _ in dev], [b for _, b, _ in dev], np.array([y for _, _, y in dev])
    )


def new_pair_model() -> BertForSequenceClassification:
    """The packaged cross-encoder with a six-way classifier seeded from its three-way one."""
    import torch

    model = load_model()
    old = model.classifier
    new = torch.nn.Linear(old.in_features, len(PAIR_CLASSES))
    with torch.no_grad():
        for row, name in enumerate(PAIR_CLASSES):
            new.weight[row] = old.weight[_SEED_ROWS[name]]
            new.bias[row] = old.bias[_SEED_ROWS[name]]
    model.classifier = new
    model.num_labels = len(PAIR_CLASSES)
    model.config.num_labels = len(PAIR_CLASSES)
    model.config.id2label = dict(enumerate(PAIR_CLASSES))
    model.config.label2id = {name: i for i, name in enumerate(PAIR_CLASSES)}
    for name, parameter in model.named_parameters():
        if name.startswith(FROZEN_PREFIXES):
            parameter.requires_grad_(False)
    return model


def _encode(tokenizer: PreTrainedTokenizerBase, a: Sequence[str], b: Sequence[str]) -> Any:
    return tokenizer(
        list(a), list(b), truncation=True, max_length=MAX_LENGTH, padding=True, return_tensors="pt"
    )


def probabilities(
    model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, pairs: Sequence[tuple[str, str]]
) -> np.ndarray:
    """``(n, 6)`` class probabilities of the torch model (pairs batched by length)."""
    import torch

    model.eval()
    result = np.zeros((len(pairs), len(PAIR_CLASSES)), dtype=np.float32)
    order = np.argsort([len(a) + len(b) for a, b in pairs], kind="stable")
    with torch.inference_mode():
        for start in range(0, len(order), 32):
            chunk = order[start : start + 32]
            encoded = _encode(tokenizer, [pairs[i][0] for i in chunk], [pairs[i][1] for i in chunk])
            result[chunk] = torch.softmax(model(**encoded).logits.float(), dim=-1).numpy()
    return result


def allowed_mass_loss(logits: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
    """Mean of -log(sum of the probabilities of each row's allowed classes)."""
    import torch

    masked = logits.masked_fill(~allowed, float("-inf"))
    return (torch.logsumexp(logits, dim=-1) - torch.logsumexp(masked, dim=-1)).mean()


def scores(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    held_out: Sequence[TrainingPair],
    dev: Sequence[tuple[str, str, int]],
) -> dict[str, float]:
    """Held-out "allowed" accuracy (top class among the allowed) and dev four-way macro-F1."""
    found: dict[str, float] = {}
    if held_out:
        probs = probabilities(model, tokenizer, [(p.text_a, p.text_b) for p in held_out])
        top = probs.argmax(axis=1)
        found["held_out_accuracy"] = float(
            np.mean([PAIR_CLASSES[t] in p.allowed for t, p in zip(top, held_out, strict=True)])
        )
    if dev:
        probs = probabilities(model, tokenizer, [(a, b) for a, b, _ in dev])
        predicted = np.array([FOUR_WAY[PAIR_CLASSES[t]] for t in probs.argmax(axis=1)])
        gold = np.array([label for _, _, label in dev])
        found["dev_macro_f1"] = macro_f1(gold, predicted)
        found["dev_accuracy"] = float(np.mean(gold == predicted))
    return found


def _better(new: dict[str, float], old: dict[str, float] | None) -> bool:
    key = "dev_macro_f1" if "dev_macro_f1" in new else "held_out_accuracy"
    return old is None or new.get(key, 0.0) > old.get(key, 0.0)


def train(
    train_pairs: Sequence[TrainingPair],
    held_out: Sequence[TrainingPair],
    dev: Sequence[tuple[str, str, int]],
    settings: Settings,
) -> tuple[BertForSequenceClassification, dict[str, Any]]:
    """Fine-tune; return the best checkpoint (dev macro-F1, else held-out) and a log."""
    import torch

    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    rng = random.Random(settings.seed)
    model = new_pair_model()
    tokenizer = load_tokenizer()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        trainable, lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    order = list(range(len(train_pairs)))
    batches: list[list[int]] = []
    for _ in range(settings.epochs):
        rng.shuffle(order)
        window = settings.batch_size * 50
        for start in range(0, len(order), window):
            chunk = sorted(
                order[start : start + window],
                key=lambda i: len(train_pairs[i].text_a) + len(train_pairs[i].text_b),
            )
            batches += [
                chunk[i : i + settings.batch_size]
                for i in range(0, len(chunk), settings.batch_size)
            ]
    rng.shuffle(batches)
    total = len(batches)
    log: dict[str, Any] = {"steps": total, "checkpoints": []}
    best: dict[str, float] | None = None
    best_state = None
    started, seen = time.perf_counter(), 0
    for step, batch in enumerate(batches, start=1):
        model.train()
        pairs = [train_pairs[i] for i in batch]
        seen += len(pairs)
        encoded = _encode(tokenizer, [p.text_a for p in pairs], [p.text_b for p in pairs])
        allowed = torch.tensor([[name in p.allowed for name in PAIR_CLASSES] for p in pairs])
        loss = allowed_mass_loss(model(**encoded).logits, allowed)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        optimizer.zero_grad()
        minutes = (time.perf_counter() - started) / 60
        for group in optimizer.param_groups:
            group["lr"] = settings.learning_rate * learning_rate_factor(
                min(step / total, minutes / settings.max_minutes), settings.warmup_share
            )
        if step % 50 == 0:
            print(f"step {step}/{total} loss {loss.item():.3f} {minutes:.1f} min", flush=True)
        out_of_time = minutes > settings.max_minutes
        if step % settings.eval_every == 0 or out_of_time or step == total:
            metrics = scores(model, tokenizer, held_out, dev)
            log["checkpoints"].append({"step": step, "minutes": round(minutes, 1), **metrics})
            print(f"scores at step {step}: {json.dumps(metrics)}", flush=True)
            if settings.keep_checkpoints is not None:
                save_checkpoint(model, settings.keep_checkpoints / f"step-{step}")
            if _better(metrics, best):
                best = metrics
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
                save_checkpoint(model, WORK_DIR)
        if out_of_time:
            log["stopped_early_at_step"] = step
            break
    seconds = time.perf_counter() - started
    log["train_minutes"] = round(seconds / 60, 1)
    log["pairs_per_second"] = round(seen / seconds, 1)
    log["best"] = best
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return model, log


def learning_rate_factor(progress: float, warmup: float) -> float:
    """Linear warm-up, then linear decay to 5 % over the run's progress (the larger of the
    share of steps done and the share of the time budget spent, so a run stopped by its
    budget still ends with a small learning rate)."""
    if progress < warmup:
        return max(0.01, progress / warmup)
    return max(0.05, 1.0 - (progress - warmup) / (1.0 - warmup))


def save_checkpoint(model: torch.nn.Module, directory: Path) -> None:
    """The full fp32 model (for export and evaluation) in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(directory))  # type: ignore[operator]


def _with_softmax(model: torch.nn.Module) -> torch.nn.Module:
    """The classifier wrapped so that the exported graph returns probabilities."""
    import torch

    class Wrapped(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            logits = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits
            return torch.softmax(logits, dim=-1)

    return Wrapped().eval()


def export_onnx(model: torch.nn.Module, out: Path) -> Path:
    """Export fp32 ONNX, then write the int8 (dynamic, per-channel) model to ``out``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.parent.mkdir(parents=True, exist_ok=True)
    fp32 = WORK_DIR / "pair_model.fp32.onnx"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    wrapped = _with_softmax(model)
    sample = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(
        wrapped,
        (sample, sample, torch.zeros_like(sample)),
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["probabilities"],
        dynamic_axes={
            "input_ids": axes,
            "attention_mask": axes,
            "token_type_ids": axes,
            "probabilities": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(out), per_channel=True, weight_type=QuantType.QInt8)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=default_model_path())
    parser.add_argument("--dev-set", type=Path, default=DEV_SET)
    parser.add_argument("--max-minutes", type=float, default=Settings.max_minutes)
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every source's size.")
    parser.add_argument("--threads", type=int, default=Settings.threads)
    parser.add_argument("--epochs", type=int, default=Settings.epochs)
    parser.add_argument("--learning-rate", type=float, default=Settings.learning_rate)
    parser.add_argument("--eval-every", type=int, default=Settings.eval_every)
    parser.add_argument(
        "--close-pairs",
        type=int,
        default=SOURCE_SIZES["close_same_document"],
        help="Close sentence pairs of one article as 'related' (off; 2,500 tried, not kept).",
    )
    parser.add_argument(
        "--authored-copies",
        type=int,
        default=SOURCE_SIZES["authored"],
        help="Readings of each authored news pair an epoch (benchmarks/trainset; 0: none).",
    )
    parser.add_argument(
        "--authored",
        type=Path,
        nargs="+",
        default=[AUTHORED_PAIRS],
        metavar="CSV",
        help="Authored news pair files (default: benchmarks/trainset/news_pairs.csv; add "
        "news_pairs_2.csv and news_pairs_4.csv beside it for the second and fourth batches, "
        "not in the shipped recipe; news_pairs_3.csv is held out).",
    )
    parser.add_argument("--keep-checkpoints", type=Path, help="Save every scored checkpoint here.")
    parser.add_argument("--export-only", action="store_true", help=f"Export {WORK_DIR} as it is.")
    args = parser.parse_args(argv)
    if args.export_only:
        from transformers import BertForSequenceClassification

        print(
            export_onnx(
                BertForSequenceClassification.from_pretrained(str(WORK_DIR)).eval(), args.out
            )
        )
        return
    settings = Settings(
        max_minutes=args.max_minutes,
        scale=args.scale,
        threads=args.threads,
        epochs=args.epochs,
        learning_rate=args.learning_rate,
        eval_every=args.eval_every,
        keep_checkpoints=args.keep_checkpoints,
    )
    settings.source_sizes = {
        k: max(1, round(v * args.scale)) for k, v in settings.source_sizes.items()
    }
    settings.source_sizes["close_same_document"] = round(args.close_pairs * args.scale)
    settings.source_sizes["authored"] = args.authored_copies
    by_source = pair_training_data(
        args.data_dir,
        EmbeddingCache(DEFAULT_CACHE_DIR, LEXICAL_MODEL, LexicalEmbedder()),
        settings.seed,
        settings.source_sizes,
        EmbeddingCache().encode if settings.source_sizes["close_same_document"] else None,
        args.authored,
    )
    train_pairs, held_out = split_pairs(by_source, settings)
    dev = read_dev_set(args.dev_set)
    print(
        f"{len(train_pairs)} training pairs, {len(held_out)} held out, {len(dev)} dev", flush=True
    )
    model, log = train(train_pairs, held_out, dev, settings)
    log["settings"] = asdict(settings)
    log["sources"] = {name: len(pairs) for name, pairs in by_source.items()}
    log["authored_files"] = [str(path) for path in args.authored]
    export_onnx(model, args.out)
    log_path = args.out.with_suffix(".training.json")
    log_path.write_text(json.dumps(log, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {args.out} and {log_path}", flush=True)


if __name__ == "__main__":
    main()
