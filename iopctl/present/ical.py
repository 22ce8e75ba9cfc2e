"""Deadlines as an iCalendar file (RFC 5545) for a subscribed or imported calendar.

One all-day event per deadline, on its **act-by** date (the contractual date is in the
description), its words in the chosen language (``LANGUAGE=sv`` on each text, RFC 5545
3.2.10), with a display alarm ``REMINDER_DAYS`` days ahead.

Determinism: the file depends only on the events and ``as_of``. ``UID`` is a hash of the
agreement id, the kind and a key naming the deadline (see :attr:`Event.uid`), so a
calendar that re-reads the file updates an event instead of adding a copy; ``DTSTAMP``
(required by RFC 5545) is ``as_of`` at 00:00 UTC rather than the wall clock, so two runs
with the same ``--as-of`` give byte-identical files.

Updates (RFC 5545 3.8.1.11 STATUS, 3.8.7.4 SEQUENCE): an open deadline is ``CONFIRMED``
with ``SEQUENCE:0``. A deadline the history has settled (done) and one that is no longer
a deadline (withdrawn: the follow-up was held, the end was moved) are still written for a
year (:data:`iopctl.views.due.CALENDAR_MEMORY`), ``CANCELLED`` with ``SEQUENCE:1`` and no
alarm, so a calendar that imported an earlier file drops the stale reminder. The summary
says done or withdrawn; the description states the contractual date beside the act-by date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from iopctl.i18n import N_, _, language, ngettext
from iopctl.present.due_text import date_cell
from iopctl.present.events import clause, settled_text, title
from iopctl.present.numbers import kronor
from iopctl.present.safe import printable
from iopctl.views.due import DueItem

__all__ = ["PRODID", "REMINDER_DAYS", "to_ics"]

PRODID: Final = "-//iopctl//iopctl due//EN"
REMINDER_DAYS: Final = 14
CALENDAR_NAME: Final = N_("IOP deadlines (iopctl)")


def _description(item: DueItem) -> str:
    e = item.event
    lines = [title(e)]
    if item.status == "done":
        lines.append(_("Done: {what}").format(what=settled_text(e)))
    elif item.status == "withdrawn":
        lines.append(_("Withdrawn: no longer a deadline (the agreement's record changed)"))
    if e.amount is not None:
        lines.append(_("Amount: {amount}").format(amount=kronor(e.amount)))
    lines.append(_("Contractual date: {day}").format(day=date_cell(e.date, e.reason)))
    lines.append(
        _("Act by: {day} (last business day on or before it)").format(day=e.act_by.isoformat())
    )
    lines.append(_("Clause: {clause}").format(clause=clause(e)))
    lines.append(_("Agreement: {id} ({file})").format(id=e.agreement, file=e.file))
    # Each line is data: control characters shown escaped, so the only line breaks in
    # the description are these (RFC 5545 TEXT allows no other control characters).
    return "\n".join(printable(line) for line in lines)


def _summary(item: DueItem) -> str:
    """``id: title (contractual date 2022-12-31)`` — the date in the contract, when the
    calendar shows the event on an earlier act-by date."""
    e = item.event
    text = f"{e.agreement}: {title(e)}"
    if e.date != e.act_by:
        text += " " + _("(contractual date {day})").format(day=e.date.isoformat())
    if item.status == "done":
        return _("Done: {what}").format(what=text)
    if item.status == "withdrawn":
        return _("Withdrawn: {what}").format(what=text)
    return text


def to_ics(items: Sequence[DueItem], *, as_of: dt.date) -> str:
    """The calendar as text with CRLF line endings."""
    from icalendar import Alarm, Calendar
    from icalendar import Event as VEvent

    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _(CALENDAR_NAME))
    words: dict[str, str] = {"LANGUAGE": language()}
    for item in items:
        e = item.event
        if e.kind == "incomplete":
            # "start date missing: no deadlines can be computed" is dated today, every
            # day: in a calendar it would move each time it is read and its alarm, 14
            # days before today, would go off at once. The other formats list it.
            continue
        closed = item.status in ("done", "withdrawn")
        vevent = VEvent()
        vevent.add("uid", e.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", e.act_by)
        vevent.add("dtend", e.act_by + dt.timedelta(days=1))
        vevent.add("summary", printable(_summary(item)), parameters=words)
        vevent.add("description", _description(item), parameters=words)
        vevent.add("categories", [e.kind])
        vevent.add("transp", "TRANSPARENT")
        vevent.add("status", "CANCELLED" if closed else "CONFIRMED")
        vevent.add("sequence", 1 if closed else 0)
        if closed:
            cal.add_component(vevent)
            continue
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        reminder = ngettext("In {n} day: {what}", "In {n} days: {what}", REMINDER_DAYS)
        what = f"{e.agreement}: {title(e)}"
        alarm.add(
            "description",
            printable(reminder.format(n=REMINDER_DAYS, what=what)),
            parameters=words,
        )
        alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
        vevent.add_component(alarm)
        cal.add_component(vevent)
    text: str = cal.to_ical().decode("utf-8")
    return text
