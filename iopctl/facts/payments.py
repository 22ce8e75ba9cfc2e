"""When money is paid and how much: payments derived from the yearly amounts.

A payment plan never computes an amount of its own: the amounts of
:mod:`iopctl.facts.amounts` are split over the payment dates, so the payments of a period
always add up to its amount, to the öre. The rules (``docs/deadlines.md``, "Payments"):

* **Dates** — the ``months`` of ``payment`` (every month for ``monthly`` without months;
  other schedules without months have no dates: iopctl does not guess them). ``day``
  is the day of the month (clamped to its last day); without it the month is a window
  and the date is its last day. Only dates on which the agreement is in force count.
* **What a payment pays** — by default its calendar year's amount (``per:
  calendar_year``), so the payments in a year add up to the year's amount. With ``per:
  agreement_year`` each agreement year (from the start date, e.g. October–September) is
  paid by the dates in it, and its amount is the part of each calendar year's amount
  that falls in it (by days); a year's payments then differ from its amount, and
  ``economy`` shows both.
* **A period without a date in force** — the money is shown on the first day of the
  period in force, marked ``outside_schedule`` (the payment has to happen, and the
  schedule does not say when).
* **Split** — an amount over n payments: each is ``amount / n`` rounded half up to whole
  öre, the last takes what remains.
* **One-off money** is paid once: on ``one_off.date`` when stated, else on the first
  scheduled date in force of its year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from iopctl.facts.portions import portion, split_by_weight
from iopctl.facts.rows import ContributionFacts, YearAmount
from iopctl.facts.schedule import payment_dates
from iopctl.facts.term import Term
from iopctl.frozen import frozen
from iopctl.model.agreement import MoneyContribution, Payment
from iopctl.money.arithmetic import Rounding

__all__ = ["PaidPeriod", "PaymentFact", "payments_of", "split"]

_ORE = Decimal("0.01")
_EXACT = Rounding("exact")
Basis = Literal["calendar_year", "agreement_year", "one_off"]


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` payments of whole öre that add up to it exactly."""
    if parts == 1:
        return [amount]
    share = (amount / parts).quantize(_ORE, ROUND_HALF_UP)
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


@frozen(slots=True)
class PaidPeriod:
    """The period a group of payments pays for, and its amount (``None``: unknown).

    ``rows`` are the calendar years the amount comes from (one, except for an agreement
    year across a new year); ``latest`` is the same period priced at the latest amounts
    that could be computed, when ``amount`` cannot be.
    """

    basis: Basis
    first: dt.date
    last: dt.date
    amount: Decimal | None
    latest: Decimal | None
    rows: tuple[YearAmount, ...]


@frozen(slots=True)
class PaymentFact:
    """One payment: when, which contribution, and its share of the period's amount.

    ``amount`` is ``None`` when the period's amount is unknown; ``latest_share`` is then
    the same share of the latest amount that could be computed.
    """

    position: int
    party: str
    party_name: str
    """The party's name, as the agreement gives it (its id when the party is not listed)."""
    date: dt.date
    number: int
    count: int
    amount: Decimal | None
    latest_share: Decimal | None
    period: PaidPeriod
    day_stated: bool
    outside_schedule: bool

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def year_amount(self) -> YearAmount:
        """The calendar year's amount the payment comes from (the last, across a new year)."""
        return self.period.rows[-1]


def _dates(payment: Payment, first: dt.date, last: dt.date) -> tuple[list[dt.date], bool]:
    """Scheduled dates from ``first`` to ``last``, or ``first`` (outside the schedule)."""
    scheduled = [
        d for year in range(first.year, last.year + 1) for d in payment_dates(payment, year)
    ]
    dates = [d for d in scheduled if first <= d <= last]
    if dates or not scheduled:
        return dates, False
    return [first], True


