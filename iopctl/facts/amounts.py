"""What each contribution is worth in each year: the one place that derives amounts.

``economy``, ``due`` (payments), ``list``, ``show``, the checks and every document read
:func:`contribution_facts`; nothing else computes a year's amount. The rules
(``docs/money.md``, "How a year's amount is derived"):

* **Years** — every calendar year in which the agreement is in force (``Term.years``).
* **Rounding** — ``economy.rounding`` or, when the agreement says nothing, whole kronor
  half up; each year is computed from the previous year's rounded amount.
* **Base year** — ``base_year`` when stated, else the first year of the period. The
  stated amount is that year's amount.
* **First indexed year** — the year of ``indexation.from_date``, but never before the year
  after the base year. When indexation starts in or before the first year of the period
  and no ``base_year`` is stated, the amount is read as the first year's amount and
  ``validate`` warns (IOP218), because an earlier price level would change the money.
  A stated ``base_year`` at or after the indexation year is an error (IOP217) and the
  indexed years are not computed.
* **Index figures** — those published on or before ``as_of``; a year whose figure is
  missing has no amount (``None``: unknown, never 0), and every later year neither. The
  latest amount that could be computed is kept beside it, marked as such.
* **One-off money** (``payment.schedule: once``) — the stated amount is paid once and
  counts in the year of its payment (the first scheduled month in force, else the first
  year); it is 0 in the other years.
* **Volunteer hours and in-kind** — the stated ``value_per_year``, else
  ``hours_per_year × hourly_rate`` rounded as above; the same in every year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from iopctl.facts.schedule import payment_dates
from iopctl.facts.term import Term
from iopctl.model.agreement import (
    Economy,
    InKindContribution,
    MoneyContribution,
    PartialAgreement,
    VolunteerContribution,
)
from iopctl.money.arithmetic import (
    IndexSeries,
    IndexValue,
    Revision,
    Rounding,
    index_chain_published,
    revisions,
    volunteer_value,
)

__all__ = [
    "ContributionFacts",
    "Kind",
    "Unknown",
    "YearAmount",
    "contribution_facts",
    "rounding_of",
    "stated_value",
]

Kind = Literal["money", "volunteer_hours", "in_kind"]
Unknown = Literal["not_stated", "no_figure", "unknown_index", "not_after_base"]
"""Why a year's amount is not known: no amount stated, an index figure missing from
iopctl's data, an index iopctl does not know, indexation not after the base year."""

AnyContribution = MoneyContribution | VolunteerContribution | InKindContribution


def rounding_of(economy: Economy | None) -> tuple[Rounding, bool]:
    """The agreement's rounding rule and whether the agreement states it."""
    rule = economy.rounding if economy is not None else None
    if rule is None:
        return Rounding(), False
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


@dataclass(frozen=True, slots=True)
class YearAmount:
    """One contribution in one year.

    ``amount`` is ``None`` when it cannot be known (``unknown`` says why; ``missing_year``
    names the index year without a figure). ``base`` is the amount this year's index
    applies to (the previous year's amount), so ``base × (1 + percent/100)``, rounded,
    is ``amount``. ``latest``/``latest_year`` are the last amount that could be computed
    when this one cannot. ``estimate`` marks years computed with an assumed index.
    """

    year: int
    amount: Decimal | None
    base: Decimal | None = None
    index: IndexValue | None = None
    estimate: bool = False
    unknown: Unknown | None = None
    missing_year: int | None = None
    figure_missing: bool = False
    latest: Decimal | None = None
    latest_year: int | None = None

    @property
    def preliminary(self) -> bool:
        return self.index is not None and self.index.status == "preliminary"


@dataclass(frozen=True, slots=True)
class ContributionFacts:
    """A contribution and its amount in every year in force."""

    position: int
    contribution: AnyContribution
    party: str
    party_name: str
    public: bool
    kind: Kind
    stated: Decimal | None
    index: str | None
    base_year: int | None
    base_year_stated: bool
    first_indexed_year: int | None
    one_off_year: int | None
    years: tuple[YearAmount, ...]
    revisions: tuple[Revision, ...]

    def year(self, year: int) -> YearAmount | None:
        for row in self.years:
            if row.year == year:
                return row
        return None


def _flat(years: Sequence[int], amount: Decimal | None) -> tuple[YearAmount, ...]:
    unknown: Unknown | None = "not_stated" if amount is None else None
    return tuple(YearAmount(y, amount, base=amount, unknown=unknown) for y in years)


def _one_off_year(contribution: MoneyContribution, term: Term, years: Sequence[int]) -> int:
    """The year of the first scheduled date in force, else the first year in force."""
    if contribution.payment is not None:
        for year in years:
            if any(term.in_force_on(d) for d in payment_dates(contribution.payment, year)):
                return year
    return years[0]


