"""A yearly amount through the years, indexed as far as the known figures reach.

:func:`full_years` gives the amount for a **whole** year in each year (the part-year rule
is applied afterwards, by :mod:`iopctl.facts.amounts`): the stated amount in the base
year and every year before the first indexed year, then year N = year N−1's rounded
amount × (1 + index(N)/100), rounded (``docs/money.md``). A year whose figure is not
known on ``as_of`` has no amount, nor does any later year; the last amount that could be
computed is kept beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from iopctl.facts.rows import YearAmount
from iopctl.money.arithmetic import (
    IndexedYear,
    Revision,
    Rounding,
    index_chain_published,
    revisions_of,
)
from iopctl.money.series import IndexSeries

__all__ = ["full_years"]


def _unknown_index(
    stated: Decimal, years: Sequence[int], base_year: int, first: int
) -> dict[int, YearAmount]:
    return {
        y: YearAmount(
            y,
            None,
            unknown="unknown_index",
            missing_year=first,
            figure_missing=True,
            latest=stated,
            latest_year=base_year,
        )
        for y in years
        if y >= first
    }


def _indexed_rows(
    chain: Sequence[IndexedYear], years: Sequence[int], first: int
) -> dict[int, YearAmount]:
    """The years the chain reaches, from the first indexed year on."""
    return {
        step.year: YearAmount(
            step.year,
            step.amount,
            full=step.amount,
            base=step.previous if step.previous is not None else step.amount,
            index=step.index,
            estimate=step.estimate,
        )
        for step in chain
        if step.year in years and step.year >= first
    }


def _missing_rows(
    latest: IndexedYear,
    years: Sequence[int],
    missing: int,
    series: IndexSeries,
    as_of: dt.date | None,
) -> dict[int, YearAmount]:
    """From the first year without a figure on: unknown, with the latest amount known."""
    return {
        y: YearAmount(
            y,
            None,
            unknown="no_figure",
            missing_year=missing,
            figure_missing=series.lookup(y, known_on=as_of) is None,
            latest=latest.amount,
            latest_year=latest.year,
        )
        for y in years
        if y >= missing
    }


def full_years(
    stated: Decimal,
    years: Sequence[int],
    *,
    base_year: int,
    first: int | None,
    series: IndexSeries | None,
    rounding: Rounding,
    as_of: dt.date | None,
    assume: Decimal | None,
) -> tuple[dict[int, YearAmount], tuple[Revision, ...]]:
    """Whole-year amounts for ``years``; ``first`` is the first indexed year (or None).

    ``first <= base_year`` means the agreement is contradictory (IOP217): the indexed
    years are then unknown rather than guessed.
    """
    rows = {y: YearAmount(y, stated, full=stated, base=stated) for y in years}
    if first is None or not years or max(years) < first:
        return rows, ()
    if first <= base_year:
        for y in years:
            if y >= first:
                rows[y] = YearAmount(y, None, unknown="not_after_base", missing_year=first)
        return rows, ()
    if series is None:
        rows.update(_unknown_index(stated, years, base_year, first))
        return rows, ()
    chain, missing = index_chain_published(
        base_amount=stated,
        base_year=base_year,
        first_indexed_year=first,
        last_year=max(years),
        series=series,
        rounding=rounding,
        assume=assume,
        known_on=as_of,
    )
    rows.update(_indexed_rows(chain, years, first))
    if missing is not None:
        rows.update(_missing_rows(chain[-1], years, missing, series, as_of))
    published_to = max((s.year for s in chain if not s.estimate), default=base_year)
    if published_to < first:
        return rows, ()
    # The chain's published years are the chain of published figures alone (an assumed
    # figure only ever follows them), which is what revisions are found on.
    published = [step for step in chain if step.year <= published_to]
    found = revisions_of(published, series=series, rounding=rounding, known_on=as_of)
    return rows, tuple(r for r in found if r.year in rows)
