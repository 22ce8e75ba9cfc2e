"""The status and the history in words: what ``list``, ``show`` and ``due --history`` say.

:mod:`iopctl.facts.status` and :mod:`iopctl.facts.history` hold the facts; this module
turns them into lines of text.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from iopctl.facts import Facts
from iopctl.facts.history import Entry, Recorded
from iopctl.facts.status import Derived, StatusOn
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
    "STATUS_WORDS",
    "entry_text",
    "history_lines",
    "last_day_text",
    "period_text",
    "status_text",
    "when_text",
]

STATUS_WORDS: Final[dict[StatusOn, str]] = {
    "draft": "draft",
    "decided": "decided, not signed",
    "decided_conditionally": "decided on a condition",
    "signed": "signed, not started",
    "in_force": "in force",
    "ended": "ended",
    "ended_early": "ended early",
    "unknown": "unknown",
}


def when_text(when: dt.date | PartialDate | None) -> str:
    """A date as written: ``2020-08-04``, ``2015-05``, ``2020-spring``; '?' when unknown."""
    if when is None:
        return "date not on record"
    return when.isoformat() if isinstance(when, dt.date) else str(when)


def period_text(facts: Facts) -> str | None:
    """``2020-01-01 – 2022-12-31``, as much as is known (``2015 – 2016``, ``2019-01-01 –
    between 2019-01-01 and 2021-12-31``); ``None`` when neither end is known."""
    term = facts.term
    if term.start_when is None and term.last_window is None:
        return None
    first = when_text(term.start_when) if term.start_when is not None else "?"
    return f"{first} – {last_day_text(facts)}"


def last_day_text(facts: Facts) -> str:
    """The last day in force: the day, the end as written, or a window."""
    term = facts.term
    if term.last_day is not None:
        return term.last_day.isoformat()
    if term.last_window is None:
        return "?"
    if term.end_when is not None and window(term.end_when) == term.last_window:
        return when_text(term.end_when)
    return f"between {term.last_window[0]} and {term.last_window[1]}"


def status_text(derived: Derived, stated: str | None, *, on: bool = False) -> str:
    """``in force`` (``on``: ``in force on 2022-05-15``), then in parentheses who has not
    signed, the condition, and what the file says when it says something else."""
    words = STATUS_WORDS[derived.status] + (f" on {derived.day}" if on else "")
    notes = []
    if derived.unsigned and derived.status in ("draft", "decided", "decided_conditionally"):
        notes.append(f"not yet signed by {len(derived.unsigned)} of the parties")
    if derived.condition:
        notes.append(f"condition: {derived.condition}")
    if stated is not None and derived.status not in _AGREES.get(stated, ()):
        notes.append(f"the file says: {stated}")
    return words + (f" ({'; '.join(notes)})" if notes else "")


_AGREES: Final[dict[str, tuple[StatusOn, ...]]] = {
    "draft": ("draft", "decided", "decided_conditionally"),
    "active": ("signed", "in_force"),
    "ended": ("ended", "ended_early"),
    "terminated": ("ended_early",),
}
"""The derived statuses each ``status`` value in a file agrees with."""


_DECISIONS: Final = {
    "proposal": "proposal",
    "adoption": "decision to adopt",
    "financing": "decision on financing",
    "other": "decision",
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
        party = facts.agreement.party(party_id) if party_id else None
        return party.name if party is not None else (party_id or "")

    if isinstance(entry, PaymentEntry):
        to = f" to {name(entry.to)}" if entry.to else ""
        by = f" by {name(entry.by)}" if entry.by else ""
        return f"payment of {kronor(entry.amount)}{by}{to}"
    if isinstance(entry, ReportReceived):
        year = f" for {entry.year}" if entry.year else ""
        return f"report received: {entry.report}{year}"
    if isinstance(entry, DecisionEntry):
        what = {
            "proposal": "proposal",
            "adoption": "decision to adopt",
            "financing": "decision on financing",
            "other": "decision",
        }[entry.decision]
        cond = f"; condition: {entry.condition}" if entry.condition else ""
        return f"{what}{_decided(entry)}{cond}"
    if isinstance(entry, ConditionMet):
        which = f" (contribution {entry.contribution})" if entry.contribution else ""
        return f"condition met{which}"
    if isinstance(entry, ExtensionDecided):
        return f"extension decided to {when_text(entry.new_end)}{_decided(entry)}"
    if isinstance(entry, ExtensionDeclined):
        return f"decided not to extend{_decided(entry)}"
    if isinstance(entry, NoticeEntry):
        effective = f", effective {when_text(entry.effective)}" if entry.effective else ""
        return f"notice given by {name(entry.by)}{effective}"
    if isinstance(entry, EndedEarly):
        by = f" by {name(entry.by)}" if entry.by else ""
        return f"ended early{by}"
    if isinstance(entry, AmendmentEntry):
        return f"amendment: {entry.description}{_decided(entry)}"
    if isinstance(entry, PartyJoined):
        return f"{name(entry.party)} joined"
    assert isinstance(entry, PartyLeft)
    return f"{name(entry.party)} left"


def _line(recorded: Recorded, facts: Facts) -> str:
    entry = recorded.entry
    inferred = f" [inferred: {entry.inferred}]" if entry.inferred else ""
    note = f" – {entry.note}" if entry.note else ""
    return f"  {when_text(entry.date):<12} {entry_text(entry, facts)}{note}{inferred}"


def history_lines(facts: Facts) -> list[str]:
    """Every history entry in date order (follow-ups held have their own section)."""
    dated: list[tuple[dt.date, int, str]] = []
    for n, recorded in enumerate(facts.timeline.entries, start=1):
        date = recorded.entry.date
        first = date if isinstance(date, dt.date) else date.first if date is not None else None
        dated.append((first or dt.date.max, n, _line(recorded, facts)))
    return [line for _, _, line in sorted(dated)] or ["  nothing recorded"]
