"""``corroborate`` with the digest embedder instead of MiniLM, for tests and benchmarks that
run the CLI in subprocesses (to kill them, or run several at once) without loading a model.

Usage: python tests/fault_cli.py ingest PATH --index-dir DIR ...
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from embedder_doubles import DigestEmbedder

import corroborate.corpus
from corroborate.cli import main

_EMBEDDER = DigestEmbedder()
corroborate.corpus.get_embedder = lambda *spec_and_backend: _EMBEDDER  # type: ignore[assignment]

if __name__ == "__main__":
    main()
