"""Payment and index events in words: "utbetalning 2021 från …: 946 995 kr (i januari …)".

Part of :mod:`iopctl.present.events`, the one place that words deadline events.
"""

from __future__ import annotations

from decimal import Decimal

from iopctl.facts.events import IndexNeededDetail, PaymentDetail
from iopctl.facts.payments import PaymentFact
from iopctl.i18n import _, language, ngettext
from iopctl.model.agreement import Payment
from iopctl.present.calendar_words import MONTHS
from iopctl.present.calendar_words import as_written as _iso
from iopctl.present.numbers import kronor, percent

__all__ = ["index_needed_title", "payment_title", "schedule_text"]


def payment_title(detail: PaymentDetail) -> str:
    p = detail.payment
    row = p.year_amount
    if p.amount is not None:
        assert p.period.amount is not None
        shown = kronor(p.amount) + _share_of_year(p.period.amount, p)
    elif p.latest_share is not None and p.period.latest is not None:
        shown = kronor(p.latest_share) + _share_of_year(p.period.latest, p)
        shown += " – " + _("the {year} amount: no index figure for {missing} yet").format(
            year=row.latest_year, missing=row.missing_year
        )
    elif row.unknown == "not_stated":
        shown = _("amount not stated")
    else:
        shown = _("amount not known")
    if row.conditional:
        shown += " " + _("(conditional on a decision not yet taken)")
    if p.outside_schedule:
        label = _("no scheduled date in force in {year}: shown on the first day in force").format(
            year=p.year
        )
    elif p.day_stated:
        label = _("on {day}").format(day=_iso(p.date))
    else:
        month = MONTHS[language()][p.date.month - 1]
        label = _("in {month}: by {day}").format(month=month, day=_iso(p.date))
    if p.count > 1:
        return _("payment {n} of {count} {year} from {party}: {amount} ({when})").format(
            n=p.number, count=p.count, year=p.year, party=p.party_name, amount=shown, when=label
        )
    return _("payment {year} from {party}: {amount} ({when})").format(
        year=p.year, party=p.party_name, amount=shown, when=label
    )


def _share_of_year(amount: Decimal, p: PaymentFact) -> str:
    """How a payment relates to what it pays: "(100 000 kr a year in 4 payments)"."""
    period = p.period
    payments = ", " + _("in {n} payments").format(n=p.count) if p.count > 1 else ""
    if period.basis == "agreement_year":
        return (
            " ("
            + _("{amount} for the agreement year {first} – {last}").format(
                amount=kronor(amount), first=_iso(period.first), last=_iso(period.last)
            )
            + payments
            + ")"
        )
    part = p.year_amount.portion
    if part is None:
        if p.count > 1:
            return (
                " ("
                + _("{amount} a year in {n} payments").format(amount=kronor(amount), n=p.count)
                + ")"
            )
        return ""
    of_year = _("{units} of {of} {unit} of {year}").format(
        units=part.units, of=part.of, unit=_unit(part.unit, part.of), year=p.year
    )
    if p.count > 1:
        return (
            " ("
            + _("{amount} for {part}").format(amount=kronor(amount), part=of_year)
            + (payments + ")")
        )
    return " (" + _("for {part}").format(part=of_year) + ")"


def schedule_text(payment: Payment) -> str:
    text: str = payment.schedule
    if payment.months:
        text += ", " + _("months {months}").format(months=sorted(set(payment.months)))
    if payment.day is not None:
        text += ", " + _("day {n}").format(n=payment.day)
    return text


def index_needed_title(detail: IndexNeededDetail) -> str:
    if detail.reason == "preliminary":
        return _(
            "{index} {year} is preliminary ({percent}): the definitive figure may change "
            "the {year} amount"
        ).format(
            index=detail.index,
            year=detail.year,
            percent=percent(detail.percent) if detail.percent is not None else "?",
        )
    if detail.reason == "unknown_index":
        missing = _("index {index} is not known to iopctl ({year} figure needed)").format(
            index=repr(detail.index), year=detail.year
        )
    elif detail.reason == "not_yet_published":
        return _(
            "{index} {year} was not published by {day}: the {year} amount follows when it is"
        ).format(index=detail.index, year=detail.year, day=_iso(detail.as_of))
    else:
        missing = _("iopctl has no {index} figure for {year}").format(
            index=detail.index, year=detail.year
        )
    return _("{missing} – add it ({command}) to compute the {year} amount").format(
        missing=missing,
        command=f"iopctl index add {detail.index} {detail.year} …",
        year=detail.year,
    )


def _unit(unit: str, n: int) -> str:
    """``månader``: the unit of a part of a year, in the form for ``n``."""
    if unit == "months":
        return ngettext("month", "months", n)
    if unit == "days":
        return ngettext("day", "days", n)
    return unit
