#!/usr/bin/env bash
# The main job on the demo corpus: set up, ingest seeds/, show a first corroboration summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/corroborate ingest seeds/ --index demo
.venv/bin/corroborate index info --index demo
.venv/bin/corroborate query "Moscow wants hundreds of Iranian drones" --index demo
.venv/bin/corroborate groups --index demo --top 5
