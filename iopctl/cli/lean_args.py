"""Reading a command line the way Click would, for the few options a lean path knows.

The lean paths (:mod:`iopctl.cli.lean`, :mod:`iopctl.cli.lean_commands`) run the commonest
commands without building typer's command tree. They must never read a command line
differently from typer: so this reader accepts only what it is sure of (paths, the long
and short spellings of the options it is given, ``--opt=value`` for long options, ``--``)
and answers ``None`` for anything else, and typer then reads the command line itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Read", "read_options", "whole_number"]


@dataclass
class Read:
    """The paths given, and each known option's canonical name with its values in order
    (a flag's value is the one its spelling stands for)."""

    paths: list[str] = field(default_factory=list)
    values: dict[str, list[object]] = field(default_factory=dict)

    def last(self, name: str, default: object = None) -> object:
        found = self.values.get(name)
        return found[-1] if found else default


def read_options(
    args: Sequence[str],
    command: str,
    *,
    flags: Mapping[str, tuple[str, object]],
    valued: Mapping[str, str],
) -> Read | None:
    """``args`` (the command first) read as ``command``'s paths and options.

    ``flags`` maps a spelling (``--strict``) to its option and value (``("strict", True)``);
    ``valued`` maps a spelling (``-f``, ``--format``) to its option, whose value follows.
    ``None`` when ``args`` is another command or holds anything else (``--help``, an
    unknown option, bundled short options, ``-f=json``, which Click reads as "=json").
    """
    if not args or args[0] != command:
        return None
    found = Read()
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            found.paths += rest
            break
        if not arg.startswith("-"):
            found.paths.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        if has_value and not name.startswith("--"):
            return None
        if name in flags and not has_value:
            option, meaning = flags[name]
            found.values.setdefault(option, []).append(meaning)
            continue
        if name not in valued:
            return None
        if not has_value:
            if not rest:
                return None
            value = rest.pop(0)
        found.values.setdefault(valued[name], []).append(value)
    return found


def whole_number(value: object) -> int | None:
    """A value of plain digits, 1 or more, as Click reads it (``--jobs``, ``--year``), else
    ``None``: typer then reads the command line and says what is wrong, if anything."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    return None
