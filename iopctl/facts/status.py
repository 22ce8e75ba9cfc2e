"""The status on a given day, derived from the period, the history and the signatures.

``status`` in a file is something someone must remember to edit; this is what the file's
facts say instead (``docs/history.md``, "Status"):

* **draft** — not every party has signed, no decision to adopt it is recorded, and the file
  does not say it was signed (``status`` ``active``, ``ended`` or ``terminated``);
* **decided** / **decided_conditionally** — a decision to adopt it is recorded (with a
  condition not yet met), but not every party has signed;
* **signed** — signed (or said to be), but the period has not started;
* **in_force**, **ended** (its last day has passed), **ended_early** (notice took effect
  before the end, or an early end is recorded);
* **unknown** — the dates do not say: no period, or the day lies in a window (a start
  known only as a year, an early end with no date on record).

A ``draft`` status in the file is taken as written unless every party has signed, in
which case the signatures win and ``iopctl validate`` says the field is out of date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, Literal, get_args

from iopctl.facts.history import known_on
from iopctl.frozen import frozen
from iopctl.model.dates import latest
from iopctl.model.history import ConditionMet, DecisionEntry, PartyJoined, PartyLeft

if TYPE_CHECKING:
    from iopctl.facts import Facts

__all__ = ["DERIVED", "Derived", "StatusOn", "parties_on", "status_on"]

StatusOn = Literal[
    "draft",
    "decided",
    "decided_conditionally",
    "signed",
    "in_force",
    "ended",
    "ended_early",
    "unknown",
]
DERIVED: Final[tuple[StatusOn, ...]] = get_args(StatusOn)


@frozen(slots=True)
class Derived:
    """The status on ``day`` and what it rests on (for the messages that explain it)."""

    status: StatusOn
    day: dt.date
    unsigned: tuple[str, ...] = ()
    """Parties in the agreement on ``day`` without a signature known by then."""
    decided_on: dt.date | None = None
    """The earliest day the adopting decision can have been taken."""
    condition: str | None = None


def parties_on(facts: Facts, day: dt.date) -> list[str]:
    """The parties in the agreement on ``day``: joined by then and not left before."""
    timeline = facts.record
    joined = {e.party: e.date for e, _ in timeline.of(PartyJoined)}
    left = {e.party: e.date for e, _ in timeline.of(PartyLeft)}
    return [
        p.id
        for p in facts.agreement.parties
        if (p.id not in joined or known_on(joined[p.id], day))
        and (p.id not in left or latest(left[p.id]) >= day)
    ]


def _adoption(facts: Facts, day: dt.date) -> tuple[dt.date | None, str | None] | None:
    """The adopting decision known on ``day`` and its unmet condition (``None``: none)."""
    decisions = [e for e, _ in facts.timeline.of(DecisionEntry, day) if e.decision == "adoption"]
    if not decisions:
        return None
    first = decisions[0]
    met = [e for e, _ in facts.timeline.of(ConditionMet, day) if e.contribution is None]
    condition = first.condition if first.condition is not None and not met else None
    decided_on = first.date if isinstance(first.date, dt.date) else None
    return decided_on, condition


def _by_dates(facts: Facts, day: dt.date) -> StatusOn:
    """Signed (or said to be): where ``day`` falls in the term.

    Without a last day, a file that says ``ended`` or ``terminated`` is believed: the
    dates cannot contradict it, and ``in_force`` would be a guess.
    """
    term = facts.term
    first, last = term.first_window, term.last_window
    if last is not None and day > last[1]:
        return "ended_early" if term.ended_early else "ended"
    if first is not None and day < first[0]:
        return "signed"
    if last is None and facts.agreement.status in ("ended", "terminated"):
        return "ended" if facts.agreement.status == "ended" else "ended_early"
    if first is None and last is None:
        return "in_force" if facts.agreement.status == "active" else "unknown"
    if (first is not None and day < first[1]) or (last is not None and day > last[0]):
        return "unknown"  # the day lies in a window: it may not have started, or ended
    return "in_force"


def status_on(facts: Facts, day: dt.date) -> Derived:
    """The derived status of ``facts.agreement`` on ``day`` (see the module docstring)."""
    agreement = facts.agreement
    parties = parties_on(facts, day)
    signed = {s.party for s in agreement.signatures if s.date is None or known_on(s.date, day)}
    unsigned = tuple(p for p in parties if p not in signed)
    all_signed = bool(parties) and not unsigned
    if not all_signed and agreement.status in (None, "draft"):
        adoption = _adoption(facts, day)
        if adoption is None:
            return Derived("draft", day, unsigned)
        decided_on, condition = adoption
        status: StatusOn = "decided_conditionally" if condition else "decided"
        return Derived(status, day, unsigned, decided_on, condition)
    return Derived(_by_dates(facts, day), day, unsigned)
