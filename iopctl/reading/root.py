"""Where an agreements repository begins: the folder that holds ``indices/`` or the
repository's settings (``iopctl.toml``, which may name another index folder).

Index files belong to the repository, not to the folder a command happens to run in:
``iopctl validate ../kommun/agreements`` must read ``../kommun/indices/``. The root is
found from the first path given, walking up its folders, as the first one that has an
``indices/`` folder or an ``iopctl.toml`` or is a git work tree (``.git``); without any,
the current directory.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from iopctl.errors import UsageError
from iopctl.i18n import N_, SETTINGS_FILE, SettingsError, Words, read_settings
from iopctl.reading.paths import real

__all__ = ["INDEX_DIR", "find_root", "index_folder"]

INDEX_DIR = "indices"
"""The index folder of a repository whose ``iopctl.toml`` names none (``indices = …``)."""


def find_root(paths: Sequence[str] = ()) -> Path:
    """The repository root for ``paths`` (see the module docstring)."""
    start = Path(paths[0]) if paths else Path(".")
    folder = real(start if start.is_dir() else start.parent)
    for candidate in (folder, *folder.parents):
        if (
            (candidate / INDEX_DIR).is_dir()
            or (candidate / SETTINGS_FILE).is_file()
            or (candidate / ".git").exists()
        ):
            return Path(os.path.relpath(candidate))
    return Path(".")


def index_folder(root: Path) -> Path:
    """The index folder of the repository at ``root``: ``indices`` in its ``iopctl.toml``,
    else ``indices/``. An unusable settings file is a usage error."""
    try:
        settings = read_settings(root)
    except SettingsError as exc:
        raise UsageError(
            N_("{file}: {reason}"), file=exc.path, reason=Words(exc.msgid, exc.args_)
        ) from None
    folder = settings.get("indices")
    return root / (folder if isinstance(folder, str) else INDEX_DIR)
