"""Which files iopctl may read: everything stays inside the repository or the folder given.

An agreements repository takes pull requests, and a pull request can add symbolic
links: ``agreements/x.yaml → /etc/passwd``, ``indices/b.yaml → /proc/self/environ``, a
template that includes ``~/.ssh/id_rsa``, or ``agreements`` itself pointing elsewhere.
Every path iopctl reads — agreement files and folders, files named on the command line,
``indices/*.yaml`` and ``--index-file``, templates, reference documents, the documents
``render --check`` compares — is resolved (every link followed) and must end up

* inside the **repository**: the nearest folder at or above the current directory that
  holds a ``.git`` entry, or the current directory when there is none; or
* inside the **folder given**, for a path that is written outside the repository
  (``iopctl validate /srv/other/agreements`` reads that folder, links within it
  included; a named file outside the repository may resolve within its own folder).

A path written inside the repository that resolves outside it is never read: it is a
located IOP009 (or, for templates and documents, an error naming IOP009). A path with no
link in it always resolves to where it is written, so only links are ever refused.
"""

from __future__ import annotations

import os
import stat
from functools import cache
from pathlib import Path

from iopctl.i18n import N_, Words
from iopctl.problems.diagnostic import Diagnostic, Severity

__all__ = [
    "FOLDER",
    "FOLDER_LINK",
    "LINK_HINT",
    "boundary_of",
    "ensure_inside",
    "escapes",
    "is_regular_file",
    "link_refused",
    "read_contained",
    "real",
    "repository_root",
]

LINK_HINT = N_("replace the link with the file itself, or keep its target inside the repository")


def real(path: str | os.PathLike[str]) -> Path:
    """The path with every link followed (loops and missing parts left as they are)."""
    return Path(os.path.realpath(path))


@cache
def _repository_root(cwd: str) -> Path:
    here = Path(cwd)
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return here


def repository_root() -> Path:
    """The repository the current directory is in (its resolved path), else the directory."""
    return _repository_root(os.path.realpath(os.getcwd()))


def _lexically_inside(path: str | os.PathLike[str], root: Path) -> bool:
    """Whether ``path`` *as written* (made absolute, ``..`` removed) lies under ``root``."""
    return Path(os.path.abspath(path)).is_relative_to(root)


def boundary_of(path: str | os.PathLike[str], *, folder: bool) -> Path:
    """The folder that what ``path`` leads to must stay inside (resolved).

    The repository, when ``path`` is written inside it; otherwise the folder given (for
    a folder) or the folder of the file given (for a file).
    """
    root = repository_root()
    if _lexically_inside(path, root):
        return root
    return real(path) if folder else real(os.path.dirname(os.path.abspath(path)))


def escapes(path: str | os.PathLike[str], boundary: Path) -> Path | None:
    """The resolved target of ``path`` when it lies outside ``boundary`` and the repository."""
    target = real(path)
    if target.is_relative_to(boundary) or target.is_relative_to(repository_root()):
        return None
    return target


FOLDER = N_("the folder (or a link on its way)")
FOLDER_LINK = N_("folder link")


def link_refused(display: str, target: Path, what: str | None = None) -> Diagnostic:
    """The IOP009 for a path that resolves to ``target``, outside where it may go;
    ``what`` names it (:data:`FOLDER`, :data:`FOLDER_LINK`), else it is a symbolic link."""
    message = (
        N_("symbolic link points outside the repository (to {target}); not read")
        if what is None
        else N_("{what} points outside the repository (to {target}); not read")
    )
    return Diagnostic(
        display,
        0,
        0,
        "IOP009",
        Severity.ERROR,
        message,
        LINK_HINT,
        args={"target": target, "what": Words(what) if what is not None else ""},
    )


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    """A regular file (after links): not a folder, pipe, socket or device."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def ensure_inside(path: str | os.PathLike[str], *, folder: bool, what: str) -> None:
    """Raise an error naming IOP009 when ``path`` resolves outside where it may go.

    For paths that are not agreement or index files (templates, reference documents,
    the documents ``render`` writes and compares), whose problems are not diagnostics.
    """

    target = escapes(path, boundary_of(path, folder=folder))
    if target is not None:
        raise _escape_error(path, target, what)


def _escape_error(path: str | os.PathLike[str], target: Path, what: str) -> Exception:
    """IOP009 for a path that is not a diagnostic; ``what`` is a catalogue id ("--out file")."""
    from iopctl.errors import IopctlError

    return IopctlError(
        N_("{path}: IOP009 {what} points outside the repository (to {target}); not read"),
        hint=LINK_HINT,
        path=os.fspath(path),
        what=Words(what),
        target=target,
    )


def read_contained(path: str | os.PathLike[str], boundary: Path, *, what: str, limit: int) -> bytes:
    """The bytes of a regular file that resolves inside ``boundary`` (or the repository),
    at most ``limit`` of them; anything else is an error and nothing is read."""
    from iopctl.errors import IopctlError

    target = escapes(path, boundary)
    if target is not None:
        raise _escape_error(path, target, what)
    if not is_regular_file(path):
        raise IopctlError(
            N_("{path}: {what} is not a regular file; not read"),
            path=os.fspath(path),
            what=Words(what),
        )
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise IopctlError(
            N_("{path}: {what} is larger than {limit} bytes; not read"),
            path=os.fspath(path),
            what=Words(what),
            limit=f"{limit:,}",
        )
    return data


def read_at_most(path: str, size: int, limit: int) -> bytes:
    """The file's bytes, up to one past ``limit``: the ``size`` its ``stat`` promised in
    one read (a buffer of ``limit`` bytes per file is slow), then the rest up to the
    limit for files that grew or report no size (pipes, /proc).

    Unbuffered: Python's buffered file asks the system whether it is a terminal and where
    it stands, and reads in pieces; with the caller's ``stat``, nine system calls a file
    where this makes four (every command reads every agreement; issue #17)."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        raw = os.read(fd, size + 1)
        if len(raw) <= size:  # a short read of a regular file is its end
            return raw
        parts = [raw]
        total = len(raw)
        while total <= limit:
            part = os.read(fd, limit + 1 - total)
            if not part:
                break
            parts.append(part)
            total += len(part)
        return b"".join(parts)
    finally:
        os.close(fd)
