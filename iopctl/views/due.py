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

The options that choose the date, window and kinds are parsed in
:mod:`iopctl.cli.parsing`. See ``docs/deadlines.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from iopctl.facts import Facts
from iopctl.facts.events import Event, Kind

__all__ = [
    "STATUSES",
    "DueItem",
    "Status",
    "classify",
    "collect",
    "select",
]

Status = Literal["overdue", "due", "upcoming"]
STATUSES: Final[tuple[Status, ...]] = ("overdue", "due", "upcoming")
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


def classify(events: Iterable[Event], *, as_of: dt.date, last_due: dt.date) -> list[DueItem]:
    """Statuses on ``as_of``; act-by dates up to ``last_due`` are "due"; horizon applied."""
    items: list[DueItem] = []
    for event in events:
        days_left = (event.act_by - as_of).days
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
