"""Benchmarks of iopctl against its peer and its floor: ``python benchmarks/run.py``."""
