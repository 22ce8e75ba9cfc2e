"""A lean path for the commonest ``due``: ``iopctl due [PATH …] [--as-of D] [--within L]
[--format text|json|ics|csv] [--settled] [--jobs N]``.

Importing typer (about 35 ms), and typer building its command tree and a Pydantic adapter
for each of ``due``'s fifteen parameters on every run (about 40 ms), are most of what a
one-file ``due`` costs beyond ``validate`` (issue #17 asks for ``due`` on one file within
2.2× of merely importing yaml, pydantic and typer). This path calls the very function the
typer command calls (:func:`iopctl.cli.due_run.run_due`), inside the same failure
handling (:func:`iopctl.cli.plain.failures`), so every word, error and exit code is the
command's own; only the reading of the command line is done here, and anything it is not
sure of goes to typer (:func:`iopctl.cli.lean_args.read_options`).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["parse_due", "run_due"]

_FORMATS = ("text", "json", "ics", "csv")


def parse_due(args: Sequence[str]) -> dict[str, object] | None:
    """The keyword arguments of :func:`iopctl.cli.due_run.run_due` that differ from its
    defaults, or ``None`` when typer must read the arguments."""
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
    """``due`` with the arguments :func:`parse_due` read, without typer; the exit code
    (a failure is told on stderr as the typer path tells it)."""
    from iopctl.cli.due_run import run_due as run
    from iopctl.cli.plain import Failed, failures

    try:
        with failures():
            return run(**wanted)  # type: ignore[arg-type]
    except Failed as failed:
        return failed.code
