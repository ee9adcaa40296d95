"""Plain-text helpers that need no model: sentence splitting."""

from __future__ import annotations

from corroborate.text.sentences import split_sentences

__all__ = ["split_sentences"]
