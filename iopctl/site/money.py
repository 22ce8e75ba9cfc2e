"""The money page as data: per year, per deciding body and per organisation, each as a
chart and the table with its numbers (a revisor needs the numbers, not only bars).

Committed money, money projected with an assumed index (estimates) and money
conditional on a decision are three tables, never one sum; the charts draw them apart.
The sums come from :class:`~iopctl.views.economy.portfolio.Totals` (the rules of
``iopctl economy``); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from iopctl.facts import Sum
from iopctl.frozen import frozen
from iopctl.site import phrases
from iopctl.site.chart import Matrix, YearBars, matrix_chart, year_chart
from iopctl.site.phrases import t
from iopctl.site.words import WORDS
from iopctl.views.economy.portfolio import Totals

__all__ = ["Group", "Line", "money_context"]


@frozen(slots=True)
class Line:
    """One year of one body or organisation: committed, estimated, conditional."""

    year: int
    committed: str
    estimated: str
    conditional: str


@frozen(slots=True)
class Group:
    """Bodies or organisations: the chart, and the table of every name's years."""

    key: str
    title: str
    caption: str
    column: str
    chart: Matrix
    chart_label: str
    names: tuple[tuple[str, tuple[Line, ...]], ...]
    has_estimated: bool
    has_conditional: bool


_PLURAL = {"body": "bodies", "organisation": "organisations"}
"""The words' keys name the groups in the plural."""


def _estimated(total: Sum) -> str:
    return phrases.kronor(total.estimated) if total.estimated is not None else ""


def _conditional(total: Sum) -> str:
    if total.conditional is not None:
        return phrases.kronor(total.conditional)
    return WORDS["sum_unknown"] if total.conditional_unknown else ""


def _committed(total: Sum) -> str:
    return phrases.sum_text(total) if total.amount is not None or total.unknown else ""


def _line(year: int, total: Sum) -> Line:
    return Line(year, _committed(total), _estimated(total), _conditional(total))


def _group(key: str, sums: Sequence[tuple[str | None, int, Sum]], years: Sequence[int]) -> Group:
    empty = WORDS[f"no_{key}"]
    found = {(name or empty, year): total for name, year, total in sums}
    names = sorted({name for name, _ in found})
    lines = tuple(
        (name, tuple(_line(y, found[(name, y)]) for y in years if (name, y) in found))
        for name in names
    )
    every = [line for _, rows in lines for line in rows]
    amounts = {k: v.amount for k, v in found.items() if v.amount is not None}
    unknown = {k for k, v in found.items() if v.unknown}
    return Group(
        key=key,
        title=WORDS[f"money_{_PLURAL[key]}_title"],
        caption=WORDS[f"money_{_PLURAL[key]}_caption"],
        column=WORDS[f"col_{key}"],
        chart=matrix_chart(names, years, amounts, unknown=unknown),
        chart_label=t("chart_matrix_label", group=WORDS[f"group_{key}"]),
        names=lines,
        has_estimated=any(line.estimated for line in every),
        has_conditional=any(line.conditional for line in every),
    )


def _year_chart(money: Totals, years: Sequence[int]) -> tuple[YearBars, str]:
    found = {total.year: total.total for total in money.money_totals}
    values: list[tuple[int, dict[str, Decimal]]] = []
    for year in years:
        s = found.get(year, Sum())
        series = {
            name: amount
            for name, amount in (
                ("committed", s.amount),
                ("estimated", s.estimated),
                ("conditional", s.conditional),
            )
            if amount is not None
        }
        values.append((year, series))
    chart = year_chart(values, unknown={year for year, s in found.items() if s.unknown})
    committed = [(y, v["committed"]) for y, v in values if "committed" in v]
    label = ""
    if committed:
        top_year, top = max(committed, key=lambda item: (item[1], -item[0]))
        label = t(
            "chart_years_label",
            first=years[0],
            last=years[-1],
            top_year=top_year,
            top=phrases.kronor(top),
        )
    return chart, label


def money_context(money: Totals) -> dict[str, Any]:
    """What the money template shows; every year from the first to the last, so a year
    without money is a gap, not a year left out."""
    totals = {total.year: total.total for total in money.money_totals}
    years = list(range(min(totals), max(totals) + 1)) if totals else []
    chart, label = _year_chart(money, years)
    lines = [
        _line(year, totals[year]) if year in totals else Line(year, "", "", "") for year in years
    ]
    bodies = [(b.body, b.year, b.total) for b in money.bodies]
    organisations = [(o.organisation, o.year, o.total) for o in money.organisations]
    groups = [_group("body", bodies, years), _group("organisation", organisations, years)]
    return {
        "years": years,
        "lines": lines,
        "has_estimated": any(line.estimated for line in lines),
        "has_conditional": any(line.conditional for line in lines),
        "year_chart": chart,
        "year_chart_label": label,
        "groups": groups if totals else [],
    }
