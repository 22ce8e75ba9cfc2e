"""Write a file so that readers see the old content or the new, never half of either.

The data goes to a temporary file in the target's own folder (same file system, so
``os.replace`` is an atomic rename), is flushed and synced, and only then replaces
the target. If anything fails on the way, the temporary file is removed and the
target is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
from pathlib import Path

from iopctl.errors import IopctlError
from iopctl.i18n import N_

__all__ = [
    "leftovers",
    "leftovers_in",
    "put_in_place",
    "remove_leftovers",
    "write_atomic",
    "write_temporary",
]


_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
"""The characters of a temporary file's random part, eight of them (``tempfile.mkstemp``'s)."""

_names = random.Random()
os.register_at_fork(after_in_child=_names.seed)  # a --jobs worker draws its own names

_ATTEMPTS = 100
"""Names drawn before giving up (of 37**8, taken ones are drawn again only by chance)."""

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _create(path: str, mode: int) -> int:
    """A new file, never an existing one nor through a link (the one place a file is made)."""
    return os.open(path, _CREATE, mode)


def _new_temporary(target: Path, mode: int) -> tuple[int, str]:
    """A new file ``.NAME.XXXXXXXX.tmp`` beside ``target``, open for writing.

    What ``tempfile.mkstemp`` does, in the system calls a new file needs and no more:
    ``render --out`` makes one for every document, and with mkstemp its file took eleven
    (the working folder, the process id, the umask twice, a buffered file's three
    questions, the ``chmod`` after it) where three do (issue #17). ``O_EXCL`` and
    ``O_NOFOLLOW`` make it safe whatever is in the folder: a name already taken, by a file
    or a link, is drawn again.
    """
    folder = os.fspath(target.parent)
    for _ in range(_ATTEMPTS):
        random_part = "".join(_names.choices(_NAME_CHARACTERS, k=8))
        tmp = os.path.join(folder, f".{target.name}.{random_part}.tmp")
        try:
            return _create(tmp, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(target))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, exclusive: bool = False, fsync: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically; an existing file keeps its mode.

    With ``exclusive`` the target must not exist: the temporary file takes the name
    with ``os.link``, so of two writers racing for one name only one succeeds, and
    the other gets :class:`FileExistsError` (the caller says what to do about it).
    ``fsync``: sync the data before the rename (a crash of the machine then leaves the
    old file or the new; without it, only a crash of the process is covered).
    """
    target = Path(path)
    tmp = write_temporary(target, data, fsync=fsync)
    try:
        if exclusive:
            _link_new(tmp, target)
        else:
            os.replace(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        raise _write_error(target, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_temporary(target: Path, data: bytes, *, fsync: bool = True, new: bool = False) -> str:
    """``data`` in a new temporary file beside ``target`` (named so that :func:`leftovers`
    finds it), with the mode ``target`` has or a new file gets (0o666 less the umask, as
    ``open(path, "w")`` gives); returns its path. The caller renames it over ``target``
    (:func:`put_in_place`) or removes it. ``new``: the caller has just seen that
    ``target`` does not exist (its mode is not looked up)."""
    mode = None
    if not new:
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _write_error(target, exc) from None
    try:
        fd, tmp = _new_temporary(target, 0o666 if mode is None else 0o600)
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)  # exactly the old file's mode, whatever the umask
            _write_all(fd, data)
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(target, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def put_in_place(tmp: str, target: Path) -> None:
    """Rename a file from :func:`write_temporary` over ``target`` (atomic)."""
    try:
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(target, exc) from None


def _temporary_name(name: str) -> re.Pattern[str]:
    # _new_temporary's names (tempfile.mkstemp's): eight characters between them.
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def leftovers(path: str | os.PathLike[str]) -> list[Path]:
    """Temporary files a write of ``path`` left behind when it was killed (``kill -9``
    between writing and renaming): regular files named like those :func:`write_atomic`
    makes, in the same folder."""
    target = Path(path)
    pattern = _temporary_name(target.name)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    found = []
    for entry in entries:
        if pattern.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
    return sorted(found)


_ANY_TEMPORARY = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")


def leftovers_in(folder: str | os.PathLike[str]) -> dict[str, list[Path]]:
    """:func:`leftovers` for every file of ``folder`` at once, by the name of the file
    each was meant to become: one look at a folder of 100 000 documents, not one each."""
    found: dict[str, list[Path]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        match = _ANY_TEMPORARY.fullmatch(entry.name)
        if match is None:
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                found.setdefault(match.group(1), []).append(Path(entry.path))
    for paths in found.values():
        paths.sort()
    return found


def remove_leftovers(path: str | os.PathLike[str]) -> list[Path]:
    """Remove what :func:`leftovers` finds; returns the files removed."""
    removed = []
    for leftover in leftovers(path):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _link_new(tmp: str, target: Path) -> None:
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if target.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(tmp, target)


def _write_error(target: Path, exc: OSError) -> IopctlError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = N_("check that the folder {folder} exists and that you may write to it")
    elif exc.errno == errno.ENOSPC:
        hint = N_("free some disk space and run the command again")
    else:
        hint = N_("the previous file, if any, is unchanged")
    return IopctlError(
        N_("cannot write {path}: {reason}"),
        hint=hint,
        path=target,
        reason=reason,
        folder=target.parent,
    )
