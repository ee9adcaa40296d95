"""Exceptions with messages a user can act on: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CorroborateError(Exception):
    """Base class for every error the library raises on purpose."""


@dataclass(frozen=True)
class RecordProblem:
    """One malformed input record: where it is and what is wrong with it."""

    source: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        text = f"{where}: {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text


class InputError(CorroborateError):
    """Raised for a malformed input record when errors are not skipped."""

    def __init__(self, problem: RecordProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class IndexMismatchError(CorroborateError):
    """An index was opened with a model or dimension other than the one it was built with."""


class IndexCorruptError(CorroborateError):
    """The files of an index do not agree with its manifest."""


class IndexLockedError(CorroborateError):
    """Another process holds the index's write lock."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(
            f"index {path} is being written by another process ({holder}); "
            "wait for it to finish or pass a longer --lock-timeout"
        )
