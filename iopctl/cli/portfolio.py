"""``iopctl list`` and ``iopctl show`` (issue 7); ``list`` itself is
:func:`iopctl.cli.list_run.run_list`."""

import sys
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
    agreement_paths,
    app,
    as_of_date,
    guard,
    write_problem_lines,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_

__all__ = ["ListFormat", "list_agreements", "show"]


class ListFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command("list")
def list_agreements(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="text (default), json, csv or xlsx (Excel)."),
    ] = ListFormat.text,
    output: OutputOpt = None,
    excel: ExcelOpt = None,
    index_file: IndexFileOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """The portfolio at a glance: one row per agreement.

    Status, parties, period, the next deadline and days to it, the public parties'
    money this year (OPI-indexed), and whether the file validates.

    Examples:

      iopctl list

      iopctl list --as-of 2021-06-01 --format csv > portfolio.csv

      iopctl list --format xlsx -o portfolio.xlsx
    """
    with guard():
        from iopctl.cli.list_run import run_list

        code = run_list(
            paths,
            as_of=as_of,
            output_format=output_format.value,
            output=output,
            excel=excel,
            index_file=index_file,
            jobs=jobs,
        )
    if code:
        raise typer.Exit(code)


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
        from iopctl.present import show as words
        from iopctl.views import portfolio

        if output_format in (ListFormat.csv, ListFormat.xlsx):
            raise UsageError(
                N_("show has no {format} format"),
                hint=N_("use --format text or json"),
                format=output_format.value,
            )
        today = as_of_date(as_of)
        loaded, ids, result = portfolio.find(
            agreement_paths(paths), agreement_id, index_files=index_file or []
        )
        if loaded is None:
            from iopctl.i18n import Words
            from iopctl.present.suggest import maybe_meant
            from iopctl.problems.diagnostic import HINT

            starting = [i for i in ids if i.startswith(agreement_id)]
            meant = (
                Words(N_("did you mean {match!r}?"), {"match": starting[0]})
                if starting
                else maybe_meant(agreement_id, ids)
            )
            raise UsageError(
                N_("no agreement with id {id!r}"),
                hint=HINT if meant else N_("`iopctl list` shows the ids"),
                id=agreement_id,
                hint_words=meant,
            )
        summary = portfolio.summarise(result, loaded, as_of=today)
        if output_format is ListFormat.json:
            sys.stdout.write(words.show_json(summary, as_of=today))
        else:
            from iopctl.present.safe import printable

            lines = words.show_lines(summary, as_of=today)
            sys.stdout.write("".join(printable(line) + "\n" for line in lines))
        write_problem_lines(result.other_errors)
        if result.other_errors or any(d.is_error for d in loaded.diagnostics):
            raise typer.Exit(int(ExitCode.PROBLEMS))
