"""``iopctl due`` (issue 3): its options for typer; the command is
:func:`iopctl.cli.due_run.run_due`."""

from enum import StrEnum
from typing import Annotated

import typer

from iopctl.cli.common import (
    AsOfOpt,
    ExcelOpt,
    IndexFileOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
    app,
    guard,
)

__all__ = ["DueFormat", "FailOn", "due"]


class DueFormat(StrEnum):
    text = "text"
    json = "json"
    ics = "ics"
    csv = "csv"
    xlsx = "xlsx"


class FailOn(StrEnum):
    overdue = "overdue"
    due = "due"


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def due(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    within: Annotated[
        str,
        typer.Option(
            "--within",
            metavar="LENGTH",
            help="What counts as due: act-by date within this length (90d, 2w, 6m, 1y).",
        ),
    ] = "90d",
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=(
                "Only these kinds; may be repeated: follow_up, notice_deadline, "
                "extension_decision, expiry, payment, report, signature, index_needed."
            ),
            show_default=False,
        ),
    ] = None,
    agreement: Annotated[
        list[str] | None,
        typer.Option(
            "--agreement",
            metavar="ID",
            help="Only this agreement id; may be repeated.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DueFormat,
        typer.Option(
            "--format", "-f", help="text (default), json, ics (iCalendar), csv or xlsx (Excel)."
        ),
    ] = DueFormat.text,
    output: OutputOpt = None,
    excel: ExcelOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when anything is overdue, or (due) due within the window or overdue.",
            show_default=False,
        ),
    ] = None,
    index_file: IndexFileOpt = None,
    delivery_days: Annotated[
        int | None,
        typer.Option(
            "--delivery-days",
            metavar="DAYS",
            min=0,
            max=90,
            help="Days a notice letter needs to arrive: the act-by date of the last day "
            "to give notice is that many days earlier (0: handed over against a receipt). "
            "Default: delivery_days in iopctl.toml, else 7.",
            show_default=False,
        ),
    ] = None,
    settled: Annotated[
        bool,
        typer.Option(
            "--settled",
            help="Also list what the history settled (done) from --within before today.",
        ),
    ] = False,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="The record instead: everything due so far, per year, done on time, "
            "late (by how many days) or missed.",
        ),
    ] = False,
    jobs: JobsOpt = None,
) -> None:
    """List deadlines: follow-ups, notice, extension decisions, expiry, payments, reports.

    Each deadline shows its contractual date and an act-by date, the last Swedish
    business day on or before it. Overdue first, then due within --within, then upcoming.

    Exit code 0, or 1 when a file does not validate (its deadlines are still shown
    where they can be computed) or --fail-on matches; 2 for a usage error.

    Examples:

      iopctl due

      iopctl due --as-of 2022-05-15 --within 6m

      iopctl due --format ics > iop.ics

      iopctl due --format xlsx -o deadlines.xlsx

      iopctl due --fail-on overdue   # nightly in CI

      iopctl due --history --as-of 2025-12-31   # what was missed or late, per year

    What the agreement's history records (a report received, a payment made, a decision)
    settles a deadline: it is no longer listed, or listed as done with --settled.
    """
    with guard():
        from iopctl.cli.due_run import run_due

        code = run_due(
            paths,
            as_of=as_of,
            within=within,
            kind=kind,
            agreement=agreement,
            output_format=output_format.value,
            output=output,
            excel=excel,
            fail_on=fail_on.value if fail_on is not None else None,
            index_file=index_file,
            delivery_days=delivery_days,
            settled=settled,
            history=history,
            jobs=jobs,
        )
    if code:
        raise typer.Exit(code)
