"""corroborate: cross-source claim comparison and corroboration engine.

Import the library directly (the CLI in :mod:`corroborate.cli` is a thin layer over it)::

    from corroborate import Corpus
    corpus = Corpus.open("indexes/default")
    corpus.ingest(["seeds/"])
    result = corpus.query("Moscow wants hundreds of Iranian drones")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corroborate.corpus import Corpus

__all__ = ["Corpus"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Import the heavy facade lazily so ``import corroborate.readers`` stays cheap."""
    if name == "Corpus":
        from corroborate.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")
