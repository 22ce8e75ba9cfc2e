"""The one atomic writer used by render, new and init."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from iopctl import atomic
from iopctl.atomic import leftovers, write_atomic, write_temporary
from iopctl.errors import IopctlError


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


def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "x.md", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "x.md").stat().st_mode & 0o777 == 0o640


class _Drawn:
    """Stands in for the random names: gives the parts it was given, in order."""

    def __init__(self, *parts: str) -> None:
        self.parts = list(parts)

    def choices(self, population: str, k: int) -> list[str]:
        return list(self.parts.pop(0))


def test_a_taken_temporary_name_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.md"
    taken = tmp_path / ".x.md.aaaaaaaa.tmp"
    taken.write_bytes(b"someone else's\n")
    (tmp_path / ".x.md.bbbbbbbb.tmp").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setattr(atomic, "_names", _Drawn("aaaaaaaa", "bbbbbbbb", "cccccccc"))
    tmp = write_temporary(target, b"mine\n", fsync=False, new=True)
    assert Path(tmp).name == ".x.md.cccccccc.tmp"
    assert Path(tmp).read_bytes() == b"mine\n"
    assert taken.read_bytes() == b"someone else's\n"
    assert not (tmp_path / "elsewhere").exists()  # never written through the link
    assert leftovers(target) == sorted([taken, Path(tmp)])  # the link is no leftover


def test_a_write_that_fails_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    with pytest.raises(IopctlError, match="No space left"):
        write_temporary(tmp_path / "x.md", b"x\n", fsync=False)
    assert list(tmp_path.iterdir()) == []
