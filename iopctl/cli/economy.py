"""``iopctl economy`` and ``iopctl value`` (issue 4); ``economy`` itself is
:func:`iopctl.cli.economy_run.run_economy`."""

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
    as_of_date,
    guard,
)
from iopctl.errors import UsageError
from iopctl.i18n import N_

__all__ = ["EconomyFormat", "economy", "value"]


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
        typer.Option("--year", metavar="YEAR", help="Show only this year.", show_default=False),
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
        from iopctl.cli.economy_run import run_economy

        code = run_economy(
            paths,
            year=year,
            output_format=output_format.value,
            output=output,
            excel=excel,
            index_file=index_file,
            jobs=jobs,
            as_of=as_of,
            assume=assume,
        )
    if code:
        raise typer.Exit(code)


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
            metavar="YEAR",
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
