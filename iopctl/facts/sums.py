"""Amounts added up honestly: what is known, what is not, and what kind of money it is.

A total that hides an unknown amount as 0 ("0 + ?", "0.0 %") misleads a controller; so
does one that adds money conditional on a budget decision, or a year projected with an
assumed index (``--assume``), to money committed, or "ca 14 miljoner" to an exact figure
without saying so. :class:`Sum` keeps them apart: the known committed amount, how many
committed amounts are unknown, whether any is approximate, and beside it the estimated
and the conditional money.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from iopctl.facts.rows import YearAmount
from iopctl.frozen import frozen

__all__ = ["EMPTY", "UNKNOWN", "Sum"]


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    return a if b is None else a + b


@frozen(slots=True)
class Sum:
    """``amount`` is the sum of the known committed amounts (``None`` when none is known);
    ``unknown`` counts committed amounts that are not known; ``estimated`` is the money
    computed with an assumed index (``None`` when there is none); ``conditional`` is the
    known conditional money (``None`` when there is none) and ``conditional_unknown`` its
    unknown amounts; ``count`` is how many amounts went in."""

    amount: Decimal | None = None
    unknown: int = 0
    approximate: bool = False
    estimated: Decimal | None = None
    conditional: Decimal | None = None
    conditional_unknown: int = 0
    count: int = 0

    @classmethod
    def of(cls, rows: Iterable[YearAmount]) -> Sum:
        """The sum of ``rows``, each counted as committed, estimated or conditional money:
        the same as adding each row's :meth:`one` with ``+`` in order, added up in place
        (no two objects per row: economy adds up every year of every contribution of every
        agreement)."""
        amount = estimated = conditional = None
        unknown = conditional_unknown = count = 0
        approximate = False
        for row in rows:
            known = row.amount is not None
            approximate = approximate or (row.approximate and known)
            count += 1
            if row.conditional:
                conditional = _add(conditional, row.amount)
                conditional_unknown += 0 if known else 1
            elif row.estimate and known:
                estimated = _add(estimated, row.amount)
            else:
                amount = _add(amount, row.amount)
                unknown += 0 if known else 1
        return cls(amount, unknown, approximate, estimated, conditional, conditional_unknown, count)

    @classmethod
    def one(cls, row: YearAmount) -> Sum:
        """One row's sum (the rule is :meth:`of`'s, stated once)."""
        return cls.of((row,))

    def __add__(self, other: Sum) -> Sum:
        return Sum(
            amount=_add(self.amount, other.amount),
            unknown=self.unknown + other.unknown,
            approximate=self.approximate or other.approximate,
            estimated=_add(self.estimated, other.estimated),
            conditional=_add(self.conditional, other.conditional),
            conditional_unknown=self.conditional_unknown + other.conditional_unknown,
            count=self.count + other.count,
        )

    @property
    def estimate(self) -> bool:
        """Some of the money rests on an assumed index."""
        return self.estimated is not None

    @property
    def complete(self) -> bool:
        """Every committed amount is known (and there is at least one)."""
        return self.unknown == 0 and self.amount is not None


EMPTY = Sum()
UNKNOWN = Sum(unknown=1, count=1)
"""One amount that is not known: what a year in force adds when the agreement's economy
is not known (:attr:`iopctl.facts.Facts.economy_unknown`)."""
