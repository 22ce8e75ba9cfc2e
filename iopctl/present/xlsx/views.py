"""``--format xlsx`` of ``iopctl economy``, ``iopctl list`` and ``iopctl due``.

Each workbook holds what the command's JSON holds, typed (see :mod:`.book`); the column
headers name the JSON keys they come from in ``docs/economy.md``. Money that rests on an
assumed index (``--assume``) and money conditional on a decision not yet taken are in
columns of their own (shaded), never in the committed column, so a sum of a column is
always one kind of money.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from iopctl.facts.events import PaymentDetail
from iopctl.facts.portions import Portion
from iopctl.facts.rows import YearAmount
from iopctl.facts.sums import Sum
from iopctl.present.economy_words import amount_note, describe_rounding
from iopctl.present.events import full_title
from iopctl.present.xlsx.book import Book, Column
from iopctl.views.due import DueItem
from iopctl.views.economy import EconomyReport
from iopctl.views.portfolio import Overview

__all__ = ["due_workbook", "economy_workbook", "list_workbook"]

MONEY = (
    Column("Committed (kr)", "kronor"),
    Column("Estimated (kr)", "kronor", "estimated"),
    Column("Conditional (kr)", "kronor", "conditional"),
)
"""The three kinds of money, apart."""


def _apart(row: YearAmount) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """A year's amount in the column of its kind: committed, estimated or conditional."""
    if row.conditional:
        return None, None, row.amount
    if row.estimate:
        return None, row.amount, None
    return row.amount, None, None


def _part(part: Portion | None) -> str | None:
    return None if part is None else f"{part.units}/{part.of} {part.unit}"


def _sum(total: Sum) -> list[object]:
    return [
        total.amount,
        total.complete,
        total.approximate,
        total.estimated,
        total.conditional,
    ]


SUM_COLUMNS = (
    Column("Committed (kr)", "kronor"),
    Column("Complete", "bool"),
    Column("Approximate", "bool"),
    Column("Estimated (kr)", "kronor", "estimated"),
    Column("Conditional (kr)", "kronor", "conditional"),
)


def _contribution_rows(report: EconomyReport) -> list[list[object]]:
    rows: list[list[object]] = []
    for a in report.agreements:
        for y in a.years:
            for c in y.contributions:
                r = c.row
                rows.append(
                    [
                        a.agreement_id,
                        y.year,
                        c.party,
                        c.kind,
                        c.base,
                        c.index,
                        c.index_percent,
                        c.index_status,
                        *_apart(r),
                        r.qualifier,
                        _part(r.portion),
                        r.source,
                        c.paid.amount if c.paid is not None else None,
                        amount_note(c) or None,
                    ]
                )
    return rows


CONTRIBUTIONS = (
    Column("Agreement"),
    Column("Year", "int"),
    Column("Party"),
    Column("Kind"),
    Column("Base (kr)", "kronor"),
    Column("Index"),
    Column("Index (%)", "number"),
    Column("Index status"),
    *MONEY,
    Column("Qualifier"),
    Column("Part of year"),
    Column("Source"),
    Column("Paid in year (kr)", "kronor"),
    Column("Why unknown"),
)

AGREEMENTS = (
    Column("Agreement"),
    Column("Title"),
    Column("Status"),
    Column("Deciding body"),
    Column("Start", "date"),
    Column("End", "date"),
    Column("Counted in totals", "bool"),
    Column("Rounding"),
    Column("File"),
)


def economy_workbook(report: EconomyReport, *, as_of: dt.date) -> bytes:
    """Sheets: every contribution and year, the agreements, the totals per year, the
    money per deciding body and year."""
    book = Book()
    book.sheet("Contributions", CONTRIBUTIONS, _contribution_rows(report))
    book.sheet(
        "Agreements",
        AGREEMENTS,
        [
            [
                a.agreement_id,
                a.title,
                a.status,
                a.body,
                a.start,
                a.end,
                a.counted,
                describe_rounding(a.rounding),
                a.file,
            ]
            for a in report.agreements
        ],
    )
    book.sheet(
        "Totals per year",
        (Column("Year", "int"), *SUM_COLUMNS),
        [[t.year, *_sum(t.total)] for t in report.totals],
    )
    book.sheet(
        "Per deciding body",
        (Column("Deciding body"), Column("Year", "int"), *SUM_COLUMNS),
        [[b.body or "(no public party)", b.year, *_sum(b.total)] for b in report.bodies],
    )
    return book.to_bytes(as_of=as_of)


def list_workbook(view: Overview) -> bytes:
    """One sheet: the agreements, as ``iopctl list --format json``."""
    columns = (
        Column("Agreement"),
        Column("Title"),
        Column("Status"),
        Column("Parties"),
        Column("Start", "date"),
        Column("End", "date"),
        Column("Next deadline"),
        Column("Next act by", "date"),
        Column("Days left", "int"),
        Column(f"Money {view.as_of.year}: committed (kr)", "kronor"),
        Column("Complete", "bool"),
        Column("Approximate", "bool"),
        Column(f"Money {view.as_of.year}: estimated (kr)", "kronor", "estimated"),
        Column(f"Money {view.as_of.year}: conditional (kr)", "kronor", "conditional"),
        Column("Errors", "int"),
        Column("Warnings", "int"),
        Column("File"),
    )
    rows: list[list[object]] = []
    for r in view.rows:
        item, money = r.next_item, r.money
        rows.append(
            [
                r.id,
                r.title,
                r.status,
                "; ".join(r.parties),
                r.term.start,
                r.term.last_day,
                item.kind if item else None,
                item.act_by if item else None,
                item.days_left if item else None,
                money.amount if money else None,
                money.complete if money else None,
                money.approximate if money else None,
                money.estimated if money else None,
                money.conditional if money else None,
                r.errors,
                r.warnings,
                r.file,
            ]
        )
    book = Book()
    book.sheet("Agreements", columns, rows)
    return book.to_bytes(as_of=view.as_of)


def _event_money(item: DueItem) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    detail = item.event.detail
    if isinstance(detail, PaymentDetail):
        row = detail.payment.year_amount
        amount = item.event.amount
        if row.conditional:
            return None, None, amount
        if row.estimate:
            return None, amount, None
    return item.event.amount, None, None


def due_workbook(items: Sequence[DueItem], *, as_of: dt.date) -> bytes:
    """One sheet: the deadlines, as ``iopctl due --format json`` (and days left)."""
    columns = (
        Column("Agreement"),
        Column("File"),
        Column("Kind"),
        Column("Date", "date"),
        Column("Act by", "date"),
        Column("Status"),
        Column("Days left", "int"),
        Column("Title"),
        Column("Amount (kr)", "kronor"),
        Column("Estimated amount (kr)", "kronor", "estimated"),
        Column("Conditional amount (kr)", "kronor", "conditional"),
    )
    rows = [
        [
            i.event.agreement,
            i.event.file,
            i.event.kind,
            i.event.date,
            i.event.act_by,
            i.status,
            i.days_left,
            full_title(i.event),
            *_event_money(i),
        ]
        for i in items
    ]
    book = Book()
    book.sheet("Deadlines", columns, rows)
    return book.to_bytes(as_of=as_of)
