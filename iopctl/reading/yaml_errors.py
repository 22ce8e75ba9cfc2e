"""PyYAML's syntax and reader errors as located diagnostics (IOP002), with a hint for
the usual causes (tabs, an unquoted ``: ``, a pasted control character, a second
document). PyYAML's own description of the problem is said in the chosen language when
it is one of PyYAML's known phrases (:mod:`iopctl.reading.yaml_phrases`), else quoted as
PyYAML wrote it."""

from __future__ import annotations

import re

import yaml

from iopctl.i18n import N_, Words
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.reading.build import too_deep
from iopctl.reading.yaml_phrases import phrase

__all__ = ["clean", "reader_diagnostic", "split_lines", "syntax_diagnostic"]

_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Lines as YAML counts them (LF, CRLF, CR, NEL, LS, PS)."""
    return _LINE_BREAK.split(text)


def clean(message: str) -> str:
    return " ".join(message.split())


def syntax_diagnostic(file: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = exc.problem or "invalid YAML"
    hint = N_("check indentation and quoting near this position")
    at_mark = text[mark.index : mark.index + 1] if mark is not None else ""
    if at_mark == "\t" or "'\\t'" in problem:
        hint = N_("YAML does not allow tabs for indentation; indent with spaces")
    elif "exceeded maximum nesting depth" in problem:
        return too_deep(file, line, col)
    elif "mapping values are not allowed" in problem:
        hint = N_("a value containing ': ' must be quoted, e.g. title: \"Del 1: Bakgrund\"")
    elif "control characters are not allowed" in problem or "special characters" in problem:
        hint = N_("remove the invisible control character (often pasted from Word or a PDF)")
    elif "found undefined alias" in problem:
        hint = N_("define the anchor (&name) before using the alias (*name)")
    elif "another document" in problem:
        hint = N_("keep one agreement per file; remove the second `---` document")
    # PyYAML's own words, said in the language when they are known phrases.
    detail: Words | str = phrase(clean(problem))
    if exc.context:
        detail = Words(
            N_("{context}, {problem}"), {"context": phrase(clean(exc.context)), "problem": detail}
        )
    return Diagnostic(
        file,
        line,
        col,
        "IOP002",
        Severity.ERROR,
        N_("YAML syntax error: {detail}"),
        hint,
        args={"detail": detail},
    )


def reader_diagnostic(file: str, exc: yaml.reader.ReaderError, text: str) -> Diagnostic:
    position = max(0, min(exc.position, len(text)))
    before = split_lines(text[:position])
    line, col = len(before), len(before[-1]) + 1
    character = exc.character
    code = ord(character) if isinstance(character, str) else int(character)
    return Diagnostic(
        file,
        line,
        col,
        "IOP002",
        Severity.ERROR,
        N_("YAML does not allow the control character U+{code:04X} in a file"),
        N_("remove the invisible character (often pasted from Word or a PDF)"),
        args={"code": code},
    )