def _payments(
    facts: ContributionFacts,
    period: PaidPeriod,
    dates: Sequence[dt.date],
    *,
    day_stated: bool,
    outside: bool,
) -> Iterator[PaymentFact]:
    amounts = split(period.amount, len(dates)) if period.amount is not None else None
    latest = split(period.latest, len(dates)) if period.latest is not None else None
    for n, day in enumerate(dates):
        yield PaymentFact(
            position=facts.position,
            party=facts.party,
            party_name=facts.party_name,
            date=day,
            number=n + 1,
            count=len(dates),
            amount=amounts[n] if amounts is not None else None,
            latest_share=latest[n] if latest is not None else None,
            period=period,
            day_stated=day_stated and not outside,
            outside_schedule=outside,
        )


def _calendar_periods(facts: ContributionFacts, term: Term) -> Iterator[PaidPeriod]:
    assert term.start is not None and term.last_day is not None
    for row in facts.years:
        if facts.one_off_year is not None and row.year != facts.one_off_year:
            continue
        first = max(term.start, dt.date(row.year, 1, 1))
        last = min(term.last_day, dt.date(row.year, 12, 31))
        basis: Basis = "one_off" if facts.one_off_year is not None else "calendar_year"
        yield PaidPeriod(basis, first, last, row.amount, row.latest, (row,))


def _agreement_periods(facts: ContributionFacts, term: Term) -> Iterator[PaidPeriod]:
    """Agreement years from the start date; each takes its part of each calendar year
    (in months when the parts are month-aligned, else in days)."""
    assert term.start is not None and term.last_day is not None
    bounds: list[tuple[dt.date, dt.date]] = []
    first, k = term.start, 1
    while first <= term.last_day:
        nxt = _anniversary(term.start, k)
        bounds.append((first, min(nxt - dt.timedelta(days=1), term.last_day)))
        first, k = nxt, k + 1
    shares: dict[int, list[Decimal | None]] = {i: [] for i in range(len(bounds))}
    latest: dict[int, list[Decimal | None]] = {i: [] for i in range(len(bounds))}
    for row in facts.years:
        # Weights in whole months when every part of the year is month-aligned, else days.
        pieces = [portion(row.year, lo, hi) for lo, hi in bounds]
        if len({piece.unit for piece in pieces if piece.units}) > 1:
            pieces = [portion(row.year, lo, hi, "days") for lo, hi in bounds]
        weights = [piece.units for piece in pieces]
        for source, into in ((row.amount, shares), (row.latest, latest)):
            shared = split_by_weight(source, weights, _EXACT) if source is not None else None
            for i, weight in enumerate(weights):
                if weight:
                    into[i].append(shared[i] if shared is not None else None)
    for i, (lo, hi) in enumerate(bounds):
        rows = tuple(r for r in facts.years if lo.year <= r.year <= hi.year)
        yield PaidPeriod("agreement_year", lo, hi, _total(shares[i]), _total(latest[i]), rows)


def _anniversary(start: dt.date, years: int) -> dt.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return dt.date(start.year + years, 3, 1)


def _total(parts: Sequence[Decimal | None]) -> Decimal | None:
    known = [p for p in parts if p is not None]
    return sum(known, Decimal(0)) if parts and len(known) == len(parts) else None


def _of(facts: ContributionFacts, term: Term) -> Iterator[PaymentFact]:
    c = facts.contribution
    if not isinstance(c, MoneyContribution):
        return
    if c.one_off is not None and c.one_off.date is not None:
        for period in _calendar_periods(facts, term):
            outside = not term.in_force_on(c.one_off.date)
            yield from _payments(facts, period, [c.one_off.date], day_stated=True, outside=outside)
        return
    if c.payment is None:
        return
    payment = c.payment
    periods = (
        _agreement_periods(facts, term)
        if payment.per == "agreement_year" and facts.one_off_year is None
        else _calendar_periods(facts, term)
    )
    for period in periods:
        dates, outside = _dates(payment, period.first, period.last)
        if not dates:
            continue
        if payment.schedule == "once" or facts.one_off_year is not None:
            dates = dates[:1]
        yield from _payments(
            facts, period, dates, day_stated=payment.day is not None, outside=outside
        )


def payments_of(contributions: tuple[ContributionFacts, ...], term: Term) -> list[PaymentFact]:
    """Every payment of every money contribution, in file order then by date."""
    if term.start is None or term.last_day is None:
        return []
    return [p for facts in contributions for p in _of(facts, term)]
