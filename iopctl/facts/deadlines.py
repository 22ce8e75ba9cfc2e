"""The deadlines of one agreement, derived from its term, amounts and records.

:func:`derive` turns the facts of one agreement into a sorted list of
:class:`~iopctl.facts.events.Event` values. It is pure: no I/O, no clock. Statuses
(overdue / due / upcoming), the listing horizon and filtering live in
:mod:`iopctl.views.due`; the rules are documented in ``docs/deadlines.md``.

Every event carries its *contractual* date and an *act-by* date: the last Swedish business
day on or before it (:func:`iopctl.facts.workdays.act_by`), never later, because a reminder
must not make anyone late and whether lag (1930:173) 2 §'s roll-forward applies to a
contract is not settled.

What ``as_of`` changes: follow-ups and signatures dated after it are not yet known; index
figures published after it are not yet known; notice deadlines say when notice given on
``as_of`` would take effect. Nothing after the last day in force is produced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from iopctl.facts.events import (
    Detail,
    Event,
    ExpiryDetail,
    ExtensionDecisionDetail,
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
from iopctl.facts.term import last_notice_day, notice_effect
from iopctl.facts.workdays import act_by, next_business_day
from iopctl.model.agreement import MoneyContribution
from iopctl.model.types import Duration

if TYPE_CHECKING:
    from iopctl.facts import Facts

__all__ = ["derive"]


@dataclass
class _Builder:
    facts: Facts

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
            until=self.facts.term.last_day,
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
        last = self.facts.term.last_day
        if last is not None:
            events = [e for e in events if e.date <= last]
        return sorted(events, key=Event.sort_key)

    # --- expiry, notice, extension ----------------------------------------------------

    def expiry(self) -> Iterator[Event]:
        term = self.facts.term
        if term.initial_end is not None:
            extended_to = term.extensions[-1].new_end if term.extensions else None
            detail = ExpiryDetail("period", inferred=term.end_inferred, extended_to=extended_to)
            yield self.event("expiry", term.initial_end, detail)
        for extension in term.extensions:
            detail = ExpiryDetail(
                "extension",
                number=extension.number,
                position=extension.index,
                last=extension.number == len(term.extensions),
            )
            yield self.event(
                "expiry", extension.new_end, detail, key=f"extension-{extension.number}"
            )
        notice = term.notice
        if notice is not None and term.ended_early:
            assert term.last_day is not None
            detail = ExpiryDetail(
                "notice",
                given_by=notice.given_by,
                given_on=notice.given_on,
                effective_stated=notice.effective_stated,
                notice_period=notice.notice_period,
            )
            yield self.event("expiry", term.last_day, detail, key="terminated")

    def _notice_period(self) -> Duration | None:
        """The notice period while notice can still be given (none recorded yet)."""
        termination = self.facts.agreement.termination
        if termination is None or termination.record is not None:
            return None
        return termination.notice_period

    def _last_notice_day(self, notice: Duration) -> dt.date | None:
        term = self.facts.term
        if term.end is None:
            return None
        deadline = last_notice_day(term.end, notice)
        if term.start is not None and deadline < term.start:
            return None  # the notice period is longer than the agreement (IOP208)
        return deadline

    def notice(self) -> Iterator[Event]:
        notice = self._notice_period()
        end = self.facts.term.end
        if notice is None or end is None or self.facts.agreement.status == "terminated":
            return
        deadline = self._last_notice_day(notice)
        if deadline is None:
            return
        as_of = self.facts.as_of
        start = self.facts.term.start
        effect = None if start is not None and as_of < start else notice_effect(as_of, notice)
        detail = NoticeDeadlineDetail(end, notice, as_of, effect)
        yield self.event("notice_deadline", deadline, detail, key=f"end-{end.isoformat()}")

    def extension_decision(self) -> Iterator[Event]:
        agreement = self.facts.agreement
        period = agreement.period
        if period is None or agreement.status == "terminated" or self.facts.term.notice:
            return
        as_of = self.facts.as_of
        settled = any(
            t.decided_on is None or t.decided_on <= as_of for t in period.extensions_taken
        )
        if period.decision_deadline is not None and not settled:
            detail = ExtensionDecisionDetail(stated=True)
            yield self.event(
                "extension_decision",
                period.decision_deadline,
                detail,
                key="stated",
                actionable=True,
            )
            return
        option, end, notice = period.extension, self.facts.term.end, self._notice_period()
        if option is None or end is None or notice is None:
            return
        used = len(period.extensions_taken)
        if not option.unlimited and option.times is not None and used >= option.times:
            return
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
        yield self.event("extension_decision", deadline, detail, key=f"derived-{end.isoformat()}")

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
        yield self.event("follow_up", due, detail, key=f"no-{detail.ordinal}", actionable=True)

    def reports(self) -> Iterator[Event]:
        terms = self.facts.agreement.follow_up
        start, end = self.facts.term.start, self.facts.term.end
        if terms is None or start is None or end is None:
            return
        for i, report in enumerate(terms.reports):
            detail = ReportDetail(
                report.title, report.by, report.to, i, report.due_month, report.due_day
            )
            for year in range(start.year, end.year + 1):
                due = month_day(year, report.due_month, report.due_day)
                if start <= due <= end:
                    yield self.event("report", due, detail, key=f"{i}-{year}")

    # --- money ----------------------------------------------------------------------------

    def payments(self) -> Iterator[Event]:
        for payment in self.facts.payments:
            contribution = self.facts.contributions[payment.position].contribution
            assert isinstance(contribution, MoneyContribution)
            yield self.event(
                "payment",
                payment.date,
                PaymentDetail(payment, contribution.payment),
                key=f"{payment.position}-{payment.date.year}-{payment.date.month:02d}",
                amount=payment.amount,
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
        agreement, as_of = self.facts.agreement, self.facts.as_of
        if agreement.status != "draft":
            return
        signed = {s.party for s in agreement.signatures if s.date is None or s.date <= as_of}
        start = self.facts.term.start
        for party in agreement.parties:
            if party.id in signed:
                continue
            if start is not None:
                date, act = start, act_by(start)
            else:
                date = act = next_business_day(as_of)
            detail = SignatureDetail(party.id, party.name, party.confirmed, start)
            yield self.event("signature", date, detail, key=party.id, actionable=True, act=act)


def derive(facts: Facts) -> list[Event]:
    """Every event of one agreement, sorted by act-by date (then date, kind, key)."""
    return _Builder(facts).all()
