"""The package layout is the pipeline: no stage imports a later one, and nothing at run time
imports the offline training code (``corroborate.training``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "corroborate"

# Stages in the order data passes through them; a module may import its own stage or an
# earlier one. Shared records and loaders sit first; the CLI and training come last.
STAGES: list[set[str]] = [
    {"errors", "models", "threads", "datasets"},
    {"readers"},
    {"claims"},
    {"embedders"},
    {"storage", "ann"},
    {"retrieval"},
    {"checks"},
    {"relations"},
    {"grouping"},
    {"report"},
    {"ingest", "corpus", "nightly", "bench", "distributed"},
    {"cli"},
    {"training"},
    {"__main__", "__init__"},
]


def _stage_of(top: str) -> int:
    for rank, names in enumerate(STAGES):
        if top in names:
            return rank
    raise AssertionError(f"corroborate.{top} is in no stage of tests/test_layout.py: add it")


def _imports() -> list[tuple[str, str]]:
    """(importing file, imported top-level part) for every corroborate import in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "corroborate" and len(parts) > 1:
                    found.append((str(path.relative_to(PACKAGE)), parts[1]))
    return found


def _top_of(relative: str) -> str:
    first = relative.split("/")[0]
    return first.removesuffix(".py")


def test_every_package_and_module_has_a_stage() -> None:
    for path in PACKAGE.iterdir():
        if path.name.startswith(("_", ".")) and path.name not in {"__init__.py", "__main__.py"}:
            continue
        if path.is_dir() and not (path / "__init__.py").exists():
            continue  # artifacts/
        if path.suffix in {".py", ""}:
            _stage_of(path.name.removesuffix(".py"))


def test_no_stage_imports_a_later_one() -> None:
    upward = [
        f"{source} imports corroborate.{target}"
        for source, target in _imports()
        if _stage_of(target) > _stage_of(_top_of(source))
    ]
    assert upward == []


def test_nothing_at_run_time_imports_training() -> None:
    offenders = [
        source
        for source, target in _imports()
        if target == "training" and not source.startswith("training/")
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "package",
    [
        "readers",
        "claims",
        "embedders",
        "storage",
        "ann",
        "retrieval",
        "checks",
        "relations",
        "grouping",
        "report",
        "bench",
        "datasets",
        "cli",
        "training",
    ],
)
def test_each_stage_says_what_comes_in_and_goes_out(package: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()))
    assert doc and "In:" in doc and "Out:" in doc
