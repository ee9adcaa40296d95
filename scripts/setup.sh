#!/usr/bin/env bash
# Create .venv (if missing) and install corroborate with its test tools and the Ray engine.
# torch is pinned first: the CPU wheel of torch 2.13.0 is on this machine's disk, and an
# unpinned torch would pull a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
# the ray extra too, so the tests of --engine ray (tests/distributed/) run rather than skip
.venv/bin/python -m pip install --quiet -e ".[dev,ray]"
# Export the default embedder's int8 ONNX graph once (about 30 s; cached under
# $CORROBORATE_CACHE_DIR or ~/.cache/corroborate), so no query waits for it.
HF_HUB_OFFLINE=1 .venv/bin/python -c "from corroborate.embedders import get_embedder; get_embedder()"
