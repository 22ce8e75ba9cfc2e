"""Money arithmetic for IOP agreements: index chains, revisions, volunteer-hour values.

Everything here is ``Decimal`` and pure: no files, no CLI, no floats. Grants are paid in
kronor and öre and must reproduce to the öre what a municipality's finance office would
compute by hand, which binary floats cannot promise.

Products and sums are computed in a context with ``MAX_PREC`` so they are exact (the
``decimal`` docs recommend this for exact arithmetic); the only rounding is the one the
caller asks for through :class:`Rounding`. Nothing in this module divides in that context
(percent → fraction uses ``scaleb``), because an inexact division there would not terminate.
See ``docs/money.md`` for the rules and a worked example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Literal

__all__ = [
    "IndexSeries",
    "IndexStatus",
    "IndexValue",
    "IndexedYear",
    "MissingIndexError",
    "Revision",
    "Rounding",
    "index_chain",
    "index_chain_published",
    "replacement_cost_rate",
    "revisions",
    "volunteer_value",
]

IndexStatus = Literal["preliminary", "definitive", "assumed"]
RoundingMode = Literal["unit", "exact"]

_STATUSES: tuple[str, ...] = ("preliminary", "definitive", "assumed")
# Higher rank wins in IndexSeries.lookup: a definitive figure supersedes a forecast.
_STATUS_RANK: dict[str, int] = {"assumed": 0, "preliminary": 1, "definitive": 2}

# Exact for + and * (no rounding ever happens below MAX_PREC digits); never divide in it.
_EXACT = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

_ONE = Decimal(1)
_ORE = Decimal("0.01")
_MINUS_HUNDRED = Decimal(-100)


def _check_decimal(name: str, value: object) -> Decimal:
    """Refuse floats and non-finite values early: a float here means a loader bug."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, got {type(value).__name__} ({value!r})")
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def _check_non_negative(name: str, value: object) -> Decimal:
    number = _check_decimal(name, value)
    if number < 0:
        raise ValueError(f"{name} must not be negative, got {number}")
    return number


def _check_percent(name: str, value: object) -> Decimal:
    """A change of −100 % or less would make the next amount zero or negative."""
    number = _check_decimal(name, value)
    if number <= _MINUS_HUNDRED:
        raise ValueError(f"{name} must be greater than -100 %, got {number} %")
    return number


def _factor(percent: Decimal) -> Decimal:
    """1 + percent/100, exactly (scaleb shifts the exponent; no division)."""
    return _EXACT.add(_ONE, percent.scaleb(-2, _EXACT))


@dataclass(frozen=True)
class IndexValue:
    """One published (or assumed) yearly change of a price index, in percent."""

    index: str
    year: int
    percent: Decimal
    status: IndexStatus
    published: date | None
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        _check_percent(f"{self.index} {self.year} percent", self.percent)
        if self.status not in _STATUSES:
            raise ValueError(
                f"{self.index} {self.year}: status must be one of {', '.join(_STATUSES)}, "
                f"got {self.status!r}"
            )


@dataclass(frozen=True)
class IndexSeries:
    """All known values of one index, e.g. OPI; ``name`` is the short code used in agreements."""

    name: str
    values: tuple[IndexValue, ...]
    title: str = ""
    publisher: str = ""

    def __post_init__(self) -> None:
        seen: set[tuple[int, str]] = set()
        for value in self.values:
            if value.index != self.name:
                raise ValueError(
                    f"value for {value.index} {value.year} placed in series {self.name}"
                )
            key = (value.year, value.status)
            if key in seen:
                # Two figures with the same status would make lookup() ambiguous.
                raise ValueError(f"{self.name} {value.year}: more than one {value.status} value")
            seen.add(key)

    def lookup(self, year: int, *, known_on: date | None = None) -> IndexValue | None:
        """The value to use for ``year``: definitive over preliminary.

        With ``known_on``, only values published on or before that date count (values
        without a publication date are taken as known), so a January payment can be
        recomputed with what was actually known at the time.
        """
        candidates = [
            value
            for value in self.values
            if value.year == year
            and (known_on is None or value.published is None or value.published <= known_on)
        ]
        if not candidates:
            return None
        return max(
            candidates,
            key=lambda v: (_STATUS_RANK[v.status], v.published or date.min),
        )


