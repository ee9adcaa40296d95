"""Pick the sentences of a long text (an article body) closest to a short one (a headline)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corroborate.datasets import LabeledPair
from corroborate.embedders.cache import EmbeddingCache
from corroborate.readers.sentences import split_sentences


def closest_sentence_pairs(
    pairs: Sequence[LabeledPair], cache: EmbeddingCache, top_k: int
) -> list[list[LabeledPair]]:
    """For each (body, headline) pair, the ``top_k`` (sentence, headline) pairs, best first.

    The label, symmetry and group of the document pair carry over to its sentence pairs.
    """
    sentences = {body: split_sentences(body) or [body] for body in {p.text_a for p in pairs}}
    all_sentences = list(dict.fromkeys(s for group in sentences.values() for s in group))
    vectors = dict(zip(all_sentences, cache.encode(all_sentences, show_progress=True), strict=True))
    headlines = cache.encode([p.text_b for p in pairs], show_progress=True)
    expanded = []
    for pair, headline in zip(pairs, headlines, strict=True):
        body = sentences[pair.text_a]
        scores = np.stack([vectors[s] for s in body]) @ headline
        best = np.argsort(-scores, kind="stable")[:top_k]
        expanded.append(
            [
                LabeledPair(body[i], pair.text_b, pair.label, pair.symmetric, pair.group)
                for i in best
            ]
        )
    return expanded
