"""The deadlines of one agreement, derived from its term, amounts and records.

:func:`derive` turns the facts of one agreement into a sorted list of
:class:`~iopctl.facts.events.Event` values. It is pure: no I/O, no clock. Statuses
(overdue / due / upcoming), the listing horizon and filtering live in
:mod:`iopctl.views.due`; the rules are documented in ``docs/deadlines.md``.

Every event carries its *contractual* date and an *act-by* date: the last Swedish business
day on or before it (:func:`iopctl.facts.workdays.act_by`; for notice, before it less the
days a letter needs to arrive), never later: a reminder must not make anyone late.

What ``as_of`` changes: follow-ups, signatures and index figures dated after it are not
yet known; notice deadlines say what notice received on ``as_of`` would do. Nothing after
the last day in force is produced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from iopctl.facts.events import (
    Detail,
    Event,
    ExpiryDetail,
    ExtensionDecisionDetail,
    IncompleteDetail,
    IndexNeed,
    IndexNeededDetail,
    Kind,
    NoticeDeadlineDetail,
    PaymentDetail,
    ReportDetail,
    SignatureDetail,
)
from iopctl.facts.follow_ups import assumed_follow_up, next_follow_up
from iopctl.facts.schedule import month_day
from iopctl.facts.settle import (
    Settlement,
    decision_settled,
    notice_settled,
    payments_settled,
    reports_settled,
)
from iopctl.facts.term import last_notice_day, notice_effect, notice_outcome, send_by
from iopctl.facts.workdays import act_by
from iopctl.model.agreement import MoneyContribution
from iopctl.model.dates import PartialDate, window
from iopctl.model.types import Duration

When = dt.date | PartialDate

if TYPE_CHECKING:
    from iopctl.facts import Facts

__all__ = ["derive"]


@dataclass
class _Builder:
    facts: Facts
    until: dt.date | None  # the last day the agreement can be in force, on every event

    def event(
        self,
        kind: Kind,
        date: dt.date,
        detail: Detail,
        *,
        key: str | None = None,
        amount: Decimal | None = None,
        actionable: bool = False,
        act: dt.date | None = None,
        window: tuple[dt.date, dt.date] | None = None,
        settled: Settlement | None = None,
    ) -> Event:
        return Event(
            agreement=self.facts.id,
            file=self.facts.file,
            kind=kind,
            date=date,
            act_by=act if act is not None else act_by(date),
            key=key if key is not None else date.isoformat(),
            detail=detail,
            amount=amount,
            actionable=actionable,
            until=self.until,
            window=window,
            settled=settled,
        )

    def all(self) -> list[Event]:
        events: list[Event] = []
        for part in (
            self.expiry,
            self.notice,
            self.extension_decision,
            self.follow_ups,
            self.reports,
            self.payments,
            self.index_needed,
            self.signatures,
        ):
            events.extend(part())
        last = self.facts.term.last_window
        if last is not None:
            events = [e for e in events if e.date <= last[1]]
        return sorted(events, key=Event.sort_key)

    # --- expiry, notice, extension ----------------------------------------------------

    def _dated(self, kind: Kind, when: When, detail: Detail, *, key: str | None = None) -> Event:
        """An event on a date known perhaps only in part (a window: dated its first day)."""
        first, last = window(when)
        span = (first, last) if first != last else None
        return self.event(kind, first, detail, key=key, window=span)

    def expiry(self) -> Iterator[Event]:
        term = self.facts.term
        period = self.facts.agreement.period
        stated = period.end if period is not None and period.end is not None else None
        initial = stated if stated is not None else term.initial_end
        if initial is not None:
            extended_to = term.extensions[-1].new_end_when if term.extensions else None
            detail = ExpiryDetail(
                "period", inferred=term.end_inferred, extended_to=extended_to, when=initial
            )
            yield self._dated("expiry", initial, detail)
        for extension in term.extensions:
            detail = ExpiryDetail(
                "extension",
                number=extension.number,
                path=extension.path,
                last=extension.number == len(term.extensions),
                when=extension.new_end_when,
            )
            key = f"extension-{extension.number}"
            yield self._dated("expiry", extension.new_end_when, detail, key=key)
        yield from self._early_end()

    def _early_end(self) -> Iterator[Event]:
        term = self.facts.term
        notice, early = term.notice, term.early
        if early is not None:
            given_by = self.facts.name_of(early.by) or ""
            detail = ExpiryDetail("early", given_by=given_by, path=early.path, when=early.date)
            if early.date is not None:
                yield self._dated("expiry", early.date, detail, key="terminated")
            return
        if notice is not None and term.ended_early and term.last_window is not None:
            detail = ExpiryDetail(
                "notice",
                given_by=self.facts.name_of(notice.given_by) or "",
                given_on=notice.given_on,
                effective_stated=notice.effective_stated,
                notice_period=notice.notice_period,
                path=notice.path,
            )
            first, last = term.last_window
            span = (first, last) if first != last else None
            yield self.event("expiry", first, detail, key="terminated", window=span)

    def _notice_period(self) -> Duration | None:
        termination = self.facts.agreement.termination
        return termination.notice_period if termination is not None else None

    def _last_notice_day(self, notice: Duration) -> dt.date | None:
        term = self.facts.term
        if term.end_when is None:
            return None
        deadline = last_notice_day(window(term.end_when)[0], notice)
        if term.start is not None and deadline < term.start:
            return None  # the notice period is longer than the agreement (IOP208)
        return deadline

    def notice(self) -> Iterator[Event]:
        """The last day to give notice so that it takes effect by the end (settled once
        notice is given or an extension declined)."""
        notice, term = self._notice_period(), self.facts.term
        if notice is None or term.end_when is None or term.early is not None:
            return
        first_end, last_end = window(term.end_when)
        deadline = self._last_notice_day(notice)
        if deadline is None:
            return
        as_of, start = self.facts.as_of, term.start
        effect = None if start is not None and as_of < start else notice_effect(as_of, notice)
        first, days = deadline, self.facts.delivery_days
        last_day = notice_outcome(first, notice, first_end).last_day
        detail = NoticeDeadlineDetail(first_end, notice, as_of, effect, last_day, days)
        span = (first, last_notice_day(last_end, notice)) if first_end != last_end else None
        yield self.event(
            "notice_deadline",
            first,
            detail,
            key=f"end-{term.end_when}",
            act=act_by(send_by(first, days)),
            window=span,
            settled=notice_settled(self.facts),
        )

    def extension_decision(self) -> Iterator[Event]:
        """A stated decision deadline (an obligation), else the derived advice."""
        agreement, term = self.facts.agreement, self.facts.term
        period = agreement.period
        if period is None:
            return
        settled = decision_settled(self.facts)
        if period.decision_deadline is not None:
            detail = ExtensionDecisionDetail(stated=True)
            yield self.event(
                "extension_decision",
                period.decision_deadline,
                detail,
                key="stated",
                actionable=True,
                settled=settled,
            )
            return
        option, end, notice = period.extension, term.end, self._notice_period()
        if option is None or end is None or notice is None or term.early is not None:
            return
        used = len(term.extensions)
        if not option.unlimited and option.times is not None and used >= option.times:
            return
        # An extension decided moves the end: the decision for the new end is open again.
        settled = decision_settled(self.facts, extension_settles=False)
        deadline = self._last_notice_day(notice)
        if deadline is None:
            return
        detail = ExtensionDecisionDetail(
            stated=False,
            end=end,
            length=option.length,
            times=option.times,
            unlimited=option.unlimited,
            option=used + 1,
            notice_period=notice,
        )
        yield self.event(
            "extension_decision",
            deadline,
            detail,
            key=f"derived-{end.isoformat()}",
            act=act_by(send_by(deadline, self.facts.delivery_days)),
            settled=settled,
        )

    # --- follow-ups and reports ---------------------------------------------------------

    def _records(self) -> list[dt.date]:
        start, as_of = self.facts.term.start, self.facts.as_of
        assert start is not None
        return sorted(r.date for r in self.facts.agreement.follow_ups if start <= r.date <= as_of)

    def follow_ups(self) -> Iterator[Event]:
        term = self.facts.term
        if term.start is None or term.end is None:
            return
        records = self._records()
        terms = self.facts.agreement.follow_up
        if terms is None or (terms.per_year is None and terms.interval is None):
            if self.facts.agreement.status == "draft":
                return
            found = assumed_follow_up(records, term.start, term.end, self.facts.as_of)
            if found is not None:
                due, detail = found
                yield self.event("follow_up", due, detail, key=f"assumed-{due.isoformat()}")
            return
        found = next_follow_up(terms, records, term.start, term.end)
        if found is None:
            return
        due, detail = found
        if detail.convened_by:
            detail = replace(detail, convened_by=self.facts.name_of(detail.convened_by))
        yield self.event("follow_up", due, detail, key=f"no-{detail.ordinal}", actionable=True)

    def reports(self) -> Iterator[Event]:
        """Each report in each year; it can be received (history) and go overdue."""
        terms = self.facts.agreement.follow_up
        if terms is None:
            return
        received = reports_settled(self.facts)
        for i, report in enumerate(terms.reports):
            by, to = self.facts.name_of(report.by), self.facts.name_of(report.to)
            detail = ReportDetail(report.title, by, to, i, report.due_month, report.due_day)
            for due in self.facts.report_dates(i):
                yield self.event(
                    "report",
                    due,
                    detail,
                    key=f"{i}-{due.year}",
                    actionable=True,
                    settled=received.get((i, due.year)),
                )

    # --- money ----------------------------------------------------------------------------

    def payments(self) -> Iterator[Event]:
        """Each payment; once payments of a contribution are recorded, each can go overdue."""
        paid, tracked = payments_settled(self.facts)
        for payment in self.facts.payments:
            contribution = self.facts.contributions[payment.position].contribution
            assert isinstance(contribution, MoneyContribution)
            yield self.event(
                "payment",
                payment.date,
                PaymentDetail(payment, contribution.payment),
                key=f"{payment.position}-{payment.date.year}-{payment.date.month:02d}",
                amount=payment.amount,
                actionable=payment.position in tracked,
                settled=paid.get((payment.position, payment.date)),
            )

    def index_needed(self) -> Iterator[Event]:
        """One per indexed year whose figure is missing or only preliminary."""
        term = self.facts.term
        if term.start is None or term.end is None:
            return
        first_payment: dict[tuple[int, int], dt.date] = {}
        for p in self.facts.payments:
            first_payment.setdefault((p.position, p.date.year), p.date)
        for facts in self.facts.contributions:
            contribution = facts.contribution
            if not isinstance(contribution, MoneyContribution) or contribution.indexation is None:
                continue
            indexation = contribution.indexation
            for row in facts.years:
                reason: IndexNeed
                if row.preliminary:
                    assert row.index is not None
                    reason, percent = "preliminary", row.index.percent
                elif row.figure_missing and row.unknown in ("no_figure", "unknown_index"):
                    reason, percent = row.unknown, None
                    if reason == "no_figure" and self._published_later(indexation.index, row.year):
                        reason = "not_yet_published"
                else:
                    continue
                when = first_payment.get((facts.position, row.year)) or month_day(
                    row.year, indexation.from_date.month, indexation.from_date.day
                )
                if not term.start <= when <= term.end:
                    continue
                detail = IndexNeededDetail(
                    facts.position,
                    indexation.index,
                    row.year,
                    indexation.from_date,
                    reason,
                    percent,
                    self.facts.as_of,
                )
                yield self.event(
                    "index_needed",
                    when,
                    detail,
                    key=f"{facts.position}-{indexation.index}-{row.year}",
                    actionable=reason != "preliminary",
                )

    def _published_later(self, index: str, year: int) -> bool:
        """iopctl has the figure, but it was published after ``as_of``."""
        reference = self.facts.reference
        series = reference.series.get(index) if reference is not None else None
        return series is not None and series.lookup(year) is not None

    # --- signatures -----------------------------------------------------------------------

    def signatures(self) -> Iterator[Event]:
        """A draft's parties without a signature, by the start; without a start, one line
        saying what is missing (not a reminder "due now" every day)."""
        derived = self.facts.status
        if derived.status not in ("draft", "decided", "decided_conditionally"):
            return
        agreement, start = self.facts.agreement, self.facts.term.start
        names = {p.id: p for p in agreement.parties}
        if start is None:
            missing = ("period.start",) + (() if agreement.parties else ("parties",))
            unsigned = tuple(names[p].name for p in derived.unsigned)
            as_of = self.facts.as_of
            incomplete = IncompleteDetail(missing, unsigned)
            yield self.event("incomplete", as_of, incomplete, key="dates", act=as_of)
            return
        for party_id in derived.unsigned:
            party = names[party_id]
            detail = SignatureDetail(party.id, party.name, party.confirmed, start)
            yield self.event("signature", start, detail, key=party.id, actionable=True)


def derive(facts: Facts) -> list[Event]:
    """Every event of one agreement, sorted by act-by date (then date, kind, key)."""
    return _Builder(facts, facts.term.latest_last_day).all()
