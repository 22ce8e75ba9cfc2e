"""Where new files go and how they are written: never half a file, never over a file
someone has edited unless asked to (``force``).

Both ``iopctl new`` and ``iopctl init`` write through :func:`write_new_file`, so both
refuse an existing file the same way, and both point editors at the same schema copy
(:data:`SCHEMA_PATH`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from iopctl.errors import IopctlError
from iopctl.i18n import N_, Listed, Words
from iopctl.reading.paths import real

__all__ = [
    "SCHEMA_PATH",
    "existing_files",
    "file_using_id",
    "schema_reference",
    "write_files",
    "write_new_file",
]

SCHEMA_PATH = "schema/agreement.schema.json"


def schema_reference(directory: Path) -> str:
    """The ``$schema`` path from ``directory`` to the repository's schema copy.

    The repository is the nearest folder above (or at) ``directory`` that has
    ``schema/agreement.schema.json``; without one, the layout ``iopctl init``
    makes is assumed (``../schema/…`` from ``agreements/``).
    """
    start = real(directory)
    for folder in (start, *start.parents):
        if (folder / SCHEMA_PATH).is_file():
            return Path(os.path.relpath(folder / SCHEMA_PATH, start)).as_posix()
    return "../" + SCHEMA_PATH


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file is kept unless ``force``."""
    from iopctl.atomic import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if not force and os.path.lexists(path):
        raise _exists([path])
    try:
        write_atomic(path, text.encode("utf-8"), exclusive=not force)
    except FileExistsError:
        raise _exists([path]) from None


def existing_files(root: Path, relative: Iterable[str]) -> list[str]:
    """The files that are there already; a symbolic link counts, even a dangling one."""
    return [name for name in relative if os.path.lexists(root / name)]


def file_using_id(folder: Path, agreement_id: str, *, besides: Path) -> str | None:
    """The agreement file under ``folder`` (other than ``besides``) whose id is
    ``agreement_id``: ``new`` must not make a second one (IOP401 afterwards)."""
    from iopctl.model.load import discover
    from iopctl.reading.source import load_file

    if not folder.is_dir():
        return None
    files, _ = discover([str(folder)])
    for file in files:
        if os.path.realpath(file) == os.path.realpath(besides):
            continue
        source, _ = load_file(file)
        data = source.data if source is not None else None
        if isinstance(data, dict) and data.get("id") == agreement_id:
            return file
    return None


def _blocked(root: Path, relative: Iterable[str]) -> list[Words]:
    """Why a file cannot be written where it belongs, before anything is written: a
    folder on its way that is a file (``agreements`` as a file), or a link that would
    take the write out of ``root``; a target that is a folder."""
    problems: list[Words] = []
    real_root = os.path.realpath(root)
    for name in relative:
        target = root / name
        for parent in reversed(target.relative_to(root).parents[:-1]):
            folder = root / parent
            if os.path.lexists(folder) and not folder.is_dir():
                problems.append(Words(N_("{path} is not a folder"), {"path": folder.as_posix()}))
            elif not Path(os.path.realpath(folder)).is_relative_to(real_root):
                problems.append(
                    Words(
                        N_("{path} links out of {root}"),
                        {"path": folder.as_posix(), "root": root.as_posix()},
                    )
                )
        if target.is_dir() and not target.is_symlink():
            problems.append(Words(N_("{path} is a folder"), {"path": target.as_posix()}))
    unique = {p.english(): p for p in problems}
    return [unique[key] for key in sorted(unique)]


def write_files(root: Path, files: dict[str, str], *, force: bool = False) -> None:
    """Write every file under ``root``, or none.

    Nothing is written when a file exists (unless ``force``) or when a file cannot go
    where it belongs (:func:`_blocked`); if a write still fails half-way (a full disk),
    the files this call created are removed again.
    """
    blocked = _blocked(root, files)
    if blocked:
        raise IopctlError(
            N_("cannot set up {root}: {blocked}; nothing was written"),
            hint=N_("move or remove what is in the way, or choose another folder"),
            root=root.as_posix(),
            blocked=Listed(tuple(blocked)),
        )
    present = existing_files(root, files)
    if present and not force:
        raise _exists([Path(name) for name in present])
    created: list[Path] = []
    try:
        for name, text in files.items():
            target = root / name
            new = not os.path.lexists(target)
            folders = [p for p in reversed(target.parents) if not os.path.lexists(p)]
            write_new_file(target, text, force=True)
            created += [*folders, target] if new else folders
    except IopctlError:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise


def _cannot_write(path: Path, exc: OSError) -> IopctlError:
    return IopctlError(
        N_("cannot write {path}: {reason}"),
        hint=N_("check that the folder exists, is a folder and is writable"),
        path=path,
        reason=exc.strerror or exc,
    )


def _exists(paths: Sequence[Path]) -> IopctlError:
    shown = ", ".join(str(p) for p in paths)
    return IopctlError(
        N_("file already exists: {shown}")
        if len(paths) == 1
        else N_("files already exist: {shown}"),
        hint=N_("nothing was written; pass --force to overwrite"),
        shown=shown,
    )
