"""Atomic file writes: write a temporary file beside the target, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to disk (where a full disk reports itself, if not before)."""
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temp_path)`` and move the result onto ``target`` in one rename.

    Readers see either the old file or the complete new one, never a partial write; on any
    error (a full disk included) the temporary file is removed.
    """
    temp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        write(temp)
        fsync_file(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_directory(target.parent)


def atomic_write_text(target: Path, text: str) -> None:
    """Atomically replace ``target`` with ``text`` (UTF-8)."""
    atomic_write(target, lambda temp: temp.write_text(text, encoding="utf-8"))
