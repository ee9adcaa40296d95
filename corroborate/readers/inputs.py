"""Find the input files behind the paths a user gives and read each in its format."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

from corroborate.errors import InputError, RecordProblem
from corroborate.readers.limits import ArticleLimits
from corroborate.readers.tabular import Read, read_csv, read_jsonl, read_parquet
from corroborate.readers.text_format import read_article_text
from corroborate.readers.validation import UTF8_BOM

Reader = Callable[[io.BufferedReader, str, ArticleLimits], Iterator[Read]]

_READERS: dict[str, Reader] = {
    "text": read_article_text,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "parquet": read_parquet,
}
SUPPORTED_FORMATS: tuple[str, ...] = tuple(_READERS)
FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}
MISSING_PATH = "no such file or directory"
"""The message of the problem reported for a path that does not exist."""
STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"
_EXTENSIONS_TEXT = ", ".join(FORMAT_BY_EXTENSION)


def read_inputs(
    paths: Sequence[str | Path],
    *,
    input_format: str | None = None,
    stdin: BinaryIO | None = None,
    limits: ArticleLimits = ArticleLimits(),
) -> Iterator[Read]:
    """Yield every article in ``paths``, a problem for each record that is malformed, and a
    warning before each article cut at ``limits.max_sentences`` (see
    :mod:`~corroborate.readers.limits`).

    A path is a file, a directory (searched recursively, in sorted order, for files
    with a supported extension that are not hidden) or ``-`` for standard input.
    ``input_format`` names the format of files given by name and of standard input
    (sniffed otherwise: JSONL if it starts with ``{``, else the text format); files
    found in directories are always read by their extension.

    Raises :class:`InputError` at once for an unknown ``input_format``.
    """
    forced_format = _checked_format(input_format)
    return _read_all(list(paths), forced_format, stdin, limits)


def _checked_format(input_format: str | None) -> str | None:
    if input_format is None:
        return None
    name = input_format.strip().lower()
    if name not in _READERS:
        raise InputError(
            RecordProblem(
                source="--format",
                line=None,
                message=f"unknown input format {input_format!r}",
                fix=f"use one of: {', '.join(SUPPORTED_FORMATS)}",
            )
        )
    return name


@dataclass(frozen=True)
class InputFile:
    """One file :func:`read_inputs` reads: where it is, how it is named in messages, the
    format forced on it (``None``: by its extension) and the limits an article is read to."""

    path: Path
    source: str
    forced_format: str | None = None
    limits: ArticleLimits = field(default_factory=ArticleLimits)


def plan_inputs(
    paths: Sequence[str | Path],
    *,
    input_format: str | None = None,
    limits: ArticleLimits = ArticleLimits(),
) -> list[InputFile | RecordProblem]:
    """The files :func:`read_inputs` would read for ``paths`` (no ``-``), in its order, and a
    problem in place of each path that names no readable input. Reading each planned file
    with :func:`read_input_file` yields exactly what :func:`read_inputs` yields with the
    same ``limits``, so the files can be read apart (in parallel) and the records put back
    in this order."""
    forced_format = _checked_format(input_format)
    planned: list[InputFile | RecordProblem] = []
    for given in paths:
        if str(given) == STDIN_PATH:
            raise ValueError("standard input cannot be planned as files; use read_inputs")
        planned.extend(_plan_path(given, forced_format, limits))
    return planned


def read_input_file(item: InputFile) -> Iterator[Read]:
    """Every record of one planned file (see :func:`plan_inputs`), read to its limits."""
    return _read_file(item.path, item.source, item.forced_format, item.limits)


def _plan_path(
    given: str | Path, forced_format: str | None, limits: ArticleLimits
) -> list[InputFile | RecordProblem]:
    path = Path(given)
    if path.is_dir():
        files = _input_files(path)
        if not files:
            return [
                RecordProblem(
                    str(path),
                    None,
                    "the directory holds no input files",
                    f"put files ending in {_EXTENSIONS_TEXT} in it (hidden files are skipped)",
                )
            ]
        return [InputFile(file, str(file), None, limits) for file in files]
    if path.exists():
        return [InputFile(path, str(given), forced_format, limits)]
    return [RecordProblem(str(given), None, MISSING_PATH, "check the path and its spelling")]


def _read_all(
    paths: list[str | Path],
    forced_format: str | None,
    stdin: BinaryIO | None,
    limits: ArticleLimits,
) -> Iterator[Read]:
    for given in paths:
        if str(given) == STDIN_PATH:
            stream = sys.stdin.buffer if stdin is None else stdin
            yield from _read_stdin(stream, forced_format, limits)
            continue
        for item in _plan_path(given, forced_format, limits):
            if isinstance(item, RecordProblem):
                yield item
            else:
                yield from read_input_file(item)


def _read_stdin(
    stdin: BinaryIO, forced_format: str | None, limits: ArticleLimits
) -> Iterator[Read]:
    stream = (
        stdin
        if isinstance(stdin, io.BufferedReader)
        else io.BufferedReader(cast(io.RawIOBase, stdin))
    )
    input_format = forced_format or _sniff_format(stream)
    yield from _READERS[input_format](stream, STDIN_SOURCE, limits)


def _sniff_format(stream: io.BufferedReader) -> str:
    """JSONL when the first non-blank byte opens a JSON object, else the text format."""
    head = stream.peek(io.DEFAULT_BUFFER_SIZE).removeprefix(UTF8_BOM).lstrip()
    return "jsonl" if head.startswith(b"{") else "text"


def _input_files(root: Path) -> list[Path]:
    """Files under ``root`` with a supported extension, hidden ones skipped, in sorted order."""
    found: list[Path] = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        found.extend(
            Path(directory, name)
            for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in FORMAT_BY_EXTENSION
        )
    return found


def _read_file(
    path: Path, source: str, forced_format: str | None, limits: ArticleLimits
) -> Iterator[Read]:
    input_format = forced_format or FORMAT_BY_EXTENSION.get(path.suffix.lower())
    if input_format is None:
        yield RecordProblem(
            source,
            None,
            f"unknown input format for a file named {path.name!r}",
            f"give it one of the extensions {_EXTENSIONS_TEXT}, or pass --format",
        )
        return
    try:
        with path.open("rb") as stream:
            yield from _READERS[input_format](stream, source, limits)
    except OSError as error:
        yield RecordProblem(
            source, None, f"cannot read the file: {error.strerror}", "check its permissions"
        )
