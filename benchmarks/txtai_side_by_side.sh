#!/usr/bin/env bash
# Side by side with txtai (issue 5): make a separate venv with txtai, corroborate and the same
# torch, then run benchmarks/txtai_side_by_side.py in it. Run from the repository root:
#
#   bash benchmarks/txtai_side_by_side.sh --data-dir ../shared/datasets --out reports/txtai.json
#
# The venv lives in TXTAI_VENV (default .cache/txtai-venv, which git ignores). torch is
# pinned and installed first: an unpinned torch would pull a multi-GB CUDA build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TXTAI_VENV:-$ROOT/.cache/txtai-venv}"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "torch==2.13.0"
    "$VENV/bin/pip" install --quiet "txtai==9.14.0" "faiss-cpu>=1.8"
    "$VENV/bin/pip" install --quiet "$ROOT"
fi

cd "$ROOT"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"  # the working tree, not an installed copy
exec "$VENV/bin/python" benchmarks/txtai_side_by_side.py "$@"
