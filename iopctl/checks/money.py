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

__all__ = [
    "default_base_year",
    "economy_sums",
    "indexation",
    "one_shape",
    "party_totals",
    "years_in_period",
]

_SHAPES = ("amount_per_year", "total", "one_off", "share", "unit_price")


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


@check("economy")
def one_shape(ctx: Context) -> Iterator[Diagnostic]:
    """IOP219: one way of stating the money per contribution (``docs/money.md``)."""
    economy = ctx.agreement.economy
    if economy is None:
        return
    for i, c in enumerate(economy.contributions):
        if not isinstance(c, MoneyContribution):
            continue
        stated = [name for name in _SHAPES if getattr(c, name) is not None]
        where = ("economy", "contributions", i)
        if len(stated) > 1:
            yield ctx.error(
                (*where, stated[1]),
                "IOP219",
                f"the contribution states its money both as {stated[0]} and as "
                f"{' and '.join(stated[1:])}",
                "keep the one the agreement uses; name single years with `amounts:`",
            )
        elif c.changes and c.amount_per_year is None:
            yield ctx.error(
                (*where, "changes"),
                "IOP219",
                "changes of the yearly amount need the amount they change (amount_per_year)",
                "add `amount_per_year:` with the amount before the first change",
            )


@check("economy")
def party_totals(ctx: Context) -> Iterator[Diagnostic]:
    """IOP220: a party's declared yearly total is the sum of its stated yearly amounts."""
    economy = ctx.agreement.economy
    if economy is None:
        return
    rounding = rounding_of(economy)[0]
    for i, total in enumerate(economy.party_totals):
        values = [
            stated_value(c, rounding) for c in economy.contributions if c.party == total.party
        ]
        known = [v for v in values if v is not None]
        if not known or len(known) < len(values) or total.qualifier is not None:
            continue  # an unknown or approximate amount cannot be summed exactly
        found = sum(known, Decimal(0))
        if found != total.amount_per_year:
            yield ctx.error(
                ("economy", "party_totals", i, "amount_per_year"),
                "IOP220",
                f"{total.party}'s declared total {kronor(total.amount_per_year)} per year "
                f"differs from its contributions {' + '.join(kronor(v) for v in known)} = "
                f"{kronor(found)}",
                "correct the total or the party's contributions",
            )


@check("economy", "period", "termination")
def years_in_period(ctx: Context) -> Iterator[Diagnostic]:
    """IOP221: a year named for money lies in the agreement's years in force."""
    economy, years = ctx.agreement.economy, ctx.term.years
    if economy is None or not years:
        return
    for i, c in enumerate(economy.contributions):
        if not isinstance(c, MoneyContribution):
            continue
        where = ("economy", "contributions", i)
        named: list[tuple[tuple[str | int, ...], int]] = [
            ((*where, "amounts", j, "year"), a.year) for j, a in enumerate(c.amounts)
        ]
        if c.one_off is not None:
            named.append(((*where, "one_off", "year"), c.one_off.year))
        if c.total is not None:
            named += [((*where, "total", "years", j), y) for j, y in enumerate(c.total.years)]
        for path, year in named:
            if year not in years:
                yield ctx.warning(
                    path,
                    "IOP221",
                    f"{year} is outside the years the agreement is in force "
                    f"({years[0]}–{years[-1]}); its money is not counted",
                    "check the year against the period",
                )
