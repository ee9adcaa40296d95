"""The report folder: one dated folder per report, and a ``latest`` symlink to the newest.

Layout::

    out/2024-03-27/        report.html, report.md, report.json, groups.parquet
    out/2024-03-27-2/      a second report written the same day
    out/latest -> 2024-03-27-2

A report is written into a hidden temporary folder, synced, then renamed to its dated name;
``latest`` is then replaced by a new symlink with one ``os.replace``. A run killed at any
point leaves every earlier report and the ``latest`` link as they were; its leftover
temporary folder is removed by the next run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from corroborate.errors import CorroborateError

LATEST = "latest"
REPORT_JSON = "report.json"
_TEMP_PREFIX = ".tmp-"
_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dated(name: str) -> tuple[dt.date, int] | None:
    """``(date, n)`` of a report folder name, ``n`` = 1 for the day's first report."""
    match = _DATED.match(name)
    if match is None:
        return None
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return day, int(match.group(2) or 1)


def _report_folders(out_dir: Path) -> list[tuple[tuple[dt.date, int], Path]]:
    """Every dated folder holding a report.json, with its date and number, oldest first."""
    if not out_dir.is_dir():
        return []
    return sorted(
        (key, path)
        for path in out_dir.iterdir()
        if (key := _dated(path.name)) and (path / REPORT_JSON).is_file()
    )


def latest_folder(out_dir: Path) -> Path | None:
    """The report folder ``latest`` points to, if it is a symlink to a report."""
    link = out_dir / LATEST
    if not link.is_symlink() or not (link / REPORT_JSON).is_file():
        return None
    return out_dir / link.readlink()


def latest_report(out_dir: Path) -> Path | None:
    """The report.json that ``latest`` points to, if any."""
    folder = latest_folder(out_dir)
    return folder / REPORT_JSON if folder is not None else None


def baseline_report(out_dir: Path, since: dt.date | None) -> Path | None:
    """The report.json to compare with: the latest one, or with ``since`` the newest one
    dated on or before that day."""
    if since is None:
        return latest_report(out_dir)
    dated = [path for (day, _), path in _report_folders(out_dir) if day <= since]
    return dated[-1] / REPORT_JSON if dated else None


def _next_name(out_dir: Path, today: dt.date) -> str:
    taken = [key[1] for path in out_dir.iterdir() if (key := _dated(path.name)) and key[0] == today]
    if not taken:
        return today.isoformat()
    return f"{today.isoformat()}-{max(taken) + 1}"


def remove_leftovers(out_dir: Path) -> None:
    """Delete temporary folders and links left by a killed run (call while holding the lock)."""
    for path in out_dir.iterdir():
        if path.name.startswith(_TEMP_PREFIX) or path.name.startswith(f".{LATEST}{_TEMP_PREFIX}"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()


def point_latest(out_dir: Path, name: str) -> None:
    """Atomically make ``out_dir/latest`` a symlink to ``name`` (relative)."""
    temp = out_dir / f".{LATEST}{_TEMP_PREFIX}{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    os.symlink(name, temp)
    os.replace(temp, out_dir / LATEST)
    _fsync(out_dir)


def publish(out_dir: Path, today: dt.date, write: Callable[[Path], None]) -> Path:
    """Run ``write(folder)`` on a temporary folder, then move it to ``out_dir/<today>[-N]``
    and point ``latest`` at it. Returns the new folder. Call while holding the lock."""
    out_dir.mkdir(parents=True, exist_ok=True)
    latest = out_dir / LATEST
    if latest.exists() and not latest.is_symlink():
        raise CorroborateError(
            f"{latest} is a {'folder' if latest.is_dir() else 'file'}, not the link to the "
            "newest report that corroborate keeps there (a copy that followed links, such as "
            "`cp -rL`, makes one); move it out of the way and run again"
        )
    remove_leftovers(out_dir)
    temp = out_dir / f"{_TEMP_PREFIX}{today.isoformat()}-{os.getpid()}"
    temp.mkdir()
    try:
        write(temp)
        for path in temp.iterdir():
            _fsync(path)
        _fsync(temp)
        final = out_dir / _next_name(out_dir, today)
        os.rename(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _fsync(out_dir)
    point_latest(out_dir, final.name)
    return final
