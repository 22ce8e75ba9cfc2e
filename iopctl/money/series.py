"""Index series as published: one yearly change per year and status, with its source.

:class:`IndexSeries.lookup` chooses the figure to use for a year — definitive over
preliminary, and with a "known on" date only what was published by then — so that a
January payment can be recomputed with what was actually known at the time.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from iopctl.frozen import frozen
from iopctl.money.exact import check_percent

__all__ = ["IndexSeries", "IndexStatus", "IndexValue"]

IndexStatus = Literal["preliminary", "definitive", "assumed"]

_STATUSES: tuple[str, ...] = ("preliminary", "definitive", "assumed")
# Higher rank wins in IndexSeries.lookup: a definitive figure supersedes a forecast.
_STATUS_RANK: dict[str, int] = {"assumed": 0, "preliminary": 1, "definitive": 2}


@frozen
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
        check_percent(f"{self.index} {self.year} percent", self.percent)
        if self.status not in _STATUSES:
            raise ValueError(
                f"{self.index} {self.year}: status must be one of {', '.join(_STATUSES)}, "
                f"got {self.status!r}"
            )


@frozen
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
            for value in self.of_year(year)
            if known_on is None or value.published is None or value.published <= known_on
        ]
        if not candidates:
            return None
        return max(
            candidates,
            key=lambda v: (_STATUS_RANK[v.status], v.published or date.min),
        )

    def of_year(self, year: int) -> tuple[IndexValue, ...]:
        """The figures given for ``year`` (of any status), in the order of ``values``."""
        return self._by_year.get(year, ())

    @cached_property
    def _by_year(self) -> dict[int, tuple[IndexValue, ...]]:
        """``values`` by year, made once: every indexed year of every agreement looks its
        figure up, and a scan of the whole series each time was most of a chain's cost."""
        found: dict[int, list[IndexValue]] = {}
        for value in self.values:
            found.setdefault(value.year, []).append(value)
        return {year: tuple(values) for year, values in found.items()}
