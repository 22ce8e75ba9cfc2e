"""The atheris harnesses in fuzz/ still run against the current code.

They are run by hand for long campaigns (docs/reliability.md), so nothing else notices
when an API they call changes: fuzz_links.py still read ``Validation.loaded`` after
validation learnt to stream. Each harness runs here on its seeds and a few mutations
(``-runs``), in a process of its own, and must end without a finding.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HARNESSES = sorted(p.name for p in (REPO / "fuzz").glob("fuzz_*.py"))

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None, reason="atheris is not installed"
)


def test_every_harness_is_listed() -> None:
    assert HARNESSES == ["fuzz_commands.py", "fuzz_links.py", "fuzz_loader.py"]


@pytest.mark.parametrize("harness", HARNESSES)
def test_harness_runs_without_a_finding(tmp_path: Path, harness: str) -> None:
    corpus = tmp_path / "corpus"
    done = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / harness), "-runs=10", "-timeout=20", str(corpus)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Uncaught Python exception" not in done.stderr
    assert not list(tmp_path.glob("crash-*"))
