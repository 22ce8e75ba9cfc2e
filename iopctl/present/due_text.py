"""The words of ``iopctl due`` in text: the heading, the columns, the statuses, the count,
and the record of ``due --history``; Swedish by default, English on request.

The statuses stay codes (``overdue`` …) in JSON and CSV: a script reads those, a person
reads these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from iopctl.model.types import Duration
from iopctl.present.calendar_words import day_reason, length, long_date
from iopctl.present.lang import N_, _, ngettext

if TYPE_CHECKING:
    from iopctl.views.due import DueItem

__all__ = [
    "DUE_COLUMNS",
    "HISTORY_COLUMNS",
    "STATUS_WORDS",
    "date_cell",
    "due_heading",
    "due_summary",
    "history_heading",
    "no_deadlines",
    "nothing_was_due",
    "status_word",
]

DUE_COLUMNS: Final = (
    N_("status"),
    N_("agreement"),
    N_("event"),
    N_("date"),
    N_("act by"),
    N_("days"),
    N_("clause"),
)
"""Message ids of the table's columns; :func:`columns` gives them in the language."""

HISTORY_COLUMNS: Final = (
    N_("agreement"),
    N_("year"),
    N_("what"),
    N_("due date"),
    N_("done on"),
    N_("how"),
)

STATUS_WORDS: Final = {
    "overdue": (N_("overdue"), N_("{n} overdue")),
    "due": (N_("due"), N_("{n} due")),
    "upcoming": (N_("upcoming"), N_("{n} upcoming")),
    "done": (N_("done"), N_("{n} done")),
    "withdrawn": (N_("withdrawn"), N_("{n} withdrawn")),
}
"""Per status: the word in a row, and the count in the summary (one, several)."""


def columns(ids: Sequence[str]) -> list[str]:
    return [_(name) for name in ids]


def status_word(status: str) -> str:
    return _(STATUS_WORDS[status][0]) if status in STATUS_WORDS else status


def date_cell(day: dt.date, reason: str | None) -> str:
    """``2020-12-31 (nyårsafton)``: the contractual date and why it is not a business day."""
    return day.isoformat() + (f" ({day_reason(reason)})" if reason else "")


def due_heading(as_of: dt.date, window_end: dt.date, within: Duration | str) -> str:
    shown = length(within) if isinstance(within, Duration) else within
    return _("Deadlines as of {day} (due = act by {end}, within {length})").format(
        day=long_date(as_of), end=long_date(window_end), length=shown
    )


def due_summary(items: Sequence[DueItem]) -> str:
    """``1 försenad, 2 aktuella, 0 kommande``: the first three always, the others if any."""
    from iopctl.views.due import STATUSES

    counts = {status: sum(1 for i in items if i.status == status) for status in STATUSES}
    parts = []
    for status, n in counts.items():
        if n or status in STATUSES[:3]:
            count = STATUS_WORDS[status][1]
            parts.append(ngettext(count, count, n).format(n=n))
    return ", ".join(parts)


def no_deadlines() -> str:
    return _("No deadlines.")


def history_heading(as_of: dt.date) -> str:
    return _("What was due up to {day}").format(day=long_date(as_of))


def nothing_was_due() -> str:
    return _("Nothing was due.")
