"""The int8 ONNX embedder: same vectors as the float32 model (near enough), in input order,
without torch; the manifest records the backend and refuses another."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from corroborate.embedders import backend_of, check_backend, get_embedder
from corroborate.errors import CorroborateError, IndexMismatchError
from corroborate.storage import ClaimStore, Manifest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_sentences(limit: int = 200) -> list[str]:
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines()[3:] if line)
    return list(dict.fromkeys(lines))[:limit]


def test_default_embedder_is_onnx(embedder) -> None:  # type: ignore[no-untyped-def]
    assert backend_of(embedder) == "onnx"
    assert embedder.dimension == 384


def test_vectors_are_unit_and_in_input_order(embedder) -> None:  # type: ignore[no-untyped-def]
    texts = ["Short.", "A much longer sentence about drones sold to Russia by Iran.", "Mid one."]
    together = embedder.encode(texts)
    alone = np.vstack([embedder.encode([text]) for text in texts])
    assert together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    # int8 activations are scaled per batch, so a batch changes a vector slightly, not its row
    same = together @ alone.T
    assert np.diag(same).min() >= 0.98
    assert (np.argmax(same, axis=1) == np.arange(3)).all()
    assert embedder.encode([]).shape == (0, 384)


def test_close_to_float32_torch_model(embedder) -> None:  # type: ignore[no-untyped-def]
    texts = _seed_sentences()
    cosines = (embedder.encode(texts) * get_embedder(backend="torch").encode(texts)).sum(axis=1)
    assert cosines.mean() >= 0.99
    assert cosines.min() >= 0.97


def test_no_torch_import_on_query_path(embedder) -> None:  # type: ignore[no-untyped-def]
    script = (
        "import sys; import corroborate.cli.app; from corroborate.embedders import get_embedder;"
        "get_embedder().encode(['Iran sends drones']); print('torch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(CorroborateError, match="onnx, torch"):
        check_backend("tensorflow")


def test_manifest_records_backend_and_old_ones_read_as_torch(tmp_path: Path) -> None:
    store = ClaimStore(tmp_path / "new")
    with store.lock(5):
        assert store.create("m", 4, "flat", "onnx").embedder == "onnx"
    assert Manifest.read(tmp_path / "new").embedder == "onnx"
    old = tmp_path / "old"
    old.mkdir()
    data = json.loads((tmp_path / "new" / "manifest.json").read_text())
    del data["embedder"]
    (old / "manifest.json").write_text(json.dumps(data))
    manifest = Manifest.read(old)
    assert manifest.embedder == "torch"
    with pytest.raises(IndexMismatchError, match="--embedder torch"):
        manifest.check_compatible(old, "m", 4, "onnx")
