"""The text layout of ``iopctl economy`` over several agreements: the portfolio.

Money per deciding body and year comes first, as each body decides on its own money;
then every contribution per year, the agreements, and the shared
estimate note, revisions and notes (:mod:`iopctl.present.economy_parts`).
"""

from __future__ import annotations

from iopctl.facts.sums import EMPTY
from iopctl.i18n import N_, _, ngettext
from iopctl.present.economy_parts import (
    Row,
    columns,
    conditional_cell,
    estimate_lines,
    note_blocks,
    revision_table,
    total_cell,
)
from iopctl.present.economy_words import common_rounding, note_text
from iopctl.present.history import period_text, status_word
from iopctl.present.terminal import Block, Cell, Rows, Table
from iopctl.views.economy import BodyYear, EconomyReport
from iopctl.views.economy.portfolio import AgreementLine

__all__ = ["portfolio_blocks"]

_NO_PUBLIC_PARTY = N_("(no public party)")


def portfolio_blocks(report: EconomyReport) -> list[Block]:
    """The portfolio report, block by block (trailing empty lines included)."""
    n = len(report.lines)
    counted = report.counted_count
    agreements = ngettext("{n} agreement", "{n} agreements", n).format(n=n)
    blocks: list[Block] = [
        (
            _("Portfolio: {agreements}, {counted} counted (not those unsigned)").format(
                agreements=agreements, counted=counted
            ),
            "heading",
        ),
        _("Rounding: {rule} (see docs/money.md)").format(rule=common_rounding(report)),
        "",
    ]
    blocks += _body_table(report)
    blocks += _conditional_lines(report)
    blocks += _year_totals(report)
    blocks += _agreement_table(report)
    blocks += estimate_lines(report)
    blocks += revision_table(report, with_agreement=True)
    blocks += note_blocks(
        [f"  {agreement_id}: {note_text(note)}" for agreement_id, note in report.notes]
    )
    return blocks


# --- money per deciding body -----------------------------------------------------------


def _body_table(report: EconomyReport) -> list[Block]:
    """Money of public parties per deciding body and year, with a total row and column."""
    bodies = report.bodies
    if not bodies:
        return []
    years = sorted({b.year for b in bodies})
    heads: tuple[tuple[str, str], ...] = ((_("Deciding body"), "left"),)
    heads += (*((str(y), "right") for y in years), (_("Total"), "right"))
    rows: list[Row] = [
        _body_row(body, years, bodies)
        for body in sorted({b.body for b in bodies}, key=lambda b: b or "")
    ]
    rows.append(None)
    rows.append(_money_total_row(report, years, bodies))
    return [
        (
            _("Money committed per year and deciding body (kind: money of public parties)"),
            "heading",
        ),
        Table(heads, tuple(rows)),
        "",
    ]


def _body_row(body: str | None, years: list[int], bodies: tuple[BodyYear, ...]) -> Row:
    """One deciding body: its money in each year (blank where it has none) and in all."""
    cells: list[Cell] = [body or _(_NO_PUBLIC_PARTY)]
    total = EMPTY
    found = {b.year: b for b in bodies if b.body == body}
    for y in years:
        b = found.get(y)
        cells.append(total_cell(b.total) if b is not None else "")
        total = total + b.total if b is not None else total
    cells.append(total_cell(total))
    return tuple(cells)


def _money_total_row(report: EconomyReport, years: list[int], bodies: tuple[BodyYear, ...]) -> Row:
    """Every deciding body together, per year and in all."""
    money = {t.year: t.total for t in report.money_totals}
    cells: list[Cell] = [_("Total")]
    grand = EMPTY
    for y in years:
        cells.append(total_cell(money[y]))
        grand = grand + money[y]
    cells.append(total_cell(grand))
    return tuple(cells)


def _conditional_lines(report: EconomyReport) -> list[Block]:
    """Money that depends on a decision not yet taken: per body and year, not in totals."""
    lines: list[Block] = []
    for b in report.bodies:
        if b.total.conditional is not None or b.total.conditional_unknown:
            body = b.body or _(_NO_PUBLIC_PARTY)
            lines.append(f"  {body} {b.year}: {conditional_cell(b.total)}")
    if not lines:
        return []
    return [(_("Conditional money (not in the totals above)"), "heading"), *lines, ""]


# --- every contribution, and the agreements ------------------------------------------------


def _year_totals(report: EconomyReport) -> list[Block]:
    """All contributions of counted agreements per year, as valued."""
    totals = report.totals
    if not totals:
        return []
    return [
        (
            _("All contributions per year (money, volunteer hours and in kind, as valued)"),
            "heading",
        ),
        Table(
            ((_("Year"), "left"), (_("Amount"), "right")),
            tuple((str(t.year), total_cell(t.total)) for t in totals),
        ),
        "",
    ]


_AGREEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Agreement"), "left"),
    (N_("Status"), "left"),
    (N_("Deciding body"), "left"),
    (N_("Period"), "left"),
    (N_("Money, all years"), "right"),
    (N_("Counted"), "left"),
)


def _agreement_table(report: EconomyReport) -> list[Block]:
    """One row per agreement, drafts included (marked as not counted)."""
    rows = Rows(lambda: (_agreement_row(a) for a in report.lines))  # made as written
    return [(_("Agreements"), "heading"), Table(columns(_AGREEMENT_COLUMNS), rows), ""]


def _agreement_row(a: AgreementLine) -> Row:
    period = period_text(a) or _("not known")
    money = a.money
    return (
        a.agreement_id,
        status_word(a.status),
        a.body or _(_NO_PUBLIC_PARTY),
        period,
        total_cell(money),
        _("yes") if a.counted else _("no"),
    )
