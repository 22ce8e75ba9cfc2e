"""Data shown so that nothing a terminal, a CI log or a spreadsheet reads acts on it.

Agreement files come from pull requests, and what iopctl prints from them lands in
terminals, in CI logs (GitHub Actions reads ``::command::`` lines from a job's output),
in spreadsheets (``=HYPERLINK(…)`` in a CSV cell is a formula) and in calendars. Every
output format passes data through one of the two functions here:

* :func:`printable` for text: control characters (newlines included, escape sequences,
  C1 controls, bidirectional overrides, line and paragraph separators, lone surrogates
  from undecodable file names) are shown escaped (``\\n``, ``\\x1b``, ``\\u202e``), so data
  can neither start a line nor move the cursor; a value that would begin a GitHub
  workflow command (``::error::`` at the start of a line, ``##[`` anywhere) has that
  marker escaped too.
* :func:`csv_cell` and :func:`csv_writer` for CSV, following OWASP's guidance on CSV
  injection: a text cell whose first character (after spaces) is ``=``, ``+``, ``-``,
  ``@``, a tab, a carriage return or a line feed (or a full-width ``＝ ＋ － ＠``) gets a
  leading ``'``, which spreadsheets read as "this is text"; plain numbers such as
  ``-501`` or ``-13.50`` stay numbers. Cells containing the separator (a comma, or in
  Excel's dialect a semicolon; plain CSV quotes a semicolon too), a tab, a quote or a line
  break are quoted, so no separator in data starts a new cell.

Two dialects (:func:`excel_dialect`): for Swedish Excel, which opens a double-clicked
file with the list separator and decimal symbol of the Swedish locale, a byte-order mark
(so Excel reads UTF-8, not cp1252), ``;`` between cells and a decimal comma in numbers
(``1,5``); otherwise plain RFC 4180 (``,`` and ``1.5``). Swedish output gets the first,
English the second; ``--excel``/``--no-excel`` chooses either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

__all__ = [
    "BOM",
    "CsvWriter",
    "blank_controls",
    "csv_cell",
    "csv_writer",
    "excel_dialect",
    "json_text",
    "printable",
]

BOM = "\ufeff"
"""Starts a CSV for Excel: without it Excel reads the UTF-8 bytes as cp1252 ("Ã¤")."""

# C0 and C1 controls, DEL, the bidirectional controls (U+061C, U+200E/F, U+202A–E,
# U+2066–9), line and paragraph separators, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_WORKFLOW_COMMAND = re.compile(r"^(\s*):(?=:)")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown escaped; one line, inert in a CI log."""
    if _UNSAFE.search(text) is not None:
        text = _UNSAFE.sub(_escape, text)
    if "::" in text:
        text = _WORKFLOW_COMMAND.sub(r"\1\\x3a", text)
    if "##[" in text:
        text = text.replace("##[", "##\\x5b")
    return text


def blank_controls(text: str) -> str:
    """``text`` with each control character replaced by one space (a source excerpt: the
    caret below it stays in its column); ``##[`` loses its second ``#``."""
    if _UNSAFE.search(text) is not None:
        text = _UNSAFE.sub(" ", text)
    return text.replace("##[", "# [") if "##[" in text else text


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(doc: object) -> str:
    """``doc`` as indented JSON (UTF-8 text, a final newline) in which every control
    character is an escape: JSON escapes C0 itself; DEL, C1, bidirectional controls and
    line separators become ``\\uXXXX`` too, so a JSON report printed in a terminal or a CI
    log is as inert as the text formats. The data is unchanged for any JSON reader."""
    import json

    text = json.dumps(doc, ensure_ascii=False, indent=2)
    if _JSON_UNSAFE.search(text) is not None:
        text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return text + "\n"


# --- CSV ------------------------------------------------------------------------------------

_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_QUOTE_IF = re.compile('[,;\t"\r\n]')


def csv_cell(value: object) -> str:
    """One cell as text that a spreadsheet shows and never evaluates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    first = text.lstrip(" ")[:1]
    if first in _FORMULA_START and first and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


class CsvWriter(Protocol):
    def writerow(self, row: Iterable[object]) -> None: ...


_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+\Z")
_EXCEL_QUOTE_IF = re.compile('[;\t"\r\n]')


def excel_dialect(chosen: bool | None) -> bool:
    """Whether a CSV is for Swedish Excel: as chosen (``--excel``/``--no-excel``), else
    when the output is Swedish."""
    if chosen is not None:
        return chosen
    from iopctl.i18n import language

    return language() == "sv"


class _Writer:
    """Rows as RFC 4180 CSV with every cell through :func:`csv_cell` (or Swedish Excel's
    dialect: ``;`` and a decimal comma in plain decimal numbers)."""

    def __init__(self, stream: _Stream, lineterminator: str, excel: bool) -> None:
        self._stream = stream
        self._end = lineterminator
        self._excel = excel
        self._separator = ";" if excel else ","
        self._quote_if = _EXCEL_QUOTE_IF if excel else _QUOTE_IF

    def writerow(self, row: Iterable[object]) -> None:
        cells = []
        for value in row:
            cell = csv_cell(value)
            if self._excel and _DECIMAL.match(cell) is not None:
                cell = cell.replace(".", ",")
            if self._quote_if.search(cell) is not None:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        self._stream.write(self._separator.join(cells) + self._end)


class _Stream(Protocol):
    def write(self, text: str, /) -> int: ...


def csv_writer(stream: _Stream, *, lineterminator: str = "\r\n", excel: bool = False) -> CsvWriter:
    """A ``csv.writer`` look-alike whose cells are never formulas (see :func:`csv_cell`);
    ``excel``: Swedish Excel's dialect, the byte-order mark written first."""
    if excel:
        stream.write(BOM)
    return _Writer(stream, lineterminator, excel)
