"""The values the money rules produce: one contribution's amount in one year, and the
contribution with all its years. Defined apart from the rules (:mod:`.amounts`,
:mod:`.indexing`) so that each rule module can build them without importing the others."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from iopctl.facts.portions import Portion
from iopctl.frozen import frozen
from iopctl.model.agreement import (
    InKindContribution,
    MoneyContribution,
    Qualifier,
    VolunteerContribution,
)
from iopctl.money.arithmetic import Revision
from iopctl.money.series import IndexValue

__all__ = ["AnyContribution", "ContributionFacts", "Kind", "Source", "Unknown", "YearAmount"]

Kind = Literal["money", "volunteer_hours", "in_kind"]
Unknown = Literal[
    "not_stated",
    "no_figure",
    "unknown_index",
    "not_after_base",
    "share",
    "no_quantity",
    "part_unknown",
]
"""Why a year's amount is not known: no amount stated for the year, an index figure
missing from iopctl's data, an index iopctl does not know, indexation not after the base
year, a share of a cost (not an amount), a unit price without an expected quantity, a
year whose part in force the dates do not tell (:mod:`iopctl.facts.effects`)."""

Source = Literal["per_year", "named", "total", "one_off", "unit_price", "share", "none"]
"""What the year's amount is derived from: the yearly amount (indexed, prorated), an
amount the agreement names for that year, a total for the period spread over its years,
a one-off amount, a unit price × the expected quantity, a share of a cost, nothing."""

AnyContribution = MoneyContribution | VolunteerContribution | InKindContribution


@frozen(slots=True)
class YearAmount:
    """One contribution in one year.

    ``amount`` is ``None`` when it cannot be known (``unknown`` says why; ``missing_year``
    names the index year without a figure, ``figure_missing`` that it is this year's
    own). ``full`` is the amount for a whole year and ``portion`` the part of the year
    counted (``None`` for a whole year), so ``amount = full × portion``, rounded.
    ``base`` is the amount this year's index applies to (the previous year's), so
    ``base × (1 + percent/100)``, rounded, is ``full``. ``latest``/``latest_year`` are
    the last amount that could be computed when this one cannot, for this year's
    portion. ``estimate`` marks an assumed index; ``qualifier`` an approximate amount
    ("ca", "minst", "högst"); ``conditional`` money that depends on a decision not yet
    recorded as taken.
    """

    year: int
    amount: Decimal | None
    source: Source = "per_year"
    full: Decimal | None = None
    portion: Portion | None = None
    base: Decimal | None = None
    index: IndexValue | None = None
    estimate: bool = False
    unknown: Unknown | None = None
    missing_year: int | None = None
    figure_missing: bool = False
    latest: Decimal | None = None
    latest_year: int | None = None
    qualifier: Qualifier | None = None
    conditional: bool = False

    @property
    def preliminary(self) -> bool:
        return self.index is not None and self.index.status == "preliminary"

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None


@frozen(slots=True)
class ContributionFacts:
    """A contribution and its amount in every year in force.

    ``recipient`` is the party receiving money (``to``, else the first idea-based party;
    ``None`` for volunteer hours and in-kind contributions).
    """

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
    recipient: str | None = None
    conditional: bool = False

    def year(self, year: int) -> YearAmount | None:
        for row in self.years:
            if row.year == year:
                return row
        return None
