#!/usr/bin/env bash
# Run `corroborate bench pairs` on every labeled set, one after another, into one folder,
# then render the Markdown for RESULTS.md:  bash benchmarks/run_pairs.sh OUT_DIR [DATA_DIR]
# Uses the project's .venv when it exists, else whatever `corroborate` is on PATH.
set -euo pipefail
out="${1:?usage: run_pairs.sh OUT_DIR [DATA_DIR]}"
data="${2:-../shared/datasets}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.venv/bin"
if [ ! -x "$bin/corroborate" ]; then bin="$(dirname "$(command -v corroborate)")"; fi
mkdir -p "$out"
export HF_HUB_OFFLINE=1
sets=(mrpc emergent claimmatch fnc1 snli ecbplus vitaminc)
for name in "${sets[@]}"; do
    uptime > "$out/$name.uptime"
    "$bin/corroborate" bench pairs --dataset "$name" --data-dir "$data" --errors 5 \
        --out "$out/$name.json" > "$out/$name.log" 2>&1
done
"$bin/python" "$root/benchmarks/pairs_report.py" $(printf "$out/%s.json " "${sets[@]}") > "$out/report.md"
echo "wrote $out/report.md"
