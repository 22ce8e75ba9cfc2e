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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from iopctl.checks.validate import Validation, validate_paths
from iopctl.facts import Facts, facts_of
from iopctl.facts.compliance import Obligation, obligations
from iopctl.facts.events import Event, Kind
from iopctl.facts.term import DELIVERY_DAYS
from iopctl.problems.diagnostic import Diagnostic

__all__ = [
    "STATUSES",
    "DueItem",
    "DueListing",
    "HistoryListing",
    "Status",
    "classify",
    "collect",
    "due_listing",
    "history_listing",
    "select",
]

Status = Literal["overdue", "due", "upcoming", "done", "withdrawn"]
STATUSES: Final[tuple[Status, ...]] = ("overdue", "due", "upcoming", "done", "withdrawn")
CALENDAR_MEMORY: Final = dt.timedelta(days=365)
"""How far back ``due --format ics`` reports settled and withdrawn events, so that a
calendar that imported an earlier file updates its reminders (RFC 5545 SEQUENCE/STATUS)."""
_STATUS_RANK: Final = {status: i for i, status in enumerate(STATUSES)}


@dataclass(frozen=True, slots=True)
class DueItem:
    """An event with its status on ``as_of``."""

    event: Event
    status: Status
    days_left: int

    def sort_key(self) -> tuple[int, tuple[dt.date, dt.date, str, int, str]]:
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


@dataclass(frozen=True, slots=True)
class DueListing:
    """What ``iopctl due`` shows: the deadlines, and the errors of the files behind them."""

    items: list[DueItem]
    ids: frozenset[str]
    """Every agreement id read, to tell an unknown ``agreements`` id from a quiet one."""
    errors: list[Diagnostic]
    validation: Validation


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
    delivery_days: int = DELIVERY_DAYS,
) -> DueListing:
    """The deadlines of every agreement under ``paths`` on ``as_of`` (see :func:`classify`).

    The errors are those of the files listed (every file when ``agreements`` is empty)
    and of files that are not agreements at all; warnings are for ``iopctl validate``.
    A file with errors still lists the deadlines that can be computed.
    """
    result = validate_paths(paths, index_files=index_files)
    facts = [
        facts_of(item, as_of=as_of, reference=result.reference, delivery_days=delivery_days)
        for item in result.loaded
    ]
    ids = {f.agreement.id for f in facts if f is not None and f.agreement.id is not None}
    since = as_of - CALENDAR_MEMORY if calendar else settled_since
    classified = classify(collect(facts), as_of=as_of, last_due=last_due, settled_since=since)
    if calendar:
        classified += withdrawn(facts, as_of=as_of)
    items = select(classified, kinds=kinds, agreements=agreements)
    selected_files = {
        item.file
        for item in result.loaded
        if not agreements or (item.agreement is not None and item.agreement.id in agreements)
    }
    agreement_files = set(result.files)
    errors = [
        d
        for d in result.diagnostics
        if d.is_error and (d.file in selected_files or d.file not in agreement_files)
    ]
    return DueListing(items, frozenset(ids), errors, result)


# --- the record of what was due (``due --history``) ---------------------------------------


@dataclass(frozen=True, slots=True)
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
) -> HistoryListing:
    """The follow-up record (:mod:`iopctl.facts.compliance`) of every agreement."""
    result = validate_paths(paths, index_files=index_files)
    facts = [facts_of(item, as_of=as_of, reference=result.reference) for item in result.loaded]
    known = [f for f in facts if f is not None]
    ids = frozenset(f.agreement.id for f in known if f.agreement.id is not None)
    found = [
        o for f in known if not agreements or f.agreement.id in agreements for o in obligations(f)
    ]
    errors = [d for d in result.diagnostics if d.is_error]
    return HistoryListing(found, ids, errors, result)
