"""``iopctl economy`` and ``iopctl value`` (issue 4)."""

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from iopctl.views.economy import AgreementEconomy, EconomyReport

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
    write_problem_lines,
    write_workbook,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_

__all__ = ["EconomyFormat", "economy", "value"]


def _check_year(a: "AgreementEconomy", year: int) -> None:
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


class EconomyFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def economy(
    paths: PathsArg = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Show only this year.", show_default=False),
    ] = None,
    output_format: Annotated[
        EconomyFormat,
        typer.Option("--format", "-f", help="text (default), json, csv or xlsx (Excel)."),
    ] = EconomyFormat.text,
    output: OutputOpt = None,
    excel: ExcelOpt = None,
    index_file: IndexFileOpt = None,
    jobs: JobsOpt = None,
    as_of: AsOfOpt = None,
    assume: Annotated[
        str | None,
        typer.Option(
            "--assume",
            metavar="PCT",
            help="Project index years nobody has published yet at PCT percent a year; "
            "every figure built on it is marked as an estimate.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Year-by-year money: OPI indexation, volunteer hours, in-kind, totals and shares.

    One agreement gives a table per year and party; a folder gives the portfolio:
    money committed per year per deciding body. Index figures come from the bundled
    data, indices/*.yaml and --index-file. A missing index year is an error (exit 1)
    unless --assume gives a rate. Agreements that fail validation are reported on
    stderr (exit 1) and computed as far as possible.

    Examples:

      iopctl economy agreements/linkoping-resurspoolen-2020.yaml

      iopctl economy --format json > economy.json

      iopctl economy --format xlsx --output economy.xlsx

      iopctl economy agreements/ --year 2022 --assume 2.0
    """
    with guard():
        from iopctl.cli.parsing import parse_number
        from iopctl.views.economy import economy_of_paths

        check_output(output, output_format is EconomyFormat.xlsx)
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
            detail=output_format is not EconomyFormat.text,
        )
        if year is not None and len(report.agreements) == 1:
            _check_year(report.agreements[0], year)
        if output_format is EconomyFormat.xlsx:
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
        if problems:
            raise typer.Exit(int(ExitCode.PROBLEMS))


def _write(report: "EconomyReport", output_format: EconomyFormat, excel: bool | None) -> None:
    """The report on stdout, flushed before any problem goes to stderr."""
    from iopctl.present import economy_data

    if output_format is EconomyFormat.json:
        sys.stdout.write(economy_data.format_json(report))
    elif output_format is EconomyFormat.csv:
        sys.stdout.write(economy_data.format_csv(report, excel=excel))
    else:
        from iopctl.present.economy_text import text_blocks
        from iopctl.present.terminal import write_blocks

        write_blocks(text_blocks(report))
    sys.stdout.flush()


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def value(
    hours: Annotated[
        str,
        typer.Option(
            "--hours", metavar="H", help="Volunteer hours, e.g. 18000.", show_default=False
        ),
    ],
    rate: Annotated[
        str | None,
        typer.Option("--rate", metavar="KR", help="Value per hour in kronor.", show_default=False),
    ] = None,
    wage: Annotated[
        str | None,
        typer.Option(
            "--wage",
            metavar="KR",
            help="Hourly wage in kronor; the rate adds the year's arbetsgivaravgift.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Year of the arbetsgivaravgift (with --wage). Default: this year.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Value volunteer hours outside any agreement: hours × rate, with the working.

    The rate is given (--rate), or a wage plus the full statutory arbetsgivaravgift
    of the year (--wage, --year), rounded to öre. The value is rounded to whole kronor.

    Examples:

      iopctl value --hours 18000 --rate 214

      iopctl value --hours 18000 --wage 200 --year 2020
    """
    with guard():
        from iopctl.cli.parsing import parse_number
        from iopctl.present.economy_text import valuation_blocks
        from iopctl.present.terminal import write_blocks
        from iopctl.views.valuation import quick_value

        if (rate is None) == (wage is None):
            raise UsageError(
                N_("give exactly one of --rate and --wage"),
                hint=N_("e.g. --hours 18000 --rate 214"),
            )
        if rate is not None and year is not None:
            raise UsageError(N_("--year only applies with --wage"), hint=N_("leave out --year"))
        if wage is not None and year is None:
            year = as_of_date(None).year
        valuation = quick_value(
            hours=parse_number(hours, option="--hours"),
            rate=parse_number(rate, option="--rate") if rate is not None else None,
            wage=parse_number(wage, option="--wage") if wage is not None else None,
            year=year,
        )
        write_blocks(valuation_blocks(valuation))
