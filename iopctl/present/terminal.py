"""Terminal presentation: the only module outside iopctl/cli/ that imports rich.

Colour appears only on a terminal (and never with NO_COLOR); piped output and
files get the plain text that golden tests compare.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from iopctl.frozen import frozen
from iopctl.i18n import _
from iopctl.present.safe import printable
from iopctl.problems.diagnostic import Segment

if TYPE_CHECKING:
    from iopctl.model.types import Duration
    from iopctl.views.due import DueItem

__all__ = [
    "Rows",
    "Table",
    "cell_width",
    "due_row",
    "due_rows",
    "percent",
    "use_colour",
    "write_blocks",
    "write_due_rows",
    "write_due_table",
    "write_segments",
]

STYLES = {
    "error": "bold red",
    "warning": "yellow",
    "location": "bold",
    "code": "cyan",
    "dim": "dim",
    "hint": "green",
    "ok": "green",
    "overdue": "bold red",
    "due": "yellow",
    "estimate": "yellow",
    "heading": "bold",
}


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def write_segments(segments: Sequence[Segment], stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    if not use_colour(out):
        out.write("".join(text for text, _ in segments))
        return
    from rich.console import Console
    from rich.text import Text

    text = Text()
    for chunk, style in segments:
        text.append(chunk, style=STYLES.get(style, "") if style else None)
    Console(file=out, highlight=False, soft_wrap=True, force_terminal=True).print(text, end="")


# --- tables and text blocks (economy, value) --------------------------------------


Cell = str | tuple[str, str]
"""Cell text, or (text, style name)."""


class Rows:
    """A table's rows made when read, as often as read (a table of 100 000 agreements is
    written a line at a time: once for the widths, once for the lines; issue #17)."""

    def __init__(self, make: Callable[[], Iterable[tuple[Cell, ...] | None]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[tuple[Cell, ...] | None]:
        return iter(self._make())


@frozen
class Table:
    """A table to print: ``None`` in ``rows`` ends a section (a rule is drawn)."""

    columns: tuple[tuple[str, str], ...]  # (header, "left" | "right")
    rows: tuple[tuple[Cell, ...] | None, ...] | Rows


Block = Cell | Table
"""A line of text (possibly styled) or a table."""


def plain_table(
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[str] | None],
    *,
    rule: str = "─",
) -> list[str]:
    """A table as plain lines, laid out like rich's ``SIMPLE_HEAD`` box without edges.

    Piped output (files, CI logs, golden tests) never needs rich: this is the same
    layout at a fraction of the cost for tables of thousands of rows (``due`` over a
    portfolio). ``None`` in ``rows`` ends a section (a blank line). Trailing spaces
    are stripped. Cells are data: control characters in them are shown escaped.
    """
    rows = [None if row is None else [printable(cell) for cell in row] for row in rows]
    widths = Widths(columns)
    for row in rows:
        if row is not None:
            widths.add(row)
    return list(widths.lines(rows, rule=rule))


@functools.cache
def _not_one_cell() -> re.Pattern[str]:
    """Characters outside the ranges :mod:`rich.cells` knows to be one cell wide (its
    ``_SINGLE_CELL_UNICODE_RANGES``); compiled when first needed (4 M instructions: a
    one-file ``validate`` prints no table)."""
    return re.compile("[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2500-\u25fc\u2800-\u28ff]")


def cell_width(text: str) -> int:
    """The cells ``text`` takes in a terminal, as :func:`rich.cells.cell_len` counts them.

    Rich measures a text with any character outside its one-cell ranges character by
    character, and the Swedish dash and ellipsis (– …) are outside them: that was 5 % of
    ``due``'s instructions per file (issue #17). Here only those characters are measured,
    each as Rich measures it; a zero-width joiner or variation selector, which change the
    width of their neighbours, leaves the whole text to Rich (``tests/test_report.py``
    holds the two equal).
    """
    if text.isascii() and text.isprintable():
        return len(text)
    others = _not_one_cell().findall(text)
    if not others:
        return len(text)
    if "\u200d" in others or "\ufe0f" in others:
        return _rich()[0](text)
    width = len(text)
    for char in others:
        size = _CHAR_WIDTHS.get(char)
        if size is None:
            size = _CHAR_WIDTHS[char] = _rich()[1](char)
        width += size - 1
    return width


_CHAR_WIDTHS: dict[str, int] = {}


@functools.cache
def _rich() -> tuple[Callable[[str], int], Callable[[str], int]]:
    """Rich's measures of a text and of one character (imported when first needed)."""
    from rich.cells import cell_len, get_character_cell_size

    return cell_len, get_character_cell_size


class Widths:
    """The width of each column of a plain table, taken row by row, and the table's
    lines from them: a table of any length can be written a line at a time."""

    def __init__(self, columns: Sequence[tuple[str, str]]) -> None:
        self._len = cell_width
        self.columns = columns
        self.widths = [cell_width(header) for header, _ in columns]

    def add(self, cells: Sequence[str]) -> None:
        """A row (its cells already :func:`printable`)."""
        widths, measure = self.widths, self._len
        for i, cell in enumerate(cells):
            # Most cells are printable ASCII, one cell a character (cell_width's first
            # test, without the call).
            n = len(cell) if cell.isascii() and cell.isprintable() else measure(cell)
            if n > widths[i]:
                widths[i] = n

    def line(self, cells: Sequence[str]) -> str:
        parts = []
        last = len(self.columns) - 1
        for i, (cell, width, (_header, justify)) in enumerate(
            zip(cells, self.widths, self.columns, strict=True)
        ):
            if i == last and justify != "right":
                parts.append(cell)  # its padding would be stripped off the line's end
                continue
            n = len(cell) if cell.isascii() and cell.isprintable() else self._len(cell)
            pad = " " * (width - n)
            parts.append(pad + cell if justify == "right" else cell + pad)
        return "   ".join(parts).rstrip()

    def lines(self, rows: Iterable[Sequence[str] | None], *, rule: str) -> Iterator[str]:
        """The header, the rule, and each row (``None``: a blank line)."""
        yield self.line([header for header, _ in self.columns])
        yield rule * (sum(self.widths) + 3 * (len(self.widths) - 1))
        for row in rows:
            yield "" if row is None else self.line(row)


def write_blocks(blocks: Sequence[Block], stream: TextIO | None = None) -> None:
    """Lines and tables; plain, fixed-width text unless ``stream`` is a colour terminal."""
    out = stream if stream is not None else sys.stdout
    if not use_colour(out):
        for line in _plain_lines(blocks, rule_char(out)):
            out.write(line + "\n")
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    # As wide as the widest table needs: a narrow terminal wraps lines, but rich
    # never cuts an amount short with an ellipsis.
    console = Console(file=out, force_terminal=True, highlight=False, width=PLAIN_WIDTH)

    def text(cell: Cell) -> Text:
        chunk, style = (cell, "") if isinstance(cell, str) else cell
        return Text(printable(chunk), style=STYLES.get(style, "") if style else "")

    for block in blocks:
        if not isinstance(block, Table):
            console.print(text(block), soft_wrap=True)
            continue
        table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
        for header, justify in block.columns:
            table.add_column(
                header, justify="right" if justify == "right" else "left", no_wrap=True
            )
        for row in block.rows:
            if row is None:
                table.add_section()
            else:
                table.add_row(*(text(cell) for cell in row))
        console.print(table)


def _plain_lines(blocks: Sequence[Block], rule: str) -> Iterator[str]:
    """The lines of the blocks, made one at a time (a table's rows are read twice)."""
    for block in blocks:
        if isinstance(block, Table):
            widths = Widths(block.columns)
            for cells in _plain_rows(block.rows):
                if cells is not None:
                    widths.add(cells)
            yield from widths.lines(_plain_rows(block.rows), rule=rule)
        else:
            yield printable(block if isinstance(block, str) else block[0]).rstrip()


def _plain_rows(rows: Iterable[tuple[Cell, ...] | None]) -> Iterator[list[str] | None]:
    for row in rows:
        yield None if row is None else [printable(c if isinstance(c, str) else c[0]) for c in row]


def rule_char(stream: TextIO) -> str:
    """``─`` for a table rule, or ``-`` when the stream cannot encode it (cp1252 …)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "─".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "-"
    return "─"


def percent(value: Decimal) -> str:
    """An index figure as the language writes it (see :func:`iopctl.present.numbers.percent`)."""
    from iopctl.present.numbers import percent as by_language

    return by_language(value)


# --- iopctl due (issue 3) ----------------------------------------------------------------

PLAIN_WIDTH = 1000
"""Console width for the plain-text table. The table takes its natural width (it does not
expand), so rows never wrap and golden files do not depend on the terminal."""


def due_rows(items: Sequence[DueItem]) -> list[tuple[str, ...]]:
    """One row of cells per item, in the order of :data:`DUE_COLUMNS`."""
    return [due_row(item) for item in items]


def due_row(item: DueItem) -> tuple[str, ...]:
    """An item's cells, in the order of :data:`DUE_COLUMNS`, as each file is read
    (:func:`iopctl.views.due.due_listing`'s ``shape``); the cells with the file's words
    (id, title, clause) :func:`printable` once here, not in both passes of the table."""
    from iopctl.present import events
    from iopctl.present.due_text import date_cell, status_word

    e = item.event
    return (
        status_word(item.status),
        printable(e.agreement),
        printable(events.full_title(e)),
        date_cell(e.date, e.reason),
        e.act_by.isoformat(),
        str(item.days_left),
        printable(events.clause(e)),
    )


def write_due_table(
    items: Sequence[DueItem],
    *,
    as_of: date,
    window_end: date,
    within: Duration | str,
    stream: TextIO | None = None,
) -> None:
    """The ``iopctl due`` table of ``items`` (see :func:`write_due_rows`)."""
    counts = Counter[str](item.status for item in items)
    rows = [(item.status, due_row(item)) for item in items]
    write_due_rows(rows, counts, as_of=as_of, window_end=window_end, within=within, stream=stream)


def write_due_rows(
    rows: Iterable[tuple[str, tuple[str, ...]]],
    counts: Mapping[str, int],
    *,
    as_of: date,
    window_end: date,
    within: Duration | str,
    stream: TextIO | None = None,
) -> None:
    """The ``iopctl due`` table: colour on a terminal, plain fixed-width text otherwise.

    ``rows`` are (status, :func:`due_row`'s cells), sorted; ``counts`` the number of each
    status. Plain text has one column per field at its natural width (rows never wrap);
    ``rows`` are read twice (widths, then lines), a line written at a time, so a listing
    of any length (:class:`iopctl.views.spill.SortedRows`) is never held whole. On a
    terminal the clause is a dim second line under the event, so the table fits.
    """
    from iopctl.present.due_text import DUE_COLUMNS, due_heading, due_summary, no_deadlines

    out = stream if stream is not None else sys.stdout
    heading = due_heading(as_of, window_end, within)
    summary = due_summary(counts)
    if not any(counts.values()):
        out.write(f"{heading}\n{no_deadlines()}\n")
        return
    names = [_(name) for name in DUE_COLUMNS]
    right = _("days")
    if not use_colour(out):
        widths = Widths([(name, "right" if name == right else "left") for name in names])
        for _status, cells in rows:
            widths.add(cells)
        out.write(heading + "\n")
        plain = (cells for _status, cells in rows)
        for line in widths.lines(plain, rule=rule_char(out)):
            out.write(line + "\n")
        out.write(summary + "\n")
        return

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    shown = list(rows)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, highlight=False)
    for i, name in enumerate(names[:-1]):
        # Only the event text wraps on a narrow terminal; dates and ids never shrink.
        wraps = i == 2
        fixed = None if wraps else max(len(name), *(len(r[i]) for _, r in shown))
        table.add_column(
            name,
            justify="right" if name == right else "left",
            no_wrap=not wraps,
            min_width=fixed,
            ratio=1 if wraps else None,
            overflow="fold",
        )
    for status, row in shown:
        style = STYLES.get(status) if status != "upcoming" else None
        event = Text(row[2], style=style or "")
        event.append("\n" + row[6], style=STYLES["dim"])
        texts = [Text(cell, style=style or "") for cell in (*row[:2], *row[3:6])]
        table.add_row(*texts[:2], event, *texts[2:])
    console = Console(file=out, highlight=False, force_terminal=True)
    console.print(heading, style="bold")
    console.print(table)
    console.print(summary)