@dataclass(frozen=True)
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
        unit = _check_decimal("rounding unit", self.unit)
        if unit <= 0:
            raise ValueError(f"rounding unit must be positive, got {unit}")

    def apply(self, amount: Decimal) -> Decimal:
        """Round ``amount``; half-up means away from zero, like ``ROUND_HALF_UP``."""
        if self.mode == "exact":
            return amount
        # divmod on Decimals is exact (integer quotient, exact remainder) for any unit,
        # even ones like 0.5 or 100 that quantize() cannot express.
        quotient, remainder = _EXACT.divmod(_EXACT.abs(amount), self.unit)
        if _EXACT.multiply(remainder, Decimal(2)) >= self.unit:
            quotient = _EXACT.add(quotient, _ONE)
        rounded = _EXACT.multiply(quotient, self.unit)
        return _EXACT.minus(rounded) if amount < 0 else rounded


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


@dataclass(frozen=True)
class IndexedYear:
    """One row of an index chain; ``estimate`` is true from the first assumed year on."""

    year: int
    previous: Decimal | None
    index: IndexValue | None
    factor: Decimal
    unrounded: Decimal
    amount: Decimal
    estimate: bool


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
    base = _check_non_negative("base amount", base_amount)
    if assume is not None:
        _check_percent("assumed percent", assume)
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
            factor=_ONE,
            unrounded=base,
            amount=base,
            estimate=False,
        )
    ]
    estimate = False
    for year in range(base_year + 1, last_year + 1):
        previous = rows[-1].amount
        if year < first_indexed_year:
            rows.append(IndexedYear(year, previous, None, _ONE, previous, previous, estimate))
            continue
        value = series.lookup(year, known_on=known_on)
        if value is None:
            if assume is None:
                raise MissingIndexError(series.name, year, known_on=known_on)
            value = IndexValue(
                index=series.name,
                year=year,
                percent=assume,
                status="assumed",
                published=None,
                source=f"assumed {assume} % (no published {series.name} value for {year})",
            )
            estimate = True
        factor = _factor(value.percent)
        unrounded = _EXACT.multiply(previous, factor)
        rows.append(
            IndexedYear(
                year=year,
                previous=previous,
                index=value,
                factor=factor,
                unrounded=unrounded,
                amount=rounding.apply(unrounded),
                estimate=estimate,
            )
        )
    return rows


@dataclass(frozen=True)
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

    def chain(last: int) -> list[IndexedYear]:
        return index_chain(
            base_amount=base_amount,
            base_year=base_year,
            first_indexed_year=first_indexed_year,
            last_year=last,
            series=series,
            rounding=rounding,
            assume=assume,
            known_on=known_on,
        )

    try:
        return chain(last_year), None
    except MissingIndexError as exc:
        # The missing year is indexed, so it is after the base year: the chain to the
        # year before it always exists.
        return chain(exc.year - 1), exc.year


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
    result: list[Revision] = []
    for row in chain:
        if row.previous is None or row.index is None:
            continue
        preliminary = _value(series, row.year, "preliminary", known_on)
        definitive = _value(series, row.year, "definitive", known_on)
        if preliminary is None or definitive is None:
            continue
        paid = rounding.apply(_EXACT.multiply(row.previous, _factor(preliminary.percent)))
        final = rounding.apply(_EXACT.multiply(row.previous, _factor(definitive.percent)))
        result.append(
            Revision(
                year=row.year,
                previous=row.previous,
                preliminary=preliminary,
                definitive=definitive,
                paid=paid,
                final=final,
                difference=_EXACT.subtract(final, paid),
            )
        )
    return result


def _value(
    series: IndexSeries, year: int, status: IndexStatus, known_on: date | None
) -> IndexValue | None:
    return next(
        (
            v
            for v in series.values
            if v.year == year
            and v.status == status
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
    hours = _check_non_negative("hours", hours)
    rate = _check_non_negative("rate per hour", rate)
    return rounding.apply(_EXACT.multiply(hours, rate))


def replacement_cost_rate(
    *, hourly_wage: Decimal, employer_contribution_percent: Decimal
) -> Decimal:
    """Hourly wage plus employer contributions, rounded half-up to whole öre.

    The rate is rounded (not only the total) because it is a figure written into the
    agreement and multiplied by hours by anyone checking it; öre is the smallest unit
    in Swedish accounting. No source prescribes this rounding; it is our choice.
    """
    wage = _check_non_negative("hourly wage", hourly_wage)
    percent = _check_non_negative("employer contribution percent", employer_contribution_percent)
    return _EXACT.multiply(wage, _factor(percent)).quantize(_ORE, rounding=ROUND_HALF_UP)
