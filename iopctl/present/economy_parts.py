"""The pieces both economy layouts share: table cells, the estimate note, the revision
table and the notes list.

One agreement in detail (:mod:`iopctl.present.economy_text`) and the portfolio
(:mod:`iopctl.present.economy_portfolio`) mark estimates, unknown amounts and revisions
the same way, so a reader who knows one layout can read the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from iopctl.present.numbers import grouped
from iopctl.present.terminal import Block, Cell, Table, percent
from iopctl.views.economy import EconomyReport

__all__ = [
    "Row",
    "amount_cell",
    "estimate_lines",
    "marked",
    "note_blocks",
    "rate",
    "revision_table",
    "total_cell",
]

Row = tuple[Cell, ...] | None
"""A table row; ``None`` ends a section (a rule is drawn)."""

_ORE = Decimal("0.01")


def amount_cell(amount: Decimal | None, estimate: bool, note: str = "") -> Cell:
    """One year's amount; an unknown amount says why, an estimate is starred."""
    if amount is None:
        return (f"({note or 'unknown'})", "warning")
    text = grouped(amount) + ("*" if estimate else "")
    return (text, "estimate") if estimate else text


def marked(text: str, estimate: bool) -> Cell:
    return (text, "estimate") if estimate else text


def rate(amount: Decimal) -> str:
    """Kronor per hour, always with öre: 214 → '214.00'."""
    return f"{amount.quantize(_ORE):,}".replace(",", " ")


def total_cell(amount: Decimal, estimate: bool, incomplete: bool) -> Cell:
    """A sum: ``+ ?`` when some of its amounts are unknown, starred when estimated."""
    text = grouped(amount) + (" + ?" if incomplete else "") + ("*" if estimate else "")
    return (text, "estimate") if estimate else text


def estimate_lines(report: EconomyReport) -> list[Block]:
    """Which index years were assumed (``--assume``), once for the whole report."""
    assumed = sorted(
        {
            (a.agreement_id, v.index, v.year)
            for a in report.agreements
            for y in a.years
            for c in y.contributions
            if (v := c.index_value) is not None and v.status == "assumed"
        }
    )
    if not assumed:
        return []
    by_index: dict[str, list[int]] = {}
    for _, index, year in assumed:
        if year not in by_index.setdefault(index, []):
            by_index[index].append(year)
    which = "; ".join(f"{index} {', '.join(map(str, years))}" for index, years in by_index.items())
    assume = f"{report.assume:f}" if report.assume is not None else "?"
    return [
        (
            f"* estimate: no published value for {which}; assumed {assume} % a year "
            f"(--assume {assume}). Later years build on it and are estimates too.",
            "estimate",
        ),
        "",
    ]


_REVISION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Year", "left"),
    ("Party", "left"),
    ("Base", "right"),
    ("Preliminary", "right"),
    ("Paid", "right"),
    ("Definitive", "right"),
    ("Gives", "right"),
    ("Difference", "right"),
)


def revision_table(report: EconomyReport, *, with_agreement: bool) -> list[Block]:
    """Years paid on a preliminary index against what the definitive index gives."""
    rows = [(a, r) for a in report.agreements for r in a.revisions]
    if not rows:
        return []
    columns: tuple[tuple[str, str], ...] = (("Agreement", "left"),) if with_agreement else ()
    columns += _REVISION_COLUMNS
    body: list[Row] = []
    for a, r in rows:
        rev = r.revision
        sign = "+" if rev.difference > 0 else ""
        first: tuple[Cell, ...] = (a.agreement_id,) if with_agreement else ()
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
        ("Revisions: paid on the preliminary index vs what the definitive one gives", "heading"),
        Table(columns, tuple(body)),
        "A positive difference is owed to the organisation; a negative one is to be repaid.",
        "",
    ]


def note_blocks(lines: Sequence[str]) -> list[Block]:
    """The notes under a report (why something was not computed), if there are any."""
    if not lines:
        return []
    return [("Notes", "heading"), *lines, ""]
