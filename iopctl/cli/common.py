"""The Typer app, :func:`guard` and what several commands share.

Only the ``iopctl.cli`` package imports typer. Domain modules are imported inside
the commands so that ``iopctl --help`` stays fast. For the same reason the modules
that define commands do without ``from __future__ import annotations``: typer reads
every parameter with ``typing.get_type_hints``, which would compile each annotation
string again on every run (docs/performance.md).
"""

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from iopctl.checks.validate import Validation
    from iopctl.problems.diagnostic import Diagnostic

# iopctl uses no Pydantic plugins; looking them up through entry points costs
# start-up time on every run (docs/performance.md).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from iopctl import __version__
from iopctl.cli.lean import tolerant_streams
from iopctl.errors import ExitCode, IopctlError, OptionError, UsageError
from iopctl.i18n import N_

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

DEFAULT_PATH = "agreements"
REPORT_URL = "https://github.com/iopctl/iopctl/issues"


def _lines(text: str) -> str:
    """Each line of a message with control characters escaped (data in it is inert)."""
    from iopctl.present.safe import printable

    return "\n".join(printable(line) for line in text.split("\n"))


def _stderr(message: str, hint: str = "") -> None:
    """``iopctl: fel: …`` and ``iopctl: tips: …`` (``error``/``hint`` in English)."""
    from iopctl.i18n import _

    sys.stderr.write(_("iopctl: error: {message}").format(message=_lines(message)) + "\n")
    if hint:
        sys.stderr.write(_("iopctl: hint: {hint}").format(hint=_lines(hint)) + "\n")


def error_words(exc: IopctlError) -> tuple[str, str]:
    """The message and hint of ``exc`` in the chosen language; an :class:`OptionError`'s
    message starts with the option and the value given (``--party x: …``)."""
    from iopctl.i18n import say

    message = say(exc.msgid, exc.args_)
    if isinstance(exc, OptionError) and exc.value is not None:
        message = f"--{exc.option.replace('_', '-')} {exc.value}: {message}"
    return message, say(exc.hint_id, exc.args_) if exc.hint_id else ""


@contextmanager
def guard() -> Iterator[None]:
    """Map every failure to a message and an exit code; no traceback reaches a user.

    Output streams that cannot encode a character (``PYTHONIOENCODING=cp1252``, the
    Windows default when output is redirected) show it as a ``\\u…`` escape instead of
    failing.
    """
    tolerant_streams()
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except IopctlError as exc:
        _stderr(*error_words(exc))
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        from iopctl.i18n import _

        sys.stderr.write(_("iopctl: interrupted") + "\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.PROBLEMS)) from None
    except Exception as exc:
        if os.environ.get("IOPCTL_DEBUG"):
            import traceback

            traceback.print_exc()
        from iopctl.i18n import _

        _stderr(
            _("internal error ({kind}: {detail}); this is a bug in iopctl").format(
                kind=type(exc).__name__, detail=exc
            ),
            _("please report it at {url}; set IOPCTL_DEBUG=1 to see the traceback").format(
                url=REPORT_URL
            ),
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


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


def jobs_of(jobs: int | None) -> int:
    """``--jobs``, by default the cores this process may use (docs/performance.md)."""
    if jobs is not None:
        return jobs
    from iopctl.parallel import available_cores

    return available_cores()


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


def check_output(output: str | None, xlsx: bool) -> None:
    """--output is for the workbook: text, JSON and CSV go to standard output."""
    if output is not None and not xlsx:
        raise UsageError(
            N_("--output is for --format xlsx"), hint=N_("redirect other formats: > file")
        )


def write_workbook(data: bytes, output: str | None) -> None:
    """The workbook to --output (written atomically), else to a redirected stdout; never
    as bytes onto a terminal."""
    if output is not None:
        from iopctl.atomic import write_atomic

        write_atomic(output, data)
        return
    if sys.stdout.isatty():
        raise UsageError(
            N_("--format xlsx writes a binary workbook, not text for a terminal"),
            hint=N_("give --output FILE.xlsx, or redirect: > file.xlsx"),
        )
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def as_of_date(text: str | None) -> dt.date:
    """``--as-of`` or today in Europe/Stockholm; a malformed date is a usage error."""
    from iopctl.cli.parsing import parse_as_of
    from iopctl.clock import today_stockholm

    return parse_as_of(text) if text is not None else today_stockholm()


def agreement_paths(paths: list[str] | None) -> list[str]:
    if paths:
        return paths
    if not os.path.isdir(DEFAULT_PATH):
        raise UsageError(
            N_("no paths given and there is no {folder}/ folder here"),
            hint=N_("pass agreement files or folders, e.g. `iopctl validate agreements/`"),
            folder=DEFAULT_PATH,
        )
    return [DEFAULT_PATH]


def write_problem_lines(diagnostics: Iterable["Diagnostic"], *, hints: bool = False) -> None:
    """Problems on stderr, one line each (``file:line:col: error CODE message``).

    For commands whose own output is something else (a table, a diff): the problems
    are a side note that a script can still parse, and `iopctl validate` shows them in
    full.
    """
    from iopctl.present.safe import printable

    for d in diagnostics:
        sys.stderr.write(d.brief() + "\n")
        if hints and d.hint:
            from iopctl.i18n import _

            sys.stderr.write(f"    {_('hint:')} {printable(d.hint_text())}\n")


def write_problem_report(diagnostics: Sequence["Diagnostic"], validation: "Validation") -> None:
    """Problems on stderr as `iopctl validate` shows them: with the source lines, in colour
    on a terminal."""
    from iopctl.present.terminal import write_segments
    from iopctl.problems.diagnostic import text_segments

    segments = text_segments(
        diagnostics, line_text=validation.line_text, files=len(validation.files)
    )
    write_segments(segments, sys.stderr)
