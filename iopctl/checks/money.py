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
from iopctl.i18n import N_
from iopctl.model.agreement import MoneyContribution, VolunteerContribution
from iopctl.present.numbers import kronor
from iopctl.present.suggest import maybe_meant
from iopctl.problems.diagnostic import WORDS, Diagnostic, Words

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
                        N_(
                            "value_per_year {kronor} is not hours × rate: {hours} h × "
                            "{kronor2} = {kronor3}"
                        ),
                        N_("correct one of hours_per_year, hourly_rate or value_per_year"),
                        kronor=kronor(value),
                        hours=hours,
                        kronor2=kronor(rate),
                        kronor3=kronor(product),
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
            N_(
                "declared total {kronor} per year differs from the sum of contributions "
                "{parts} = {kronor2}"
            ),
            N_(
                "correct the total or the contributions (contributions without a stated "
                "value are not counted)"
            ),
            kronor=kronor(economy.declared_total_per_year),
            parts=parts,
            kronor2=kronor(total),
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
            hint = maybe_meant(clause.index.upper(), known) or Words(
                N_(
                    "known indices: {known}; add your own with an index file "
                    "(indices/*.yaml or --index-file)"
                ),
                {"known": ", ".join(known)},
            )
            yield ctx.error(
                (*base, "index"),
                "IOP210",
                N_("unknown index {index!r}"),
                WORDS,
                index=clause.index,
                words=hint,
            )
        if contribution.base_year is not None and clause.from_date.year <= contribution.base_year:
            yield ctx.error(
                (*base, "from_date"),
                "IOP217",
                N_("indexation starts in {year}, not after the base year {base_year}"),
                N_(
                    "base_year is the year the unindexed amount is for; the first indexed "
                    "year comes after it"
                ),
                year=clause.from_date.year,
                base_year=contribution.base_year,
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
            N_(
                "indexation starts {from_date}, in or before the first year of the period "
                "({year}), and no base_year says which year's price level {kronor} is: "
                "iopctl reads it as the {year} amount and indexes from {value}"
            ),
            N_(
                "add `base_year:` to the contribution, e.g. base_year: {value2} if the "
                "amount is in {value2} prices"
            ),
            from_date=from_date,
            year=start.year,
            kronor=kronor(c.amount_per_year),
            value=start.year + 1,
            value2=from_date.year - 1,
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
                N_("the contribution states its money both as {stated} and as {join}"),
                N_("keep the one the agreement uses; name single years with `amounts:`"),
                stated=stated[0],
                join=" and ".join(stated[1:]),
            )
        elif c.changes and c.amount_per_year is None:
            yield ctx.error(
                (*where, "changes"),
                "IOP219",
                N_("changes of the yearly amount need the amount they change (amount_per_year)"),
                N_("add `amount_per_year:` with the amount before the first change"),
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
                N_(
                    "{party}'s declared total {kronor} per year differs from its "
                    "contributions {join} = {kronor2}"
                ),
                N_("correct the total or the party's contributions"),
                party=total.party,
                kronor=kronor(total.amount_per_year),
                join=" + ".join(kronor(v) for v in known),
                kronor2=kronor(found),
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
                    N_(
                        "{year} is outside the years the agreement is in force "
                        "({years}–{years2}); its money is not counted"
                    ),
                    N_("check the year against the period"),
                    year=year,
                    years=years[0],
                    years2=years[-1],
                )
