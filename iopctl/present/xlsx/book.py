"""Workbooks that a controller can count on: typed cells, inert text, the same bytes.

* **Types.** Amounts are numbers with a kronor format (``#,##0 "kr"``; Excel shows its own
  locale's separators, so Swedish Excel shows ``946 995 kr``), dates are dates
  (``yyyy-mm-dd``, SS-ISO 8601), counts are integers, yes/no are booleans; an unknown
  value is an empty cell, never 0.
* **Inert text.** A text cell that a spreadsheet would read as a formula (``=``, ``+``,
  ``-``, ``@`` … first) gets a leading ``'`` exactly as :func:`iopctl.present.safe.csv_cell`
  gives CSV, and control characters are shown escaped (:func:`~iopctl.present.safe.printable`);
  every text cell is also written as a string cell, so openpyxl never stores a formula.
* **Layout.** One sheet per view; the header row frozen, filterable and bold; columns
  sized to their contents (at most 60 characters wide); estimated and conditional money
  in columns of their own, shaded (:data:`MARKS`), never in the committed column.
* **Deterministic.** openpyxl stamps ``docProps/core.xml`` with the time of saving and the
  zip entries with the time of writing; both are fixed here (the properties to the
  report's ``as_of`` day, the entries to 1980-01-01), so the same report gives the same
  bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from iopctl.frozen import frozen
from iopctl.i18n import Words, _
from iopctl.present.safe import csv_cell, printable

__all__ = ["MARKS", "Book", "Column", "kronor_format", "text_cell"]

Kind = Literal["text", "int", "date", "kronor", "number", "bool"]
Mark = Literal["estimated", "conditional"]

MARKS: dict[str, str] = {"estimated": "FFF4D6", "conditional": "FBE9E7"}
"""Shading of the columns of money that is not committed: estimated, conditional."""

MAX_WIDTH = 60
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def text_cell(value: object) -> str:
    """Text as a cell shows it and never evaluates it (see the module docstring)."""
    return csv_cell(printable(str(value)))


def kronor_format(amount: Decimal) -> str:
    """``#,##0 "kr"``; with öre ``#,##0.00 "kr"``; an exact chain shows every digit."""
    exponent = amount.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals == 0:
        return '#,##0 "kr"'
    return f'#,##0.{"0" * max(decimals, 2)} "kr"'


@frozen(slots=True)
class Column:
    header: str | Words
    """A message id (``N_("Year")``), or :class:`Words` when it has fields; said in the
    output language when the sheet is made."""
    kind: Kind = "text"
    mark: Mark | None = None


class _Sheet:
    """One view as a sheet: header, typed rows, widths, frozen header, filter."""

    def __init__(self, sheet: Worksheet, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        self.columns = tuple(columns)
        headers = [str(c.header) if isinstance(c.header, Words) else _(c.header) for c in columns]
        self.widths = [len(h) for h in headers]
        self.rows = 1
        for i, (column, header) in enumerate(zip(columns, headers, strict=True), start=1):
            cell = sheet.cell(row=1, column=i, value=text_cell(header))
            cell.data_type = "s"
            cell.font = Font(bold=True)
            if column.mark is not None:
                cell.fill = PatternFill("solid", fgColor=MARKS[column.mark])

    def add(self, values: Sequence[object]) -> None:
        self.rows += 1
        for i, (column, value) in enumerate(zip(self.columns, values, strict=True), start=1):
            if value is None or value == "":
                continue
            cell = self.sheet.cell(row=self.rows, column=i)
            shown = self._set(cell, column, value)
            self.widths[i - 1] = max(self.widths[i - 1], len(shown))
            if column.mark is not None:
                cell.fill = PatternFill("solid", fgColor=MARKS[column.mark])

    @staticmethod
    def _set(cell: object, column: Column, value: object) -> str:
        """Write one typed value; the text it shows (for the column's width)."""
        from openpyxl.cell.cell import Cell

        assert isinstance(cell, Cell)
        if column.kind == "text":
            cell.value = text_cell(value)
            cell.data_type = "s"
            return str(cell.value)
        cell.value = value  # type: ignore[assignment]
        if column.kind == "kronor":
            assert isinstance(value, Decimal)
            cell.number_format = kronor_format(value)
            return f"{value:,f} kr"
        if column.kind == "date":
            cell.number_format = "yyyy-mm-dd"
            return "2000-01-01"
        return str(value)

    def finish(self) -> None:
        sheet = self.sheet
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(self.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(self.rows, 1)}"
        for i, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)


class Book:
    """A workbook of sheets, saved as deterministic bytes."""

    def __init__(self) -> None:
        self._book = Workbook()
        self._first = True

    def sheet(
        self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[object]]
    ) -> None:
        if self._first:
            sheet = self._book.active
            assert sheet is not None
            sheet.title = title
            self._first = False
        else:
            sheet = self._book.create_sheet(title)
        view = _Sheet(sheet, columns)
        for row in rows:
            view.add(row)
        view.finish()

    def to_bytes(self, *, as_of: dt.date) -> bytes:
        stamp = dt.datetime(as_of.year, as_of.month, as_of.day)
        props = self._book.properties
        props.creator = "iopctl"
        props.lastModifiedBy = None
        props.created = stamp
        props.modified = stamp
        buffer = io.BytesIO()
        archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
        ExcelWriter(self._book, archive).save()
        return _repacked(buffer.getvalue())


def _repacked(data: bytes) -> bytes:
    """The same members in the same order, each stamped 1980-01-01 00:00."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()
