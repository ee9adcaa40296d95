"""Running a judge's ONNX graphs on two cores: one thread per run, runs spread over threads.

onnxruntime lets go of the GIL, so single-input runs on a small thread pool use every core
(single-pair runs gain 1.65x over two intra-op threads on 2 cores, same output). Runs are one
input each where a result must not hang on batch-mates: an int8 graph with dynamic
quantisation scales its activations per run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def judge_threads() -> int:
    """Threads the judge's graphs run on (``CORROBORATE_JUDGE_THREADS``, else up to 4)."""
    return int(os.environ.get("CORROBORATE_JUDGE_THREADS", "0")) or min(4, os.cpu_count() or 1)


def single_thread_session(path: Path) -> Any:
    """An onnxruntime CPU session of one thread that does not busy-wait (on a shared 2-core
    machine spinning threads starve each other)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def run_spread(run: Callable[[Item], Result], items: Sequence[Item], threads: int) -> list[Result]:
    """``run`` on each item, in order, spread over ``threads`` threads."""
    if threads < 2 or len(items) < 2:
        return [run(item) for item in items]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, items))
