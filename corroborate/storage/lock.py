"""An advisory, process-wide write lock on an index directory (``fcntl.flock``)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import time
from pathlib import Path
from types import TracebackType

from corroborate.errors import IndexLockedError

LOCK_FILE = ".lock"


class WriteLock:
    """Exclusive lock held while one process writes an index.

    The kernel drops the lock when the holder dies, so a killed writer never leaves the index
    locked. Waits up to ``timeout`` seconds for another writer, then raises
    :class:`IndexLockedError` naming the holder. The lock file is removed on release (by the
    holder, while it still holds the lock), so nothing is left behind after a run, even a
    failed one (one killed outright leaves the file, unlocked: the next writer takes it and
    removes it); a waiter that locked a file removed that way locks the new one instead.
    """

    def __init__(self, directory: Path, timeout: float = 60.0, poll: float = 0.1) -> None:
        self.path = directory / LOCK_FILE
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.timeout
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise IndexLockedError(self.path.parent, holder or "unknown process") from None
                time.sleep(self.poll)
                continue
            if self._is_current(fd):
                break
            os.close(fd)  # released and removed by its holder meanwhile: lock the new file
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}".encode(), 0)
        self._fd = fd
        return self

    def _is_current(self, fd: int) -> bool:
        """Whether ``fd`` is still the file at :attr:`path` (not one removed by a holder)."""
        try:
            named = os.stat(self.path)
        except FileNotFoundError:
            return False
        opened = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
