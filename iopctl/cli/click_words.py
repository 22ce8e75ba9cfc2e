"""Click's and Typer's own words ("Usage:", "Options", "Error:", "Aborted!", "Missing
argument …") in the chosen language.

The click that typer vendors writes most of its words as literal English strings, not
through gettext, so they cannot be given a translation domain. Instead this module knows
each of those sentences as a message id of iopctl's catalogue and translates them where
they are written: typer's ``_`` (help headings, "Aborted!"), the usage prefix, the help
option's text and the error display. An error message is matched against the ids (each
``{placeholder}`` matches any text) and its parts are translated in turn, so "Invalid
value for '--format': 'x' is not one of 'text', 'json'." comes out whole in Swedish.
Installed once per process; in English every word is the id itself, byte for byte.
"""

from __future__ import annotations

import functools
import re
from typing import IO, Any

import typer.core
from typer._click import exceptions, formatting
from typer._click._compat import get_text_stderr
from typer._click.utils import echo

from iopctl.i18n import N_, _

__all__ = ["ERRORS", "USAGE_WORDS", "install", "translate_error"]

HELP_WORDS = (
    N_("Usage: "),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
)

ERRORS = (
    N_("{message}. Did you mean {suggestions}?"),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name} Did you mean {suggestion}?"),
    N_("No such option: {name}"),
    N_("No such command {name}."),
    N_("No such command {name}"),
    N_("Missing command."),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Missing parameter: {name}"),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("Value error, {message}"),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid {kind}."),
    N_("Value {value} is not a valid {kind}."),
    N_("Got unexpected extra argument ({arguments})"),
    N_("Got unexpected extra arguments ({arguments})"),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Option {name} requires an argument."),
    N_("Option {name} does not take a value."),
)
"""Click's error sentences, most specific first; the first that matches translates."""

_NESTED = frozenset({"message"})
"""Placeholders that hold another of Click's sentences, translated in turn."""


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    compiled = []
    for msgid in ERRORS:
        parts = re.split(r"\{(\w+)\}", msgid)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        compiled.append((re.compile(regex + r"\Z", re.S), msgid))
    return tuple(compiled)


def translate_error(message: str) -> str:
    """One of Click's error messages in the current language (unknown ones unchanged)."""
    for pattern, msgid in _patterns():
        match = pattern.match(message)
        if match:
            found = {
                name: translate_error(value) if name in _NESTED else value
                for name, value in match.groupdict().items()
            }
            return _(msgid).format(**found)
    return message


def _usage_error_show(self: exceptions.UsageError, file: IO[Any] | None = None) -> None:
    file = file if file is not None else get_text_stderr()
    ctx = self.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            hint += "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=file, color=ctx.color)
    _show_error(self, file, ctx.color if ctx is not None else None)


def _click_exception_show(self: exceptions.ClickException, file: IO[Any] | None = None) -> None:
    file = file if file is not None else get_text_stderr()
    _show_error(self, file, self.show_color)


def _show_error(error: exceptions.ClickException, file: IO[Any], color: bool | None) -> None:
    text = translate_error(error.format_message())
    echo(_("Error: {message}").format(message=text), file=file, color=color)


USAGE_WORDS = (
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("[paths]..."),
)
"""The placeholders of a usage line (``iopctl due [OPTIONS] [paths]...``)."""


def _write_usage(
    self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
) -> None:
    for words in USAGE_WORDS:
        args = args.replace(words, _(words))
    _original_write_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)


def _help_record(self: Any, ctx: Any) -> Any:
    record = _original_help_record(self, ctx)
    if record is not None and record[1] == "Show this message and exit.":
        return record[0], _(record[1])
    return record


_PLAIN_TYPES: dict[str, str] = {
    "str": "TEXT",
    "int": "N",
    "float": "NUMBER",
    "Path": "PATH",
    "Decimal": "NUMBER",
}
"""What a value of an option without a metavar is called in help: Typer names the Python
type (``--title <str>``, ``--index-file <list[str]>``), which means nothing to the people
who read iopctl's help. A list is named by its items (the help says it may be repeated)."""
_PYTHON_TYPE = re.compile(r"<list\[(\w+)\]>|<(\w+)>")


def _display_type(self: Any, ctx: Any) -> str:
    """Typer's type display, with a Python type named in plain words (an argument's name
    already says what it is: ``paths...``, ``ID``)."""
    shown: str = _original_display_type(self, ctx)
    match = _PYTHON_TYPE.fullmatch(shown)
    if match is None:
        return shown  # choices (<text|json>), ranges, dates: already plain
    word = _PLAIN_TYPES.get(match.group(1) or match.group(2))
    if word is None:
        return shown
    return "" if self.param_type_name == "argument" else word


_original_write_usage = formatting.HelpFormatter.write_usage
_original_help_record = typer.core.TyperOption.get_help_record
_original_display_type = typer.core._TyperParameter.display_type


@functools.cache
def install() -> None:
    """Route Click's and Typer's words through the catalogue (idempotent)."""
    typer.core._ = _  # type: ignore[assignment,attr-defined]
    formatting.HelpFormatter.write_usage = _write_usage  # type: ignore[method-assign]
    typer.core.TyperOption.get_help_record = _help_record  # type: ignore[method-assign]
    typer.core._TyperParameter.display_type = _display_type  # type: ignore[method-assign]
    exceptions.UsageError.show = _usage_error_show  # type: ignore[method-assign]
    exceptions.ClickException.show = _click_exception_show  # type: ignore[method-assign]
