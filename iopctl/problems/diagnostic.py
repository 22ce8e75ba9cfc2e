"""Problems as data: every check returns :class:`Diagnostic` values.

The CLI decides how to show them (text, JSON, GitHub annotations) and which
exit code they mean; nothing here prints. A problem's message and hint are catalogue
message ids (English, marked with ``N_``) with ``{placeholders}`` filled from ``args``;
the formatters say them in the chosen language (:meth:`Diagnostic.text`), while
``message`` and ``hint`` hold the English sentences, the same in every language.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from iopctl.frozen import frozen
from iopctl.i18n import N_, Words, _, ngettext, say, say_english
from iopctl.present.safe import blank_controls, json_text, printable

__all__ = [
    "HINT",
    "WORDS",
    "Diagnostic",
    "Severity",
    "Words",
    "excerpt_of",
    "format_github",
    "format_json",
    "format_text",
    "limit_problems",
    "sort_key",
    "text_segments",
]


MAX_MESSAGE = 500
"""Characters of a message or hint; longer ones (quoting long data) end in "…"."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@frozen(slots=True)
class Diagnostic:
    """One problem at one place. Lines and columns are 1-based; 0 means "whole file".

    ``excerpt`` is the source around the place, already cut to a window, with the
    caret's offset in it; the reader attaches it to problems in a file that did not
    parse (there is no :class:`~iopctl.reading.source.Source` to ask later, and the file
    is never read a second time). It is not part of a problem's identity or its JSON.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    excerpt: tuple[str, int] | None = field(default=None, compare=False, repr=False)
    acknowledged: str | None = field(default=None, compare=False)
    """The file's reason for accepting this warning (``acknowledged:``); ``--strict``
    leaves an acknowledged warning a warning."""
    args: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What fills the ``{placeholders}`` of the message and hint ids. A value that is
    itself a :class:`Words` is said in the chosen language too."""
    message_id: str = field(default="", compare=False, repr=False)
    hint_id: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        # Given ids; kept, and the English sentences made from them (same in every language).
        if not self.message_id:
            object.__setattr__(self, "message_id", self.message)
            object.__setattr__(self, "hint_id", self.hint)
            object.__setattr__(self, "message", say_english(self.message, self.args))
            object.__setattr__(self, "hint", say_english(self.hint, self.args))
        # A message quotes data; a 10 MB value must not become a 10 MB line of output.
        for name in ("message", "hint"):
            object.__setattr__(self, name, _cut(getattr(self, name)))

    def text(self) -> str:
        """The message in the chosen language."""
        return _cut(say(self.message_id, self.args)) if self.message_id else self.message

    def hint_text(self) -> str:
        """The hint in the chosen language ("" when there is none)."""
        return _cut(say(self.hint_id, self.args)) if self.hint_id else self.hint

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_error(self) -> Diagnostic:
        """The same problem as an error (``--strict``); acknowledged warnings stay warnings."""
        if self.severity is Severity.ERROR or self.acknowledged is not None:
            return self
        return replace(self, severity=Severity.ERROR)

    def location(self) -> str:
        """``file:line:column`` (or the file), control characters in the name escaped."""
        if self.line <= 0:
            return printable(self.file)
        return f"{printable(self.file)}:{self.line}:{self.column}"

    def severity_word(self) -> str:
        return _("error") if self.is_error else _("warning")

    def brief(self) -> str:
        """One line, ``file:line:col: severity CODE message``, safe for a terminal or CI log."""
        return f"{self.location()}: {self.severity_word()} {self.code} {printable(self.text())}"

    def to_dict(self) -> dict[str, object]:
        """The JSON of a problem: keys and ``severity`` the same in every language, the
        message and hint in the chosen one."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.text(),
            "hint": self.hint_text(),
            **({"acknowledged": self.acknowledged} if self.acknowledged is not None else {}),
        }


WORDS = "{words}"
"""A message or hint that is entirely one :class:`Words` argument named ``words``
(a "did you mean …?" that may be missing: ``hint=WORDS, words=maybe_meant(...) or …``)."""
HINT = "{hint_words}"
"""A hint that is entirely one :class:`Words` argument named ``hint_words`` (when the
message is :data:`WORDS` too)."""


def _cut(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.file, d.line, d.column, d.code, d.message)


MAX_PROBLEMS = 1_000
"""Problems reported per file. A file with 480 000 broken values is not helped by 480 000
messages (it was 11 s, 1.5 GB and 173 MB of output): the first thousand say enough."""


def limit_problems(diagnostics: list[Diagnostic], file: str) -> list[Diagnostic]:
    """At most :data:`MAX_PROBLEMS` problems of one file (the first, by position), and
    then one IOP004 saying that more were found."""
    if len(diagnostics) <= MAX_PROBLEMS:
        return diagnostics
    kept = sorted(diagnostics, key=sort_key)[:MAX_PROBLEMS]
    return [
        *kept,
        Diagnostic(
            file,
            0,
            0,
            "IOP004",
            Severity.ERROR,
            N_("more than {limit} problems in this file; only the first {limit} are shown"),
            N_("fix these and run again (a generated or damaged file?)"),
            args={"limit": f"{MAX_PROBLEMS:,}"},
        ),
    ]


def format_json(diagnostics: Sequence[Diagnostic], *, files: int) -> str:
    """The ``--format json`` document; keys and order are a documented contract."""
    ordered = sorted(diagnostics, key=sort_key)
    doc = {
        "files": files,
        "errors": sum(1 for d in ordered if d.is_error),
        "warnings": sum(1 for d in ordered if not d.is_error),
        "diagnostics": [d.to_dict() for d in ordered],
    }
    return json_text(doc)


def _github_escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: %, CR and LF in the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_property(text: str) -> str:
    return _github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_path(file: str) -> str:
    """Repository-relative POSIX path without a leading ``./`` (GitHub drops such annotations)."""
    path = Path(file)
    if path.is_absolute():
        with contextlib.suppress(ValueError):
            path = path.relative_to(Path.cwd())
    text = path.as_posix()
    while text.startswith("./"):
        text = text[2:]
    return text


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one per line.

    ``file:line:col`` is repeated in the message because some GitHub views hide
    the annotation's own location (yamllint#421).
    """
    lines = []
    for d in sorted(diagnostics, key=sort_key):
        kind = "error" if d.is_error else "warning"
        path = printable(github_path(d.file))
        props = [f"file={_github_escape_property(path)}"]
        if d.line > 0:
            props.append(f"line={d.line}")
            props.append(f"col={d.column}")
        props.append(f"title={_github_escape_property(d.code)}")
        where = f"{path}:{d.line}:{d.column}" if d.line > 0 else path
        message = f"{where}: {d.code} {printable(d.text())}"
        if d.hint:
            message += " (" + _("hint: {hint}").format(hint=printable(d.hint_text())) + ")"
        lines.append(f"::{kind} {','.join(props)}::{_github_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


Segment = tuple[str, str | None]
"""A piece of text and an optional style name (``error``, ``warning``, ``dim`` …)."""

_MAX_SHOWN = 120


def excerpt_of(line_text: str, column: int) -> tuple[str, int]:
    """The source line as shown, and the caret's 0-based offset in it.

    A long line is cut to the window around the column *before* anything else is done
    with it, so each diagnostic costs the window, not the line: 20 000 diagnostics on
    one 8 MB line take as long as 20 000 on short lines. Control characters become
    spaces, one for one, so the caret stays under its column.
    """
    caret = max(column - 1, 0)
    start, end = 0, len(line_text)
    if end > _MAX_SHOWN:
        start = max(0, min(caret - _MAX_SHOWN // 2, end - _MAX_SHOWN))
        end = start + _MAX_SHOWN
    shown = blank_controls(line_text[start:end])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line_text) else ""
    caret = caret - start + len(prefix)
    shown = prefix + shown + suffix
    return shown, min(caret, len(shown))


def text_segments(
    diagnostics: Sequence[Diagnostic],
    *,
    line_text: Callable[[str, int], str],
    files: int,
) -> list[Segment]:
    """The ``--format text`` report as styled segments, grouped per file.

    The plain text (segments joined) is the golden-file format; the CLI adds
    colour on a terminal only.
    """
    out: list[Segment] = []
    ordered = sorted(diagnostics, key=sort_key)
    previous: str | None = None
    for d in ordered:
        if previous is not None and d.file != previous:
            out.append(("\n", None))
        previous = d.file
        style = "error" if d.is_error else "warning"
        out += [
            (d.location(), "location"),
            (": ", None),
            (d.severity_word(), style),
            (" ", None),
            (d.code, "code"),
            (" ", None),
            (printable(d.text()), None),
            ("\n", None),
        ]
        if d.line > 0:
            shown, caret = d.excerpt or excerpt_of(line_text(d.file, d.line), d.column)
            gutter = f"{d.line:>6} | "
            out += [
                (gutter, "dim"),
                (shown, None),
                ("\n", None),
                (" " * (len(gutter) - 2) + "| ", "dim"),
                (" " * caret + "^", style),
                ("\n", None),
            ]
        if d.hint and d.acknowledged is None:
            label = "       " + _("hint:") + " "
            out += [(label, "dim"), (printable(d.hint_text()), "hint"), ("\n", None)]
        if d.acknowledged is not None:
            reason = printable(d.acknowledged)
            label = "       " + _("acknowledged:") + " "
            out += [(label, "dim"), (reason, "hint"), ("\n", None)]
    errors = sum(1 for d in ordered if d.is_error)
    warnings = len(ordered) - errors
    if ordered:
        out.append(("\n", None))
    out.append(_summary(files, errors, warnings))
    return out


def _summary(files: int, errors: int, warnings: int) -> Segment:
    checked = ngettext("Checked {files} file", "Checked {files} files", files).format(files=files)
    if not errors and not warnings:
        return (_("{checked}: no problems.").format(checked=checked) + "\n", "ok")
    counted = _("{checked}: {errors}, {warnings}.").format(
        checked=checked,
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    )
    return (counted + "\n", "error" if errors else "warning")


def format_text(
    diagnostics: Sequence[Diagnostic], *, line_text: Callable[[str, int], str], files: int
) -> str:
    return "".join(
        text for text, _style in text_segments(diagnostics, line_text=line_text, files=files)
    )
