"""Which language iopctl speaks in this run, chosen before Click parses anything.

``--lang sv|en`` anywhere on the command line (before or after the command), else
``language`` in the repository's ``iopctl.toml`` (in the current folder or the nearest
folder above it, up to the top of the git work tree), else ``LC_ALL``/``LC_MESSAGES``/
``LANG``, else Swedish. It is decided before parsing so that the help and Click's own
usage errors are in that language too, and ``--lang`` is taken out of the arguments, so
every command accepts it without declaring it (the root's ``--lang`` documents it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from iopctl.i18n import LANGUAGES, SETTINGS_FILE, SettingsError, _, choose_language, use_language

__all__ = ["select_language", "settings_root", "split_flag"]


def split_flag(args: Sequence[str]) -> tuple[str | None, list[str]]:
    """The value of the last ``--lang`` before ``--`` and the arguments without it."""
    found: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg == "--lang" and i + 1 < len(args):
            found, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return found, rest


def settings_root(start: Path) -> Path | None:
    """The nearest folder from ``start`` upwards with an ``iopctl.toml``, not above the
    top of a git work tree."""
    # os.path.realpath, as reading.paths.real (a link loop stays a path, never an
    # error), without importing the reading layer into every start.
    folder = Path(os.path.realpath(start))
    for candidate in (folder, *folder.parents):
        if (candidate / SETTINGS_FILE).is_file():
            return candidate
        if (candidate / ".git").exists():
            return None
    return None


def select_language(args: Sequence[str]) -> list[str]:
    """Choose and use this run's language; return the arguments without ``--lang``.

    A ``--lang`` that is neither ``sv`` nor ``en``, or an unusable ``iopctl.toml``, is a
    usage error (exit 2), said in the language chosen so far.
    """
    flag, rest = split_flag(args)
    if flag is not None and flag not in LANGUAGES:
        use_language(choose_language(None, None, os.environ))
        _fail(_("--lang {value}: use sv (Swedish) or en (English)").format(value=repr(flag)))
    try:
        use_language(choose_language(flag, settings_root(Path.cwd()), os.environ))
    except SettingsError as exc:
        use_language(choose_language(flag, None, os.environ))
        _fail(f"{exc.path}: " + _(exc.msgid).format(**exc.args_))
    return rest


def _fail(message: str) -> None:
    from iopctl.present.safe import printable

    # The same prefix as every other error (cli.common.guard), for scripts that read it.
    sys.stderr.write(_("iopctl: error: {message}").format(message=printable(message)) + "\n")
    raise SystemExit(2)
