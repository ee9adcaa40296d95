"""Read the labeled claim groups of seeds/README.md (the end-to-end fixture)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corroborate.models import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
README = SEEDS / "README.md"


@cache
def file_domain(file: str) -> str:
    """The outlet of a seeds file, from its URL (line 3): the seed's name has no domain."""
    from corroborate.claims import source_domain

    url = (SEEDS / file).read_text(encoding="utf-8").splitlines()[2]
    return source_domain(url)


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
        return file_domain(self.file)


@dataclass(frozen=True)
class LabeledGroup:
    story: str
    canonical: LabeledRow
    rows: tuple[LabeledRow, ...]


def load_groups(readme: Path = README) -> list[LabeledGroup]:
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


def _section(name: str, readme: Path = README) -> str:
    text = readme.read_text(encoding="utf-8")
    return text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]


def listed_boilerplate(readme: Path = README) -> set[tuple[str, str]]:
    """(file name, line) pairs from the ``## Boilerplate`` table: every line to drop."""
    return set(re.findall(r"^\| (\S+\.txt) \| (.+) \|$", _section("Boilerplate", readme), re.M))


@dataclass(frozen=True)
class Invention:
    """A claim made up for the fixture (``## Fixture inventions``)."""

    file: str
    invention: str
    sentence: str


def load_inventions(readme: Path = README) -> list[Invention]:
    """Every invented sentence, in table order (a file may have more than one)."""
    rows = re.findall(
        r"^\| (\S+\.txt) \| (.+?) \| (.+) \|$", _section("Fixture inventions", readme), re.M
    )
    return [Invention(*row) for row in rows]


def _comparable(text: str) -> str:
    from corroborate.claims import clean_sentence
    from corroborate.claims.social import strip_social_residue

    return " ".join(strip_social_residue(clean_sentence(text)).casefold().split())


def planted_disputes(report: dict[str, Any]) -> list[tuple[Invention, bool]]:
    """For each invention: whether ``report`` (report.json's content) shows it as a dispute
    with the invented sentence on a side of its own: a side holding none of the sentences
    the labels say the invention differs from, while another side holds one of them."""
    labelled = {
        _comparable(row.sentence): group
        for group in load_groups()
        for row in group.rows
        if row.relation == "contradicts"
    }
    by_group = [
        [{_comparable(claim["text"]) for claim in side["claims"]} for side in group["sides"]]
        for group in report["groups"]
        if len(group.get("sides", [])) > 1
    ]
    found = []
    for invention in load_inventions():
        text = _comparable(invention.sentence)
        group = labelled.get(text)
        others = set()
        if group is not None:
            others = {_comparable(group.canonical.sentence)} | {
                _comparable(row.sentence)
                for row in group.rows
                if row.relation in ("agree", "adds_detail")
            }
        shown = any(
            text in side
            and not side & others
            and any(o & others for o in positions if o is not side)
            for positions in by_group
            for side in positions
        )
        found.append((invention, shown))
    return found


@dataclass(frozen=True)
class SeedPair:
    """Two claims of the user's seed article and how they relate (the headline as ``a``)."""

    claim_a: str
    claim_b: str
    relation: str
    what: str


def load_seed_pairs(readme: Path = README) -> list[SeedPair]:
    """The ``### The seed article's own claims`` table."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("### The seed article's own claims\n", 1)[1].split("\n### ", 1)[0]
    pairs = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("claim a", "---"):
            pairs.append(SeedPair(cells[0].removeprefix("headline: "), *cells[1:]))
    return pairs


def dropped_lines(articles: Sequence[Article], cross_article: bool) -> set[tuple[str, str]]:
    """(file name, line) of every line of ``articles`` that does not become a claim; with
    ``cross_article``, lines repeated across a domain's articles are dropped too."""
    from corroborate.claims import RepeatedLines, extract_claims, line_key, source_domain

    repeated = RepeatedLines() if cross_article else None
    if repeated is not None:
        for article in articles:
            keys = {line_key(line) for line in article.sentences}
            repeated.add_article(source_domain(article.url), keys)
    dropped: set[tuple[str, str]] = set()
    for article in articles:
        kept = {claim.position for claim in extract_claims(article, repeated=repeated)}
        name = Path(article.source).name
        dropped |= {(name, line) for i, line in enumerate(article.sentences) if i not in kept}
    return dropped
