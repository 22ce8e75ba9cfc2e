"""Money arithmetic for IOP agreements: index chains, revisions, volunteer-hour values.

Everything here is ``Decimal`` and pure: no files, no CLI, no floats. Grants are paid in
kronor and öre and must reproduce to the öre what a municipality's finance office would
compute by hand, which binary floats cannot promise.

Products and sums are exact (:mod:`iopctl.money.exact`); the only rounding is the one
the caller asks for through :class:`Rounding`. Index figures are :mod:`iopctl.money.series`.
See ``docs/money.md`` for the rules and a worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from iopctl.frozen import frozen
from iopctl.money.exact import (
    EXACT,
    ONE,
    check_decimal,
    check_non_negative,
    check_percent,
    factor,
)
from iopctl.money.series import IndexSeries, IndexStatus, IndexValue

__all__ = [
    "IndexedYear",
    "MissingIndexError",
    "Revision",
    "Rounding",
    "index_chain",
    "index_chain_published",
    "replacement_cost_rate",
    "revisions",
    "revisions_of",
    "volunteer_value",
]

RoundingMode = Literal["unit", "exact"]

_ORE = Decimal("0.01")


@frozen
class Rounding:
    """How each year's amount is rounded before it becomes the next year's base.

    ``unit`` rounds half-up to a multiple of ``unit`` (default whole kronor); ``exact``
    keeps every digit. No public source states a rounding rule for indexed IOP grants,
    so this is an explicit choice (see docs/money.md).
    """

    mode: RoundingMode = "unit"
    unit: Decimal = field(default_factory=lambda: Decimal(1))

    def __post_init__(self) -> None:
        if self.mode not in ("unit", "exact"):
            raise ValueError(f"rounding mode must be 'unit' or 'exact', got {self.mode!r}")
        unit = check_decimal("rounding unit", self.unit)
        if unit <= 0:
            raise ValueError(f"rounding unit must be positive, got {unit}")

    def apply(self, amount: Decimal) -> Decimal:
        """Round ``amount``; half-up means away from zero, like ``ROUND_HALF_UP``."""
        if self.mode == "exact":
            return amount
        # divmod on Decimals is exact (integer quotient, exact remainder) for any unit,
        # even ones like 0.5 or 100 that quantize() cannot express.
        quotient, remainder = EXACT.divmod(EXACT.abs(amount), self.unit)
        if EXACT.multiply(remainder, Decimal(2)) >= self.unit:
            quotient = EXACT.add(quotient, ONE)
        rounded = EXACT.multiply(quotient, self.unit)
        return EXACT.minus(rounded) if amount < 0 else rounded


class MissingIndexError(Exception):
    """An index chain needs a year the series does not have (yet)."""

    def __init__(self, index: str, year: int, *, known_on: date | None = None) -> None:
        self.index = index
        self.year = year
        self.known_on = known_on
        when = f" published on or before {known_on.isoformat()}" if known_on else ""
        super().__init__(
            f"No {index} value for {year}{when}. Add it to an index file:\n"
            f"  indices:\n"
            f"    {index}:\n"
            f"      values:\n"
            f"        - year: {year}\n"
            f"          percent: <percent>\n"
            f"          status: preliminary   # or definitive\n"
            f'          source: "<who published it, when, URL>"\n'
            f"or pass --assume <percent> to estimate {year} and later years."
        )


@frozen
class IndexedYear:
    """One row of an index chain; ``estimate`` is true from the first assumed year on."""

    year: int
    previous: Decimal | None
    index: IndexValue | None
    factor: Decimal
    unrounded: Decimal
    amount: Decimal
    estimate: bool


def _figure(
    series: IndexSeries, year: int, known_on: date | None, assume: Decimal | None
) -> IndexValue | None:
    """The year's figure as known on ``known_on``, else the assumed percent (marked
    ``assumed``), else ``None``."""
    value = series.lookup(year, known_on=known_on)
    if value is not None or assume is None:
        return value
    return IndexValue(
        index=series.name,
        year=year,
        percent=assume,
        status="assumed",
        published=None,
        source="",  # assumed, not published: the presentation says so in words
    )


def index_chain(
    *,
    base_amount: Decimal,
    base_year: int,
    first_indexed_year: int,
    last_year: int,
    series: IndexSeries,
    rounding: Rounding = Rounding(),
    assume: Decimal | None = None,
    known_on: date | None = None,
) -> list[IndexedYear]:
    """Amounts from ``base_year`` to ``last_year``, indexed from ``first_indexed_year``.

    Year N = year N-1's (rounded) amount × (1 + percent/100), because that is how a
    grant paid once a year is uprated: each payment is a figure in the books, and the
    next year starts from it. Years before ``first_indexed_year`` carry the base amount.
    A missing index value raises :class:`MissingIndexError` unless ``assume`` (a
    percent) is given; then that year and every later year is marked as an estimate.
    """
    rows, missing = _chain(
        base_amount, base_year, first_indexed_year, last_year, series, rounding, assume, known_on
    )
    if missing is not None:
        raise MissingIndexError(series.name, missing, known_on=known_on)
    return rows


def _chain(
    base_amount: Decimal,
    base_year: int,
    first_indexed_year: int,
    last_year: int,
    series: IndexSeries,
    rounding: Rounding,
    assume: Decimal | None,
    known_on: date | None,
) -> tuple[list[IndexedYear], int | None]:
    """:func:`index_chain` up to the first year without a figure, and that year (or
    ``None``): one pass, whether or not the chain reaches ``last_year``."""
    base = check_non_negative("base amount", base_amount)
    if assume is not None:
        check_percent("assumed percent", assume)
    if first_indexed_year <= base_year:
        raise ValueError(
            f"first indexed year ({first_indexed_year}) must come after the base year ({base_year})"
        )
    if last_year < base_year:
        raise ValueError(f"last year ({last_year}) is before the base year ({base_year})")

    rows = [
        IndexedYear(
            year=base_year,
            previous=None,
            index=None,
            factor=ONE,
            unrounded=base,
            amount=base,
            estimate=False,
        )
    ]
    estimate = False
    for year in range(base_year + 1, last_year + 1):
        previous = rows[-1].amount
        if year < first_indexed_year:
            rows.append(IndexedYear(year, previous, None, ONE, previous, previous, estimate))
            continue
        value = _figure(series, year, known_on, assume)
        if value is None:
            return rows, year
        estimate = estimate or value.status == "assumed"
        change = factor(value.percent)
        unrounded = EXACT.multiply(previous, change)
        rows.append(
            IndexedYear(
                year=year,
                previous=previous,
                index=value,
                factor=change,
                unrounded=unrounded,
                amount=rounding.apply(unrounded),
                estimate=estimate,
            )
        )
    return rows, None


@frozen
class Revision:
    """What was paid on a preliminary figure versus what the definitive one gives."""

    year: int
    previous: Decimal
    preliminary: IndexValue
    definitive: IndexValue
    paid: Decimal
    final: Decimal
    difference: Decimal


def index_chain_published(
    *,
    base_amount: Decimal,
    base_year: int,
    first_indexed_year: int,
    last_year: int,
    series: IndexSeries,
    rounding: Rounding = Rounding(),
    assume: Decimal | None = None,
    known_on: date | None = None,
) -> tuple[list[IndexedYear], int | None]:
    """:func:`index_chain` as far as the figures reach, and the first year without one.

    Every view of an indexed grant (deadlines, economy, an extension memo) shows the
    years it can compute and says which year's figure is missing, rather than nothing.
    The missing year is ``None`` when the whole chain could be computed.
    """
    return _chain(
        base_amount, base_year, first_indexed_year, last_year, series, rounding, assume, known_on
    )


def revisions(
    *,
    base_amount: Decimal,
    base_year: int,
    first_indexed_year: int,
    last_year: int,
    series: IndexSeries,
    rounding: Rounding = Rounding(),
    known_on: date | None = None,
) -> list[Revision]:
    """One row per indexed year whose series has both a preliminary and a definitive value.

    With ``known_on``, only figures published on or before that day count, as in
    :meth:`IndexSeries.lookup`.

    Earlier years are chained with their definitive figures (what the amounts should have
    been), so ``difference`` is the correction owed for that year alone: a positive
    difference is a top-up to the organisation, a negative one a repayment.
    """
    chain = index_chain(
        base_amount=base_amount,
        base_year=base_year,
        first_indexed_year=first_indexed_year,
        last_year=last_year,
        series=series,
        rounding=rounding,
        known_on=known_on,
    )
    return revisions_of(chain, series=series, rounding=rounding, known_on=known_on)


def revisions_of(
    chain: Sequence[IndexedYear],
    *,
    series: IndexSeries,
    rounding: Rounding = Rounding(),
    known_on: date | None = None,
) -> list[Revision]:
    """:func:`revisions` of a chain already made (of published figures only, known on
    ``known_on``): the facts have the chain of every indexed grant in hand."""
    result: list[Revision] = []
    for row in chain:
        if row.previous is None or row.index is None:
            continue
        preliminary = _value(series, row.year, "preliminary", known_on)
        definitive = _value(series, row.year, "definitive", known_on)
        if preliminary is None or definitive is None:
            continue
        paid = rounding.apply(EXACT.multiply(row.previous, factor(preliminary.percent)))
        final = rounding.apply(EXACT.multiply(row.previous, factor(definitive.percent)))
        result.append(
            Revision(
                year=row.year,
                previous=row.previous,
                preliminary=preliminary,
                definitive=definitive,
                paid=paid,
                final=final,
                difference=EXACT.subtract(final, paid),
            )
        )
    return result


def _value(
    series: IndexSeries, year: int, status: IndexStatus, known_on: date | None
) -> IndexValue | None:
    return next(
        (
            v
            for v in series.of_year(year)
            if v.status == status
            and (known_on is None or v.published is None or v.published <= known_on)
        ),
        None,
    )


def volunteer_value(
    *,
    hours: Decimal,
    rate: Decimal,
    rounding: Rounding = Rounding(),
) -> Decimal:
    """Hours × kr per hour: the replacement-cost value agreements state for volunteer work."""
    hours = check_non_negative("hours", hours)
    rate = check_non_negative("rate per hour", rate)
    return rounding.apply(EXACT.multiply(hours, rate))


def replacement_cost_rate(
    *, hourly_wage: Decimal, employer_contribution_percent: Decimal
) -> Decimal:
    """Hourly wage plus employer contributions, rounded half-up to whole öre.

    The rate is rounded (not only the total) because it is a figure written into the
    agreement and multiplied by hours by anyone checking it; öre is the smallest unit
    in Swedish accounting. No source prescribes this rounding; it is our choice.
    """
    wage = check_non_negative("hourly wage", hourly_wage)
    percent = check_non_negative("employer contribution percent", employer_contribution_percent)
    return EXACT.multiply(wage, factor(percent)).quantize(_ORE, rounding=ROUND_HALF_UP)
