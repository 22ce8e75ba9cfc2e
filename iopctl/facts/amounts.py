"""What each contribution is worth in each year: the rules that derive amounts.

``economy``, ``due`` (payments), ``list``, ``show``, the checks and every document read
the amounts through :func:`iopctl.facts.contributions.contribution_facts`, which applies
these rules; nothing else computes a year's amount. The rules are written
once, in ``docs/money.md`` ("How a year's amount is derived"); in short:

* **Years** — every calendar year in force (``Term.years``); a year partly in force counts
  its part (:mod:`iopctl.facts.portions`) unless the contribution says ``part_years: full``.
* **Shapes** — money is stated per year (``amount_per_year``, changed by ``changes`` from
  a date), for named years (``amounts``), as a total for the period (``total``, spread over
  its years by time in force), as a one-off (``one_off``, or ``payment.schedule: once``),
  as a unit price (× the expected quantity) or as a share of a cost (no amount).
* **Base year and indexation** — :mod:`iopctl.facts.indexing`; the base year is
  ``base_year`` or the first year in force, the first indexed year never before the year
  after it (IOP218 warns where that default decides the money).
* **Unknown is not 0** — a year that cannot be computed has ``amount=None`` and a reason.
* **Qualifiers and conditions** — "ca"/"minst"/"högst" and money that depends on a
  decision are carried on every year, so totals can keep them apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from iopctl.facts.indexing import full_years
from iopctl.facts.portions import Portion, Unit, portion, prorate, split_by_weight, unit_of
from iopctl.facts.rows import AnyContribution, ContributionFacts, Kind, Unknown, YearAmount
from iopctl.facts.schedule import payment_dates
from iopctl.facts.term import Term
from iopctl.frozen import frozen
from iopctl.model.agreement import (
    Economy,
    MoneyContribution,
    Qualifier,
    VolunteerContribution,
)
from iopctl.money.arithmetic import Revision, Rounding, volunteer_value
from iopctl.money.series import IndexSeries

# The value types are defined in .rows and re-exported here, where the rules live.
__all__ = [
    "ContributionFacts",
    "Kind",
    "Rules",
    "Shape",
    "Span",
    "Unknown",
    "YearAmount",
    "flat_rows",
    "money_shape",
    "rounding_of",
    "stated_value",
]

_DAY = dt.timedelta(days=1)


_DEFAULT_ROUNDING = Rounding()


def rounding_of(economy: Economy | None) -> tuple[Rounding, bool]:
    """The agreement's rounding rule and whether the agreement states it (the default
    rule is made once: a rule is immutable, and most agreements state none)."""
    rule = economy.rounding if economy is not None else None
    if rule is None:
        return _DEFAULT_ROUNDING, False
    return Rounding(rule.mode, rule.unit), True


def stated_value(contribution: AnyContribution, rounding: Rounding) -> Decimal | None:
    """The yearly amount a contribution states, before indexation (``None`` if none).

    Volunteer hours without a stated value are ``hours × rate``, rounded like every
    other amount, so the checks, the economy and the documents show one figure.
    """
    if isinstance(contribution, MoneyContribution):
        return contribution.amount_per_year
    if isinstance(contribution, VolunteerContribution):
        if contribution.value_per_year is not None:
            return contribution.value_per_year
        if contribution.hours_per_year is not None and contribution.hourly_rate is not None:
            return volunteer_value(
                hours=contribution.hours_per_year, rate=contribution.hourly_rate, rounding=rounding
            )
        return None
    return contribution.value_per_year


@frozen(slots=True)
class Span:
    """The agreement's years in force and whether a part year counts as a whole one."""

    term: Term
    years: tuple[int, ...]
    full: bool  # part_years: full

    def portion(
        self,
        year: int,
        first: dt.date | None = None,
        last: dt.date | None = None,
        unit: Unit | None = None,
    ) -> Portion:
        """The part of ``year`` in force (between ``first`` and ``last``, if given).

        With ``part_years: full`` the part is counted against the time in force that
        year rather than the whole year, so a year partly in force counts as whole.
        """
        assert self.term.start is not None and self.term.last_day is not None
        lo = max(first or self.term.start, self.term.start)
        hi = min(last or self.term.last_day, self.term.last_day)
        part = portion(year, lo, hi, unit)
        if not self.full:
            return part
        in_force = portion(year, self.term.start, self.term.last_day, part.unit)
        return Portion(part.units, in_force.units, part.unit)

    @property
    def unit(self) -> Unit:
        """One unit for the whole term: months when it starts on a first and ends on a
        month's last day, else days (for spreading a total over its years)."""
        assert self.term.start is not None and self.term.last_day is not None
        return unit_of(self.term.start, self.term.last_day)


