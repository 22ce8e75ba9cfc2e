"""Terminal presentation: the only module besides cli.py that imports rich.

Colour appears only on a terminal (and never with NO_COLOR); piped output and
files get the plain text that golden tests compare.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from iopctl.diagnostics import Segment

__all__ = ["Table", "kronor", "percent", "use_colour", "write_blocks", "write_segments"]

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

PLAIN_WIDTH = 240
"""Console width for piped output: wide enough that tables never wrap, so tests are stable."""

Cell = str | tuple[str, str]
"""Cell text, or (text, style name)."""


@dataclass(frozen=True)
class Table:
    """A table to print: ``None`` in ``rows`` ends a section (a rule is drawn)."""

    columns: tuple[tuple[str, str], ...]  # (header, "left" | "right")
    rows: tuple[tuple[Cell, ...] | None, ...]


Block = Cell | Table
"""A line of text (possibly styled) or a table."""


def write_blocks(blocks: Sequence[Block], stream: TextIO | None = None) -> None:
    """Lines and tables; plain, fixed-width text unless ``stream`` is a colour terminal."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    out = stream if stream is not None else sys.stdout
    colour = use_colour(out)
    buffer = io.StringIO()
    if colour:
        # As wide as the widest table needs: a narrow terminal wraps lines, but rich
        # never cuts an amount short with an ellipsis.
        console = Console(file=out, force_terminal=True, highlight=False, width=PLAIN_WIDTH)
    else:
        console = Console(
            file=buffer,
            width=PLAIN_WIDTH,
            color_system=None,
            force_terminal=False,
            force_interactive=False,
            highlight=False,
            emoji=False,
        )

    def text(cell: Cell) -> Text:
        chunk, style = (cell, "") if isinstance(cell, str) else cell
        return Text(chunk, style=STYLES.get(style, "") if colour and style else "")

    for block in blocks:
        if not isinstance(block, Table):
            console.print(text(block), soft_wrap=True)
            continue
        table = RichTable(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style="bold" if colour else "",
        )
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
    if not colour:
        lines = buffer.getvalue().splitlines()
        out.write("".join(line.rstrip() + "\n" for line in lines))


def kronor(amount: Decimal) -> str:
    """933000 → '933 000'; decimals only when there are any (964987.905 → '964 987.905')."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}".replace(",", " ")
    return f"{amount:,f}".replace(",", " ")


def percent(value: Decimal) -> str:
    return f"{value:f} %"
