"""A lean path for ``economy``: ``iopctl economy [PATH …] [--as-of D] [--assume PCT]
[--year Y] [--format text|json|csv|xlsx] [--output FILE] [--excel|--no-excel]
[--index-file F …] [--jobs N]``.

Importing typer and building its command tree, with a Pydantic adapter for each
parameter, cost about 0.1 s of every ``economy`` (at 1 000 agreements, 7 % of the run;
issue #17 asks for ``economy`` within 1.3× of ``validate``, which has this path too).
This path calls the very function the typer command calls
(:func:`iopctl.cli.economy_run.run_economy`), inside the same failure handling
(:func:`iopctl.cli.plain.failures`), so every word, error and exit code is the command's
own; only the reading of the command line is done here, and anything it is not sure of
goes to typer (:func:`iopctl.cli.lean_args.read_options`).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["parse_economy", "run_economy"]

_VALUED = {
    "--as-of": "as_of",
    "--assume": "assume",
    "--year": "year",
    "--format": "output_format",
    "-f": "output_format",
    "--output": "output",
    "-o": "output",
    "--index-file": "index_file",
    "--jobs": "jobs",
    "-j": "jobs",
}


def parse_economy(args: Sequence[str]) -> dict[str, object] | None:
    """The keyword arguments of :func:`iopctl.cli.economy_run.run_economy` that differ
    from its defaults, or ``None`` when typer must read the arguments."""
    from iopctl.cli.economy_run import FORMATS
    from iopctl.cli.lean_args import read_options, whole_number

    read = read_options(
        args,
        "economy",
        flags={"--excel": ("excel", True), "--no-excel": ("excel", False)},
        valued=_VALUED,
    )
    if read is None:
        return None
    wanted: dict[str, object] = {"paths": read.paths or None}
    for name in ("as_of", "assume", "output", "excel"):
        if name in read.values:
            wanted[name] = read.last(name)
    if "index_file" in read.values:
        wanted["index_file"] = list(read.values["index_file"])
    if "output_format" in read.values:
        if read.last("output_format") not in FORMATS:
            return None
        wanted["output_format"] = read.last("output_format")
    for name in ("year", "jobs"):  # --year as Click reads a year of digits; --jobs ≥ 1
        if name in read.values:
            numbers = [_digits(v) if name == "year" else whole_number(v) for v in read.values[name]]
            if any(n is None for n in numbers):
                return None
            wanted[name] = numbers[-1]
    return wanted


def _digits(value: object) -> int | None:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def run_economy(wanted: dict[str, object]) -> int:
    """``economy`` with the arguments :func:`parse_economy` read, without typer; the exit
    code (a failure is told on stderr as the typer path tells it)."""
    from iopctl.cli.economy_run import run_economy as run
    from iopctl.cli.plain import Failed, failures

    try:
        with failures():
            return run(**wanted)  # type: ignore[arg-type]
    except Failed as failed:
        return failed.code
