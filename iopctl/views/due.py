"""``iopctl due`` as plain functions: events against a date and a window.

* :func:`collect` gathers the events of every agreement's :class:`~iopctl.facts.Facts`.
* :func:`classify` gives each event a status and applies the listing horizon:

  - ``overdue``: an *actionable* event (see :class:`iopctl.facts.events.Event`) whose act-by
    date has passed, listed while the agreement is still in force on ``as_of``;
  - ``due``: act-by date on or before ``last_due`` (``as_of + --within``), not overdue;
  - ``upcoming``: later, up to the agreement's last day in force.

  Other events whose contractual date has passed (a notice deadline, a payment, an
  expiry) are history, not reminders, and are not listed.
* :func:`select` filters by kind and agreement id (JSON and CSV: :mod:`iopctl.present.due`).
* :func:`due_listing` is the whole command: read the files, list, and pick the errors
  to report.

The options that choose the date, window and kinds are parsed in
:mod:`iopctl.cli.parsing`. See ``docs/deadlines.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from typing import Final, Literal

from iopctl.checks.validate import Validation, validate_each
from iopctl.facts import Facts, facts_of
from iopctl.facts.compliance import Obligation, obligations
from iopctl.facts.events import Event, Kind
from iopctl.facts.term import DELIVERY_DAYS, Term
from iopctl.frozen import frozen
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import Diagnostic
from iopctl.views.spill import SortedRows

__all__ = [
    "STATUSES",
    "DueItem",
    "DueListing",
    "HistoryListing",
    "Shape",
    "Status",
    "classify",
    "collect",
    "deadlines_of",
    "due_listing",
    "history_listing",
    "over_before",
    "select",
]

Status = Literal["overdue", "due", "upcoming", "done", "withdrawn"]
STATUSES: Final[tuple[Status, ...]] = ("overdue", "due", "upcoming", "done", "withdrawn")
CALENDAR_MEMORY: Final = dt.timedelta(days=365)
"""How far back ``due --format ics`` reports settled and withdrawn events, so that a
calendar that imported an earlier file updates its reminders (RFC 5545 SEQUENCE/STATUS)."""
_STATUS_RANK: Final = {status: i for i, status in enumerate(STATUSES)}


@frozen(slots=True)
class DueItem:
    """An event with its status on ``as_of``."""

    event: Event
    status: Status
    days_left: int

    def sort_key(self) -> SortKey:
        return (_STATUS_RANK[self.status], self.event.sort_key())


# --- events ---------------------------------------------------------------------------------


def collect(facts: Iterable[Facts | None]) -> list[Event]:
    """The events of every agreement (``None``: a file nothing could be read from)."""
    return [event for f in facts if f is not None for event in f.events]


def classify(
    events: Iterable[Event],
    *,
    as_of: dt.date,
    last_due: dt.date,
    settled_since: dt.date | None = None,
) -> list[DueItem]:
    """Statuses on ``as_of``; act-by dates up to ``last_due`` are "due"; horizon applied.

    An event the history settles is never overdue: it is left out, or, when
    ``settled_since`` is given, listed as "done" if its date falls from that day to
    ``last_due`` (``due --settled``).
    """
    items: list[DueItem] = []
    for event in events:
        days_left = (event.act_by - as_of).days
        if event.settled is not None:
            if settled_since is not None and settled_since <= event.date <= last_due:
                items.append(DueItem(event, "done", days_left))
            continue
        if event.act_by < as_of and event.actionable:
            if event.until is not None and as_of > event.until:
                continue  # the agreement is over: past items are history
            status: Status = "overdue"
        elif event.date < as_of:
            continue  # a date that has simply passed
        elif event.act_by <= last_due:
            status = "due"
        else:
            status = "upcoming"
        items.append(DueItem(event, status, days_left))
    items.sort(key=DueItem.sort_key)
    return items


def deadlines_of(
    facts: Facts,
    *,
    as_of: dt.date,
    last_due: dt.date,
    settled_since: dt.date | None = None,
) -> list[DueItem]:
    """:func:`classify` of ``facts.events``, without deriving the events of an agreement
    that surely ended before ``as_of`` (see :func:`over_before`): it lists none."""
    if settled_since is None and over_before(facts.term, as_of):
        return []
    return classify(facts.events, as_of=as_of, last_due=last_due, settled_since=settled_since)


def over_before(term: Term, as_of: dt.date) -> bool:
    """Whether no event of an agreement with ``term`` can be listed on ``as_of`` (unless
    settled events are asked for): its last day in force is surely before ``as_of``.

    :func:`iopctl.facts.deadlines.derive` dates no event after the last day the agreement
    can be in force (``term.last_window``), so every event is dated before ``as_of`` and
    is history, unless it is overdue; and an overdue event is listed only while the
    agreement is in force (its ``until``, ``term.latest_last_day``). Most agreements of a
    register that keeps its past ones have ended: ``due`` and ``list`` skip their
    deadlines (issue #17; ``tests/test_deadlines.py`` holds this to :func:`classify`).
    """
    last, until = term.last_window, term.latest_last_day
    return last is not None and last[1] < as_of and until is not None and until < as_of


def withdrawn(facts: Iterable[Facts | None], *, as_of: dt.date) -> list[DueItem]:
    """Events a calendar may still hold that are no longer deadlines: derived as known
    :data:`CALENDAR_MEMORY` ago, dated since then, and not derived today (a follow-up that
    was held, the old end of an extended agreement …)."""
    then = as_of - CALENDAR_MEMORY
    found: list[DueItem] = []
    for f in facts:
        if f is None:
            continue
        now = {e.uid for e in f.events}
        past = Facts(
            f.agreement,
            file=f.file,
            as_of=then,
            reference=f.reference,
            failed=f.failed,
            delivery_days=f.delivery_days,
            record=f.record,
        )
        for event in past.events:
            if event.uid not in now and event.date >= then:
                found.append(DueItem(event, "withdrawn", (event.act_by - as_of).days))
    return found


def select(
    items: Iterable[DueItem],
    *,
    kinds: frozenset[Kind] = frozenset(),
    agreements: frozenset[str] = frozenset(),
) -> list[DueItem]:
    """Only the given kinds / agreement ids (all when empty)."""
    return [
        item
        for item in items
        if (not kinds or item.event.kind in kinds)
        and (not agreements or item.event.agreement in agreements)
    ]


# --- the command -----------------------------------------------------------------------------


Shape = Callable[[DueItem], tuple[str, ...]]
"""A deadline as the cells of its row (``iopctl.present.terminal.due_row``): the text
table passes it down, so each file's deadlines become rows as it is read."""
Row = tuple[Status, tuple[str, ...]]
SortKey = tuple[int, tuple[dt.date, dt.date, str, int, str]]


@frozen(slots=True)
class DueListing:
    """What ``iopctl due`` shows: the deadlines, and the errors of the files behind them.

    With a ``shape`` (the text table), the deadlines are ``rows`` (status and cells,
    sorted, kept on disk beyond a few thousand: :mod:`iopctl.views.spill`) and
    ``items`` is empty; ``counts`` has the number of each status either way.
    """

    items: list[DueItem]
    ids: frozenset[str]
    """Every agreement id read, to tell an unknown ``agreements`` id from a quiet one."""
    errors: list[Diagnostic]
    validation: Validation
    counts: dict[str, int] = field(default_factory=dict)
    rows: SortedRows[Row] | None = None


_NONE: list[DueItem] = []  # never added to: what stays of a file whose rows went


@frozen(slots=True)
class _DueOfFile:
    """What ``due`` keeps of one file: its id, its listed deadlines, no model."""

    id: str | None
    items: list[DueItem]
    withdrawn: list[DueItem]
    selected: bool
    rows: list[tuple[SortKey, Row]] = field(default_factory=list)
    """With a shape: each deadline's sort key and row, until added to the sorted rows."""


@frozen(slots=True)
class _DueStep:
    as_of: dt.date
    last_due: dt.date
    kinds: frozenset[Kind]
    agreements: frozenset[str]
    settled_since: dt.date | None
    calendar: bool
    delivery_days: int
    shape: Shape | None = None

    def __call__(self, item: Loaded, reference: ReferenceData) -> _DueOfFile:
        facts = facts_of(
            item, as_of=self.as_of, reference=reference, delivery_days=self.delivery_days
        )
        agreement_id = item.agreement.id if item.agreement is not None else None
        selected = not self.agreements or agreement_id in self.agreements
        if facts is None:
            return _DueOfFile(None, [], [], selected)
        since = self.as_of - CALENDAR_MEMORY if self.calendar else self.settled_since
        found = deadlines_of(facts, as_of=self.as_of, last_due=self.last_due, settled_since=since)
        gone = withdrawn([facts], as_of=self.as_of) if self.calendar else []
        kinds, agreements = self.kinds, self.agreements
        listed = select(found, kinds=kinds, agreements=agreements)
        gone = select(gone, kinds=kinds, agreements=agreements)
        if self.shape is None:
            return _DueOfFile(agreement_id, listed, gone, selected)
        rows = [(i.sort_key(), (i.status, self.shape(i))) for i in listed]  # no calendar
        return _DueOfFile(agreement_id, [], [], selected, rows)


def due_listing(
    paths: Sequence[str],
    *,
    as_of: dt.date,
    last_due: dt.date,
    kinds: frozenset[Kind] = frozenset(),
    agreements: frozenset[str] = frozenset(),
    index_files: Sequence[str] = (),
    settled_since: dt.date | None = None,
    calendar: bool = False,
    jobs: int = 1,
    delivery_days: int = DELIVERY_DAYS,
    shape: Shape | None = None,
) -> DueListing:
    """The deadlines of every agreement under ``paths`` on ``as_of`` (see :func:`classify`).

    The errors are those of the files listed (every file when ``agreements`` is empty)
    and of files that are not agreements at all; warnings are for ``iopctl validate``.
    A file with errors still lists the deadlines that can be computed. Each file is
    classified as it is read (the same order and statuses as classifying them all).
    ``shape`` (not with ``calendar``): keep each deadline only as its row, sorted
    (:class:`DueListing`), so memory stays flat however many are listed.
    """
    step = _DueStep(
        as_of, last_due, kinds, agreements, settled_since, calendar, delivery_days, shape
    )
    rows: SortedRows[Row] = SortedRows()
    counts: dict[str, int] = {}

    def add(found: _DueOfFile) -> _DueOfFile:  # in file order, as each file comes back
        for key, row in found.rows:
            rows.add(key, row)
            counts[row[0]] = counts.get(row[0], 0) + 1
        if shape is None:
            return found
        # What stays of the file: its id and whether it was asked for (shared empties).
        return _DueOfFile(found.id, _NONE, _NONE, found.selected)

    result, kept = validate_each(paths, step, index_files=index_files, jobs=jobs, fold=add)
    per_file = [k for k in kept if k is not None]
    ids = {k.id for k in per_file if k.id is not None}
    items = [item for k in per_file for item in k.items]
    items.sort(key=DueItem.sort_key)
    items += [item for k in per_file for item in k.withdrawn]
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    selected_files = {file for file, k in zip(result.files, kept, strict=True) if k and k.selected}
    agreement_files = set(result.files)
    errors = [
        d
        for d in result.diagnostics
        if d.is_error and (d.file in selected_files or d.file not in agreement_files)
    ]
    return DueListing(
        items, frozenset(ids), errors, result, counts, rows if shape is not None else None
    )


# --- the record of what was due (``due --history``) ---------------------------------------


@frozen(slots=True)
class HistoryListing:
    """What ``iopctl due --history`` shows: every obligation due by ``as_of``, and how it
    was met, per agreement; and the errors of the files behind them."""

    obligations: list[Obligation]
    ids: frozenset[str]
    errors: list[Diagnostic]
    validation: Validation


def history_listing(
    paths: Sequence[str],
    *,
    as_of: dt.date,
    agreements: frozenset[str] = frozenset(),
    index_files: Sequence[str] = (),
    jobs: int = 1,
) -> HistoryListing:
    """The follow-up record (:mod:`iopctl.facts.compliance`) of every agreement."""
    result, kept = validate_each(
        paths, _HistoryStep(as_of, agreements), index_files=index_files, jobs=jobs
    )
    known = [k for k in kept if k is not None]
    ids = frozenset(agreement_id for agreement_id, _ in known if agreement_id is not None)
    found = [o for _, found in known for o in found]
    errors = [d for d in result.diagnostics if d.is_error]
    return HistoryListing(found, ids, errors, result)


@frozen(slots=True)
class _HistoryStep:
    """What ``due --history`` keeps of one file: its id and its obligations."""

    as_of: dt.date
    agreements: frozenset[str]

    def __call__(
        self, item: Loaded, reference: ReferenceData
    ) -> tuple[str | None, list[Obligation]] | None:
        facts = facts_of(item, as_of=self.as_of, reference=reference)
        if facts is None:
            return None
        agreement_id = facts.agreement.id
        wanted = not self.agreements or agreement_id in self.agreements
        return agreement_id, obligations(facts) if wanted else []
