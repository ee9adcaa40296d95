"""Union-find over integers, and origin numbering of near-identical texts (syndication)."""

from __future__ import annotations

import numpy as np

SYNDICATION_SIMILARITY = 0.95
"""Cosine at or above which two outlets' sentences are taken as one reprinted text."""


class Components:
    """Disjoint sets of integers, merged with :meth:`union`."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, node: int) -> int:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, left: int, right: int) -> None:
        self.parent[self.find(left)] = self.find(right)

    def groups(self) -> list[list[int]]:
        """Every set, each sorted."""
        by_root: dict[int, list[int]] = {}
        for node in list(self.parent):
            by_root.setdefault(self.find(node), []).append(node)
        return [sorted(rows) for rows in by_root.values()]


def origin_numbers(vectors: np.ndarray, threshold: float = SYNDICATION_SIMILARITY) -> list[int]:
    """Number each row's origin 0, 1, ... in order of first appearance; rows whose vectors
    are near-identical (a reprinted wire story) share one number."""
    components = Components()
    for row in range(len(vectors)):
        components.find(row)
    for left, right in np.argwhere(np.triu(vectors @ vectors.T, k=1) >= threshold):
        components.union(int(left), int(right))
    numbering: dict[int, int] = {}
    return [
        numbering.setdefault(components.find(row), len(numbering)) for row in range(len(vectors))
    ]
