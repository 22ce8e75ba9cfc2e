"""The money charts' geometry: where each bar, tick and label goes, for an SVG template.

Why hand-built SVG rather than a charting library: the site needs two chart shapes
(bars per year; a matrix of bars per body or organisation and year), drawn the same on
every machine, with no script at all when read, escaped text and byte-identical output
for the same input. A library that draws static SVG (matplotlib, pygal) adds tens of
megabytes and its own fonts, ids and float formatting to keep deterministic; these two
shapes are a hundred lines of arithmetic here and two small Jinja templates
(``templates/chart-*.svg.j2``), tested in ``tests/test_site_chart.py``.

Amounts are never computed here: the bars are scaled from the sums the views give, as
floats, for drawing only; every number written as text comes from
:func:`iopctl.site.phrases.kronor`. Coordinates are rounded to 0.1 px so the output is
the same on every platform.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal

from iopctl.frozen import frozen
from iopctl.site.phrases import kronor

__all__ = [
    "Bar",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "Tick",
    "YearBars",
    "matrix_chart",
    "nice_max",
    "year_chart",
]

SERIES = ("committed", "estimated", "conditional")
"""The kinds of money a year chart can show, each drawn apart (never stacked)."""


def _r(value: float) -> float:
    return round(value, 1)


def nice_max(value: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value`` (the axis' top)."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        top = step.scaleb(exponent)
        if top >= value:
            return top
    return Decimal(10).scaleb(exponent)  # pragma: no cover - the loop ends at 10 × 10ⁿ


@frozen(slots=True)
class Tick:
    y: float
    label: str

    @property
    def text_y(self) -> float:
        return _r(self.y + 4)


@frozen(slots=True)
class Bar:
    series: str
    x: float
    y: float
    width: float
    height: float
    label: str

    @property
    def text_x(self) -> float:
        """The middle of the bar, where its amount is written."""
        return _r(self.x + self.width / 2)

    @property
    def text_y(self) -> float:
        return _r(self.y - 6)


@frozen(slots=True)
class YearBars:
    """A bar chart: one group of bars per year, one bar per kind of money present."""

    width: int
    height: int
    left: int
    top: int
    bottom: float
    series: tuple[str, ...]
    ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    years: tuple[tuple[float, str], ...]
    labelled: bool
    """Each bar has its amount written above it (when there is room)."""
    unknown: tuple[tuple[float, float], ...] = ()
    """Where a ``?`` stands for a year whose committed money is not known at all: an empty
    slot would read as 0."""


MAX_BAR = 72
"""The widest bar, in px: a chart of two years should not look like two walls."""
LABEL_SLOT = 96
"""The room one bar needs for its amount written above it, in px."""


def year_chart(
    values: Sequence[tuple[int, dict[str, Decimal]]],
    *,
    width: int = 720,
    height: int = 300,
    unknown: Collection[int] = (),
) -> YearBars:
    """``values``: (year, {series: amount}) in year order; absent series are not drawn.
    ``unknown``: the years whose committed money is known in part (its bar's amount says
    ``+ ?``) or not at all (a ``?`` where its bar would stand)."""
    left, top, bottom_margin = 120, 24, 40
    bottom = height - bottom_margin
    series = tuple(s for s in SERIES if any(s in amounts for _, amounts in values))
    highest = max((a for _, amounts in values for a in amounts.values()), default=Decimal(0))
    top_value = nice_max(highest)
    plot_h = bottom - top
    ticks = tuple(Tick(_r(bottom - plot_h * i / 4), kronor(top_value * i / 4)) for i in range(5))
    group = (width - left) / max(len(values), 1)
    slot = group / max(len(series), 1)
    bar_w = min(slot * 0.7, MAX_BAR)
    bars: list[Bar] = []
    years: list[tuple[float, str]] = []
    marks: list[tuple[float, float]] = []
    for n, (year, amounts) in enumerate(values):
        middle = left + group * n + group / 2
        x0 = middle - slot * len(series) / 2 + (slot - bar_w) / 2
        years.append((_r(middle), str(year)))
        if year in unknown and "committed" not in amounts:
            marks.append((_r(middle), _r(bottom - 6)))
        for k, name in enumerate(series):
            amount = amounts.get(name)
            if amount is None:
                continue
            h = plot_h * float(amount / top_value) if amount > 0 else 0.0
            label = kronor(amount) + (" + ?" if name == "committed" and year in unknown else "")
            bars.append(Bar(name, _r(x0 + slot * k), _r(bottom - h), _r(bar_w), _r(h), label))
    labelled = slot >= LABEL_SLOT
    return YearBars(
        width,
        height,
        left,
        top,
        bottom,
        series,
        ticks,
        tuple(bars),
        tuple(years),
        labelled,
        tuple(marks),
    )


@frozen(slots=True)
class MatrixCell:
    x: float
    width: float
    label: str


@frozen(slots=True)
class MatrixRow:
    y: float
    name: str
    short: str
    cells: tuple[MatrixCell, ...]
    unknown: tuple[float, ...] = ()
    """The middle of each year's cell whose amount is not known at all (a ``?``)."""


@frozen(slots=True)
class Matrix:
    """Rows (bodies or organisations) × year columns; each bar's length is its amount
    against the largest in the chart."""

    width: int
    height: int
    label_width: int
    column: int
    row_height: int
    years: tuple[tuple[float, str], ...]
    rows: tuple[MatrixRow, ...]


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def matrix_chart(
    names: Sequence[str],
    years: Sequence[int],
    amounts: dict[tuple[str, int], Decimal],
    *,
    label_width: int = 230,
    column: int = 64,
    row_height: int = 26,
    unknown: Collection[tuple[str, int]] = (),
) -> Matrix:
    """One row per name, one column per year; a cell without money stays empty.
    ``unknown``: the (name, year) cells whose amount is known in part (``+ ?`` after it)
    or not at all (a ``?``, not an empty cell that would read as 0)."""
    head = 24
    highest = max((a for a in amounts.values()), default=Decimal(0))
    rows = []
    for i, name in enumerate(names):
        cells = []
        marks = []
        for j, year in enumerate(years):
            amount = amounts.get((name, year))
            partly = (name, year) in unknown
            if amount is None:
                if partly:
                    marks.append(_r(label_width + column * j + column / 2))
                continue
            share = float(amount / highest) if highest > 0 and amount > 0 else 0.0
            label = kronor(amount) + (" + ?" if partly else "")
            cells.append(
                MatrixCell(_r(label_width + column * j + 4), _r((column - 8) * share), label)
            )
        row = MatrixRow(head + row_height * i, name, _short(name), tuple(cells), tuple(marks))
        rows.append(row)
    width = label_width + column * len(years)
    height = head + row_height * len(names) + 4
    columns = tuple(
        (_r(label_width + column * j + column / 2), str(y)) for j, y in enumerate(years)
    )
    return Matrix(width, height, label_width, column, row_height, columns, tuple(rows))
