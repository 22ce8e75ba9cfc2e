"""``--format xlsx`` of ``iopctl economy``, ``iopctl list`` and ``iopctl due``.

Each workbook holds what the command's JSON holds, typed (see :mod:`.book`); the sheet
names and column headers are in the output language (message ids here, said by
:mod:`.book`), the cells data as in the JSON; ``docs/economy.md`` names the JSON key of
each column. Money that rests on an
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
from iopctl.i18n import N_, Words, _
from iopctl.present.economy_words import amount_note, describe_rounding, note_text
from iopctl.present.events import full_title
from iopctl.present.xlsx.book import Book, Column
from iopctl.views.due import DueItem
from iopctl.views.economy import EconomyReport
from iopctl.views.economy.results import EconomyNote
from iopctl.views.portfolio import Overview

__all__ = ["due_workbook", "economy_workbook", "list_workbook"]

MONEY = (
    Column(N_("Committed (kr)"), "kronor"),
    Column(N_("Estimated (kr)"), "kronor", "estimated"),
    Column(N_("Conditional (kr)"), "kronor", "conditional"),
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
    Column(N_("Committed (kr)"), "kronor"),
    Column(N_("Complete"), "bool"),
    Column(N_("Approximate"), "bool"),
    Column(N_("Estimated (kr)"), "kronor", "estimated"),
    Column(N_("Conditional (kr)"), "kronor", "conditional"),
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
        for year in a.unknown_years:  # no economy: the year is there, its amount unknown
            why = note_text(EconomyNote("economy_not_stated"))
            rows.append([a.agreement_id, year, *[None] * (len(CONTRIBUTIONS) - 3), why])
    return rows


CONTRIBUTIONS = (
    Column(N_("Agreement")),
    Column(N_("Year"), "int"),
    Column(N_("Party")),
    Column(N_("Kind")),
    Column(N_("Base (kr)"), "kronor"),
    Column(N_("Index")),
    Column(N_("Index (%)"), "number"),
    Column(N_("Index status")),
    *MONEY,
    Column(N_("Qualifier")),
    Column(N_("Part of year")),
    Column(N_("Source")),
    Column(N_("Paid in year (kr)"), "kronor"),
    Column(N_("Why unknown")),
)

AGREEMENTS = (
    Column(N_("Agreement")),
    Column(N_("Title")),
    Column(N_("Status")),
    Column(N_("Deciding body")),
    Column(N_("Start"), "date"),
    Column(N_("End"), "date"),
    Column(N_("Counted in totals"), "bool"),
    Column(N_("Rounding")),
    Column(N_("File")),
)


def economy_workbook(report: EconomyReport, *, as_of: dt.date) -> bytes:
    """Sheets: every contribution and year, the agreements, the totals per year, the
    money per deciding body and year."""
    book = Book()
    book.sheet(_("Contributions"), CONTRIBUTIONS, _contribution_rows(report))
    book.sheet(
        _("Agreements"),
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
        _("Totals per year"),
        (Column(N_("Year"), "int"), *SUM_COLUMNS),
        [[t.year, *_sum(t.total)] for t in report.totals],
    )
    book.sheet(
        _("Per deciding body"),
        (Column(N_("Deciding body")), Column(N_("Year"), "int"), *SUM_COLUMNS),
        [[b.body or _("(no public party)"), b.year, *_sum(b.total)] for b in report.bodies],
    )
    return book.to_bytes(as_of=as_of)


def list_workbook(view: Overview) -> bytes:
    """One sheet: the agreements, as ``iopctl list --format json``."""
    columns = (
        Column(N_("Agreement")),
        Column(N_("Title")),
        Column(N_("Status")),
        Column(N_("Parties")),
        Column(N_("Start"), "date"),
        Column(N_("End"), "date"),
        Column(N_("Next deadline")),
        Column(N_("Next act by"), "date"),
        Column(N_("Days left"), "int"),
        Column(Words(N_("Money {year}: committed (kr)"), {"year": view.as_of.year}), "kronor"),
        Column(N_("Complete"), "bool"),
        Column(N_("Approximate"), "bool"),
        Column(
            Words(N_("Money {year}: estimated (kr)"), {"year": view.as_of.year}),
            "kronor",
            "estimated",
        ),
        Column(
            Words(N_("Money {year}: conditional (kr)"), {"year": view.as_of.year}),
            "kronor",
            "conditional",
        ),
        Column(N_("Errors"), "int"),
        Column(N_("Warnings"), "int"),
        Column(N_("File")),
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
    book.sheet(_("Agreements"), columns, rows)
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
        Column(N_("Agreement")),
        Column(N_("File")),
        Column(N_("Kind")),
        Column(N_("Date"), "date"),
        Column(N_("Act by"), "date"),
        Column(N_("Status")),
        Column(N_("Days left"), "int"),
        Column(N_("Title")),
        Column(N_("Amount (kr)"), "kronor"),
        Column(N_("Estimated amount (kr)"), "kronor", "estimated"),
        Column(N_("Conditional amount (kr)"), "kronor", "conditional"),
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
    book.sheet(_("Deadlines"), columns, rows)
    return book.to_bytes(as_of=as_of)
