"""A lean path for the commonest ``due``: ``iopctl due [PATH …] [--as-of D] [--within L]
[--format text|json|ics|csv] [--settled] [--jobs N]``.

Typer builds its command tree and a Pydantic adapter for each of ``due``'s fifteen
parameters on every run (about 40 ms; issue #17 asks for ``due`` on one file within 2.2×
of merely importing yaml, pydantic and typer). This path calls the very same command
function, so every word, error and exit code is the command's own; only the reading of
the command line is done here, and anything it is not sure of goes to typer
(:func:`iopctl.cli.lean_args.read_options`).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["parse_due", "run_due"]

_FORMATS = ("text", "json", "ics", "csv")


def parse_due(args: Sequence[str]) -> dict[str, object] | None:
    """The keyword arguments of :func:`iopctl.cli.due.due` that differ from its defaults,
    or ``None`` when typer must read the arguments."""
    from iopctl.cli.lean_args import read_options, whole_number

    read = read_options(
        args,
        "due",
        flags={"--settled": ("settled", True), "--no-settled": ("settled", False)},
        valued={
            "--as-of": "as_of",
            "--within": "within",
            "--format": "output_format",
            "-f": "output_format",
            "--jobs": "jobs",
            "-j": "jobs",
        },
    )
    if read is None:
        return None
    wanted: dict[str, object] = {"paths": read.paths or None}
    for name in ("as_of", "within", "settled"):
        if name in read.values:
            wanted[name] = read.last(name)
    if "output_format" in read.values:
        if read.last("output_format") not in _FORMATS:
            return None
        wanted["output_format"] = read.last("output_format")
    if "jobs" in read.values:
        if any(whole_number(v) is None for v in read.values["jobs"]):
            return None
        wanted["jobs"] = whole_number(read.last("jobs"))
    return wanted


def run_due(wanted: dict[str, object]) -> int:
    """``due`` with the arguments :func:`parse_due` read, without typer's command tree;
    the exit code."""
    import typer

    from iopctl.cli.due import DueFormat, due

    if "output_format" in wanted:
        wanted = {**wanted, "output_format": DueFormat(str(wanted["output_format"]))}
    try:
        due(**wanted)  # type: ignore[arg-type]
    except typer.Exit as exc:
        return int(exc.exit_code)
    return 0
