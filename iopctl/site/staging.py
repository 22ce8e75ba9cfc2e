"""The site's folder, replaced whole: readers see the old site or the new one.

The site is built in a temporary folder next to ``--out`` (same file system, so the
swap is a rename) and moved into place only when every page is written; if anything
fails, the temporary folder is removed and the old site stays as it was. The swap is
two renames (old site aside, new site in), so for a moment between them ``--out`` does
not exist; there is no portable way to exchange two folders in one step.

Replacing a folder deletes what was in it, so :func:`staged_folder` refuses a folder
that iopctl did not make (no :data:`MARKER` file) unless forced, and always refuses one
that holds the agreements being read or the current folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from iopctl.errors import IopctlError, UsageError
from iopctl.i18n import N_
from iopctl.reading.paths import real

__all__ = ["MARKER", "staged_folder"]

MARKER = ".iopctl-site"
"""A file in every site iopctl builds: the folder may be replaced by the next build."""


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_target(out: Path, inputs: Sequence[str], force: bool) -> None:
    target = real(out)
    for held in [*(real(p) for p in inputs), real(Path.cwd())]:
        if _is_within(held, target):
            raise UsageError(
                N_("--out {out} holds {held}, which replacing the site would delete"),
                hint=N_("choose a folder of its own for the site, e.g. --out site/"),
                out=out,
                held=held,
            )
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(
            N_("--out {out} is not a folder"), hint=N_("choose a folder for the site"), out=out
        )
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()) and not force:
        raise IopctlError(
            N_("{out} is not empty and was not made by iopctl site, so it was not replaced"),
            hint=N_("choose an empty or new folder, or pass --force to replace it"),
            out=out,
        )


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_folder(out: Path, *, inputs: Sequence[str] = (), force: bool = False) -> Iterator[Path]:
    """A new empty folder to build in; on success it becomes ``out`` (see the module)."""
    _check_target(out, inputs, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)
    try:
        yield staging
        (staging / MARKER).write_text("iopctl site\n", encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
