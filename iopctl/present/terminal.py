"""Terminal presentation: the only module outside iopctl/cli/ that imports rich.

Colour appears only on a terminal (and never with NO_COLOR); piped output and
files get the plain text that golden tests compare.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from iopctl.i18n import _
from iopctl.present.safe import printable
from iopctl.problems.diagnostic import Segment

if TYPE_CHECKING:
    from iopctl.model.types import Duration
    from iopctl.views.due import DueItem

__all__ = [
    "Table",
    "due_rows",
    "percent",
    "use_colour",
    "write_blocks",
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


@dataclass(frozen=True)
class Table:
    """A table to print: ``None`` in ``rows`` ends a section (a rule is drawn)."""

    columns: tuple[tuple[str, str], ...]  # (header, "left" | "right")
    rows: tuple[tuple[Cell, ...] | None, ...]


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
    from rich.cells import cell_len

    rows = [None if row is None else [printable(cell) for cell in row] for row in rows]

    widths = [cell_len(header) for header, _ in columns]
    for row in rows:
        if row is not None:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], cell_len(cell))

    def line(cells: Sequence[str]) -> str:
        parts = []
        for cell, width, (_header, justify) in zip(cells, widths, columns, strict=True):
            pad = " " * (width - cell_len(cell))
            parts.append(pad + cell if justify == "right" else cell + pad)
        return "   ".join(parts).rstrip()

    out = [line([header for header, _ in columns])]
    out.append(rule * (sum(widths) + 3 * (len(widths) - 1)))
    for row in rows:
        out.append("" if row is None else line(row))
    return out


def write_blocks(blocks: Sequence[Block], stream: TextIO | None = None) -> None:
    """Lines and tables; plain, fixed-width text unless ``stream`` is a colour terminal."""
    out = stream if stream is not None else sys.stdout
    if not use_colour(out):
        out.write("".join(line + "\n" for line in _plain_lines(blocks, rule_char(out))))
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


def _plain_lines(blocks: Sequence[Block], rule: str) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = [
                None if row is None else [c if isinstance(c, str) else c[0] for c in row]
                for row in block.rows
            ]
            lines += plain_table(block.columns, rows, rule=rule)
        else:
            lines.append(printable(block if isinstance(block, str) else block[0]).rstrip())
    return lines


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
    from iopctl.present import events
    from iopctl.present.due_text import date_cell, status_word

    rows: list[tuple[str, ...]] = []
    for item in items:
        e = item.event
        date = date_cell(e.date, e.reason)
        rows.append(
            (
                status_word(item.status),
                e.agreement,
                events.full_title(e),
                date,
                e.act_by.isoformat(),
                str(item.days_left),
                events.clause(e),
            )
        )
    return rows


def write_due_table(
    items: Sequence[DueItem],
    *,
    as_of: date,
    window_end: date,
    within: Duration | str,
    stream: TextIO | None = None,
) -> None:
    """The ``iopctl due`` table: colour on a terminal, plain fixed-width text otherwise.

    Plain text has one column per field and takes its natural width (rows never wrap).
    On a terminal the clause is a dim second line under the event, so the table fits.
    """
    from iopctl.present.due_text import DUE_COLUMNS, due_heading, due_summary, no_deadlines

    out = stream if stream is not None else sys.stdout
    heading = due_heading(as_of, window_end, within)
    summary = due_summary(items)
    if not items:
        out.write(f"{heading}\n{no_deadlines()}\n")
        return
    names = [_(name) for name in DUE_COLUMNS]
    right = _("days")
    if not use_colour(out):
        columns = [(name, "right" if name == right else "left") for name in names]
        lines = plain_table(columns, due_rows(items), rule=rule_char(out))
        out.write(heading + "\n" + "\n".join(lines) + "\n" + summary + "\n")
        return

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = [tuple(printable(cell) for cell in row) for row in due_rows(items)]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, highlight=False)
    for i, name in enumerate(names[:-1]):
        # Only the event text wraps on a narrow terminal; dates and ids never shrink.
        wraps = i == 2
        fixed = None if wraps else max(len(name), *(len(r[i]) for r in rows))
        table.add_column(
            name,
            justify="right" if name == right else "left",
            no_wrap=not wraps,
            min_width=fixed,
            ratio=1 if wraps else None,
            overflow="fold",
        )
    for item, row in zip(items, rows, strict=True):
        style = STYLES.get(item.status) if item.status != "upcoming" else None
        event = Text(row[2], style=style or "")
        event.append("\n" + row[6], style=STYLES["dim"])
        cells = [Text(cell, style=style or "") for cell in (*row[:2], *row[3:6])]
        table.add_row(*cells[:2], event, *cells[2:])
    console = Console(file=out, highlight=False, force_terminal=True)
    console.print(heading, style="bold")
    console.print(table)
    console.print(summary)
