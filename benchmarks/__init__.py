"""Benchmarks of the performance budgets (docs/design.md §8): `python benchmarks/run.py`."""
