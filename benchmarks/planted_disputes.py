"""How many of the fixture inventions in seeds/README.md the report shows as disputes with the
invented sentence on a side of its own (issue 14).

Builds an index of seeds/ in a temporary folder (or reads a given report.json), writes the
report and counts, per invented sentence and per invention (one per file), with the judge the
library ships at the time. Prints each invention and, for the contested list, every dispute
with its positions, for checking by hand that no dispute is between two different facts.

    python benchmarks/planted_disputes.py                 # index seeds/, report, count
    python benchmarks/planted_disputes.py --report reports/latest/report.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from corroborate.corpus import Corpus
from corroborate.nightly import report_only

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from seed_labels import SEEDS, planted_disputes


def _report_of_seeds() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Corpus(Path(folder) / "seeds")
        corpus.ingest([SEEDS])
        summary = report_only(corpus, Path(folder) / "reports")
        assert summary.report is not None, "the seeds' report was not published"
        data: dict[str, Any] = json.loads(
            (Path(summary.report) / "report.json").read_text(encoding="utf-8")
        )
        return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="a report.json to count (default: build)")
    args = parser.parse_args()
    data = (
        json.loads(args.report.read_text(encoding="utf-8")) if args.report else _report_of_seeds()
    )
    found = planted_disputes(data)
    files = {invention.file for invention, _ in found}
    shown_files = files - {invention.file for invention, shown in found if not shown}
    print(
        f"planted inventions shown as disputes on their own side: {len(shown_files)} of "
        f"{len(files)} (sentences: {sum(shown for _, shown in found)} of {len(found)})"
    )
    for invention, shown in found:
        print(f"  {'yes' if shown else 'no '}  {invention.file}: {invention.invention}")
    disputes = [group for group in data["groups"] if len(group.get("sides", [])) > 1]
    print(f"contested groups in the report: {len(disputes)}")
    for group in disputes:
        print(f"- {group['canonical']['text']}")
        for side in group["sides"]:
            words = side["words"] or side["claims"][0]["text"]
            print(f"    {words!r}: {', '.join(side['outlets'])}")


if __name__ == "__main__":
    main()
