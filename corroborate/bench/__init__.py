"""Benchmarks of the library on public data sets (run from the ``corroborate bench`` commands)."""
