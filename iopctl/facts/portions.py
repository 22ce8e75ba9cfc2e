"""How much of a calendar year an agreement (or a level of its money) is in force.

The part-year rule (``docs/money.md``, "Part years"): a yearly amount is paid for the part
of each calendar year in force — counted in **whole months** when that part starts on the
first of a month and ends on a month's last day, otherwise in **days**. The unit is decided
per year, so extending an agreement never changes how its first year counts.
2026-07-01 – 2028-06-30 at 250 000 kr a year gives 6/12 in 2026, 12/12 in 2027 and 6/12 in
2028: 500 000 kr in all. A contribution with ``part_years: full`` counts every year in
force as a whole year.

Portions are exact fractions (whole months or days over the year's months or days), so
an amount is multiplied and divided once and rounded once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache
from typing import Literal

from iopctl.frozen import frozen
from iopctl.money.arithmetic import Rounding

__all__ = ["Portion", "Unit", "portion", "prorate", "split_by_weight", "unit_of"]

Unit = Literal["months", "days"]

# Division is only ever used here and cut at 40 digits before the agreement's rounding.
_DIVIDE = Context(prec=40, rounding=ROUND_HALF_UP)
_ORE = Decimal("0.01")


@frozen(slots=True)
class Portion:
    """``units`` of ``of`` (months of 12, or days of 365/366) in one calendar year."""

    units: int
    of: int
    unit: Unit

    @property
    def whole(self) -> bool:
        return self.units == self.of


def unit_of(first: dt.date, last: dt.date) -> Unit:
    """Whole months when the span starts on a first and ends on a month's last day."""
    month_end = calendar.monthrange(last.year, last.month)[1] == last.day
    return "months" if first.day == 1 and month_end else "days"


def _count(first: dt.date, last: dt.date, unit: Unit) -> int:
    if last < first:
        return 0
    if unit == "days":
        return (last - first).days + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


@lru_cache(maxsize=8192)
def portion(year: int, first: dt.date, last: dt.date, unit: Unit | None = None) -> Portion:
    """The part of calendar ``year`` between ``first`` and ``last`` (both included).

    Counted in ``unit``, or by the rule above when ``unit`` is not given. Remembered:
    the same few spans (whole years, the usual start and end days) recur in every
    agreement, several times each.
    """
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    lo, hi = max(first, jan1), min(last, dec31)
    if unit is None:
        unit = unit_of(lo, hi) if lo <= hi else "months"
    return Portion(_count(lo, hi, unit), _count(jan1, dec31, unit), unit)


def prorate(amount: Decimal, part: Portion, rounding: Rounding) -> Decimal:
    """``amount × units / of``, rounded by the agreement's rule (to öre when ``exact``)."""
    if part.whole:
        return amount
    exact = _DIVIDE.divide(amount * part.units, Decimal(part.of))
    return (
        exact.quantize(_ORE, ROUND_HALF_UP) if rounding.mode == "exact" else rounding.apply(exact)
    )


def split_by_weight(total: Decimal, weights: Sequence[int], rounding: Rounding) -> list[Decimal]:
    """``total`` shared in proportion to ``weights``; the last share takes what remains.

    Every share but the last is rounded by the agreement's rule (whole öre under
    ``exact``), so the shares always add up to ``total`` exactly.
    """
    whole = sum(weights)
    shares: list[Decimal] = []
    for weight in weights[:-1]:
        exact = _DIVIDE.divide(total * weight, Decimal(whole)) if whole else Decimal(0)
        shares.append(
            exact.quantize(_ORE, ROUND_HALF_UP)
            if rounding.mode == "exact"
            else rounding.apply(exact)
        )
    shares.append(total - sum(shares, Decimal(0)))
    return shares
