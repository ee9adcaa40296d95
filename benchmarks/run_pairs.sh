#!/usr/bin/env bash
# Run `corroborate bench pairs` on every labeled set, one after another, into one folder,
# then render the Markdown for RESULTS.md:  bash benchmarks/run_pairs.sh OUT_DIR [DATA_DIR]
# LIMIT=N scores a seeded sample of N pairs per set; SETS="snli sick" picks the sets. Each run
# scores the default judge, its relation model alone, the judge with the other core (pair
# model or head) and cosine together;
# the project's dev set (benchmarks/devset/news_pairs.csv) is scored too, as "devset", and the
# second batch of authored training pairs, which the shipped pair model never read
# (benchmarks/trainset/news_pairs_2.csv, 16 other stories), as "trainset2", and the third
# batch, which no training run or tuner reads (news_pairs_3.csv), as "trainset3".
# Uses the project's .venv when it exists, else whatever `corroborate` is on PATH.
set -euo pipefail
out="${1:?usage: run_pairs.sh OUT_DIR [DATA_DIR]}"
data="${2:-../shared/datasets}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.venv/bin"
if [ ! -x "$bin/corroborate" ]; then bin="$(dirname "$(command -v corroborate)")"; fi
mkdir -p "$out"
export HF_HUB_OFFLINE=1
read -r -a sets <<< "${SETS:-mrpc emergent claimmatch fnc1 snli sick ecbplus vitaminc}"
limit=()
if [ -n "${LIMIT:-}" ]; then limit=(--limit "$LIMIT"); fi
for name in "${sets[@]}"; do
    uptime > "$out/$name.uptime"
    "$bin/corroborate" bench pairs --dataset "$name" --data-dir "$data" --errors 5 "${limit[@]}" \
        --out "$out/$name.json" > "$out/$name.log" 2>&1
done
for named in devset:devset/news_pairs.csv trainset2:trainset/news_pairs_2.csv \
    trainset3:trainset/news_pairs_3.csv; do
    name="${named%%:*}"
    "$bin/corroborate" bench pairs "$root/benchmarks/${named#*:}" --errors 5 \
        --out "$out/$name.json" > "$out/$name.log" 2>&1
done
"$bin/python" "$root/benchmarks/pairs_report.py" $(printf "$out/%s.json " "${sets[@]}" devset trainset2 trainset3) \
    > "$out/report.md"
echo "wrote $out/report.md"
