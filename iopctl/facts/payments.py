"""When money is paid and how much: payments derived from the yearly amounts.

A payment plan never computes an amount of its own: each year's amount
(:mod:`iopctl.facts.amounts`) is split over that year's payment dates, so the payments
of a year always add up to the year's amount, to the öre. The rules
(``docs/deadlines.md``, "Payments"):

* **Dates** — the ``months`` of ``payment`` (every month for ``monthly`` without months;
  other schedules without months have no dates: iopctl does not guess them). ``day``
  is the day of the month (clamped to its last day); without it the month is a window
  and the date is its last day. Only dates on which the agreement is in force count.
* **A year without a date in force** — when the agreement is in force part of a year
  but none of that year's dates fall inside, the year's money is shown on the first day
  in force that year, marked ``outside_schedule`` (the payment has to happen, and the
  schedule does not say when).
* **Split** — a year's amount over n payments: each is ``amount / n`` rounded half up
  to whole öre, the last takes what remains, so the sum is exact.
* **One-off money** is paid once, in the year :mod:`iopctl.facts.amounts` counts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from iopctl.facts.amounts import ContributionFacts, YearAmount
from iopctl.facts.schedule import payment_dates
from iopctl.facts.term import Term
from iopctl.model.agreement import MoneyContribution, Payment

__all__ = ["PaymentFact", "payments_of", "split"]

_ORE = Decimal("0.01")


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` payments of whole öre that add up to it exactly."""
    if parts == 1:
        return [amount]
    share = (amount / parts).quantize(_ORE, ROUND_HALF_UP)
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


@dataclass(frozen=True, slots=True)
class PaymentFact:
    """One payment: when, which contribution, and its share of the year's amount.

    ``amount`` is ``None`` when the year's amount is unknown; ``latest_share`` is then
    the same share of the latest amount that could be computed (``year_amount.latest``).
    """

    position: int
    party: str
    date: dt.date
    number: int
    count: int
    amount: Decimal | None
    latest_share: Decimal | None
    year_amount: YearAmount
    day_stated: bool
    outside_schedule: bool

    @property
    def year(self) -> int:
        return self.year_amount.year


def _year_dates(payment: Payment, year: int, term: Term) -> tuple[list[dt.date], bool]:
    dates = [d for d in payment_dates(payment, year) if term.in_force_on(d)]
    if dates or not payment_dates(payment, year):
        return dates, False
    assert term.start is not None
    first = max(term.start, dt.date(year, 1, 1))
    return [first], True


def _of(facts: ContributionFacts, term: Term) -> Iterator[PaymentFact]:
    contribution = facts.contribution
    if not isinstance(contribution, MoneyContribution) or contribution.payment is None:
        return
    payment = contribution.payment
    for row in facts.years:
        if facts.one_off_year is not None and row.year != facts.one_off_year:
            continue
        dates, outside = _year_dates(payment, row.year, term)
        if not dates:
            continue
        if payment.schedule == "once":
            dates = dates[:1]
        amounts = split(row.amount, len(dates)) if row.amount is not None else None
        latest = split(row.latest, len(dates)) if row.latest is not None else None
        for n, day in enumerate(dates):
            yield PaymentFact(
                position=facts.position,
                party=facts.party,
                date=day,
                number=n + 1,
                count=len(dates),
                amount=amounts[n] if amounts is not None else None,
                latest_share=latest[n] if latest is not None else None,
                year_amount=row,
                day_stated=payment.day is not None and not outside,
                outside_schedule=outside,
            )


def payments_of(contributions: tuple[ContributionFacts, ...], term: Term) -> list[PaymentFact]:
    """Every payment of every money contribution, in file order then by date."""
    if term.start is None or term.last_day is None:
        return []
    return [p for facts in contributions for p in _of(facts, term)]
