#!/usr/bin/env bash
# Set up, then run the linters and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/mypy corroborate benchmarks
.venv/bin/python -m pytest -q "$@"
