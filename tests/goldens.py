"""Golden files: compare output with ``tests/golden/<name>``; rewrite with UPDATE_GOLDENS=1.

UPDATE_GOLDENS=1 PYTHONPATH=. pytest tests/test_due_cli.py   # then review `git diff`
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"


def updating() -> bool:
    return os.environ.get("UPDATE_GOLDENS", "") not in ("", "0")


def assert_golden(name: str, actual: str) -> None:
    """``actual`` must equal the stored file byte for byte (newlines kept as written)."""
    path = GOLDEN_DIR / name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"golden file {path} is missing; run with UPDATE_GOLDENS=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"output differs from {path}; run with UPDATE_GOLDENS=1 and review"
