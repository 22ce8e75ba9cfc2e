"""``iopctl economy`` and ``iopctl value`` (issue 4)."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from iopctl.cli.common import IndexFileOpt, PathsArg, agreement_paths, app, guard
from iopctl.errors import ExitCode

__all__ = ["EconomyFormat", "economy", "value"]


class EconomyFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def economy(
    paths: PathsArg = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Show only this year.", show_default=False),
    ] = None,
    output_format: Annotated[
        EconomyFormat,
        typer.Option("--format", "-f", help="text (default), json, or csv."),
    ] = EconomyFormat.text,
    index_file: IndexFileOpt = None,
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

      iopctl economy agreements/ --year 2022 --index-file opi-2024.yaml --assume 2.0
    """
    with guard():
        from iopctl.checks.validate import validate_paths
        from iopctl.present import economy_data as economy_formats
        from iopctl.present.numbers import parse_number
        from iopctl.present.safe import printable
        from iopctl.views import economy as econ

        assumed = (
            parse_number(assume, option="--assume", allow_negative=True, percent=True)
            if assume is not None
            else None
        )
        result = validate_paths(agreement_paths(paths), index_files=index_file or [])
        report = econ.economy_report(
            result.loaded, reference=result.reference, assume=assumed, year=year
        )
        if output_format is EconomyFormat.json:
            sys.stdout.write(economy_formats.format_json(report))
        elif output_format is EconomyFormat.csv:
            sys.stdout.write(economy_formats.format_csv(report))
        else:
            from iopctl.present.economy_text import text_blocks
            from iopctl.present.terminal import write_blocks

            write_blocks(text_blocks(report))
        sys.stdout.flush()
        failed = False
        for d in result.diagnostics:
            if d.is_error:
                sys.stderr.write(f"{d.brief()}\n")
                failed = True
        shown: set[tuple[str, int]] = set()
        for problem in report.problems:
            line = f"{problem.location()}: error {problem.code} {problem.message}"
            sys.stderr.write(printable(line) + "\n")
            failed = True
            if (problem.index, problem.year) not in shown:
                from iopctl.present.economy_text import missing_index_hint

                shown.add((problem.index, problem.year))
                sys.stderr.write(missing_index_hint(problem.index, problem.year))
        if failed:
            raise typer.Exit(int(ExitCode.PROBLEMS))


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
        from iopctl.present.economy_text import valuation_blocks
        from iopctl.present.numbers import parse_number
        from iopctl.present.terminal import write_blocks
        from iopctl.views.valuation import quick_value

        valuation = quick_value(
            hours=parse_number(hours, option="--hours"),
            rate=parse_number(rate, option="--rate") if rate is not None else None,
            wage=parse_number(wage, option="--wage") if wage is not None else None,
            year=year,
        )
        write_blocks(valuation_blocks(valuation))
