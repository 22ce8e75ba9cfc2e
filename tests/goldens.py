"""Golden-file comparison: ``UPDATE_GOLDENS=1 pytest`` rewrites them for review."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"


def assert_golden(relative: str, actual: str) -> None:
    path = GOLDEN_DIR / relative
    if os.environ.get("UPDATE_GOLDENS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDENS=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}"
