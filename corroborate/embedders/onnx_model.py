"""Embedder running an int8 ONNX graph with onnxruntime, tokenised by ``tokenizers`` (Rust).

No torch: the graph (:mod:`~corroborate.embedders.onnx_export`) holds the transformer, the
mean pooling and the L2 normalisation. It is exported once per model, at set-up or first use
(that one time needs torch), and cached under ``$CORROBORATE_CACHE_DIR`` (default
``~/.cache/corroborate``). Batches are cut from the texts sorted by length (little padding),
and the next batch is tokenised while the current one runs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.embedders.onnx_export import export_int8, recipe

ONNX_BACKEND = "onnx"
MAX_TOKENS = 256
BATCH_SIZE = 16
"""Texts per inference call. Small batches of like-length texts keep a layer's activations in
the core's cache: on the 2-core VM, 16 ran ~1.35x the sentences/s of 64 on one thread, and
at least as fast on two; and int8 activations are scaled per batch, so a small batch is also
closer to float32 (STS-B min cosine 0.981 against 0.974; benchmarks/RESULTS.md)."""
CACHE_ENV = "CORROBORATE_CACHE_DIR"
THREADS_ENV = "CORROBORATE_EMBED_THREADS"


def cache_root() -> Path:
    """Where exported graphs are kept: ``$CORROBORATE_CACHE_DIR`` or ``~/.cache/corroborate``."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corroborate"


def cached_graph(identity: str, *, tokens: bool = False) -> Path:
    """The cache path of ``identity``'s int8 graph (of token states, with ``tokens``), named
    by the model and the export recipe."""
    digest = hashlib.sha256(f"{identity}|{recipe(tokens)}".encode()).hexdigest()[:16]
    slug = "".join(c if c.isalnum() else "-" for c in identity.rsplit("/", 1)[-1])[:40]
    return cache_root() / "onnx" / f"{slug}-{digest}.onnx"


def int8_graph(identity: str, location: str, *, tokens: bool = False) -> Path:
    """``identity``'s int8 graph (of token states, with ``tokens``), exported from
    ``location`` on first use (about 30 s)."""
    graph = cached_graph(identity, tokens=tokens)
    if not graph.is_file():
        export_int8(location, graph, tokens=tokens)
    return graph


def default_threads() -> int:
    """Intra-op threads for bulk encoding: ``$CORROBORATE_EMBED_THREADS`` if set, else every
    core this process may use, at most 8 (past that one MiniLM batch gains little;
    benchmarks/RESULTS.md)."""
    configured = os.environ.get(THREADS_ENV, "").strip()
    if configured:
        return max(1, int(configured))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


class OnnxEmbedder:
    """Encodes with an ONNX sentence-embedding graph on the CPU."""

    backend = ONNX_BACKEND

    def __init__(
        self,
        model: str,
        graph: Path,
        tokenizer_file: Path,
        *,
        threads: int | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.model = model
        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        self._counter: Any = None
        self.max_tokens = MAX_TOKENS
        self._sessions: dict[int, Any] = {}
        self._ort = ort
        self._graph = str(graph)
        self.threads = threads or default_threads()

    @property
    def dimension(self) -> int:
        """Length of the vectors (read from the graph; opens the bulk session if none is)."""
        session = next(iter(self._sessions.values()), None) or self._session(self.threads)
        return int(session.get_outputs()[0].shape[-1])

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` (special tokens included) before the cut at ``max_tokens``."""
        if self._counter is None:
            from tokenizers import Tokenizer

            self._counter = Tokenizer.from_str(self._tokenizer.to_str())
            self._counter.no_truncation()
        return len(self._counter.encode(text).ids)

    def _session(self, threads: int) -> Any:
        """An inference session with ``threads`` intra-op threads, opened on first use: one
        thread for a single text (a query), ``self.threads`` for bulk work. A process usually
        needs only one of the two, so only one copy of the weights is held."""
        if threads not in self._sessions:
            options = self._ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            options.graph_optimization_level = self._ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self._sessions[threads] = self._ort.InferenceSession(
                self._graph, options, providers=["CPUExecutionProvider"]
            )
        return self._sessions[threads]

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """``(len(texts), dimension)`` unit vectors, in the order of ``texts``."""
        session = self._session(1 if len(texts) == 1 else self.threads)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        order = np.argsort([len(text) for text in texts], kind="stable")
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        for rows, feed in zip(batches, self._feeds(texts, batches), strict=True):
            out[rows] = session.run(None, feed)[0]
        return out

    def _feeds(self, texts: Sequence[str], batches: list[np.ndarray]) -> Iterator[dict]:
        """Tokenised batches, each prepared on a helper thread while the previous one runs."""
        if len(batches) == 1:
            yield self._tokenise([texts[i] for i in batches[0]])
            return
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(self._tokenise, [texts[i] for i in batches[0]])
            for following in [*batches[1:], None]:
                feed = pending.result()
                if following is not None:
                    pending = pool.submit(self._tokenise, [texts[i] for i in following])
                yield feed

    def _tokenise(self, texts: list[str]) -> dict[str, np.ndarray]:
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        types = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            ids[row, :length] = encoding.ids
            mask[row, :length] = 1
            types[row, :length] = encoding.type_ids
        arrays = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        names = [node.name for node in next(iter(self._sessions.values())).get_inputs()]
        return {name: arrays[name] for name in names}
