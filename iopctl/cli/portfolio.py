"""``iopctl list`` and ``iopctl show`` (issue 7)."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from iopctl.cli.common import (
    AsOfOpt,
    IndexFileOpt,
    PathsArg,
    agreement_paths,
    app,
    as_of_date,
    guard,
)
from iopctl.errors import ExitCode, UsageError

__all__ = ["ListFormat", "list_agreements", "show"]


class ListFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command("list")
def list_agreements(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="text (default), json or csv.")
    ] = ListFormat.text,
    index_file: IndexFileOpt = None,
) -> None:
    """The portfolio at a glance: one row per agreement.

    Status, parties, period, the next deadline and days to it, the public parties'
    money this year (OPI-indexed), and whether the file validates.

    Examples:

      iopctl list

      iopctl list --as-of 2021-06-01 --format csv > portfolio.csv
    """
    with guard():
        from iopctl.checks.validate import validate_paths
        from iopctl.views import portfolio

        today = as_of_date(as_of)
        result = validate_paths(agreement_paths(paths), index_files=index_file or [])
        view = portfolio.overview(result, as_of=today)
        if output_format is ListFormat.json:
            sys.stdout.write(portfolio.list_json(view))
        elif output_format is ListFormat.csv:
            sys.stdout.write(portfolio.list_csv(view))
        else:
            from iopctl.present.terminal import Table, write_blocks

            columns, rows = portfolio.list_table(view)
            write_blocks(
                [
                    f"Agreements as of {today} ({len(view.rows)})",
                    Table(columns=columns, rows=tuple(rows)),
                ]
            )
        # Files that are not agreements (index files) have no row: their errors here.
        others = [d for d in result.diagnostics if d.is_error and d.file not in result.files]
        for d in [*view.unreadable, *others]:
            sys.stderr.write(f"{d.brief()}\n")
        if view.unreadable or others:
            raise typer.Exit(int(ExitCode.PROBLEMS))


@app.command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="The agreement's id.")],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="text (default) or json.")
    ] = ListFormat.text,
    index_file: IndexFileOpt = None,
) -> None:
    """One agreement summarised: parties, period, economy by year, deadlines, history.

    Exit code 1 when the agreement's file has errors (they are listed under Problems).

    Examples:

      iopctl show linkoping-resurspoolen-2020

      iopctl show linkoping-resurspoolen-2020 --as-of 2022-05-15 --format json
    """
    with guard():
        from iopctl.checks.validate import validate_paths
        from iopctl.views import portfolio

        if output_format is ListFormat.csv:
            raise UsageError("show has no csv format", hint="use --format text or json")
        today = as_of_date(as_of)
        result = validate_paths(agreement_paths(paths), index_files=index_file or [])
        loaded = portfolio.find(result, agreement_id)
        summary = portfolio.summarise(result, loaded, as_of=today)
        if output_format is ListFormat.json:
            sys.stdout.write(portfolio.show_json(summary, as_of=today))
        else:
            from iopctl.present.safe import printable

            lines = portfolio.show_lines(summary, as_of=today)
            sys.stdout.write("".join(printable(line) + "\n" for line in lines))
        others = [d for d in result.diagnostics if d.is_error and d.file not in result.files]
        for d in others:
            sys.stderr.write(f"{d.brief()}\n")
        if others or any(d.is_error for d in loaded.diagnostics):
            raise typer.Exit(int(ExitCode.PROBLEMS))
