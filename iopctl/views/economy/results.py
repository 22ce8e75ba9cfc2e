"""What ``iopctl economy`` computes, as data: one agreement's years, revisions, volunteer
hours and notes (:class:`AgreementEconomy`) and the rows it is made of.

The amounts inside are :class:`~iopctl.facts.amounts.YearAmount` rows from
:class:`iopctl.facts.Facts`; the classes here only name and sum them. The portfolio of
several agreements is :mod:`iopctl.views.economy.report`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

from iopctl.facts import Facts
from iopctl.facts.amounts import Kind, Unknown, YearAmount
from iopctl.facts.rows import AnyContribution
from iopctl.facts.status import StatusOn
from iopctl.facts.sums import EMPTY, Sum
from iopctl.frozen import frozen
from iopctl.model.dates import PartialDate
from iopctl.money.arithmetic import Revision, Rounding
from iopctl.money.series import IndexValue
from iopctl.problems.diagnostic import Diagnostic

__all__ = [
    "DIVIDE",
    "AgreementEconomy",
    "ContributionYear",
    "EconomyNote",
    "EconomyYear",
    "NoteKind",
    "PartyTotal",
    "RateSource",
    "RecordedHours",
    "RevisionRow",
    "VolunteerValuation",
]

_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)
DIVIDE = Context(prec=40, rounding=ROUND_HALF_UP)
"""Only for the display rate value_per_year / hours_per_year and shares: amounts are
never divided, and a division that does not terminate must be cut somewhere."""


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return DIVIDE.divide(part * _HUNDRED, whole).quantize(_TENTH, ROUND_HALF_UP)


RateSource = Literal["hourly_rate", "value_per_year / hours_per_year", "not stated"]
"""Where a volunteer contribution's hourly rate comes from."""


@frozen
class ContributionYear:
    """One contribution in one year (:class:`~iopctl.facts.amounts.YearAmount`) and whose."""

    party: str
    party_name: str
    public: bool
    kind: Kind
    label: str | None
    indexation: str | None
    row: YearAmount
    paid: Sum | None = None
    """The payments dated in the year, when the contribution has payment dates."""
    contribution: AnyContribution | None = None
    """The contribution as the file states it."""
    recipient: str | None = None
    """The name of the party that receives the money (``None`` for volunteer hours,
    in-kind contributions and money without a recipient)."""

    @property
    def index(self) -> str | None:
        """The index this year's amount depends on: the figure used, or the one missing."""
        if self.row.index is not None:
            return self.row.index.index
        return self.indexation if self.row.amount is None else None

    @property
    def amount(self) -> Decimal | None:
        return self.row.amount

    @property
    def base(self) -> Decimal | None:
        return self.row.base

    @property
    def estimate(self) -> bool:
        return self.row.estimate

    @property
    def index_value(self) -> IndexValue | None:
        return self.row.index

    @property
    def unknown(self) -> Unknown | None:
        return self.row.unknown

    @property
    def index_percent(self) -> Decimal | None:
        return self.row.index.percent if self.row.index is not None else None

    @property
    def index_status(self) -> str | None:
        return self.row.index.status if self.row.index is not None else None


@frozen
class EconomyYear:
    year: int
    contributions: tuple[ContributionYear, ...]

    @property
    def total(self) -> Sum:
        """Every contribution of the year added up honestly (:class:`~iopctl.facts.Sum`)."""
        return Sum.of(c.row for c in self.contributions)

    @property
    def complete(self) -> bool:
        return all(c.amount is not None for c in self.contributions)

    @property
    def estimate(self) -> bool:
        return any(c.estimate for c in self.contributions)


@frozen
class RevisionRow:
    """A year paid on a preliminary index value that was later made definitive."""

    party: str
    party_name: str
    index: str
    revision: Revision

    @property
    def year(self) -> int:
        return self.revision.year


@frozen
class RecordedHours:
    """Volunteer hours reported in follow-ups for one year, valued at the agreed rate."""

    year: int
    hours: Decimal
    value: Decimal | None
    promised_hours: Decimal | None
    promised_value: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.value is None or self.promised_value is None:
            return None
        return self.value - self.promised_value


@frozen
class VolunteerValuation:
    """A volunteer-hours contribution: what was promised and what follow-ups recorded."""

    party: str
    party_name: str
    hours_per_year: Decimal | None
    approximate: bool
    rate: Decimal | None
    rate_source: RateSource
    value_per_year: Decimal | None
    recorded: tuple[RecordedHours, ...]


