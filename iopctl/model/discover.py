"""Which files a command reads: the paths named, and every YAML file under a folder, never
anything a link takes outside the repository (IOP009) or a folder that cannot be read
(IOP001)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from iopctl.errors import UsageError
from iopctl.i18n import N_
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.reading.paths import (
    FOLDER,
    FOLDER_LINK,
    boundary_of,
    escapes,
    is_regular_file,
    link_refused,
    real,
    repository_root,
)

__all__ = ["YAML_SUFFIXES", "discover"]

YAML_SUFFIXES = (".yaml", ".yml")


def discover(paths: Iterable[str]) -> tuple[list[str], list[Diagnostic]]:
    """Files named, plus ``*.yaml``/``*.yml`` under directories, sorted and without repeats.

    A path that does not exist is a usage error (exit code 2), never silence. Nothing is
    read from outside the repository or the folder given (:mod:`iopctl.reading.paths`):
    a file or folder, named or found, that a symbolic link takes elsewhere is refused
    with IOP009, so a pull request cannot make CI print lines of ``/etc/passwd`` or a
    secret under a diagnostic. A folder that cannot be read is IOP001, never skipped in
    silence.

    Under a directory: every file whose suffix is .yaml or .yml, in no hidden
    folder and not hidden itself, found without entering symlinked folders (one that
    points outside is reported), sorted as paths (component by component). Repeats are
    judged by the resolved path.
    """
    found: list[str] = []
    refused: list[Diagnostic] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folder = str(path)
            boundary = boundary_of(folder, folder=True)
            target = escapes(folder, boundary)
            if target is not None:
                refused.append(link_refused(folder, target, FOLDER))
                continue
            real_root = str(real(folder))
            walk = _Walk(folder, boundary)
            for parts, is_link in sorted(walk.files(folder, ())):
                name = _joined(folder, parts)
                if is_link:
                    _take(Path(name), boundary, seen, found, refused)
                    continue
                # Neither the file nor a folder on the way is a link (the walk does
                # not enter linked folders): it resolves to the same place under the
                # resolved root, without a resolve per file.
                key = os.path.join(real_root, *parts)
                if key not in seen:
                    seen.add(key)
                    found.append(name)
            refused.extend(sorted(walk.problems, key=lambda d: d.file))
        elif path.exists():
            _take(path, boundary_of(raw, folder=False), seen, found, refused, named=True)
        else:
            raise UsageError(
                N_("path does not exist: {path}"), hint=N_("check the spelling"), path=raw
            )
    return found, refused


def _take(
    candidate: Path,
    boundary: Path,
    seen: set[str],
    found: list[str],
    refused: list[Diagnostic],
    *,
    named: bool = False,
) -> None:
    """Add one file unless it was seen, or refuse it if it resolves outside ``boundary``."""
    key = str(real(candidate))
    if key in seen:
        return
    seen.add(key)
    target = escapes(candidate, boundary)
    if target is not None:
        refused.append(link_refused(str(candidate), target))
        return
    if named and boundary == repository_root() and not is_regular_file(candidate):
        # Inside a repository only regular files are agreements: a pipe or a device
        # would block or never end.
        refused.append(
            Diagnostic(
                str(candidate),
                0,
                0,
                "IOP001",
                Severity.ERROR,
                N_("not a regular file (a pipe, socket or device); not read"),
                N_("name the agreement file itself"),
            )
        )
        return
    found.append(str(candidate))


def _suffix(name: str) -> str:
    # As pathlib.PurePath.suffix.
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


class _Walk:
    """Every visible YAML file under a folder, and the folders that could not be read."""

    def __init__(self, root: str, boundary: Path) -> None:
        self.root = root
        self.boundary = boundary
        self.problems: list[Diagnostic] = []

    def files(self, folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
        """(path components under the root, is a symlink) of every visible YAML file.

        Hidden entries are skipped, and symlinked folders are not entered, as the
        ``Path.rglob("*")`` walk this replaces did (it was slower: a resolve per file);
        one that points outside the boundary is reported (IOP009).
        """
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            self.problems.append(
                Diagnostic(
                    _joined(self.root, parts) if parts else self.root,
                    0,
                    0,
                    "IOP001",
                    Severity.ERROR,
                    N_("cannot read folder: {value}; its files were not checked"),
                    N_("check the folder's permissions (it must be readable and searchable)"),
                    args={"value": exc.strerror or exc},
                )
            )
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir and not entry.is_symlink():
                yield from self.files(entry.path, (*parts, name))
            elif is_dir:
                target = escapes(entry.path, self.boundary)
                if target is not None:
                    self.problems.append(
                        link_refused(_joined(self.root, (*parts, name)), target, FOLDER_LINK)
                    )
            if _suffix(name) in YAML_SUFFIXES and _is_file(entry):
                yield (*parts, name), entry.is_symlink()


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _joined(root: str, parts: tuple[str, ...]) -> str:
    """``str(Path(root).joinpath(*parts))`` for a root that is already a normalised path."""
    if root == ".":
        return "/".join(parts)
    if root.endswith("/"):
        return root + "/".join(parts)
    return root + "/" + "/".join(parts)
