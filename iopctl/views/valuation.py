"""``iopctl value``: volunteer hours valued outside any agreement, with the working.

The rate is given, or is a wage plus the year's full statutory arbetsgivaravgift
(:func:`iopctl.money.reference.employer_contribution`); the value is rounded to whole kronor.
"""

from __future__ import annotations

from decimal import Decimal

from iopctl.errors import IopctlError
from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.money.arithmetic import Rounding, replacement_cost_rate
from iopctl.money.reference import employer_contribution, employer_contribution_years

__all__ = ["Valuation", "quick_value"]


@frozen
class Valuation:
    """``hours × rate = value``, with where the rate came from."""

    hours: Decimal
    rate: Decimal
    exact: Decimal
    value: Decimal
    rounding: Rounding
    wage: Decimal | None = None
    year: int | None = None
    contribution_percent: Decimal | None = None
    contribution_source: str = ""


def quick_value(
    *,
    hours: Decimal,
    rate: Decimal | None = None,
    wage: Decimal | None = None,
    year: int | None = None,
) -> Valuation:
    # ``year`` goes with ``wage`` (the year of the arbetsgivaravgift); the command line
    # checks the combination and fills in this year.
    """Value hours outside any agreement: at a rate, or at a wage plus arbetsgivaravgift."""
    rounding = Rounding()
    if (rate is None) == (wage is None) or (rate is not None and year is not None):
        raise ValueError("value hours at a rate, or at a wage in a year")
    if rate is not None:
        exact = hours * rate
        return Valuation(hours, rate, exact, rounding.apply(exact), rounding)
    assert wage is not None and year is not None
    found = employer_contribution(year)
    if found is None:
        known = employer_contribution_years()
        raise IopctlError(
            N_("no arbetsgivaravgift rate is bundled for {year} (bundled: {first}–{last})"),
            hint=N_(
                "pass --year with a bundled year, or work out the rate yourself and pass --rate"
            ),
            year=year,
            first=known[0],
            last=known[-1],
        )
    percent, source = found
    per_hour = replacement_cost_rate(hourly_wage=wage, employer_contribution_percent=percent)
    exact = hours * per_hour
    return Valuation(
        hours, per_hour, exact, rounding.apply(exact), rounding, wage, year, percent, source
    )
