"""The Typer app, :func:`guard` and the options several commands share (what they share
that needs no typer is in :mod:`iopctl.cli.plain`, re-exported here).

Only the ``iopctl.cli`` package imports typer. Domain modules are imported inside
the commands so that ``iopctl --help`` stays fast. For the same reason the modules
that define commands do without ``from __future__ import annotations``: typer reads
every parameter with ``typing.get_type_hints``, which would compile each annotation
string again on every run (docs/performance.md).
"""

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer

# iopctl uses no Pydantic plugins; looking them up through entry points costs
# start-up time on every run (docs/performance.md).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from iopctl import __version__
from iopctl.cli.plain import (
    DEFAULT_PATH,
    REPORT_URL,
    Failed,
    agreement_paths,
    as_of_date,
    check_output,
    error_words,
    failures,
    jobs_of,
    write_problem_lines,
    write_problem_report,
    write_workbook,
)

__all__ = [
    "COMMAND_ORDER",
    "DEFAULT_PATH",
    "REPORT_URL",
    "AsOfOpt",
    "ExcelOpt",
    "IndexFileOpt",
    "JobsOpt",
    "OutputOpt",
    "PathsArg",
    "agreement_paths",
    "app",
    "as_of_date",
    "check_output",
    "error_words",
    "guard",
    "jobs_of",
    "write_problem_lines",
    "write_problem_report",
    "write_workbook",
]

COMMAND_ORDER = (
    "validate",
    "due",
    "economy",
    "value",
    "index",
    "render",
    "list",
    "show",
    "site",
    "new",
    "init",
    "diff",
    "migrate",
    "schema",
)


class _Group(typer.core.TyperGroup):
    """Commands in the order people use them, not the order they are defined."""

    def list_commands(self, ctx: Any) -> list[str]:  # typer vendors click's Context
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """Choose the language before Click reads a word (docs/i18n.md)."""
        from iopctl.cli.language import select_language

        given = list(sys.argv[1:] if args is None else args)
        without = select_language(given)
        from iopctl.cli.click_words import install
        from iopctl.cli.helptext import localise

        install()
        localise(self)
        # A command with a --lang of its own (render: the document's language) keeps it.
        named = next((a for a in given if a in self.commands), None)
        own = named is not None and any(p.name == "lang" for p in self.commands[named].params)
        return super().main(given if own else without, *rest, **extra)


class Lang(StrEnum):
    SV = "sv"
    EN = "en"


app = typer.Typer(
    name="iopctl",
    cls=_Group,
    # Plain click help: rich's renderer doubles the start-up time of `--help`
    # (about 165 ms against 80 ms measured, docs/performance.md).
    rich_markup_mode=None,
    help=(
        "IOP agreements (idéburet offentligt partnerskap) as validated YAML: "
        "checks, deadlines, OPI indexation and documents."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@contextmanager
def guard() -> Iterator[None]:
    """Map every failure to a message and an exit code; no traceback reaches a user
    (:func:`iopctl.cli.plain.failures`, with typer's exit code)."""
    try:
        with failures(passthrough=(typer.Exit, typer.Abort)):
            yield
    except Failed as failed:
        raise typer.Exit(failed.code) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"iopctl {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="Language of the output: sv (Swedish, the default) or en (English); "
            "may also follow the command.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """IOP agreements as validated YAML.

    Run `iopctl validate` in CI, `iopctl due` every Monday.
    """


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Agreement files or folders (searched for *.yaml/*.yml). Default: agreements/",
        show_default=False,
    ),
]
IndexFileOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--index-file",
        metavar="FILE",
        help="Extra index file (OPI/PKV values); may be repeated. indices/*.yaml is read too.",
        show_default=False,
    ),
]

AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Count from this date instead of today (Europe/Stockholm).",
        show_default=False,
    ),
]

JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Processes to read the files in. Default: the cores available. "
        "The output is the same for any N.",
        show_default=False,
    ),
]


ExcelOpt = Annotated[
    bool | None,
    typer.Option(
        "--excel/--no-excel",
        help="CSV for Swedish Excel (BOM, ';', decimal comma) or plain RFC 4180 CSV. "
        "Default: Excel's in Swedish, plain in English.",
        show_default=False,
    ),
]

OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the workbook (--format xlsx) to FILE instead of standard output.",
        show_default=False,
    ),
]
