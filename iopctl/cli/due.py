"""``iopctl due`` (issue 3)."""

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from iopctl.cli.common import (
    AsOfOpt,
    ExcelOpt,
    IndexFileOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
    agreement_paths,
    app,
    as_of_date,
    check_output,
    guard,
    jobs_of,
    write_problem_report,
    write_workbook,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from iopctl.model.types import Duration
    from iopctl.views.due import DueItem, Shape

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
        from iopctl.cli.parsing import parse_kinds, parse_within, window_end, window_start
        from iopctl.views.due import due_listing

        check_output(output, output_format is DueFormat.xlsx)
        today = as_of_date(as_of)
        length = parse_within(within)
        last_due = window_end(today, length)
        kinds = parse_kinds(kind or [])
        wanted = frozenset(agreement or [])
        if history:
            _history(agreement_paths(paths), today, wanted, output_format, index_file or [], excel)
            return
        listing = due_listing(
            agreement_paths(paths),
            as_of=today,
            last_due=last_due,
            kinds=kinds,
            agreements=wanted,
            index_files=index_file or [],
            settled_since=window_start(today, length) if settled else None,
            calendar=output_format is DueFormat.ics,
            jobs=jobs_of(jobs),
            delivery_days=_delivery_days(delivery_days),
            shape=_text_row() if output_format is DueFormat.text else None,
        )
        _check_agreements(wanted, listing.ids)
        if listing.errors:
            write_problem_report(listing.errors, listing.validation)
        if output_format is DueFormat.xlsx:
            from iopctl.present.xlsx import due_workbook

            write_workbook(due_workbook(listing.items, as_of=today), output)
        elif listing.rows is not None:  # the text table, kept as rows
            from iopctl.present.terminal import write_due_rows

            write_due_rows(
                listing.rows, listing.counts, as_of=today, window_end=last_due, within=length
            )
            listing.rows.close()
        else:
            _write(
                listing.items,
                output_format,
                as_of=today,
                last_due=last_due,
                within=length,
                excel=excel,
            )
        if listing.errors or _fails(fail_on, listing.counts):
            raise typer.Exit(int(ExitCode.PROBLEMS))


def _delivery_days(flag: int | None) -> int:
    """``--delivery-days``, else ``delivery_days`` in the repository's ``iopctl.toml``
    (docs/deadlines.md, "Delivery"), else :data:`~iopctl.facts.term.DELIVERY_DAYS`."""
    from pathlib import Path

    from iopctl.cli.language import settings_root
    from iopctl.facts.term import DELIVERY_DAYS
    from iopctl.i18n import SETTINGS_FILE, read_settings

    if flag is not None:
        return flag
    root = settings_root(Path.cwd())
    value = read_settings(root).get("delivery_days", DELIVERY_DAYS) if root else DELIVERY_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 90:
        assert root is not None
        raise UsageError(
            N_("{path}: delivery_days = {value!r} is not a number of days"),
            hint=N_("use a whole number from 0 to 90, e.g. delivery_days = 7"),
            path=root / SETTINGS_FILE,
            value=value,
        )
    return value


def _history(
    paths: list[str],
    as_of: "dt.date",
    wanted: frozenset[str],
    output_format: DueFormat,
    index_files: list[str],
    excel: bool | None,
) -> None:
    """``due --history``: the record of what was due, per agreement and year."""
    from iopctl.present import due as words
    from iopctl.views.due import history_listing

    listing = history_listing(paths, as_of=as_of, agreements=wanted, index_files=index_files)
    _check_agreements(wanted, listing.ids)
    if listing.errors:
        write_problem_report(listing.errors, listing.validation)
    found = listing.obligations
    if output_format is DueFormat.json:
        sys.stdout.write(words.history_json(found, as_of=as_of))
    elif output_format is DueFormat.csv:
        sys.stdout.write(words.history_csv(found, excel=excel))
    elif output_format is DueFormat.ics:
        raise UsageError(N_("--history has no ics format"), hint=N_("use text, json or csv"))
    else:
        from iopctl.present.terminal import rule_char

        sys.stdout.write(words.history_text(found, as_of=as_of, rule=rule_char(sys.stdout)))
    if listing.errors:
        raise typer.Exit(int(ExitCode.PROBLEMS))


def _fails(fail_on: FailOn | None, counts: "Mapping[str, int]") -> bool:
    """--fail-on overdue: anything overdue; --fail-on due: anything due or overdue."""
    if fail_on is None:
        return False
    failing = ("overdue",) if fail_on is FailOn.overdue else ("overdue", "due")
    return any(counts.get(status, 0) for status in failing)


def _text_row() -> "Shape":
    """Each deadline as the cells of its row in the text table, made as its file is read."""
    from iopctl.present.terminal import due_row

    return due_row


def _check_agreements(wanted: frozenset[str], ids: frozenset[str]) -> None:
    """Every --agreement must be an id that was read: a typo must not list nothing."""
    unknown = sorted(wanted - ids)
    if unknown:
        from iopctl.i18n import Words
        from iopctl.present.suggest import maybe_meant

        suggestion = maybe_meant(unknown[0], sorted(ids))
        found = ", ".join(sorted(ids)) if ids else Words(N_("none"))
        raise UsageError(
            N_("unknown --agreement {id!r}"),
            hint=N_("{suggestion} ids found: {found}") if suggestion else N_("ids found: {found}"),
            id=unknown[0],
            suggestion=suggestion,
            found=found,
        )


def _write(
    items: "list[DueItem]",
    output_format: DueFormat,
    *,
    as_of: "dt.date",
    last_due: "dt.date",
    within: "Duration",
    excel: bool | None,
) -> None:
    if output_format is DueFormat.json:
        from iopctl.present.due import to_json

        sys.stdout.write(to_json(items, as_of=as_of))
    elif output_format is DueFormat.csv:
        from iopctl.present.due import to_csv

        sys.stdout.write(to_csv(items, excel=excel))
    elif output_format is DueFormat.ics:
        from iopctl.present.ical import to_ics

        sys.stdout.write(to_ics(items, as_of=as_of))
    else:
        from iopctl.present.terminal import write_due_table

        write_due_table(items, as_of=as_of, window_end=last_due, within=within)
