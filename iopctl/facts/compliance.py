"""The follow-up record: every obligation that has fallen due, and whether and when it was met.

``due`` lists what is next; this is what auditors (revisorer) ask for afterwards: per year,
what was done on time, what was late and by how many days, and what was missed. The
obligations (``docs/history.md``, "The record of what was due"):

* **Follow-ups** — with ``per_year``: that many in every calendar year wholly in force,
  each due on 31 December, met by the follow-ups held that year in date order (one held
  already counts before the year is out). With only
  ``interval``: the next within the interval of the previous one (or of the start), met by
  the next one held; late by the days past the interval. Without stated terms there is
  no obligation (iopctl's yearly reminder is advice).
* **Reports** — each report in each year, met by the receipt that settles it
  (:mod:`iopctl.facts.settle`).
* **Payments** — of contributions whose payments are recorded (tracked), each scheduled
  payment, met by the payment made that settles it; a different amount is noted.
* **Extension decision** — a stated ``decision_deadline``, met by the decision (an
  extension decided or declined, notice, an early end).

Only what fell due on or before ``as_of`` is listed, and what was met after it is not
known yet; an obligation still open after its date is *missed* (it may be met late).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from iopctl.facts.follow_ups import default_interval
from iopctl.facts.settle import (
    Settlement,
    decision_settled,
    payments_settled,
    reports_settled,
)
from iopctl.frozen import frozen
from iopctl.model.dates import PartialDate

if TYPE_CHECKING:
    from iopctl.facts import Facts

__all__ = ["Met", "Obligation", "obligations"]

Met = Literal["on_time", "late", "missed", "unknown"]
Kind = Literal["follow_up", "report", "payment", "extension_decision"]
"""On time; late (by ``days_late``); not met by ``as_of``; met, on a day not known to the
day (a month, say), so whether it was late cannot be told."""


@frozen(slots=True)
class Obligation:
    """One thing that was due, and how it was met.

    ``what`` names it for the words: the report's title, the follow-up's number in its
    year, the payment's contribution. ``amount_due``/``amount_paid`` for payments.
    """

    agreement: str
    kind: Kind
    year: int
    due: dt.date
    met: Met
    done: dt.date | PartialDate | None = None
    days_late: int | None = None
    what: str = ""
    amount_due: Decimal | None = None
    amount_paid: Decimal | None = None

    @property
    def amount_differs(self) -> bool:
        return (
            self.amount_due is not None
            and self.amount_paid is not None
            and self.amount_due != self.amount_paid
        )


def _met(
    agreement: str,
    kind: Kind,
    due: dt.date,
    s: Settlement | None,
    *,
    what: str = "",
    amount_due: Decimal | None = None,
    amount_paid: Decimal | None = None,
) -> Obligation:
    """The obligation due on ``due``, met by ``s`` (``None``: missed)."""
    if s is None:
        return Obligation(
            agreement,
            kind,
            due.year,
            due,
            "missed",
            what=what,
            amount_due=amount_due,
            amount_paid=amount_paid,
        )
    late = s.late_by(due)
    met: Met = "unknown" if late is None else "late" if late > 0 else "on_time"
    return Obligation(
        agreement,
        kind,
        due.year,
        due,
        met,
        s.on,
        late,
        what=what,
        amount_due=amount_due,
        amount_paid=amount_paid,
    )


def _follow_ups(facts: Facts) -> Iterator[Obligation]:
    terms, term = facts.agreement.follow_up, facts.term
    if terms is None or term.start is None or term.end is None:
        return
    held = sorted(r.date for r in facts.agreement.follow_ups if r.date <= facts.as_of)
    if terms.per_year:
        for year in range(term.start.year, term.end.year + 1):
            jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
            if not (term.start <= jan1 and dec31 <= term.end):
                continue
            in_year = [d for d in held if d.year == year]
            for n in range(1, terms.per_year + 1):
                done = in_year[n - 1] if n <= len(in_year) else None
                if done is None and dec31 > facts.as_of:
                    continue  # not due yet
                met: Met = "on_time" if done is not None else "missed"
                late = 0 if done is not None else None
                what = f"{n}/{terms.per_year}"
                yield Obligation(facts.id, "follow_up", year, dec31, met, done, late, what)
        return
    interval = terms.interval or (default_interval(terms.per_year) if terms.per_year else None)
    if interval is None:
        return
    anchor, n = term.start, 1
    for done in [*held, None]:
        due = interval.add_to(anchor)
        if due > term.end or (due > facts.as_of and done is None):
            return
        if done is None:
            yield Obligation(facts.id, "follow_up", due.year, due, "missed", what=str(n))
            return
        late = max(0, (done - due).days)
        met = "late" if late else "on_time"
        yield Obligation(facts.id, "follow_up", due.year, due, met, done, late, str(n))
        anchor, n = done, n + 1


def _reports(facts: Facts) -> Iterator[Obligation]:
    terms = facts.agreement.follow_up
    if terms is None:
        return
    received = reports_settled(facts)
    for i, report in enumerate(terms.reports):
        for due in facts.report_dates(i):
            s = received.get((i, due.year))
            if due <= facts.as_of or s is not None:
                yield _met(facts.id, "report", due, s, what=report.title)


def _payments(facts: Facts) -> Iterator[Obligation]:
    paid, tracked = payments_settled(facts)
    for p in facts.payments:
        if p.position not in tracked:
            continue
        s = paid.get((p.position, p.date))
        if p.date <= facts.as_of or s is not None:
            yield _met(
                facts.id,
                "payment",
                p.date,
                s,
                what=str(p.position + 1),
                amount_due=p.amount,
                amount_paid=s.amount if s is not None else None,
            )


def _decision(facts: Facts) -> Iterator[Obligation]:
    period = facts.agreement.period
    deadline = period.decision_deadline if period is not None else None
    if deadline is None:
        return
    s = decision_settled(facts)
    if deadline <= facts.as_of or s is not None:
        yield _met(facts.id, "extension_decision", deadline, s)


def obligations(facts: Facts) -> list[Obligation]:
    """Every obligation of one agreement that fell due by ``as_of`` (or was met), by date."""
    found = [*_follow_ups(facts), *_reports(facts), *_payments(facts), *_decision(facts)]
    return sorted(found, key=lambda o: (o.due, o.kind, o.what))
