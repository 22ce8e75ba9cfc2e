"""The pieces both economy layouts share: table cells, the estimate note, the revision
table and the notes list.

One agreement in detail (:mod:`iopctl.present.economy_text`) and the portfolio
(:mod:`iopctl.present.economy_portfolio`) mark estimates, unknown amounts and revisions
the same way, so a reader who knows one layout can read the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from iopctl.facts.rows import YearAmount
from iopctl.facts.sums import Sum
from iopctl.i18n import N_, _
from iopctl.money.series import IndexValue
from iopctl.present.numbers import grouped, number, percent
from iopctl.present.terminal import Block, Cell, Table
from iopctl.views.economy import EconomyReport

__all__ = [
    "INDEX_STATUS",
    "QUALIFIER",
    "Row",
    "amount_cell",
    "columns",
    "conditional_cell",
    "estimate_lines",
    "index_source",
    "index_status",
    "marked",
    "note_blocks",
    "qualified",
    "rate",
    "revision_table",
    "total_cell",
]

Row = tuple[Cell, ...] | None
"""A table row; ``None`` ends a section (a rule is drawn)."""

_ORE = Decimal("0.01")


QUALIFIER = {
    "about": N_("about {amount}"),
    "at_least": N_("at least {amount}"),
    "at_most": N_("at most {amount}"),
}
"""How an approximate amount is marked ("ca 14 000 000" in the source)."""

INDEX_STATUS = {
    "preliminary": N_("preliminary"),
    "definitive": N_("definitive"),
    "assumed": N_("assumed"),
}
"""An index figure's status in words (the codes stay in JSON and CSV)."""


def qualified(qualifier: str | None, amount: str) -> str:
    """``ca 14 000 000``, ``minst 50 %``: an amount with its qualifier, if any."""
    return _(QUALIFIER[qualifier]).format(amount=amount) if qualifier in QUALIFIER else amount


def index_status(status: str) -> str:
    return _(INDEX_STATUS[status]) if status in INDEX_STATUS else status


def index_source(value: IndexValue) -> str:
    """Where an index figure comes from: the publication it cites, or for a figure assumed
    with ``--assume`` that no value is published (said in the language)."""
    if value.status != "assumed":
        return value.source
    return _("no published {index} value for {year}; assumed with --assume").format(
        index=value.index, year=value.year
    )


def amount_cell(row: YearAmount, note: str = "", unit: str = "") -> Cell:
    """One year's amount: "about" when approximate, the part of the year when it is a part
    year, starred when estimated, "(conditional)" when it depends on a decision; an
    unknown amount says why."""
    if row.amount is None:
        return (f"({note or _('unknown')})", "warning")
    text = qualified(row.qualifier, grouped(row.amount) + unit)
    part = row.portion
    if part is not None:
        days = "" if part.unit == "months" else " " + _("d")
        text += f" ({part.units}/{part.of}{days})"
    text += "*" if row.estimate else ""
    text += " " + _("(conditional)") if row.conditional else ""
    return (text, "estimate") if row.estimate else text


def marked(text: str, estimate: bool) -> Cell:
    return (text, "estimate") if estimate else text


def rate(amount: Decimal) -> str:
    """Kronor per hour, always with öre: 214 → '214,00' (Swedish), '214.00' (English)."""
    return number(amount.quantize(_ORE), as_written=True)


def total_cell(total: Sum) -> Cell:
    """Committed money added up: "about" when any part is approximate, ``+ ?`` when some
    amounts are unknown, starred when estimated; "unknown" when no amount is known (never
    0), blank when there is nothing to add. Conditional money is not in it."""
    if total.amount is None and total.estimated is None:
        return (_("unknown"), "warning") if total.unknown else ""
    parts = [grouped(total.amount)] if total.amount is not None else []
    if total.estimated is not None:
        parts.append(grouped(total.estimated) + "*")
    text = " + ".join(parts)
    if total.approximate:
        text = _("about {amount}").format(amount=text)
    text += " + ?" if total.unknown else ""
    return (text, "estimate") if total.estimate else text


def conditional_cell(total: Sum) -> Cell:
    """The conditional money of a sum, kept apart from the committed money."""
    if total.conditional is None:
        return (_("unknown"), "warning") if total.conditional_unknown else ""
    text = grouped(total.conditional) + (" + ?" if total.conditional_unknown else "")
    return text


def estimate_lines(report: EconomyReport) -> list[Block]:
    """Which index years were assumed (``--assume``), once for the whole report."""
    assumed = report.assumed
    if not assumed:
        return []
    by_index: dict[str, list[int]] = {}
    for index, year in assumed:
        by_index.setdefault(index, []).append(year)
    which = "; ".join(f"{index} {', '.join(map(str, years))}" for index, years in by_index.items())
    shown = percent(report.assume) if report.assume is not None else "?"
    flag = f"--assume {report.assume:f}" if report.assume is not None else "--assume ?"
    return [
        (
            _(
                "* estimate: no published value for {which}; assumed {percent} a year "
                "({flag}). Later years build on it and are estimates too."
            ).format(which=which, percent=shown, flag=flag),
            "estimate",
        ),
        "",
    ]


_REVISION_COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Year"), "left"),
    (N_("Party"), "left"),
    (N_("Base"), "right"),
    (N_("Preliminary"), "right"),
    (N_("Paid"), "right"),
    (N_("Definitive"), "right"),
    (N_("Gives"), "right"),
    (N_("Difference"), "right"),
)


def columns(ids: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Column headers (message ids) in the language, with their alignment."""
    return tuple((_(name), justify) for name, justify in ids)


def revision_table(report: EconomyReport, *, with_agreement: bool) -> list[Block]:
    """Years paid on a preliminary index against what the definitive index gives."""
    rows = report.revisions
    if not rows:
        return []
    heads: tuple[tuple[str, str], ...] = ((N_("Agreement"), "left"),) if with_agreement else ()
    heads += _REVISION_COLUMNS
    body: list[Row] = []
    for agreement_id, r in rows:
        rev = r.revision
        sign = "+" if rev.difference > 0 else ""
        first: tuple[Cell, ...] = (agreement_id,) if with_agreement else ()
        body.append(
            (
                *first,
                str(rev.year),
                r.party_name,
                grouped(rev.previous),
                f"{r.index} {percent(rev.preliminary.percent)}",
                grouped(rev.paid),
                f"{r.index} {percent(rev.definitive.percent)}",
                grouped(rev.final),
                sign + grouped(rev.difference),
            )
        )
    return [
        (_("Revisions: paid on the preliminary index vs what the definitive one gives"), "heading"),
        Table(columns(heads), tuple(body)),
        _("A positive difference is owed to the organisation; a negative one is to be repaid."),
        "",
    ]


def note_blocks(lines: Sequence[str]) -> list[Block]:
    """The notes under a report (why something was not computed), if there are any."""
    if not lines:
        return []
    return [(_("Notes"), "heading"), *lines, ""]
