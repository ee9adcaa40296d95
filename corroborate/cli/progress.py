"""Progress of long commands: a live bar on a terminal, plain log lines otherwise (cron).

On a terminal the bar shows the current step (a spinner keeps moving while, e.g., the model
loads) and, for counted steps, how many items are done. Off a terminal, steps and counts are
written as timestamped log lines to stderr: the library logs each step itself, so ``stage``
is None there and the meter writes one line per tenth of a counted step. Logging to stderr
lasts as long as the display (see :func:`log_to_stderr`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from corroborate.embedders.meter import Meter, logging_meter
from corroborate.ingest import Stage

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "_corroborate_stderr"


@contextmanager
def log_to_stderr() -> Iterator[None]:
    """Write INFO log lines to (the current) stderr for the duration of the block (once:
    nested blocks add nothing)."""
    root = logging.getLogger()
    if any(getattr(handler, _OURS, False) for handler in root.handlers):
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    setattr(handler, _OURS, True)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    level = root.level
    root.addHandler(handler)
    root.setLevel(min(level, logging.INFO) if level else logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@contextmanager
def progress_display(err: Console) -> Iterator[tuple[Stage | None, Meter]]:
    """``(stage, meter)`` for the library: a bar on ``err`` if it is a terminal, else log
    lines (``stage`` None) after configuring logging to stderr."""
    if not err.is_terminal:
        with log_to_stderr():
            yield None, logging_meter(logging.getLogger("corroborate.progress"))
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=None)

        def stage(message: str) -> None:
            progress.update(task, description=escape(message), total=None, completed=0)

        def meter(done: int, total: int) -> None:
            progress.update(task, total=total, completed=done)

        yield stage, meter
