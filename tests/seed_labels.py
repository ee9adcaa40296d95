"""Read the labeled claim groups of seeds/README.md (the end-to-end fixture)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@dataclass(frozen=True)
class LabeledRow:
    """One row of a story table: a sentence and its relation to the group's canonical claim."""

    story: str
    file: str
    relation: str
    what: str
    sentence: str

    @property
    def domain(self) -> str:
        return self.file.split("_", 1)[0]


@dataclass(frozen=True)
class LabeledGroup:
    story: str
    canonical: LabeledRow
    rows: tuple[LabeledRow, ...]


def load_groups(readme: Path = SEEDS / "README.md") -> list[LabeledGroup]:
    """Every claim group under a ``### Story:`` heading, in table order."""
    groups: list[LabeledGroup] = []
    story = ""
    canonical: LabeledRow | None = None
    rows: list[LabeledRow] = []

    def close() -> None:
        if canonical is not None:
            groups.append(LabeledGroup(story, canonical, tuple(rows)))

    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            close()
            canonical, rows = None, []
            story = line.split("Story:", 1)[1].strip() if line.startswith("### Story:") else ""
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not story or len(cells) != 4 or cells[0] in ("file", "---"):
            continue
        row = LabeledRow(story, *cells)
        if row.relation == "canonical":
            close()
            canonical, rows = row, []
        else:
            rows.append(row)
    close()
    return groups
