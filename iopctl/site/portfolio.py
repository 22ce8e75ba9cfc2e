"""What the portfolio pages keep of each agreement while the next is read.

An agreement's model and facts are let go once its page is written; the overview, the
timeline and the history keep only the words and sort keys of their rows
(:class:`OverviewRow`, :class:`DeadlineRow`), a few hundred bytes each, and the money
pages only sums (:class:`~iopctl.views.economy.portfolio.Totals`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from iopctl.facts.compliance import Obligation
from iopctl.frozen import frozen
from iopctl.problems.diagnostic import Diagnostic
from iopctl.site import phrases
from iopctl.site.phrases import day, t
from iopctl.site.words import WORDS
from iopctl.views.due import DueItem
from iopctl.views.economy.portfolio import Sums, Totals
from iopctl.views.site import AgreementData, Unreadable, within

__all__ = ["DeadlineRow", "OverviewRow", "Portfolio", "page_name"]


def page_name(agreement_id: str, taken: set[str]) -> str:
    """``avtal/<id>.html``; a second file with the same id gets ``<id>--2`` (an id never
    holds ``--``), so no page overwrites another."""
    name, n = agreement_id, 1
    while name in taken:
        n += 1
        name = f"{agreement_id}--{n}"
    taken.add(name)
    return f"avtal/{name}.html"


@frozen(slots=True)
class OverviewRow:
    """One agreement in the overview table: text to show and keys to sort by."""

    file: str
    page: str
    id: str
    title: str
    status: str
    status_text: str
    parties: str
    period: str
    start: str
    next_text: str
    next_date: str
    days: int | None
    money: str
    money_extra: tuple[str, ...]
    money_sort: str
    validation: str
    validation_class: str


@frozen(slots=True)
class DeadlineRow:
    """One deadline in the timeline or the history."""

    sort_key: tuple[int, tuple[dt.date, dt.date, str, int, str]]
    status: str
    status_text: str
    act_by: dt.date
    date: dt.date
    reason: str | None
    days: int
    agreement: str
    page: str
    kind: str
    title: str
    amount: str


@frozen(slots=True)
class RecordRow:
    """One obligation of the record (the history page, an agreement's page)."""

    sort_key: tuple[dt.date, str, str]
    year: int
    due: dt.date
    done: str
    met: str
    met_text: str
    agreement: str
    page: str
    what: str


def record_row(o: Obligation, data: AgreementData, page: str) -> RecordRow:
    return RecordRow(
        sort_key=(o.due, data.id, o.what),
        year=o.year,
        due=o.due,
        done=phrases.day(o.done) if o.done is not None else "",
        met=o.met,
        met_text=phrases.met_text(o),
        agreement=data.id,
        page=page,
        what=phrases.obligation_what(o),
    )


def _validation(errors: int, warnings: int) -> tuple[str, str]:
    css = "error" if errors else "warning" if warnings else "ok"
    return phrases.validation_text(errors, warnings), css


def _money(data: AgreementData) -> tuple[str, tuple[str, ...], str]:
    money = data.row.money
    if money is None:
        return WORDS["nothing"], (), ""
    extra = []
    if money.estimated is not None:
        extra.append(f"{WORDS['col_estimated']}: {phrases.kronor(money.estimated)}")
    if money.conditional is not None:
        extra.append(f"{WORDS['col_conditional']}: {phrases.kronor(money.conditional)}")
    sort = f"{money.amount:f}" if money.amount is not None else ""
    return phrases.sum_text(money), tuple(extra), sort


def overview_row(data: AgreementData, page: str) -> OverviewRow:
    facts, row = data.facts, data.row
    term = facts.term
    status = facts.status_on(facts.as_of)
    period = (
        WORDS["period_unknown"]
        if term.start is None and term.last_day is None
        else t("period", start=day(term.start), end=day(term.last_day))
    )
    item = row.next_item
    money, extra, money_sort = _money(data)
    validation, css = _validation(row.errors, row.warnings)
    return OverviewRow(
        file=facts.file,
        page=page,
        id=facts.id,
        title=facts.agreement.title or "",
        status=status,
        status_text=WORDS[f"status_{status}"],
        parties=", ".join(p.name for p in facts.agreement.parties),
        period=period,
        start=term.start.isoformat() if term.start else "",
        next_text=WORDS[f"kind_{item.kind}"] if item else WORDS["nothing"],
        next_date=item.act_by.isoformat() if item else "",
        days=item.days_left if item else None,
        money=money,
        money_extra=extra,
        money_sort=money_sort,
        validation=validation,
        validation_class=css,
    )


def deadline_row(item: DueItem, data: AgreementData, page: str) -> DeadlineRow:
    e = item.event
    return DeadlineRow(
        sort_key=item.sort_key(),
        status=item.status,
        status_text=WORDS[f"due_{item.status}"],
        act_by=e.act_by,
        date=e.date,
        reason=e.reason,
        days=item.days_left,
        agreement=data.id,
        page=page,
        kind=WORDS[f"kind_{e.kind}"],
        title=phrases.event_title(e),
        amount=phrases.kronor(e.amount) if e.amount is not None else "",
    )


@dataclass
class Portfolio:
    """Everything the portfolio pages show, gathered one agreement at a time."""

    as_of: dt.date
    horizon: dt.date
    rows: dict[str, OverviewRow] = field(default_factory=dict)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    record: list[RecordRow] = field(default_factory=list)
    money: Totals = field(default_factory=Totals)
    unreadable: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    _pages: dict[str, str] = field(default_factory=dict)
    _taken: set[str] = field(default_factory=set)

    def add(self, data: AgreementData | Unreadable) -> str | None:
        """Take one agreement in; its page's path (``None``: no page, only problems)."""
        if isinstance(data, Unreadable):
            self.unreadable[data.file] = data.diagnostics
            return None
        page = self._pages.get(data.facts.file)
        if page is None:
            page = self._pages[data.facts.file] = page_name(data.id, self._taken)
        self.rows[data.facts.file] = overview_row(data, page)
        if data.revised:
            return page  # its deadlines and money are in already; only its problems changed
        for item in within(data.items, self.horizon):
            self.deadlines.append(deadline_row(item, data, page))
        self.record.extend(record_row(o, data, page) for o in data.record)
        if data.economy is not None:
            self.money.add(Sums.of(data.economy))
        return page

    def overview(self) -> list[OverviewRow]:
        return sorted(self.rows.values(), key=lambda r: (r.id, r.file))

    def status_counts(self) -> list[tuple[str, int]]:
        found: dict[str, int] = {}
        for row in self.rows.values():
            found[row.status_text] = found.get(row.status_text, 0) + 1
        return sorted(found.items())

    def months(self) -> dict[tuple[int, int], list[DeadlineRow]]:
        """The deadlines not overdue, by the month of their act-by date, in order."""
        found: dict[tuple[int, int], list[DeadlineRow]] = {}
        for row in sorted(self.deadlines, key=lambda r: r.sort_key):
            if row.status != "overdue":
                found.setdefault((row.act_by.year, row.act_by.month), []).append(row)
        return found

    def with_status(self, status: str) -> list[DeadlineRow]:
        return sorted((r for r in self.deadlines if r.status == status), key=lambda r: r.sort_key)

    def record_by_year(self) -> list[tuple[int, list[RecordRow]]]:
        """What was due, per year, the latest year first (``due --history``)."""
        found: dict[int, list[RecordRow]] = {}
        for row in sorted(self.record, key=lambda r: r.sort_key):
            found.setdefault(row.year, []).append(row)
        return sorted(found.items(), reverse=True)
