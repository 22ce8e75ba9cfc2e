"""Derived facts: everything computed from an agreement rather than read from it.

:class:`Facts` is the one place where the term (end, last day in force), the rounding
rule, the base year and yearly amount of every contribution, the payments and the
deadlines of an agreement are derived. ``due``, ``economy``, ``list``, ``show``,
``render`` and the checks all read them from here, each fact computed once per
agreement (:class:`~iopctl.facts.once.once`, a ``cached_property`` without a lock), so
no two commands can give two answers.

The rules are written down once, in the modules that apply them: :mod:`.term`,
:mod:`.amounts`, :mod:`.payments` and :mod:`.deadlines` (and in ``docs/money.md`` and
``docs/deadlines.md``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, overload

from iopctl.facts.amounts import ContributionFacts, rounding_of
from iopctl.facts.contributions import contribution_facts, known_in_part
from iopctl.facts.history import Timeline, timeline_of
from iopctl.facts.once import once
from iopctl.facts.rows import YearAmount
from iopctl.facts.status import Derived, StatusOn
from iopctl.facts.sums import UNKNOWN, Sum
from iopctl.facts.term import DELIVERY_DAYS, Term, term_of
from iopctl.model.agreement import PartialAgreement
from iopctl.money.arithmetic import Rounding

if TYPE_CHECKING:
    from iopctl.facts.events import Event
    from iopctl.facts.payments import PaymentFact
    from iopctl.model.load import Loaded
    from iopctl.money.reference import ReferenceData

__all__ = ["Facts", "StatusOn", "Sum", "facts_of"]


class Facts:
    """The derived facts of one agreement as known on ``as_of``.

    ``as_of`` decides which index figures and records are known. ``assume`` is a percent
    for index years without a published figure (marked as estimates). ``failed`` names
    the top-level fields that did not validate (they are absent from ``agreement``).
    """

    def __init__(
        self,
        agreement: PartialAgreement,
        *,
        file: str,
        as_of: dt.date,
        reference: ReferenceData | None = None,
        assume: Decimal | None = None,
        failed: frozenset[str] = frozenset(),
        term: Term | None = None,
        delivery_days: int = DELIVERY_DAYS,
        record: Timeline | None = None,
    ) -> None:
        self.agreement = agreement
        self.file = file
        self.as_of = as_of
        self.reference = reference
        self.assume = assume
        self.failed = failed
        self.delivery_days = delivery_days
        if term is not None:
            self.term = term
        if record is not None:  # read from the same agreement for another day
            self.record = record

    @once
    def id(self) -> str:
        """The agreement's id, or the file name without suffix when the id is unknown."""
        return self.agreement.id or PurePath(self.file).stem

    @once
    def record(self) -> Timeline:
        """Everything the file records, whatever ``as_of`` (who the parties are and when
        they joined or left is a fact of the file, not of what was known on a day)."""
        return timeline_of(self.agreement)

    @once
    def timeline(self) -> Timeline:
        """The history known on ``as_of``, legacy fields read as the entries they stand for."""
        return self.record.known(self.as_of)

    @once
    def term(self) -> Term:
        return term_of(self.agreement, self.timeline)

    @once
    def recorded_term(self) -> Term:
        """The term with everything the file records, whatever ``as_of`` (a notice dated
        next year still counts): what the checks of the file's own consistency measure
        against. It is :attr:`term` itself when every entry is known on ``as_of``."""
        if self.timeline is self.record:
            return self.term
        return term_of(self.agreement, self.record)

    @once
    def _rounding(self) -> tuple[Rounding, bool]:
        return rounding_of(self.agreement.economy)

    @property
    def rounding(self) -> Rounding:
        """The rounding rule for every amount of this agreement."""
        return self._rounding[0]

    @property
    def rounding_stated(self) -> bool:
        """Whether the agreement states its rounding (else the default is used)."""
        return self._rounding[1]

    @once
    def contributions(self) -> tuple[ContributionFacts, ...]:
        """Every contribution with its amount in each calendar year in force."""
        series = self.reference.series if self.reference is not None else {}
        return contribution_facts(
            self.agreement,
            self.term,
            series=series,
            rounding=self.rounding,
            as_of=self.as_of,
            assume=self.assume,
            timeline=self.timeline,
            membership=self.record,
        )

    @once
    def known_in_part(self) -> bool:
        """Whether a date the money depends on is known only in part (a year's amount may
        then be unknown: :func:`~iopctl.facts.contributions.known_in_part`)."""
        return known_in_part(
            self.agreement, self.term, timeline=self.timeline, membership=self.record
        )

    @once
    def payments(self) -> list[PaymentFact]:
        from iopctl.facts.payments import payments_of

        return payments_of(self.contributions, self.term)

    @once
    def events(self) -> list[Event]:
        from iopctl.facts.deadlines import derive

        return derive(self)

    @overload
    def name_of(self, party: str) -> str: ...
    @overload
    def name_of(self, party: str | None) -> str | None: ...
    def name_of(self, party: str | None) -> str | None:
        """A party's name when ``party`` is one's id, else the text as the file writes it
        (who gives a report, convenes a follow-up or gave notice): what every command and
        the site show, rather than the id (``aldrenamnden``)."""
        if not party:
            return party
        found = self.agreement.party(party)
        return found.name if found is not None else party

    @once
    def body(self) -> str | None:
        """The deciding body: ``decision.body``, else the first public party's name."""
        decision = self.agreement.decision
        if decision is not None and decision.body:
            return decision.body
        return next((p.name for p in self.agreement.parties if p.sector == "public"), None)

    @property
    def economy_unknown(self) -> bool:
        """The file states no economy, or its economy did not validate: the money is not
        known, which is not the same as no money. Every year in force then has an unknown
        amount, in every command (never 0, never left out of a total)."""
        return self.agreement.economy is None

    @property
    def unknown_money_years(self) -> range:
        """The years whose money is not known at all: every year in force when the economy
        is not known (:attr:`economy_unknown`), else none. ``list`` and ``economy`` read it."""
        return self.term.years if self.economy_unknown else range(0)

    def money_in(self, year: int) -> Sum | None:
        """Public parties' money in ``year``; ``None`` when they contribute no money that
        year; one unknown amount in a year in force when the economy is not known."""
        if self.economy_unknown:
            return UNKNOWN if year in self.unknown_money_years else None
        rows = [
            row
            for c in self.contributions
            if c.kind == "money" and c.public
            for row in c.years
            if row.year == year
        ]
        return Sum.of(rows) if rows else None

    @once
    def _paid(self) -> dict[int, dict[int, list[YearAmount]]]:
        """Each contribution's payments by position, then by year, as rows to add up."""
        found: dict[int, dict[int, list[YearAmount]]] = {}
        for p in self.payments:
            year = p.date.year
            row = YearAmount(year, p.amount, conditional=p.year_amount.conditional)
            found.setdefault(p.position, {}).setdefault(year, []).append(row)
        return found

    def paid_in(self, position: int, year: int) -> Sum | None:
        """The payments of one contribution dated in ``year`` (``None``: it has no dates)."""
        mine = self._paid.get(position)
        if mine is None:
            return None
        rows = mine.get(year)
        return Sum.of(rows) if rows else Sum(amount=Decimal(0))

    def status_on(self, day: dt.date) -> StatusOn:
        """The derived status on ``day`` (:mod:`iopctl.facts.status`)."""
        return self.derived_status(day).status

    def derived_status(self, day: dt.date) -> Derived:
        """The derived status on ``day`` and what it rests on."""
        from iopctl.facts.status import status_on

        return status_on(self, day)

    @once
    def status(self) -> Derived:
        """The derived status on ``as_of``."""
        return self.derived_status(self.as_of)

    def report_dates(self, position: int) -> list[dt.date]:
        """The days report ``position`` falls due, one a year, while the agreement runs."""
        terms = self.agreement.follow_up
        start, end = self.term.start, self.term.end
        if terms is None or start is None or end is None or position >= len(terms.reports):
            return []
        from iopctl.facts.schedule import month_day

        report = terms.reports[position]
        days = (
            month_day(y, report.due_month, report.due_day) for y in range(start.year, end.year + 1)
        )
        return [day for day in days if start <= day <= end]

    def report_years(self, position: int) -> list[int]:
        return [day.year for day in self.report_dates(position)]

    def extended(self, new_end: dt.date) -> Facts:
        """The same agreement with its end moved to ``new_end`` (an extension memo)."""
        term = replace(
            self.term,
            end=new_end,
            end_when=new_end,
            last_day=new_end,
            last_window=(new_end, new_end),
        )
        return Facts(
            self.agreement,
            file=self.file,
            as_of=self.as_of,
            reference=self.reference,
            assume=self.assume,
            failed=self.failed,
            term=term,
            delivery_days=self.delivery_days,
            record=self.record,
        )


