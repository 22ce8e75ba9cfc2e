"""``iopctl economy`` as a plain function (:func:`run_economy`), without typer.

:mod:`iopctl.cli.economy` declares the command's options for typer and calls it;
:mod:`iopctl.cli.lean_commands` calls it straight from the command line it read, so
``economy`` starts without importing typer (docs/performance.md). Either way the words,
the output and the exit code are this function's.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from iopctl.cli.plain import (
    agreement_paths,
    as_of_date,
    check_output,
    jobs_of,
    write_problem_lines,
    write_workbook,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_

if TYPE_CHECKING:
    from iopctl.views.economy import AgreementEconomy, EconomyReport

__all__ = ["FORMATS", "run_economy"]

FORMATS = ("text", "json", "csv", "xlsx")
"""``--format``: text (default), json, csv or xlsx (Excel)."""


def run_economy(
    paths: list[str] | None = None,
    *,
    year: int | None = None,
    output_format: str = "text",
    output: str | None = None,
    excel: bool | None = None,
    index_file: list[str] | None = None,
    jobs: int | None = None,
    as_of: str | None = None,
    assume: str | None = None,
) -> int:
    """``iopctl economy`` with its options as given (the format by name); the exit code: 0,
    or :data:`~iopctl.errors.ExitCode.PROBLEMS` when a file does not validate. A usage
    error raises :class:`~iopctl.errors.UsageError`."""
    from iopctl.cli.parsing import parse_number
    from iopctl.views.economy import economy_of_paths

    check_output(output, output_format == "xlsx")
    today = as_of_date(as_of)
    assumed = (
        parse_number(assume, option="--assume", allow_negative=True, percent=True)
        if assume is not None
        else None
    )
    report, problems = economy_of_paths(
        agreement_paths(paths),
        as_of=today,
        assume=assumed,
        year=year,
        index_files=index_file or [],
        jobs=jobs_of(jobs),
        detail=output_format != "text",
    )
    if year is not None and len(report.agreements) == 1:
        _check_year(report.agreements[0], year)
    if output_format == "xlsx":
        from iopctl.present.xlsx import economy_workbook

        write_workbook(economy_workbook(report, as_of=today), output)
    else:
        _write(report, output_format, excel)
    write_problem_lines(problems)
    if report.missing:
        from iopctl.present.economy_text import missing_index_hint
        from iopctl.present.safe import printable

        for index, missing_year in report.missing:
            hint = missing_index_hint(index, missing_year)
            sys.stderr.write("".join(printable(line) + "\n" for line in hint.splitlines()))
    return int(ExitCode.PROBLEMS) if problems else 0


def _check_year(a: AgreementEconomy, year: int) -> None:
    """--year outside the only agreement's period is a usage error, not an empty table."""
    years = a.facts.term.years
    if years and a.facts.contributions and year not in years:
        raise UsageError(
            N_("{year} is outside the period of {id} ({start} – {end}: {first}–{last})"),
            hint=N_("leave out --year to see every year, or pick one in the period"),
            year=year,
            id=a.agreement_id,
            start=a.start,
            end=a.end,
            first=years[0],
            last=years[-1],
        )


def _write(report: EconomyReport, output_format: str, excel: bool | None) -> None:
    """The report on stdout, flushed before any problem goes to stderr."""
    from iopctl.present import economy_data

    if output_format == "json":
        sys.stdout.write(economy_data.format_json(report))
    elif output_format == "csv":
        sys.stdout.write(economy_data.format_csv(report, excel=excel))
    else:
        from iopctl.present.economy_text import text_blocks
        from iopctl.present.terminal import write_blocks

        write_blocks(text_blocks(report))
    sys.stdout.flush()
