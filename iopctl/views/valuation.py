"""``iopctl value``: volunteer hours valued outside any agreement, with the working.

The rate is given, or is a wage plus the year's full statutory arbetsgivaravgift
(:func:`iopctl.money.reference.employer_contribution`); the value is rounded to whole kronor.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from iopctl.errors import IopctlError, UsageError
from iopctl.money.arithmetic import Rounding, replacement_cost_rate
from iopctl.money.reference import employer_contribution, employer_contribution_years

__all__ = ["Valuation", "quick_value"]


@dataclass(frozen=True)
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
    """Value hours outside any agreement: at a rate, or at a wage plus arbetsgivaravgift."""
    rounding = Rounding()
    if (rate is None) == (wage is None):
        raise UsageError(
            "give exactly one of --rate and --wage", hint="e.g. --hours 18000 --rate 214"
        )
    if rate is not None:
        if year is not None:
            raise UsageError("--year only applies with --wage", hint="leave out --year")
        exact = hours * rate
        return Valuation(hours, rate, exact, rounding.apply(exact), rounding)
    assert wage is not None
    if year is None:
        from iopctl.clock import today_stockholm

        year = today_stockholm().year
    found = employer_contribution(year)
    if found is None:
        known = employer_contribution_years()
        raise IopctlError(
            f"no arbetsgivaravgift rate is bundled for {year} (bundled: {known[0]}–{known[-1]})",
            hint="pass --year with a bundled year, or work out the rate yourself and pass --rate",
        )
    percent, source = found
    per_hour = replacement_cost_rate(hourly_wage=wage, employer_contribution_percent=percent)
    exact = hours * per_hour
    return Valuation(
        hours, per_hour, exact, rounding.apply(exact), rounding, wage, year, percent, source
    )
