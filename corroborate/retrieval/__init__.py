"""Stage 5, retrieval: find the stored claims closest to a query or to each other.

In: a query vector (or text) and the claim store with its vector index. Out: ranked claim hits
grouped by source (:mod:`~corroborate.retrieval.search`), exact neighbour lists for grouping
(:mod:`~corroborate.retrieval.neighbours`), BM25 and dense + lexical fusion
(:mod:`~corroborate.retrieval.lexical`, :mod:`~corroborate.retrieval.hybrid`) and the ranking
helpers they share.
"""
