"""Compact, model-free values that ``list`` and ``economy`` keep of each agreement.

Over many files a command keeps, per agreement, only what its output shows (issue #17:
memory flat in the number of agreements). A :class:`~iopctl.facts.Facts` holds the
model and every derived fact (about 55 KB); the values here hold a few dates, strings
and small integers (slotted, no model, no facts), so 100 000 of them fit in a few tens
of megabytes. They are picklable, for ``--jobs``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from iopctl.facts.events import Event, Kind
from iopctl.facts.term import Term, When, Window
from iopctl.frozen import frozen
from iopctl.views.due import DueItem, Status

__all__ = ["Describe", "NextDeadline", "Period", "intern"]

Describe = Callable[[Event], str]
"""An event's title in words (``iopctl.present.events.full_title``): the command that
shows it passes it down, so the title is made as the file is read and the event dropped."""


def intern(text: str) -> str:
    """One copy of a string that repeats across agreements (party names, statuses,
    deciding bodies): the kept rows share it instead of holding one each."""
    return sys.intern(text)


@frozen(slots=True)
class Period:
    """The dates of an agreement's term that ``list`` and ``economy`` show
    (:class:`~iopctl.facts.term.Term`): the start and the last day in force, as known."""

    start: dt.date | None
    start_when: When | None
    end_when: When | None
    last_day: dt.date | None
    last_window: Window | None

    @classmethod
    def of(cls, term: Term) -> Period:
        return cls(term.start, term.start_when, term.end_when, term.last_day, term.last_window)


@frozen(slots=True)
class NextDeadline:
    """The first deadline of an agreement as ``list`` shows it (a
    :class:`~iopctl.views.due.DueItem` without its event): ``title`` is the event's title in
    words when the command asked for it (``describe``), else ``None``."""

    kind: Kind
    date: dt.date
    act_by: dt.date
    status: Status
    days_left: int
    title: str | None = None

    @classmethod
    def of(cls, item: DueItem, describe: Describe | None = None) -> NextDeadline:
        event = item.event
        title = describe(event) if describe is not None else None
        return cls(event.kind, event.date, event.act_by, item.status, item.days_left, title)
