"""Fault campaign at scale (issue 16): fuzzed inputs for every reader, ``ingest`` and ``run``
killed with SIGKILL at random moments, concurrent writers with readers.

Runs with the digest test embedder (tests/embedder_doubles.py) in place of MiniLM, so the
figures are about the readers, the store and the nightly run, not the model. Prints one JSON
object; exits 1 if any check failed.

    python benchmarks/bench_faults.py --inputs 10000 --ingest-every 20 --kills 100 --races 3
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from embedder_doubles import DigestEmbedder  # noqa: E402
from fault_inputs import FuzzInput, check_reading, fuzz_input  # noqa: E402
from fault_runs import ingest_kill_campaign, run_kill_campaign, writers_and_readers  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

import corroborate.corpus  # noqa: E402
from corroborate.cli.app import app  # noqa: E402


def _ingest(item: FuzzInput, root: Path) -> int:
    """Ingest ``item`` through the CLI; its exit status (0 ingested, 1 all rejected)."""
    args = ["ingest", "--index-dir", str(root), "--index", "ix", "--json"]
    if item.input_format:
        args += ["--format", item.input_format]
    if item.name is None:
        result = CliRunner().invoke(app, [*args, "-"], input=item.data)
    else:
        (root / item.name).write_bytes(item.data)
        result = CliRunner().invoke(app, [*args, str(root / item.name)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"ingest raised {result.exception!r}")
    assert result.exit_code in (0, 1), result.output
    json.loads(result.stdout)
    return result.exit_code


def fuzz(inputs: int, ingest_every: int) -> dict[str, Any]:
    """Read ``inputs`` generated inputs (every ``ingest_every``-th also through the CLI)."""
    outcomes: Counter[str] = Counter()
    failure: list[str] = []

    @settings(
        max_examples=inputs,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(item=fuzz_input())
    def one(item: FuzzInput) -> None:
        outcomes["tried"] += 1
        with tempfile.TemporaryDirectory() as folder:
            claims = check_reading(item, Path(folder))
            outcomes["ended as claims" if claims else "ended as errors (or no claim)"] += 1
            if outcomes["tried"] % ingest_every == 0:
                code = _ingest(item, Path(folder))
                outcomes[f"ingested through the CLI, exit {code}"] += 1

    started = time.perf_counter()
    try:
        one()
    except Exception as error:  # hypothesis re-raises the shrunk failing example
        failure.append(f"{type(error).__name__}: {error}"[:2000])
    return {**outcomes, "failures": failure, "seconds": round(time.perf_counter() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="fuzzed inputs to read")
    parser.add_argument("--ingest-every", type=int, default=20, help="also ingest every Nth")
    parser.add_argument("--kills", type=int, default=100, help="kills of ingest, and of run")
    parser.add_argument("--races", type=int, default=3, help="rounds of 4 writers + readers")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    embedder = DigestEmbedder()
    corroborate.corpus.get_embedder = lambda spec=None: embedder  # type: ignore[assignment]
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        figures["fuzz"] = fuzz(args.inputs, args.ingest_every)
        for name, campaign in (("ingest", ingest_kill_campaign), ("run", run_kill_campaign)):
            started = time.perf_counter()
            found = campaign(root / f"kill-{name}", args.kills, seed=args.seed)
            figures[f"kill_{name}"] = {
                **found.to_dict(),
                "seconds": round(time.perf_counter() - started, 1),
            }
        races = [writers_and_readers(root / f"race-{n}").to_dict() for n in range(args.races)]
        figures["races"] = {
            "rounds": len(races),
            "queries": sum(race["queries"] for race in races),
            "reader_errors": sum(len(race["reader_errors"]) for race in races),
            "writer_failures": sum(len(race["writer_failures"]) for race in races),
            "duplicates": sum(race["duplicates"] for race in races),
            "claims_lost": sum(race["claims_lost"] for race in races),
            "errors_seen": [e for race in races for e in race["reader_errors"]][:5],
        }
    print(json.dumps(figures, indent=2))
    failed = (
        figures["fuzz"]["failures"]
        or any(figures[f"kill_{name}"]["failures"] for name in ("ingest", "run"))
        or any(figures["races"][key] for key in ("reader_errors", "writer_failures", "duplicates",
                                                  "claims_lost"))
    )  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
