"""Payment dates as a schedule states them, before the agreement's term is applied."""

from __future__ import annotations

import calendar
import datetime as dt

from iopctl.model.agreement import Payment

__all__ = ["month_day", "payment_dates"]


def month_day(year: int, month: int, day: int | None) -> dt.date:
    """``day`` of the month (clamped to its last day); the last day when ``day`` is None.

    A month without a day ("en gång per år i januari månad") is a window: its deadline is
    the month's last day.
    """
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def payment_dates(payment: Payment, year: int) -> list[dt.date]:
    """The scheduled dates in ``year``: the stated months, every month for ``monthly``
    without months, none for other schedules without months (iopctl does not guess)."""
    months = sorted(set(payment.months))
    if not months and payment.schedule == "monthly":
        months = list(range(1, 13))
    return [month_day(year, month, payment.day) for month in months]
