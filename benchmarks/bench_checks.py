"""Micro-benchmark of the structured checks: pairs per second over 2,000 news-like pairs.

Run with ``python benchmarks/bench_checks.py`` (synthetic sentences, no data needed). Three
workloads of 2,000 pairs each, every one on sentences no earlier workload used:

- all 4,000 sentences distinct: no help from the per-sentence caches (worst case);
- the same pairs again: every sentence cached, only the pair comparisons cost;
- 200 claims, each paired with its 10 next neighbours: the judge's usual shape.

Wall time and this process's CPU time are both given; on a shared machine the CPU time is
the steadier figure.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from corroborate.checks import run_checks

_ACTORS = ["Russia", "Iran", "Ukraine", "Moscow", "Tehran", "Kyiv", "Belarus", "Israel"]
_SPEAKERS = ["US officials said", "Sullivan said", "according to the Pentagon", "the Kremlin said"]
_AMOUNTS = ["hundreds of", "up to 300", "a dozen", "about 1,200", "several", "at least 46", "two"]
_THINGS = ["drones", "Shahed-136 drones", "ships", "tanks", "people", "missiles"]
_WHEN = ["on June 8", "on Saturday", "last week", "twice", "on June 8 and July 5", "in 2022", ""]
_PLACES = ["", "near Kashan", "in central Iran", "over the Black Sea", "in the Donbas region"]
_TEMPLATES = [
    "{x} wants {n} {thing} from {y} {when} {place}, {speaker}.",
    "{speaker} {x} sold {n} {thing} to {y} {place} {when}.",
    "{x} denied supplying {thing} to {y} {place} {when}, {speaker}.",
    "{x} was attacked by {y} with {n} {thing} {place} {when}.",
    "Satellite images released by the White House show {thing} at an airfield {place} {when}.",
    "{x} has not received any {thing} from {y} {place}, {speaker}.",
    "The delegation from {x} visited an airfield south of {y} {place} {when}, {speaker}.",
    "The White House believes {x}'s interest in {thing} from {y} shows its stock is depleted.",
]


def _sentence(rng: random.Random) -> str:
    x, y = rng.sample(_ACTORS, 2)
    text = rng.choice(_TEMPLATES).format(
        x=x,
        y=y,
        n=rng.choice(_AMOUNTS),
        thing=rng.choice(_THINGS),
        when=rng.choice(_WHEN),
        speaker=rng.choice(_SPEAKERS),
        place=rng.choice(_PLACES),
    )
    return " ".join(text.split()).replace(" ,", ",").replace(" .", ".")


def _sentences(count: int, rng: random.Random, used: set[str]) -> list[str]:
    """``count`` distinct sentences none of which is in ``used`` (which is updated)."""
    found: dict[str, None] = {}
    while len(found) < count:
        sentence = _sentence(rng)
        if sentence not in used:
            found[sentence] = None
    used.update(found)
    return list(found)


def _time(label: str, pairs: list[tuple[str, str]]) -> None:
    article = dt.date(2022, 7, 16)
    wall, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(run_checks(a, b, date_a=article, date_b=article)) for a, b in pairs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{label:<34} {len(pairs) / wall:>8,.0f} pairs/s  {1e3 * wall / len(pairs):.3f} ms/pair "
        f"wall  {1e3 * cpu / len(pairs):.3f} ms/pair CPU  ({findings} findings)"
    )


def main() -> None:
    rng, used = random.Random(7), set[str]()
    distinct = _sentences(4000, rng, used)
    pairs = list(zip(distinct[::2], distinct[1::2], strict=True))
    claims = _sentences(200, rng, used)
    neighbours = [
        (claim, claims[(i + k) % 200]) for i, claim in enumerate(claims) for k in range(1, 11)
    ]
    _time("distinct sentences (no cache hits)", pairs)
    _time("same pairs again (all cached)", pairs)
    _time("200 claims x 10 neighbours", neighbours)


if __name__ == "__main__":
    main()