def facts_of(
    loaded: Loaded,
    *,
    as_of: dt.date,
    reference: ReferenceData | None,
    assume: Decimal | None = None,
    delivery_days: int = DELIVERY_DAYS,
) -> Facts | None:
    """The facts of one loaded file; ``None`` when nothing of it could be read.

    Derived once per file for one day, index data and assumptions: the checks ask first
    (:attr:`iopctl.checks.context.Context.facts`), and a command that reads the file on
    the same day gets the very same object (:attr:`~iopctl.model.load.Loaded.derived`)
    rather than deriving them a second time (issue #17). Another day or ``assume``
    derives anew, but takes over what does not depend on the day: the record, and the
    term when the same entries are known on both days.
    """
    agreement = loaded.agreement
    if agreement is None:
        return None
    made = loaded.derived
    earlier = made if isinstance(made, Facts) and made.agreement is agreement else None
    if (
        earlier is not None
        and earlier.as_of == as_of
        and earlier.reference is reference
        and earlier.assume == assume
        and earlier.delivery_days == delivery_days
    ):
        return earlier
    facts = Facts(
        agreement,
        file=loaded.file,
        as_of=as_of,
        reference=reference,
        assume=assume,
        failed=loaded.failed,
        delivery_days=delivery_days,
        record=earlier.record if earlier is not None else None,  # the same, whatever the day
    )
    if earlier is not None and facts.timeline is earlier.timeline:  # all known on both days
        facts.term = earlier.term
    loaded.derived = facts
    return facts
