"""What the commands share that needs no typer: paths, ``--as-of``, ``--jobs``, problem
reports, workbooks, and every failure turned into a message and an exit code.

:mod:`iopctl.cli.common` (the typer app) re-exports all of it; the lean paths
(:mod:`iopctl.cli.lean`, :mod:`iopctl.cli.lean_commands`) use it without importing typer,
whose import alone costs a one-file ``due`` about 35 ms (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from iopctl.cli.lean import tolerant_streams
from iopctl.errors import ExitCode, IopctlError, OptionError, UsageError
from iopctl.i18n import N_

if TYPE_CHECKING:
    from iopctl.checks.validate import Validation
    from iopctl.problems.diagnostic import Diagnostic

__all__ = [
    "DEFAULT_PATH",
    "REPORT_URL",
    "Failed",
    "agreement_paths",
    "as_of_date",
    "check_output",
    "error_words",
    "failures",
    "jobs_of",
    "write_problem_lines",
    "write_problem_report",
    "write_workbook",
]

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


class Failed(Exception):
    """A failure already told on stderr: leave with ``code`` (raised by :func:`failures`)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextmanager
def failures(passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Map every failure to a message on stderr and :class:`Failed` with its exit code; no
    traceback reaches a user. ``passthrough``: exceptions that leave unchanged (typer's
    own exits, for :func:`iopctl.cli.common.guard`).

    Output streams that cannot encode a character (``PYTHONIOENCODING=cp1252``, the
    Windows default when output is redirected) show it as a ``\\u…`` escape instead of
    failing.
    """
    tolerant_streams()
    try:
        yield
    except passthrough:
        raise
    except IopctlError as exc:
        _stderr(*error_words(exc))
        raise Failed(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        from iopctl.i18n import _

        sys.stderr.write(_("iopctl: interrupted") + "\n")
        raise Failed(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise Failed(int(ExitCode.PROBLEMS)) from None
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
        raise Failed(int(ExitCode.INTERNAL)) from None


def jobs_of(jobs: int | None) -> int:
    """``--jobs``, by default the cores this process may use (docs/performance.md)."""
    if jobs is not None:
        return jobs
    from iopctl.parallel import available_cores

    return available_cores()


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


def write_problem_lines(diagnostics: Iterable[Diagnostic], *, hints: bool = False) -> None:
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


def write_problem_report(diagnostics: Sequence[Diagnostic], validation: Validation) -> None:
    """Problems on stderr as `iopctl validate` shows them: with the source lines, in colour
    on a terminal."""
    from iopctl.present.terminal import write_segments
    from iopctl.problems.diagnostic import text_segments

    segments = text_segments(
        diagnostics, line_text=validation.line_text, files=len(validation.files)
    )
    write_segments(segments, sys.stderr)
