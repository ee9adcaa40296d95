#!/usr/bin/env bash
# Cold start of `corroborate query` (issue 15): wall time of one judged query on the demo
# index, this tree against a baseline tree, alternating, in one run.
#   bash benchmarks/bench_cold_start.sh BASELINE_SRC [RUNS]
# BASELINE_SRC: a checkout of the baseline commit (e.g. `git archive REV | tar -x -C DIR`);
# each tree ingests seeds/ into its own index under a temporary folder first.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=$(realpath "$1"); RUNS=${2:-5}
HERE=$(pwd); PY="$HERE/.venv/bin/python"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
export HF_HUB_OFFLINE=1
QUERY="Moscow wants hundreds of Iranian drones"
for tree in base here; do
    src=$BASE; [ "$tree" = here ] && src=$HERE
    (cd "$src" && PYTHONPATH="$src" "$PY" -m corroborate ingest "$HERE/seeds" --index demo \
        --index-dir "$WORK/$tree" > /dev/null)
done
for run in $(seq "$RUNS"); do
    for tree in base here; do
        src=$BASE; [ "$tree" = here ] && src=$HERE
        start=$(date +%s.%N)
        (cd "$src" && PYTHONPATH="$src" "$PY" -m corroborate query "$QUERY" --index demo \
            --index-dir "$WORK/$tree" > /dev/null)
        echo "$tree run $run: $(echo "$(date +%s.%N) - $start" | bc) s"
    done
done
