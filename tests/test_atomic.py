"""The one atomic writer used by render, new and init."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopctl.atomic import write_atomic


def test_exclusive_write_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    write_atomic(target, b"first\n", exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second\n", exclusive=True)
    assert target.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]  # no temporary file left


def test_replacing_write(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]
