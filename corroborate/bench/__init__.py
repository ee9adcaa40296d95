"""Benchmarks of the library on public data sets (run from the ``corroborate bench`` commands).

In: labelled pairs or retrieval sets (``../shared/datasets`` or the user's files). Out: one
primary metric per run plus its breakdown (per-class scores, confusion matrices, speed).
"""
