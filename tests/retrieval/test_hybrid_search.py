"""``Corpus.query`` fuses dense and lexical candidates (issue 15): a claim that shares the
query's rare words is found even when its vector is no help, hits keep their cosine, and an
index without a full-text file is searched dense-only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from embedder_doubles import DigestEmbedder, use_digest_embedder

from corroborate.corpus import Corpus
from corroborate.retrieval.hybrid import ENGINE_FUSION, FusionRule
from corroborate.retrieval.search import load_searcher

SENTENCES = [
    "Satellite pictures show Mohajer-6 drones lined up at the Kashan airfield.",
    "The bridge collapsed after a container ship struck one of its piers.",
    "Officials said the balloon had been tracked for several days over Montana.",
    "Shipping data showed hundreds of vessels waiting at both ends of the canal.",
    "The submersible lost contact with its support ship during the descent.",
]


@pytest.fixture
def embedder(monkeypatch: pytest.MonkeyPatch) -> DigestEmbedder:
    return use_digest_embedder(monkeypatch)


def _corpus(folder: Path) -> Corpus:
    articles = folder / "articles"
    articles.mkdir()
    for number, sentence in enumerate(SENTENCES):
        (articles / f"{number}.txt").write_text(
            f"Headline {number}\n20240301\nhttps://outlet{number}.example/story\n{sentence}\n",
            encoding="utf-8",
        )
    corpus = Corpus(folder / "ix")
    corpus.ingest([articles])
    return corpus


def test_query_ranks_by_the_engine_rule(tmp_path: Path, embedder: DigestEmbedder) -> None:
    corpus = _corpus(tmp_path)
    query = "Kashan airfield Mohajer-6 drones"
    result = corpus.query(query, k=5, min_similarity=-1.0)
    store = corpus.store
    vector = embedder.encode([query])[0]
    engine = load_searcher(store, store.manifest(), ENGINE_FUSION)
    dense = load_searcher(store, store.manifest(), FusionRule("convex", 1.0))
    ranked = [hit.claim.text for hit in result.ranked]
    assert ranked == [
        hit.claim.text for hit in engine.search(query, vector, k=5, min_similarity=-1.0).ranked
    ]
    by_dense = [
        hit.claim.text for hit in dense.search(query, vector, k=5, min_similarity=-1.0).ranked
    ]
    assert ranked.index(SENTENCES[0]) <= by_dense.index(SENTENCES[0])  # the words lift it
    # its similarity is the cosine of the two vectors, whichever list proposed it
    found = {hit.claim.text: hit for hit in result.ranked}
    pair = embedder.encode([query, SENTENCES[0]])
    assert found[SENTENCES[0]].similarity == pytest.approx(float(pair[0] @ pair[1]), abs=1e-5)
    relevance = [hit.relevance for hit in result.ranked]
    assert relevance == sorted(relevance, reverse=True)


def test_an_even_mix_puts_the_lexical_best_first(tmp_path: Path, embedder: DigestEmbedder) -> None:
    store = _corpus(tmp_path).store
    even = load_searcher(store, store.manifest(), FusionRule("convex", 0.5))
    query = "Kashan airfield Mohajer-6 drones and a ship"  # two claims share words
    hits = even.search(query, embedder.encode([query])[0], k=5, min_similarity=-1.0).ranked
    assert hits[0].claim.text == SENTENCES[0]


def test_dense_only_rule_ranks_by_vectors(tmp_path: Path, embedder: DigestEmbedder) -> None:
    corpus = _corpus(tmp_path)
    store = corpus.store
    dense_only = load_searcher(store, store.manifest(), FusionRule("convex", 1.0))
    query = "Kashan airfield Mohajer-6 drones"
    vector = embedder.encode([query])[0]
    hits = dense_only.search(query, vector, k=5, min_similarity=-1.0).ranked
    cosines = [hit.similarity for hit in hits]
    assert cosines == sorted(cosines, reverse=True)
    lexical_only = load_searcher(store, store.manifest(), FusionRule("convex", 0.0))
    assert (
        lexical_only.search(query, vector, k=5, min_similarity=-1.0).ranked[0].claim.text
        == SENTENCES[0]
    )


def test_filters_apply_to_lexical_candidates(tmp_path: Path, embedder: DigestEmbedder) -> None:
    corpus = _corpus(tmp_path)
    result = corpus.query("Kashan airfield Mohajer-6 drones", k=5, sources=["outlet1.example"])
    assert {hit.claim.domain for hit in result.hits} == {"outlet1.example"}


def test_index_without_full_text_is_searched_dense_only(
    tmp_path: Path, embedder: DigestEmbedder
) -> None:
    corpus = _corpus(tmp_path)
    manifest = corpus.store.manifest()
    manifest.lexical_file = None
    manifest.generation += 1  # a fresh view for the corpus's cached searcher
    manifest.write(corpus.directory)
    result = corpus.query("Kashan airfield Mohajer-6 drones", k=5, min_similarity=-1.0)
    vector = embedder.encode(["Kashan airfield Mohajer-6 drones"])[0]
    stored = corpus.store.vector_index().reconstruct(np.arange(len(SENTENCES)))
    best = int(np.argmax(stored @ vector))
    assert result.ranked[0].row == best


def test_a_pasted_post_is_searched_as_its_claim(tmp_path: Path, embedder: DigestEmbedder) -> None:
    corpus = _corpus(tmp_path)
    claim = "Kashan airfield Mohajer-6 drones"
    pasted = f"  {claim} pic.twitter.com/Ab12 https://t.co/Cd34"
    result = corpus.query(pasted, k=5, min_similarity=-1.0)
    assert result.query == claim
    expected = corpus.query(claim, k=5, min_similarity=-1.0)
    assert [hit.row for hit in result.ranked] == [hit.row for hit in expected.ranked]
