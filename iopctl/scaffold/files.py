"""Where new files go and how they are written: never half a file, never over a file
someone has edited unless asked to (``force``).

Both ``iopctl new`` and ``iopctl init`` write through :func:`write_new_file`, so both
refuse an existing file the same way, and both point editors at the same schema copy
(:data:`SCHEMA_PATH`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from iopctl.errors import IopctlError

__all__ = [
    "SCHEMA_PATH",
    "existing_files",
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
    start = directory.resolve()
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
    if not force and path.exists():
        raise _exists([path])
    try:
        write_atomic(path, text.encode("utf-8"), exclusive=not force)
    except FileExistsError:
        raise _exists([path]) from None


def existing_files(root: Path, relative: Iterable[str]) -> list[str]:
    return [name for name in relative if (root / name).exists()]


def write_files(root: Path, files: dict[str, str], *, force: bool = False) -> None:
    """Write every file under ``root``; nothing at all when one exists and not ``force``."""
    present = existing_files(root, files)
    if present and not force:
        raise _exists([Path(name) for name in present])
    for name, text in files.items():
        write_new_file(root / name, text, force=True)


def _cannot_write(path: Path, exc: OSError) -> IopctlError:
    return IopctlError(
        f"cannot write {path}: {exc.strerror or exc}",
        hint="check that the folder exists, is a folder and is writable",
    )


def _exists(paths: Sequence[Path]) -> IopctlError:
    shown = ", ".join(str(p) for p in paths)
    noun = "file already exists" if len(paths) == 1 else "files already exist"
    return IopctlError(f"{noun}: {shown}", hint="nothing was written; pass --force to overwrite")
