"""Exceptions with messages a user can act on: what is wrong, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class CorroborateError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = 2
    """The command line's exit status for this error."""


_ONE_LINE = {
    ord(c): c.encode("unicode_escape").decode() for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
}


@dataclass(frozen=True)
class _Located:
    """A message about one input record (or file): where it is, what, and the fix."""

    source: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        """One line, ``SOURCE:LINE: message (fix: ...)``; line breaks inside are escaped."""
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        text = f"{where}: {self.message}"
        return (f"{text} (fix: {self.fix})" if self.fix else text).translate(_ONE_LINE)


@dataclass(frozen=True)
class RecordProblem(_Located):
    """One malformed input record: it is skipped (or, with ``fail``, stops the ingest)."""


@dataclass(frozen=True)
class RecordWarning(_Located):
    """A record that was read, but not whole (e.g. cut at the per-article sentence limit)."""


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


class NothingIngestedError(CorroborateError):
    """Every input given was missing or rejected: nothing was read, and nothing written.

    Exit status 2 when a path does not exist (a mistyped path), 1 when inputs were read but
    every record was rejected.
    """

    def __init__(self, problems: Sequence[RecordProblem], *, missing_path: bool) -> None:
        self.problems = list(problems)
        self.exit_code = 2 if missing_path else 1
        first = f" (first: {self.problems[0]})" if self.problems else ""
        reason = "a path does not exist" if missing_path else "every input was rejected"
        super().__init__(f"nothing was ingested: {reason}{first}")
