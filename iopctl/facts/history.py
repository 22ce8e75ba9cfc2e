"""The history of an agreement as the derived facts read it: one timeline, known as of a day.

``history`` is where a coordinator records what happened (:mod:`iopctl.model.history`).
Files written before it existed record extensions in ``period.extensions_taken``, notice
in ``termination.record`` and amendments in ``amendments``; they are read here as the
history entries they stand for (and ``iopctl validate`` says how to move them, IOP231),
so every rule below sees one timeline whichever form a file uses. The top-level
``decision`` is the decision that adopted the agreement; it stays where it is and, once it
has a date or a case number (a body alone only says who decides), is read as the first
decision of the history.

*Known as of a day.* The derived facts as of a day read only what was known then
(:meth:`Timeline.known`): an entry counts from the first day it can have happened — a
dated entry from its date, a month from the month's first day, an early end from the day
it was decided. So ``due --as-of`` a past day shows the deadlines as they stood then. An
entry without a date cannot be placed in time and counts on every day (its effect is
then a window, see :mod:`iopctl.facts.term`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import TYPE_CHECKING, Any, TypeVar

from iopctl.frozen import frozen
from iopctl.model.dates import PartialDate, earliest
from iopctl.model.history import (
    AmendmentEntry,
    AnyEntry,
    DecisionEntry,
    EndedEarly,
    ExtensionDecided,
    NoticeEntry,
)

if TYPE_CHECKING:
    from iopctl.model.agreement import PartialAgreement

__all__ = ["Entry", "Path", "Timeline", "known_on", "timeline_of"]

Path = tuple[str | int, ...]
When = dt.date | PartialDate

Entry = AnyEntry
"""An entry of the timeline: any kind of ``history`` entry (one list, in the model)."""

_E = TypeVar("_E")


@frozen(slots=True)
class Recorded:
    """One entry and where it is written (``("history", 3)`` or a legacy field's path)."""

    entry: Entry
    path: Path

    @property
    def legacy(self) -> bool:
        """Written in an older place (``iopctl migrate`` moves it into history)."""
        return self.path[0] not in ("history", "decision")


def known_on(date: When | None, day: dt.date) -> bool:
    """Whether something dated ``date`` can have happened by ``day`` (undated: always)."""
    return date is None or earliest(date) <= day


def _known_from(entry: Entry) -> When | None:
    if isinstance(entry, EndedEarly) and entry.decided_on is not None:
        return entry.decided_on
    return entry.date


def _sort_key(item: tuple[int, Recorded]) -> tuple[dt.date, int]:
    date = item[1].entry.date
    return (earliest(date) if date is not None else dt.date.max, item[0])


@frozen(slots=True)
class Timeline:
    """Every entry, legacy ones included, in date order (undated last, file order kept)."""

    entries: tuple[Recorded, ...]
    _kinds: dict[type, tuple[tuple[Any, Path], ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """The entries of each kind asked for: the facts of a file ask for a kind some twenty
    times (each contribution its party's joining and leaving), over the same entries."""

    def known(self, day: dt.date) -> Timeline:
        """The entries known on ``day``: an early end from the day it was decided (this
        very timeline when every entry is, so what is derived from it can be reused)."""
        known = tuple(r for r in self.entries if known_on(_known_from(r.entry), day))
        return self if len(known) == len(self.entries) else Timeline(known)

    def of(self, kind: type[_E], day: dt.date | None = None) -> tuple[tuple[_E, Path], ...]:
        """Entries of one kind (known on ``day`` when given), with their paths."""
        found = self._kinds.get(kind)
        if found is None:
            found = tuple((r.entry, r.path) for r in self.entries if isinstance(r.entry, kind))
            self._kinds[kind] = found
        if day is not None:
            found = tuple(item for item in found if known_on(item[0].date, day))
        return found


def _legacy(agreement: PartialAgreement) -> list[Recorded]:
    """``decision`` (the decision that adopted the agreement), and the older places
    ``extensions_taken``, ``termination.record`` and ``amendments``, as history entries.

    The entries are made with ``model_construct``: every value comes from a field the
    file's validation has accepted, of the same type as the entry's (a ``Date`` is a
    ``When``, a ``Text`` a ``Text``), so validating it again would only repeat the work
    for every file (the texts' validators were most of a timeline's cost).
    """
    found: list[Recorded] = []
    decision = agreement.decision
    if decision is not None and (decision.date is not None or decision.case_number):
        adopted = DecisionEntry.model_construct(
            kind="decision",
            decision="adoption",
            date=decision.date,
            body=decision.body,
            case_number=decision.case_number,
            note=decision.note,
        )
        found.append(Recorded(adopted, ("decision",)))
    period = agreement.period
    for i, taken in enumerate(period.extensions_taken if period is not None else ()):
        entry = ExtensionDecided.model_construct(
            kind="extension", date=taken.decided_on, new_end=taken.new_end, note=taken.decision
        )
        found.append(Recorded(entry, ("period", "extensions_taken", i)))
    termination = agreement.termination
    record = termination.record if termination is not None else None
    if record is not None:
        notice = NoticeEntry.model_construct(
            kind="notice", date=record.given_on, by=record.given_by, effective=record.effective
        )
        found.append(Recorded(notice, ("termination", "record")))
    for i, amendment in enumerate(agreement.amendments):
        change = AmendmentEntry.model_construct(
            kind="amendment",
            date=amendment.date,
            description=amendment.description,
            note=amendment.decision,
        )
        found.append(Recorded(change, ("amendments", i)))
    return found


def timeline_of(agreement: PartialAgreement) -> Timeline:
    """The history of ``agreement``, legacy fields read as the entries they stand for.

    Read once per file: :attr:`iopctl.facts.Facts.record` keeps it, and facts of the same
    file for another day are given it (:func:`iopctl.facts.facts_of`).
    """
    written = [Recorded(entry, ("history", i)) for i, entry in enumerate(agreement.history)]
    items = list(enumerate([*written, *_legacy(agreement)]))
    return Timeline(tuple(r for _, r in sorted(items, key=_sort_key)))
