"""Issue #17: ``render --out DIR`` over many agreements keeps only names per agreement,
syncs a file only when asked (``--fsync``), and leaves no temporary file behind."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.documents.render import RenderOptions
from iopctl.documents.run import Note, render_paths

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


def _wrote(note: Note) -> bool:
    return getattr(note.text, "msgid", "") == "wrote {path}"


def _peak(folder: str) -> tuple[int, int]:
    """The peak of Python's allocations while every agreement in ``folder`` is rendered
    into ``out-<folder>/``, and the number of documents written."""
    options = RenderOptions(as_of=dt.date(2026, 12, 1))
    tracemalloc.start()
    try:
        shown = render_paths([folder], options, fmt="md", out=f"out-{folder}/", jobs=1)
        written = sum(1 for item in shown if isinstance(item, Note) and _wrote(item))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, written


def test_render_keeps_next_to_nothing_per_agreement(
    sets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before issue #17 render planned every document in memory (about 110 KB an agreement:
    1.1 GB at 10 000). Now a document goes to its file as its agreement is read, and what
    is kept of each is its names: 450 more agreements may cost at most 1 KB each."""
    monkeypatch.chdir(sets)
    _peak("small")  # the templates compiled, the reference data read: not per agreement
    small, written_small = _peak("small")
    large, written_large = _peak("large")
    assert (written_small, written_large) == (0, 500)  # the small set is unchanged
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
