"""The words of ``iopctl due`` in text: the heading, the columns, the statuses, the count,
and the record of ``due --history``; Swedish by default, English on request.

The statuses stay codes (``overdue`` …) in JSON and CSV: a script reads those, a person
reads these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from iopctl.i18n import N_, _, ngettext
from iopctl.model.types import Duration
from iopctl.present.calendar_words import day_reason, length, long_date

if TYPE_CHECKING:
    pass

__all__ = [
    "DUE_COLUMNS",
    "HISTORY_COLUMNS",
    "STATUS_WORDS",
    "date_and_act_by",
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
    "overdue": N_("overdue"),
    "due": N_("due"),
    "upcoming": N_("upcoming"),
    "done": N_("done"),
    "withdrawn": N_("withdrawn"),
}
"""Per status, the word in a row (the codes stay in JSON and CSV)."""


def _count(status: str, n: int) -> str:
    """``2 aktuella``: the count of a status in the summary (its own plural)."""
    if status == "overdue":
        return ngettext("{n} overdue", "{n} overdue", n).format(n=n)
    if status == "due":
        return ngettext("{n} due", "{n} due", n).format(n=n)
    if status == "upcoming":
        return ngettext("{n} upcoming", "{n} upcoming", n).format(n=n)
    if status == "done":
        return ngettext("{n} done", "{n} done", n).format(n=n)
    return ngettext("{n} withdrawn", "{n} withdrawn", n).format(n=n)


def columns(ids: Sequence[str]) -> list[str]:
    return [_(name) for name in ids]


def status_word(status: str) -> str:
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def date_cell(day: dt.date, reason: str | None) -> str:
    """``2020-12-31 (nyårsafton)``: the contractual date and why it is not a business day."""
    return day.isoformat() + (f" ({day_reason(reason)})" if reason else "")


def date_and_act_by(day: dt.date, reason: str | None, act_by: dt.date) -> str:
    """``2022-12-31 (nyårsafton), senast 2022-12-30``: the date the agreement gives and,
    when it is earlier, the day to act by, where one date must say both (``show``, the
    site's next deadline); ``due``'s table has a column for each. The act-by day alone
    would contradict the period: "överenskommelsen upphör 2022-12-30" of an agreement in
    force through 2022-12-31."""
    shown = date_cell(day, reason)
    if act_by == day:
        return shown
    return _("{date}, act by {day}").format(date=shown, day=act_by.isoformat())


def due_heading(as_of: dt.date, window_end: dt.date, within: Duration | str) -> str:
    shown = length(within) if isinstance(within, Duration) else within
    return _("Deadlines as of {day} (due = act by {end}, within {length})").format(
        day=long_date(as_of), end=long_date(window_end), length=shown
    )


def due_summary(counts: Mapping[str, int]) -> str:
    """``1 försenad, 2 aktuella, 0 kommande``: the first three always, the others if any
    (``counts``: the number of deadlines of each status)."""
    from iopctl.views.due import STATUSES

    parts = []
    for status in STATUSES:
        n = counts.get(status, 0)
        if n or status in STATUSES[:3]:
            parts.append(_count(status, n))
    return ", ".join(parts)


def no_deadlines() -> str:
    return _("No deadlines.")


def history_heading(as_of: dt.date) -> str:
    return _("What was due up to {day}").format(day=long_date(as_of))


def nothing_was_due() -> str:
    return _("Nothing was due.")