@frozen(slots=True)
class Shape:
    """What the rules derive for one money contribution."""

    years: tuple[YearAmount, ...]
    base_year: int | None = None
    first_indexed_year: int | None = None
    one_off_year: int | None = None
    revisions: tuple[Revision, ...] = ()


@frozen(slots=True)
class Rules:
    """Everything the rules need besides the contribution."""

    series: dict[str, IndexSeries]
    rounding: Rounding
    as_of: dt.date | None
    assume: Decimal | None


def _apply(row: YearAmount, part: Portion, rounding: Rounding) -> YearAmount:
    """A whole-year row for the part of the year counted."""
    if part.whole:
        return row
    amount = prorate(row.amount, part, rounding) if row.amount is not None else None
    latest = prorate(row.latest, part, rounding) if row.latest is not None else None
    return replace(row, amount=amount, portion=part, latest=latest)


def _levels(c: MoneyContribution, term: Term) -> list[tuple[dt.date, Decimal, int | None]]:
    """(from, yearly amount, base year) of each level: the stated amount, then each change."""
    assert term.start is not None and c.amount_per_year is not None
    levels: list[tuple[dt.date, Decimal, int | None]] = [(term.start, c.amount_per_year, None)]
    for change in sorted(c.changes, key=lambda ch: ch.from_date):
        levels.append((change.from_date, change.amount_per_year, change.from_date.year))
    return levels


def _per_year(c: MoneyContribution, span: Span, rules: Rules) -> Shape:
    """``amount_per_year`` (and ``changes``): indexed whole years, then each year's part."""
    assert c.amount_per_year is not None and span.term.last_day is not None
    base_year = c.base_year if c.base_year is not None else span.years[0]
    indexation = c.indexation
    series = rules.series.get(indexation.index) if indexation is not None else None
    first0 = (
        None
        if indexation is None
        else indexation.from_date.year
        if c.base_year is not None and indexation.from_date.year <= base_year
        else max(indexation.from_date.year, base_year + 1)
    )
    levels = _levels(c, span.term)
    found: list[Revision] = []
    level_rows: list[tuple[dt.date, dt.date, dict[int, YearAmount]]] = []
    for k, (start, amount, level_base) in enumerate(levels):
        end = levels[k + 1][0] - _DAY if k + 1 < len(levels) else span.term.last_day
        b = base_year if level_base is None else level_base
        first = first0 if level_base is None or first0 is None else max(first0, b + 1)
        rows, revs = full_years(
            amount,
            span.years,
            base_year=b,
            first=first,
            series=series,
            rounding=rules.rounding,
            as_of=rules.as_of,
            assume=rules.assume,
        )
        level_rows.append((start, end, rows))
        found.extend(revs)
    years = tuple(_year(y, level_rows, span, rules.rounding) for y in span.years)
    return Shape(years, base_year, first0, revisions=tuple(found))


def _year(
    year: int,
    levels: Sequence[tuple[dt.date, dt.date, dict[int, YearAmount]]],
    span: Span,
    rounding: Rounding,
) -> YearAmount:
    """One year: the level in force, or the levels of a year in which the amount changed."""
    in_year = [
        (rows[year], start, end)
        for start, end, rows in levels
        if span.portion(year, start, end).units > 0
    ]
    if len(in_year) == 1:
        row, start, end = in_year[0]
        return _apply(row, span.portion(year, start, end), rounding)
    # The amount changed during the year: each level for its days, rounded once.
    parts = [(row, span.portion(year, start, end, "days")) for row, start, end in in_year]
    last_row = parts[-1][0]
    weighted = [row.amount * part.units for row, part in parts if row.amount is not None]
    if len(weighted) < len(parts):
        return replace(last_row, amount=None, full=None, portion=None, latest=None)
    whole = Portion(1, parts[0][1].of, "days")
    amount = prorate(sum(weighted, Decimal(0)), whole, rounding)
    # No single base, index or whole-year amount describes a year of two amounts.
    return replace(last_row, amount=amount, full=None, portion=None, base=None, index=None)


