"""Issue #17: ``render --out DIR`` over many agreements keeps only names per agreement,
syncs a file only when asked (``--fsync``), and leaves no temporary file behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with 50 and 500 generated agreements."""
    root = tmp_path_factory.mktemp("scale")
    generate(root / "small", 50)
    generate(root / "large", 500)
    return root


_PEAK = """
import datetime as dt, sys, tracemalloc
from iopctl.documents.render import RenderOptions
from iopctl.documents.run import Note, render_paths


def peak(folder, out):
    options = RenderOptions(as_of=dt.date(2026, 12, 1))
    tracemalloc.start()
    try:
        shown = render_paths([folder], options, fmt="md", out=out, jobs=1)
        wrote = [i for i in shown if isinstance(i, Note) and i.text.msgid == "wrote {path}"]
        return tracemalloc.get_traced_memory()[1], len(wrote)
    finally:
        tracemalloc.stop()


def room_in_the_interned_strings():
    # Intern new strings until the table of interned strings doubles (a jump in traced
    # memory far above a string's size), and keep them: right after doubling, the table
    # has room for as many strings again as it holds, so it cannot double in the run.
    kept = [None] * 500_000
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(len(kept)):
            kept[i] = sys.intern(f"room-{i}")
            now = tracemalloc.get_traced_memory()[0]
            if now - before > 100_000:
                return kept
            before = now
    finally:
        tracemalloc.stop()
    raise AssertionError("the interned strings never doubled")


peak("small", "out-warm/")  # the templates compiled, the reference data read
room = room_in_the_interned_strings()
print(*peak(sys.argv[1], f"out-{sys.argv[1]}/"))
"""


def _peak(folder: str) -> tuple[int, int]:
    """The peak of Python's allocations while every agreement in ``folder`` is rendered
    into ``out-<folder>/``, and the number of documents written.

    Measured in a fresh interpreter each time, and with room made in its table of
    interned strings first: pathlib interns the parts of every path, the table grows by
    doubling, and one doubling inside the measured run (1–2 MB, a table of the whole
    process, not of the agreements) made this test pass or fail by the order the tests
    ran in."""
    found = subprocess.run(
        [sys.executable, "-c", _PEAK, folder], capture_output=True, text=True, check=True
    )
    peak, written = found.stdout.split()
    return int(peak), int(written)


def test_render_keeps_next_to_nothing_per_agreement(
    sets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before issue #17 render planned every document in memory (about 110 KB an agreement:
    1.1 GB at 10 000). Now a document goes to its file as its agreement is read, and what
    is kept of each is its names: 450 more agreements may cost at most 1 KB each."""
    monkeypatch.chdir(sets)
    small, written_small = _peak("small")
    large, written_large = _peak("large")
    assert (written_small, written_large) == (50, 500)
    per_agreement = (large - small) / 450
    assert per_agreement < 1024, f"{per_agreement:.0f} bytes per agreement"


def _fsyncs(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[int, list[int]]:
    calls: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    result = CliRunner().invoke(app, args)
    return result.exit_code, calls


def test_no_fsync_per_file_unless_asked(sets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An fsync per file made a folder of documents crawl (a disk flush each); the rename
    still makes each file appear whole. ``--fsync`` syncs every file before its rename."""
    monkeypatch.chdir(sets)
    code, calls = _fsyncs(monkeypatch, ["render", "small", "--out", "plain/", "--jobs", "1"])
    assert (code, calls) == (0, [])
    assert len(list(Path("plain").iterdir())) == 50
    args = ["render", "small", "--out", "synced/", "--fsync", "--jobs", "1"]
    code, calls = _fsyncs(monkeypatch, args)
    assert (code, len(calls)) == (0, 50)
    same = [
        p.read_bytes() == (Path("plain") / p.name).read_bytes() for p in Path("synced").iterdir()
    ]
    assert same == [True] * 50
    # A file already up to date is neither written nor synced.
    code, calls = _fsyncs(monkeypatch, args)
    assert (code, calls) == (0, [])


def test_a_conflict_leaves_no_temporary_file(sets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document waits in a temporary file until all are through; one that would
    overwrite a different file stops the run, and every temporary file is removed."""
    monkeypatch.chdir(sets)
    out = Path("conflict")
    assert CliRunner().invoke(app, ["render", "small", "--out", "conflict/"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    victim = sorted(before)[-1]
    (out / victim).write_text("edited by hand\n", encoding="utf-8")
    (out / sorted(before)[0]).unlink()  # would be written, but waits for the others
    result = CliRunner().invoke(app, ["render", "small", "--out", "conflict/"])
    assert result.exit_code == 1
    conflict = "1 befintlig fil skiljer sig från den nya renderingen; ingenting skrevs:"
    assert f"{conflict}\n  conflict/{victim}" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(before)[1:]  # no .tmp
    assert (out / victim).read_text(encoding="utf-8") == "edited by hand\n"
