"""The status and the history in words: what ``list``, ``show`` and ``due --history`` say.

:mod:`iopctl.facts.status` and :mod:`iopctl.facts.history` hold the facts; this module
turns them into lines of text.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Protocol

from iopctl.facts import Facts
from iopctl.facts.history import Entry, Recorded
from iopctl.facts.status import Derived, StatusOn
from iopctl.i18n import N_, NP_, _, pgettext
from iopctl.model.dates import PartialDate, window
from iopctl.model.history import (
    AmendmentEntry,
    ConditionMet,
    DecisionEntry,
    EndedEarly,
    ExtensionDecided,
    ExtensionDeclined,
    NoticeEntry,
    PartyJoined,
    PartyLeft,
    PaymentEntry,
    ReportReceived,
)
from iopctl.present.numbers import kronor

__all__ = [
    "STATED_WORDS",
    "STATUS_WORDS",
    "entry_text",
    "history_lines",
    "last_day_text",
    "period_text",
    "stated_word",
    "status_text",
    "status_word",
    "when_text",
]

STATUS_WORDS: Final[dict[StatusOn, str]] = {
    "draft": N_("draft"),
    "decided": N_("decided, not signed"),
    "decided_conditionally": N_("decided on a condition"),
    "signed": N_("signed, not started"),
    "in_force": N_("in force"),
    "ended": N_("ended"),
    "ended_early": N_("ended early"),
    "unknown": N_("unknown"),
}
"""Message ids: :func:`status_word` gives them in the language."""


def status_word(status: StatusOn) -> str:
    return _(STATUS_WORDS[status])


STATED_WORDS: Final[dict[str, str | tuple[str, str]]] = {
    "draft": N_("draft"),
    "active": N_("active"),
    "ended": NP_("agreement", "ended"),
    "terminated": N_("terminated"),
}
"""The ``status`` a file states, in words (the site's "Status enligt filen" says the same)."""


def stated_word(status: str) -> str:
    """``status: ended`` in words ("avslutat"); a value iopctl does not know, as written."""
    found = STATED_WORDS.get(status)
    if found is None:
        return status
    return _(found) if isinstance(found, str) else pgettext(*found)


def when_text(when: dt.date | PartialDate | None) -> str:
    """A date as written: ``2020-08-04``, ``2015-05``, ``2020-spring``; '?' when unknown."""
    if when is None:
        return _("date not on record")
    return when.isoformat() if isinstance(when, dt.date) else str(when)


class _Dates(Protocol):
    """The dates of a term the period words read (a ``Term`` or a kept row's ``Period``)."""

    @property
    def start_when(self) -> dt.date | PartialDate | None: ...
    @property
    def end_when(self) -> dt.date | PartialDate | None: ...
    @property
    def last_day(self) -> dt.date | None: ...
    @property
    def last_window(self) -> tuple[dt.date, dt.date] | None: ...


class _Dated(Protocol):
    """``Facts``, or a compact row of ``list``/``economy`` (:mod:`iopctl.views.rows`)."""

    @property
    def term(self) -> _Dates: ...


def period_text(facts: _Dated) -> str | None:
    """``2020-01-01 – 2022-12-31``, as much as is known (``2015 – 2016``, ``2019-01-01 –
    between 2019-01-01 and 2021-12-31``); ``None`` when neither end is known."""
    term = facts.term
    if term.start_when is None and term.last_window is None:
        return None
    first = when_text(term.start_when) if term.start_when is not None else "?"
    return f"{first} – {last_day_text(facts)}"


def last_day_text(facts: _Dated) -> str:
    """The last day in force: the day, the end as written, or a window."""
    term = facts.term
    if term.last_day is not None:
        return term.last_day.isoformat()
    if term.last_window is None:
        return "?"
    if term.end_when is not None and window(term.end_when) == term.last_window:
        return when_text(term.end_when)
    return _("between {first} and {last}").format(
        first=term.last_window[0], last=term.last_window[1]
    )


def status_text(derived: Derived, stated: str | None, *, on: bool = False) -> str:
    """``in force`` (``on``: ``in force on 2022-05-15``), then in parentheses who has not
    signed, the condition, and what the file says when it says something else."""
    words = status_word(derived.status)
    if on:
        words = _("{status} on {day}").format(status=words, day=derived.day)
    notes = []
    if derived.unsigned and derived.status in ("draft", "decided", "decided_conditionally"):
        notes.append(_("not yet signed by {n} of the parties").format(n=len(derived.unsigned)))
    if derived.condition:
        notes.append(_("condition: {condition}").format(condition=derived.condition))
    if stated is not None and derived.status not in _AGREES.get(stated, ()):
        notes.append(_("the file says: {status}").format(status=stated_word(stated)))
    return words + (f" ({'; '.join(notes)})" if notes else "")


_AGREES: Final[dict[str, tuple[StatusOn, ...]]] = {
    "draft": ("draft", "decided", "decided_conditionally"),
    "active": ("signed", "in_force"),
    "ended": ("ended", "ended_early"),
    "terminated": ("ended_early",),
}
"""The derived statuses each ``status`` value in a file agrees with."""


_DECISIONS: Final = {
    "proposal": N_("proposal"),
    "adoption": N_("decision to adopt"),
    "financing": N_("decision on financing"),
    "other": N_("decision"),
}


def _decided(entry: object) -> str:
    parts = [
        getattr(entry, "body", None),
        getattr(entry, "paragraph", None),
        getattr(entry, "case_number", None),
    ]
    shown = ", ".join(p for p in parts if p)
    return f" ({shown})" if shown else ""


def entry_text(entry: Entry, facts: Facts) -> str:
    """One history entry in a line, without its date."""

    def name(party_id: str | None) -> str:
        return facts.name_of(party_id) or ""

    if isinstance(entry, PaymentEntry):
        text = _("payment of {amount}").format(amount=kronor(entry.amount))
        if entry.by:
            text += " " + _("by {party}").format(party=name(entry.by))
        if entry.to:
            text += " " + _("to {party}").format(party=name(entry.to))
        return text
    if isinstance(entry, ReportReceived):
        if entry.year:
            return _("report received: {report} for {year}").format(
                report=entry.report, year=entry.year
            )
        return _("report received: {report}").format(report=entry.report)
    if isinstance(entry, DecisionEntry):
        what = _(_DECISIONS[entry.decision])
        cond = "; " + _("condition: {condition}").format(condition=entry.condition)
        return f"{what}{_decided(entry)}" + (cond if entry.condition else "")
    if isinstance(entry, ConditionMet):
        if entry.contribution:
            return _("condition met (contribution {n})").format(n=entry.contribution)
        return _("condition met")
    if isinstance(entry, ExtensionDecided):
        decided = _("extension decided to {end}").format(end=when_text(entry.new_end))
        return decided + _decided(entry)
    if isinstance(entry, ExtensionDeclined):
        return _("decided not to extend") + _decided(entry)
    if isinstance(entry, NoticeEntry):
        text = _("notice given by {party}").format(party=name(entry.by))
        if entry.effective:
            text += ", " + _("effective {day}").format(day=when_text(entry.effective))
        return text
    if isinstance(entry, EndedEarly):
        if entry.by:
            return _("ended early by {party}").format(party=name(entry.by))
        return _("ended early")
    if isinstance(entry, AmendmentEntry):
        return _("amendment: {what}").format(what=entry.description) + _decided(entry)
    if isinstance(entry, PartyJoined):
        return _("{party} joined").format(party=name(entry.party))
    assert isinstance(entry, PartyLeft)
    return _("{party} left").format(party=name(entry.party))


def _line(recorded: Recorded, facts: Facts) -> str:
    entry = recorded.entry
    inferred = (
        " [" + _("inferred: {how}").format(how=entry.inferred) + "]" if entry.inferred else ""
    )
    note = f" – {entry.note}" if entry.note else ""
    return f"  {when_text(entry.date):<12} {entry_text(entry, facts)}{note}{inferred}"


def history_lines(facts: Facts) -> list[str]:
    """Every history entry in date order (follow-ups held have their own section)."""
    dated: list[tuple[dt.date, int, str]] = []
    for n, recorded in enumerate(facts.timeline.entries, start=1):
        date = recorded.entry.date
        first = date if isinstance(date, dt.date) else date.first if date is not None else None
        dated.append((first or dt.date.max, n, _line(recorded, facts)))
    return [line for _day, _n, line in sorted(dated)] or ["  " + _("nothing recorded")]
