"""Lean paths for ``due``, ``economy`` and ``list``: the command's own function, without typer.

Importing typer, and typer building its command tree with a Pydantic adapter for each
parameter of every command, cost about 0.1–0.2 s of every run (issue #17: a one-file
``due`` within 2.2× of merely importing yaml, pydantic and typer; ``due``, ``economy``
and ``list`` within 1.3× of ``validate``, which has its own lean path in
:mod:`iopctl.cli.lean`). Each command here is a plain function typer's command calls too
(:func:`iopctl.cli.due_run.run_due`, :func:`iopctl.cli.economy_run.run_economy`,
:func:`iopctl.cli.list_run.run_list`), run inside the same failure handling
(:func:`iopctl.cli.plain.failures`), so every word, error and exit code is the command's
own. Only the reading of the command line is done here, for the options listed in
:data:`COMMANDS`; anything else (``--help``, another option, an odd value) goes to typer
(:func:`iopctl.cli.lean_args.read_options`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from iopctl.cli.lean_args import whole_number

__all__ = ["COMMANDS", "Lean", "parse", "run"]


@dataclass(frozen=True)
class Lean:
    """What the lean path reads of one command: its value options (spelling → keyword of
    the command's function), its flags (spelling → keyword and value), the formats it
    knows, the options whose every value is kept (a list), and those read as numbers."""

    function: Callable[[], Callable[..., int]]
    valued: Mapping[str, str]
    formats: tuple[str, ...]
    flags: Mapping[str, tuple[str, object]] = field(default_factory=dict)
    repeated: frozenset[str] = frozenset()
    numbers: Mapping[str, Callable[[object], int | None]] = field(
        default_factory=lambda: {"jobs": whole_number}
    )


def _run_due() -> Callable[..., int]:
    from iopctl.cli.due_run import run_due

    return run_due


def _run_economy() -> Callable[..., int]:
    from iopctl.cli.economy_run import run_economy

    return run_economy


def _run_list() -> Callable[..., int]:
    from iopctl.cli.list_run import run_list

    return run_list


_SHARED = {
    "--as-of": "as_of",
    "--format": "output_format",
    "-f": "output_format",
    "--jobs": "jobs",
    "-j": "jobs",
}
_FILES = {"--output": "output", "-o": "output", "--index-file": "index_file"}
_EXCEL = {"--excel": ("excel", True), "--no-excel": ("excel", False)}
_TABLES = ("text", "json", "csv", "xlsx")

COMMANDS: dict[str, Lean] = {
    "due": Lean(
        _run_due,
        {**_SHARED, "--within": "within"},
        ("text", "json", "ics", "csv"),
        flags={"--settled": ("settled", True), "--no-settled": ("settled", False)},
    ),
    "economy": Lean(
        _run_economy,
        {**_SHARED, **_FILES, "--assume": "assume", "--year": "year"},
        _TABLES,
        flags=_EXCEL,
        repeated=frozenset({"index_file"}),
        numbers={"jobs": whole_number, "year": whole_number},  # else typer reads them
    ),
    "list": Lean(
        _run_list,
        {**_SHARED, **_FILES},
        _TABLES,
        flags=_EXCEL,
        repeated=frozenset({"index_file"}),
    ),
}
"""The commands with a lean path, and the options it reads."""


def parse(args: Sequence[str]) -> tuple[Lean, dict[str, object]] | None:
    """The command ``args`` names (first) and the keyword arguments of its function that
    differ from their defaults, or ``None`` when typer must read the arguments."""
    from iopctl.cli.lean_args import read_options

    lean = COMMANDS.get(args[0]) if args else None
    if lean is None:
        return None
    read = read_options(args, args[0], flags=lean.flags, valued=lean.valued)
    if read is None:
        return None
    wanted: dict[str, object] = {"paths": read.paths or None}
    for name, values in read.values.items():
        if name in lean.numbers:
            numbers = [lean.numbers[name](v) for v in values]
            if any(n is None for n in numbers):
                return None
            wanted[name] = numbers[-1]
        elif name in lean.repeated:
            wanted[name] = list(values)
        else:
            wanted[name] = values[-1]
    if wanted.get("output_format", lean.formats[0]) not in lean.formats:
        return None
    return lean, wanted


def run(function: Callable[..., int], wanted: dict[str, object]) -> int:
    """A command's function (``Lean.function()``) with the arguments :func:`parse` read,
    without typer; the exit code (a failure is told on stderr as typer's path tells it)."""
    from iopctl.cli.plain import Failed, failures

    try:
        with failures():
            return function(**wanted)
    except Failed as failed:
        return failed.code
