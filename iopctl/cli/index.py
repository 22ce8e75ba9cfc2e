"""``iopctl index add`` and ``iopctl index list``: the repository's own index figures."""

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iopctl.cli.common import IndexFileOpt, PathsArg, _Group, agreement_paths, app, guard
from iopctl.errors import UsageError
from iopctl.i18n import N_

__all__ = ["IndexFormat", "add", "index_app", "list_figures"]

index_app = typer.Typer(
    name="index",
    help=(
        "Index figures (OPI, PKV …): add SKR's newest figure, list what iopctl knows.\n\n"
        "Examples:\n\n"
        "  iopctl index list\n\n"
        '  iopctl index add OPI 2025 3.2 --status preliminary --source "SKR cirkulär …"'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=_Group,
)
app.add_typer(index_app)

_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")


class Status(StrEnum):
    preliminary = "preliminary"
    definitive = "definitive"


class IndexFormat(StrEnum):
    text = "text"
    json = "json"


# Long only for its signature: typer reads each option from a parameter of its own.
@index_app.command("add")
def add(
    index: Annotated[str, typer.Argument(metavar="INDEX", help="The index code, e.g. OPI.")],
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year the change is for.")],
    percent: Annotated[
        str, typer.Argument(metavar="PERCENT", help="The change as published, e.g. 3.2.")
    ],
    status: Annotated[
        Status, typer.Option("--status", help="preliminary or definitive, as published.")
    ],
    source: Annotated[
        str,
        typer.Option(
            "--source", metavar="TEXT", help="Who published it, where and when (required)."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="YYYY-MM-DD", help="Publication date, if known."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a value with the same year and status.")
    ] = False,
    root: Annotated[
        str | None,
        typer.Option(
            "--root",
            metavar="DIR",
            help="The agreements repository (default: found from the current folder).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add an index figure, with its source, to indices/<index>.yaml of the repository.

    Examples:

      iopctl index add OPI 2025 3.2 --status preliminary --source "SKR cirkulär, 2024-12-13"

      iopctl index add OPI 2025 3.4 --status definitive --source "SKR, 2025-04-30"
    """
    with guard():
        from iopctl.cli.parsing import parse_date, parse_number
        from iopctl.money import index_files
        from iopctl.reading.root import find_root

        if not _CODE.match(index):
            raise UsageError(
                N_("{index!r} is not an index code"),
                hint=N_("letters, digits, - and _, e.g. OPI"),
                index=index,
            )
        if not 1900 <= year <= 2100:
            raise UsageError(
                N_("year {year} is out of range"), hint=N_("give the year, e.g. 2025"), year=year
            )
        if not source.strip():
            raise UsageError(
                N_("--source is empty"), hint=N_("say who published it, where and when")
            )
        figure = index_files.FigureToAdd(
            index=index,
            year=year,
            percent=parse_number(percent, option="PERCENT", allow_negative=True, percent=True),
            status=status.value,
            source=source.strip(),
            published=parse_date(published, "--published"),
        )
        folder = Path(root) if root is not None else find_root([])
        try:
            path = index_files.add_figure(folder, figure, replace=replace)
        except index_files.AlreadyKnown as exc:
            raise UsageError(
                exc.msgid, hint=N_("add --replace to replace it"), **exc.args_
            ) from None
        from iopctl.i18n import _

        # The figure as index files write it (a decimal point); the status in words.
        line = (
            _("{path}: {index} {year} {percent} % (preliminary)")
            if status is Status.preliminary
            else _("{path}: {index} {year} {percent} % (definitive)")
        )
        sys.stdout.write(
            line.format(path=path, index=index, year=year, percent=f"{figure.percent:f}") + "\n"
        )


@index_app.command("list")
def list_figures(
    paths: PathsArg = None,
    output_format: Annotated[
        IndexFormat, typer.Option("--format", "-f", help="text (default) or json.")
    ] = IndexFormat.text,
    index_file: IndexFileOpt = None,
) -> None:
    """Every index figure iopctl knows (bundled and local), and those agreements need.

    Examples:

      iopctl index list

      iopctl index list agreements/ --format json
    """
    with guard():
        from iopctl.cli.common import as_of_date
        from iopctl.views.indices import index_overview_of_paths

        today = as_of_date(None)
        view = index_overview_of_paths(
            agreement_paths(paths), as_of=today, index_files=index_file or []
        )
        if output_format is IndexFormat.json:
            from iopctl.present.indices import index_json

            sys.stdout.write(index_json(view))
        else:
            from iopctl.present.indices import index_blocks
            from iopctl.present.terminal import write_blocks

            write_blocks(index_blocks(view))