def _indexed_years(
    contribution: MoneyContribution,
    years: Sequence[int],
    *,
    base_year: int,
    first: int,
    series: IndexSeries | None,
    rounding: Rounding,
    as_of: dt.date | None,
    assume: Decimal | None,
) -> tuple[tuple[YearAmount, ...], tuple[Revision, ...]]:
    """An indexed amount over ``years``, as far as the known figures reach."""
    assert contribution.amount_per_year is not None and contribution.indexation is not None
    stated = contribution.amount_per_year
    rows = {y: YearAmount(y, stated, base=stated) for y in years if y < first}
    last = max(years)
    if last < first:
        return tuple(rows[y] for y in years), ()
    if series is None:
        for y in years:
            if y >= first:
                rows[y] = YearAmount(
                    y,
                    None,
                    unknown="unknown_index",
                    missing_year=first,
                    figure_missing=True,
                    latest=stated,
                    latest_year=base_year,
                )
        return tuple(rows[y] for y in years), ()
    chain, missing = index_chain_published(
        base_amount=stated,
        base_year=base_year,
        first_indexed_year=first,
        last_year=last,
        series=series,
        rounding=rounding,
        assume=assume,
        known_on=as_of,
    )
    for step in chain:
        if step.year in rows or step.year not in years:
            continue
        rows[step.year] = YearAmount(
            step.year,
            step.amount,
            base=step.previous if step.previous is not None else step.amount,
            index=step.index,
            estimate=step.estimate,
        )
    latest = chain[-1]
    for y in years:
        if y not in rows:
            rows[y] = YearAmount(
                y,
                None,
                unknown="no_figure",
                missing_year=missing,
                figure_missing=series.lookup(y, known_on=as_of) is None,
                latest=latest.amount,
                latest_year=latest.year,
            )
    published_to = max((s.year for s in chain if not s.estimate), default=base_year)
    found: tuple[Revision, ...] = ()
    if published_to >= first:
        found = tuple(
            r
            for r in revisions(
                base_amount=stated,
                base_year=base_year,
                first_indexed_year=first,
                last_year=published_to,
                series=series,
                rounding=rounding,
                known_on=as_of,
            )
            if r.year in years
        )
    return tuple(rows[y] for y in years), found


@dataclass(frozen=True, slots=True)
class _Shape:
    """What :func:`_money` derives for one money contribution."""

    years: tuple[YearAmount, ...]
    base_year: int | None = None
    first_indexed_year: int | None = None
    one_off_year: int | None = None
    revisions: tuple[Revision, ...] = ()


def _money(
    contribution: MoneyContribution,
    years: Sequence[int],
    term: Term,
    *,
    series: dict[str, IndexSeries],
    rounding: Rounding,
    as_of: dt.date | None,
    assume: Decimal | None,
) -> _Shape:
    """Base year, first indexed year and the yearly amounts of one money contribution."""
    stated = contribution.amount_per_year
    indexation = contribution.indexation
    base_year = contribution.base_year
    if base_year is None and years:
        base_year = years[0]
    payment = contribution.payment
    if stated is None or not years:
        return _Shape(_flat(years, stated), base_year)
    if payment is not None and payment.schedule == "once":
        year = _one_off_year(contribution, term, years)
        zero = Decimal(0)
        rows = tuple(YearAmount(y, stated if y == year else zero, base=stated) for y in years)
        return _Shape(rows, base_year, one_off_year=year)
    if indexation is None or base_year is None:
        return _Shape(_flat(years, stated), base_year)
    if contribution.base_year is not None and indexation.from_date.year <= base_year:
        first = indexation.from_date.year
        rows = tuple(
            YearAmount(y, stated, base=stated)
            if y < first
            else YearAmount(y, None, unknown="not_after_base", missing_year=first)
            for y in years
        )
        return _Shape(rows, base_year, first)
    first = max(indexation.from_date.year, base_year + 1)
    rows, found = _indexed_years(
        contribution,
        years,
        base_year=base_year,
        first=first,
        series=series.get(indexation.index),
        rounding=rounding,
        as_of=as_of,
        assume=assume,
    )
    return _Shape(rows, base_year, first, revisions=found)


def contribution_facts(
    agreement: PartialAgreement,
    term: Term,
    *,
    series: dict[str, IndexSeries],
    rounding: Rounding,
    as_of: dt.date | None = None,
    assume: Decimal | None = None,
) -> tuple[ContributionFacts, ...]:
    """Every contribution of ``agreement`` with its amount in each year of ``term``."""
    economy = agreement.economy
    if economy is None:
        return ()
    years = list(term.years)
    result: list[ContributionFacts] = []
    for position, contribution in enumerate(economy.contributions):
        party = agreement.party(contribution.party)
        stated = stated_value(contribution, rounding)
        kind: Kind
        if isinstance(contribution, MoneyContribution):
            kind = "money"
            shape = _money(
                contribution,
                years,
                term,
                series=series,
                rounding=rounding,
                as_of=as_of,
                assume=assume,
            )
            index = contribution.indexation.index if contribution.indexation else None
        else:
            kind = (
                "volunteer_hours" if isinstance(contribution, VolunteerContribution) else "in_kind"
            )
            shape = _Shape(_flat(years, stated))
            index = None
        result.append(
            ContributionFacts(
                position=position,
                contribution=contribution,
                party=contribution.party,
                party_name=party.name if party is not None else contribution.party,
                public=party is not None and party.sector == "public",
                kind=kind,
                stated=stated,
                index=index,
                base_year=shape.base_year,
                base_year_stated=(
                    isinstance(contribution, MoneyContribution)
                    and contribution.base_year is not None
                ),
                first_indexed_year=shape.first_indexed_year,
                one_off_year=shape.one_off_year,
                years=shape.years,
                revisions=shape.revisions,
            )
        )
    return tuple(result)
