"""What the agreement's text says happened to it: extensions decided, notice given, an early
end, amendments.

A file records these in ``history`` or, written before it existed, in the older fields
(``period.extensions_taken``, ``termination.record``, ``amendments``); ``iopctl migrate``
moves them, and the IOP231 warning asks for it. The agreement template read the older
fields alone, so a migrated file's document lost its "Beslutade förlängningar", its
notice and its amendments. :func:`build_recorded` reads them where every command does
(:attr:`iopctl.facts.Facts.record`, legacy fields read as the entries they stand for),
whatever ``as_of``: the document shows all the file records, as it did.
"""

from __future__ import annotations

import datetime as dt

from iopctl.facts import Facts
from iopctl.facts.term import notice_outcome
from iopctl.frozen import frozen
from iopctl.model.agreement import Party
from iopctl.model.dates import When, exact
from iopctl.model.history import AmendmentEntry, EndedEarly, ExtensionDecided

__all__ = [
    "RecordedAmendment",
    "RecordedEnding",
    "RecordedExtension",
    "RecordedNotice",
    "RecordedView",
    "build_recorded",
]


@frozen
class RecordedExtension:
    """An extension decided: the new end, the day of the decision, the decision's words."""

    new_end: When
    decided_on: When | None
    decision: str | None


@frozen
class RecordedNotice:
    """Notice given: by whom, when, and the last day in force (stated, or by the notice
    rule against the period's end; ``None`` when neither can say)."""

    party: Party | None
    given_by: str
    given_on: When
    last_day: dt.date | None


@frozen
class RecordedEnding:
    """An early end on record (``history``: ``ended_early``): the last day in force when the
    file knows it, the party that ended it, the day it was decided."""

    last_day: When | None
    party: Party | None
    decided_on: When | None
    inferred: str | None = None
    """The basis, when the file infers the early end rather than reads it in a source."""


@frozen
class RecordedAmendment:
    """An amendment decided: its day, what it changes, the decision's words."""

    date: When | None
    description: str
    decision: str | None


@frozen
class RecordedView:
    """Everything of these the file records, in date order (undated last)."""

    extensions: list[RecordedExtension]
    notice: RecordedNotice | None
    amendments: list[RecordedAmendment]
    ended_early: RecordedEnding | None = None
    """Left out, an agreement that ended early read as one that ran its whole period."""


def build_recorded(facts: Facts) -> RecordedView:
    """The file's extensions, notice, early end and amendments, wherever it writes them."""
    record = facts.record
    extensions = [
        RecordedExtension(e.new_end, e.date, e.note) for e, _ in record.of(ExtensionDecided)
    ]
    amendments = [
        RecordedAmendment(e.date, e.description, e.note) for e, _ in record.of(AmendmentEntry)
    ]
    return RecordedView(extensions, _notice(facts), amendments, _ending(facts))


def _ending(facts: Facts) -> RecordedEnding | None:
    early = facts.recorded_term.early
    if early is None:
        return None
    entry = next(e for e, path in facts.record.of(EndedEarly) if path == early.path)
    party = facts.agreement.party(early.by) if early.by else None
    return RecordedEnding(early.date, party, early.decided_on, entry.inferred)


def _notice(facts: Facts) -> RecordedNotice | None:
    term = facts.recorded_term
    given = term.notice
    if given is None:
        return None
    last = given.effective if given.effective_stated else None
    day = exact(given.given_on)
    if last is None and day is not None and given.notice_period is not None:
        last = notice_outcome(day, given.notice_period, term.end).last_day
    party = facts.agreement.party(given.given_by)
    return RecordedNotice(party, given.given_by, given.given_on, last)