def _spread_total(c: MoneyContribution, span: Span, rounding: Rounding) -> Shape:
    """A total for the period (or named years) shared by time in force."""
    assert c.total is not None
    covered = [y for y in span.years if not c.total.years or y in c.total.years]
    weights = [span.portion(y, unit=span.unit).units for y in covered]
    shares = dict(zip(covered, split_by_weight(c.total.amount, weights, rounding), strict=True))
    rows = tuple(
        YearAmount(y, shares[y], source="total")
        if y in shares
        else YearAmount(y, None, source="none", unknown="not_stated")
        for y in span.years
    )
    return Shape(rows)


def _one_off(c: MoneyContribution, span: Span) -> Shape:
    """A one-off amount counts in its year only (0 in the others)."""
    if c.one_off is not None:
        year, amount = c.one_off.year, c.one_off.amount
    else:
        assert c.amount_per_year is not None
        year, amount = _one_off_year(c, span), c.amount_per_year
    zero = Decimal(0)
    rows = tuple(YearAmount(y, amount if y == year else zero, source="one_off") for y in span.years)
    return Shape(rows, one_off_year=year)


def _one_off_year(c: MoneyContribution, span: Span) -> int:
    """``schedule: once``: the year of the first scheduled date in force, else the first."""
    if c.payment is not None:
        for year in span.years:
            if any(span.term.in_force_on(d) for d in payment_dates(c.payment, year)):
                return year
    return span.years[0]


def _unit_price(c: MoneyContribution, span: Span, rounding: Rounding) -> Shape:
    assert c.unit_price is not None
    price = c.unit_price
    if price.quantity_per_year is None:
        rows = tuple(
            YearAmount(y, None, source="unit_price", unknown="no_quantity") for y in span.years
        )
        return Shape(rows)
    full = rounding.apply(price.amount * price.quantity_per_year)
    rows = tuple(
        _apply(YearAmount(y, full, source="unit_price", full=full), span.portion(y), rounding)
        for y in span.years
    )
    return Shape(rows)


def money_shape(c: MoneyContribution, span: Span, rules: Rules) -> Shape:
    """The yearly amounts of one money contribution, by the shape it is stated in."""
    if c.one_off is not None or (
        c.amount_per_year is not None and c.payment is not None and c.payment.schedule == "once"
    ):
        shape = _one_off(c, span)
    elif c.share is not None:
        shape = Shape(tuple(YearAmount(y, None, "share", unknown="share") for y in span.years))
    elif c.total is not None:
        shape = _spread_total(c, span, rules.rounding)
    elif c.unit_price is not None:
        shape = _unit_price(c, span, rules.rounding)
    elif c.amount_per_year is not None:
        shape = _per_year(c, span, rules)
    else:
        shape = Shape(
            tuple(YearAmount(y, None, "none", unknown="not_stated") for y in span.years),
            c.base_year if c.base_year is not None else span.years[0],
        )
    return _named_and_qualified(c, shape)


def _named_and_qualified(c: MoneyContribution, shape: Shape) -> Shape:
    """Amounts named for a year win; qualifier and condition go on every year."""
    named = {a.year: a for a in c.amounts}
    conditional = c.conditional_on is not None
    rows = []
    for row in shape.years:
        entry = named.get(row.year)
        if entry is not None:
            row = YearAmount(row.year, entry.amount, "named", qualifier=entry.qualifier)
        qualifier = row.qualifier or _shape_qualifier(c)
        if row.qualifier != qualifier or row.conditional != conditional:
            row = replace(row, qualifier=qualifier, conditional=conditional)
        rows.append(row)
    return replace(shape, years=tuple(rows))


def _shape_qualifier(c: MoneyContribution) -> Qualifier | None:
    for part in (c.one_off, c.total, c.share, c.unit_price):
        if part is not None and part.qualifier is not None:
            return part.qualifier
    return c.qualifier


def flat_rows(c: AnyContribution, span: Span, rounding: Rounding) -> tuple[YearAmount, ...]:
    """Volunteer hours and in-kind: the stated yearly value, for each year's part."""
    value = stated_value(c, rounding)
    if value is None:
        return tuple(YearAmount(y, None, "none", unknown="not_stated") for y in span.years)
    # A volunteer contribution's "ca" is about its hours; the value it states is exact.
    return tuple(
        _apply(
            YearAmount(y, value, full=value, base=value),
            span.portion(y),
            rounding,
        )
        for y in span.years
    )
