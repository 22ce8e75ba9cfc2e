"""What the history and dates known in part do to a contribution's money.

:mod:`iopctl.facts.amounts` derives amounts for a term known to the day. This module
prepares that term and contribution for one contribution, and marks afterwards what the
dates cannot tell (``docs/history.md``, "Money that follows the history"):

* **A party that joined or left** contributes from the day it joined to the day it left.
* **An amendment that changes a yearly amount** (``contribution`` and ``amount_per_year``)
  is a change from its ``effective`` day (or its date), like ``changes`` in the file.
* **A condition met** (``condition_met`` naming the contribution) makes conditional money
  ordinary money from the day it is known.
* **Dates known in part** — a start, end, joining or amendment known only as a month, half
  year or year: the amounts are derived for the widest term the dates allow, and a year
  that such a window touches is *unknown* (``part_unknown``) unless the contribution
  counts every year in force in full (``part_years: full``) and the year is surely in
  force. Nothing is prorated over a part of a year that is not known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from iopctl.facts.history import Timeline, known_on
from iopctl.facts.rows import AnyContribution, YearAmount
from iopctl.facts.term import Term
from iopctl.frozen import frozen
from iopctl.model.dates import PartialDate, exact, window
from iopctl.model.economy import AmountChange, MoneyContribution
from iopctl.model.history import AmendmentEntry, ConditionMet, PartyJoined, PartyLeft

__all__ = ["ContributionTerm", "amended", "condition_met", "contribution_term", "mark_unknown"]

Window = tuple[dt.date, dt.date]


@frozen(slots=True)
class ContributionTerm:
    """The term a contribution's amounts are derived for, and the windows it may not know.

    ``term`` is known to the day (the widest the dates allow); ``windows`` are the spans of
    days where a boundary lies that the file knows only in part; ``certain`` the days
    surely in force (``None``: none are).
    """

    term: Term
    windows: tuple[Window, ...]
    certain: Window | None

    def unknown_in(self, year: int) -> bool:
        return any(lo.year <= year <= hi.year for lo, hi in self.windows)

    def surely_in_force_in(self, year: int) -> bool:
        c = self.certain
        return c is not None and c[0].year <= year <= c[1].year


def _partial(span: Window | None) -> bool:
    return span is not None and span[0] != span[1]


def contribution_term(term: Term, timeline: Timeline, party: str) -> ContributionTerm | None:
    """The term for ``party``'s contributions; ``None`` when no year in force is known."""
    first, last = term.first_window, term.last_window
    if first is None or last is None:
        return None
    windows = [w for w in (first, last) if _partial(w)]
    joined = [window(e.date) for e, _ in timeline.of(PartyJoined) if e.party == party]
    left = [window(e.date) for e, _ in timeline.of(PartyLeft) if e.party == party]
    if joined:
        first = max(first, joined[0])
        windows += [w for w in joined[:1] if _partial(w)]
    if left:
        last = min(last, left[0])
        windows += [w for w in left[:1] if _partial(w)]
    if first[0] > last[1]:
        return None
    certain = (first[1], last[0]) if first[1] <= last[0] else None
    start, end = first[0], last[1]
    wanted = (start, end, (start, start), (end, end))
    if (term.start, term.last_day, term.first_window, term.last_window) == wanted:
        exact_term = term  # most terms are exact already: no new object for them
    else:
        exact_term = replace(
            term, start=start, last_day=end, first_window=(start, start), last_window=(end, end)
        )
    return ContributionTerm(exact_term, tuple(windows), certain)


def amended(
    c: MoneyContribution, timeline: Timeline, position: int
) -> tuple[MoneyContribution, tuple[Window, ...]]:
    """``c`` with the amount changes its amendments make (and windows of inexact ones)."""
    changes: list[AmountChange] = []
    windows: list[Window] = []
    for entry, _ in timeline.of(AmendmentEntry):
        if entry.contribution != position + 1 or entry.amount_per_year is None:
            continue
        when = entry.effective if entry.effective is not None else entry.date
        day = exact(when)
        if day is not None:
            changes.append(
                AmountChange(
                    from_date=day,
                    amount_per_year=entry.amount_per_year,
                    amendment=entry.description,
                )
            )
        elif when is not None:
            windows.append(window(when))
            changes.append(
                AmountChange(
                    from_date=_first(when),
                    amount_per_year=entry.amount_per_year,
                    amendment=entry.description,
                )
            )
    if not changes:
        return c, ()
    return c.model_copy(update={"changes": [*c.changes, *changes]}), tuple(windows)


def _first(when: dt.date | PartialDate) -> dt.date:
    return window(when)[0]


def condition_met(timeline: Timeline, position: int, as_of: dt.date | None) -> bool:
    """Whether a ``condition_met`` entry for contribution ``position`` is known on ``as_of``."""
    return any(
        e.contribution == position + 1 and (as_of is None or known_on(e.date, as_of))
        for e, _ in timeline.of(ConditionMet)
    )


def mark_unknown(
    rows: tuple[YearAmount, ...],
    span: ContributionTerm,
    windows: tuple[Window, ...],
    contribution: AnyContribution,
) -> tuple[YearAmount, ...]:
    """Rows in a year the dates do not determine become unknown (``part_unknown``)."""
    if not windows and not span.windows:
        return rows  # every date known to the day: no year is unknown (the common case)
    full = contribution.part_years == "full"
    marked = []
    for row in rows:
        amended_in = any(lo.year <= row.year <= hi.year for lo, hi in windows)
        boundary = span.unknown_in(row.year) and not (full and span.surely_in_force_in(row.year))
        if (amended_in or boundary) and row.source not in ("named", "one_off"):
            row = replace(row, amount=None, latest=None, portion=None, unknown="part_unknown")
        marked.append(row)
    return tuple(marked)
