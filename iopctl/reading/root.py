"""Where an agreements repository begins: the folder that holds ``indices/`` (and, later,
the repository's settings).

Index files belong to the repository, not to the folder a command happens to run in:
``iopctl validate ../kommun/agreements`` must read ``../kommun/indices/``. The root is
found from the first path given, walking up its folders, as the first one that has an
``indices/`` folder or is a git work tree (``.git``); without either, the current
directory.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from iopctl.reading.paths import real

__all__ = ["INDEX_DIR", "find_root"]

INDEX_DIR = "indices"


def find_root(paths: Sequence[str] = ()) -> Path:
    """The repository root for ``paths`` (see the module docstring)."""
    start = Path(paths[0]) if paths else Path(".")
    folder = real(start if start.is_dir() else start.parent)
    for candidate in (folder, *folder.parents):
        if (candidate / INDEX_DIR).is_dir() or (candidate / ".git").exists():
            return Path(os.path.relpath(candidate))
    return Path(".")