@frozen
class PartyTotal:
    """A party's contributions over the years shown, and its share of the committed money
    whose amount is known (``None`` when the party's own amount is not known)."""

    party: str
    party_name: str
    total: Sum
    share: Decimal | None


NoteKind = Literal[
    "economy_failed",
    "economy_not_stated",
    "period_failed",
    "no_dates",
    "no_contributions",
    "not_stated",
    "unknown_index",
    "not_after_base",
]


@frozen
class EconomyNote:
    """Why something is not computed. ``party`` (the party's name), ``kind`` and ``index``
    say for whom."""

    note: NoteKind
    party: str = ""
    kind: Kind | None = None
    category: str = ""
    index: str = ""
    first_year: int | None = None
    base_year: int | None = None


@frozen
class AgreementEconomy:
    facts: Facts
    years: tuple[EconomyYear, ...]
    revisions: tuple[RevisionRow, ...]
    volunteers: tuple[VolunteerValuation, ...]
    notes: tuple[EconomyNote, ...]
    problems: tuple[Diagnostic, ...]
    unknown_years: tuple[int, ...] = ()
    """The years shown in which the money is not known at all: the file states no economy
    (:attr:`iopctl.facts.Facts.economy_unknown`), so there are no rows to add up, and a
    total over these years must say so rather than count nothing."""

    @property
    def money_unknown(self) -> bool:
        """The money of the years shown is not known: a year in force without an economy,
        or no economy and no years to lay it out in."""
        return bool(self.unknown_years) or (
            self.facts.economy_unknown and not self.facts.term.years
        )

    @property
    def agreement_id(self) -> str:
        return self.facts.id

    @property
    def title(self) -> str:
        return self.facts.agreement.title or ""

    @property
    def file(self) -> str:
        return self.facts.file

    @property
    def status(self) -> StatusOn:
        """The status derived on ``as_of`` (:mod:`iopctl.facts.status`)."""
        return self.facts.status.status

    @property
    def body(self) -> str | None:
        return self.facts.body

    @property
    def start(self) -> dt.date | None:
        return self.facts.term.start

    @property
    def end(self) -> dt.date | None:
        """The last day in force (extensions taken and notice given included)."""
        return self.facts.term.last_day

    @property
    def extensions(self) -> tuple[dt.date | PartialDate, ...]:
        return tuple(e.new_end_when for e in self.facts.term.extensions)

    @property
    def rounding(self) -> Rounding:
        return self.facts.rounding

    @property
    def rounding_from_agreement(self) -> bool:
        return self.facts.rounding_stated

    @property
    def counted(self) -> bool:
        """Drafts (and agreements decided but not signed) are shown but not counted in
        portfolio totals: nothing is committed until every party has signed."""
        return self.status not in ("draft", "decided", "decided_conditionally")

    @property
    def index_values(self) -> tuple[IndexValue, ...]:
        """Every index figure used, once each, sorted (for the sources list)."""
        seen: dict[tuple[str, int, str], IndexValue] = {}
        for year in self.years:
            for c in year.contributions:
                if c.index_value is not None:
                    v = c.index_value
                    seen.setdefault((v.index, v.year, v.status), v)
        for r in self.revisions:
            for v in (r.revision.preliminary, r.revision.definitive):
                seen.setdefault((v.index, v.year, v.status), v)
        return tuple(seen[k] for k in sorted(seen))

    @property
    def estimate(self) -> bool:
        return any(y.estimate for y in self.years)

    def party_totals(self) -> tuple[PartyTotal, ...]:
        """Each party's total over the years shown, with its share of the known money."""
        order: dict[str, str] = {}
        totals: dict[str, Sum] = {}
        for year in self.years:
            for c in year.contributions:
                order.setdefault(c.party, c.party_name)
                totals[c.party] = totals.get(c.party, EMPTY) + Sum.one(c.row)
        grand = self.grand_total().amount or Decimal(0)
        result = []
        for p, name in order.items():
            own = totals[p].amount
            result.append(PartyTotal(p, name, totals[p], _share(own, grand) if own else None))
        return tuple(result)

    def grand_total(self) -> Sum:
        """Every contribution of every year shown."""
        total = EMPTY
        for year in self.years:
            total = total + year.total
        return total
