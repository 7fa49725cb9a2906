"""Benchmarks of the performance budgets (DESIGN §8): `python benchmarks/run.py`."""
