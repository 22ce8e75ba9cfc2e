"""Checks of the money: stated sums, indexation clauses and the base year they index from
(IOP205, IOP206, IOP210, IOP217, IOP218).

The yearly value of a contribution and the rounding rule are read from
:mod:`iopctl.facts.amounts` (:func:`~iopctl.facts.amounts.stated_value`,
:func:`~iopctl.facts.amounts.rounding_of`), so the declared total is checked against the
same stated amounts ``economy`` and the documents start from.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from iopctl.checks.context import Context, check
from iopctl.facts.amounts import rounding_of, stated_value
from iopctl.model.agreement import MoneyContribution, VolunteerContribution
from iopctl.present.numbers import kronor
from iopctl.present.suggest import did_you_mean
from iopctl.problems.diagnostic import Diagnostic

__all__ = ["default_base_year", "economy_sums", "indexation"]


@check("economy")
def economy_sums(ctx: Context) -> Iterator[Diagnostic]:
    """IOP206: volunteer value is hours × rate; IOP205: the declared total is the sum."""
    economy = ctx.agreement.economy
    if economy is None:
        return
    for i, contribution in enumerate(economy.contributions):
        if isinstance(contribution, VolunteerContribution):
            hours, rate, value = (
                contribution.hours_per_year,
                contribution.hourly_rate,
                contribution.value_per_year,
            )
            if hours is not None and rate is not None and value is not None:
                product = hours * rate
                if product != value:
                    yield ctx.error(
                        ("economy", "contributions", i, "value_per_year"),
                        "IOP206",
                        f"value_per_year {kronor(value)} is not hours × rate: "
                        f"{hours} h × {kronor(rate)} = {kronor(product)}",
                        "correct one of hours_per_year, hourly_rate or value_per_year",
                    )
                    continue
    if economy.declared_total_per_year is None:
        return
    rounding = rounding_of(economy)[0]
    values = [stated_value(c, rounding) for c in economy.contributions]
    known = [v for v in values if v is not None]
    if not known:
        return
    total = sum(known, Decimal(0))
    if total != economy.declared_total_per_year:
        parts = " + ".join(kronor(v) for v in known)
        yield ctx.error(
            ("economy", "declared_total_per_year"),
            "IOP205",
            f"declared total {kronor(economy.declared_total_per_year)} per year differs from "
            f"the sum of contributions {parts} = {kronor(total)}",
            "correct the total or the contributions (contributions without a stated value "
            "are not counted)",
        )


@check("economy")
def indexation(ctx: Context) -> Iterator[Diagnostic]:
    """IOP210: an index iopctl knows; IOP217: indexation starts after the base year."""
    economy = ctx.agreement.economy
    if economy is None:
        return
    known = sorted(ctx.known_indices)
    for i, contribution in enumerate(economy.contributions):
        if not isinstance(contribution, MoneyContribution) or contribution.indexation is None:
            continue
        clause = contribution.indexation
        base = ("economy", "contributions", i, "indexation")
        if clause.index not in ctx.known_indices:
            hint = did_you_mean(clause.index.upper(), known) or (
                f"known indices: {', '.join(known)}; add your own with an index file "
                "(indices/*.yaml or --index-file)"
            )
            yield ctx.error((*base, "index"), "IOP210", f"unknown index {clause.index!r}", hint)
        if contribution.base_year is not None and clause.from_date.year <= contribution.base_year:
            yield ctx.error(
                (*base, "from_date"),
                "IOP217",
                f"indexation starts in {clause.from_date.year}, not after the base year "
                f"{contribution.base_year}",
                "base_year is the year the unindexed amount is for; the first indexed year "
                "comes after it",
            )


@check("economy", "period")
def default_base_year(ctx: Context) -> Iterator[Diagnostic]:
    """IOP218: the default base year decides the money where indexation starts early.

    Without ``base_year`` the stated amount is the first year's amount
    (:mod:`iopctl.facts.amounts`). When the indexation clause starts in or before that
    year, the clause may mean an earlier price level, which would change every amount.
    """
    economy, start = ctx.agreement.economy, ctx.term.start
    if economy is None or start is None:
        return
    for i, c in enumerate(economy.contributions):
        if not isinstance(c, MoneyContribution) or c.indexation is None:
            continue
        if c.base_year is not None or c.amount_per_year is None:
            continue
        from_date = c.indexation.from_date
        if from_date.year > start.year:
            continue
        yield ctx.warning(
            ("economy", "contributions", i, "indexation", "from_date"),
            "IOP218",
            f"indexation starts {from_date}, in or before the first year of the period "
            f"({start.year}), and no base_year says which year's price level "
            f"{kronor(c.amount_per_year)} is: iopctl reads it as the {start.year} amount "
            f"and indexes from {start.year + 1}",
            f"add `base_year:` to the contribution, e.g. base_year: {from_date.year - 1} if "
            f"the amount is in {from_date.year - 1} prices",
        )
