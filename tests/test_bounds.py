"""Bounded time and memory per input (docs/reliability.md states the bounds).

The assertions leave a margin over the figures measured on a quiet machine so that
a loaded CI runner does not fail them; docs/reliability.md records the measurements.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _megabyte_agreement(path: Path, size: int = 1_000_000) -> None:
    base = (REPO / "agreements" / "linkoping-resurspoolen-2020.yaml").read_text(encoding="utf-8")
    base = base.replace("id: linkoping-resurspoolen-2020", f"id: {path.stem}")
    parts = [base, "follow_ups:\n"]
    length = len(base)
    i = 0
    while length < size:
        i += 1
        record = (
            f"  - date: 2021-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"    title: Uppföljning {i}\n"
            "    participants: [aldrenamnden, resurspoolen]\n"
            "    sections:\n"
            f"      - heading: Rapport {i}\n"
            "        text: Resurspoolen redovisade verksamheten vid servicehusen och nya "
            "träffpunkter.\n"
            "    figures:\n"
            "      - label: Volontärtimmar\n"
            "        kind: volunteer_hours\n"
            f"        value: {1000 + i}\n"
            "        party: resurspoolen\n"
            "        year: 2021\n"
        )
        parts.append(record)
        length += len(record.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")


def _run(*args: str) -> tuple[int, float, int]:
    """Exit code, wall seconds and this child's own peak RSS in MB (``os.wait4``)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "iopctl", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    return child.returncode, elapsed, usage.ru_maxrss // 1024


@pytest.mark.slow
def test_one_megabyte_agreement_validates_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "big-agreement.yaml"
    _megabyte_agreement(path)
    assert path.stat().st_size >= 1_000_000
    code, seconds, peak_mb = _run("validate", str(path))
    assert code == 0
    assert seconds < 3.0, seconds  # measured 0.5 s (docs/reliability.md)
    assert peak_mb < 200, peak_mb  # measured 80 MB


@pytest.mark.slow
def test_fifty_megabyte_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes, no disk I/O
    code, seconds, _ = _run("validate", str(path))
    assert code == 1
    assert seconds < 2.0  # the size is checked before anything is read
