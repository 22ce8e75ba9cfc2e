"""What the history settles: which deadline each recorded act fulfils, and when.

``due`` turns green when the history says a thing was done. The matching rules
(``docs/history.md``, "What settles a deadline"):

* **Reports** — a ``report_received`` entry settles its report's ``year`` when it names
  one, else the oldest occurrence of that report not yet received (in date order).
* **Payments** — a ``payment`` entry belongs to the contribution it names, else to the
  only money contribution of the party that paid (``by``), else to the only money
  contribution of the agreement. Within a contribution, payments made settle scheduled
  payments one to one in date order. A contribution with at least one payment recorded
  is *tracked*: its scheduled payments become obligations that can go overdue.
* **Extension decision** — settled by the first of: an extension decided, an extension
  declined, notice given, an early end (or the decision on it).
* **Notice deadline** — settled by notice given, or by a decision not to extend (the
  agreement then ends at its end; no notice is needed).

Only what is known on ``as_of`` settles anything; an entry without a date settles from
the start.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from iopctl.facts.history import Path, known_on
from iopctl.frozen import frozen
from iopctl.model.dates import PartialDate, earliest
from iopctl.model.economy import MoneyContribution
from iopctl.model.history import (
    EndedEarly,
    ExtensionDecided,
    ExtensionDeclined,
    NoticeEntry,
    PaymentEntry,
    ReportReceived,
)

if TYPE_CHECKING:
    from iopctl.facts import Facts
    from iopctl.facts.payments import PaymentFact

__all__ = [
    "How",
    "Settlement",
    "decision_settled",
    "notice_settled",
    "payment_owner",
    "payments_settled",
    "reports_settled",
]

When = dt.date | PartialDate
How = Literal["received", "paid", "extended", "declined", "notice", "ended_early"]


@frozen(slots=True)
class Settlement:
    """The history entry that settles a deadline: when, how, and where it is written.

    ``amount`` is what was paid (payments only), to compare with what was due.
    """

    on: When | None
    how: How
    path: Path
    amount: Decimal | None = None

    def late_by(self, due: dt.date) -> int | None:
        """Days after ``due`` (0 when on time; ``None`` when the day is not known)."""
        if not isinstance(self.on, dt.date):
            return None
        return max(0, (self.on - due).days)


def _sort(entries: Iterable[tuple[ReportReceived, Path]]) -> list[tuple[ReportReceived, Path]]:
    return sorted(entries, key=lambda e: earliest(e[0].date))


def reports_settled(facts: Facts) -> dict[tuple[int, int], Settlement]:
    """(report position, year) → the receipt that settles it, as known on ``as_of``."""
    terms = facts.agreement.follow_up
    if terms is None:
        return {}
    positions = {report.title: i for i, report in enumerate(terms.reports)}
    due_years: dict[int, list[int]] = {i: list(facts.report_years(i)) for i in positions.values()}
    found: dict[tuple[int, int], Settlement] = {}
    pending: list[tuple[int, ReportReceived, Path]] = []
    for entry, path in _sort(facts.timeline.of(ReportReceived, facts.as_of)):
        position = positions.get(entry.report)
        if position is None:
            continue  # IOP233 names the report that does not exist
        if entry.year is not None:
            found.setdefault((position, entry.year), Settlement(entry.date, "received", path))
        else:
            pending.append((position, entry, path))
    for position, entry, path in pending:
        year = next((y for y in due_years[position] if (position, y) not in found), None)
        if year is not None:
            found[(position, year)] = Settlement(entry.date, "received", path)
    return found


def payment_owner(facts: Facts, entry: PaymentEntry) -> int | None:
    """The position of the contribution a payment entry belongs to (``None``: ambiguous)."""
    contributions = facts.agreement.economy.contributions if facts.agreement.economy else []
    money = [i for i, c in enumerate(contributions) if isinstance(c, MoneyContribution)]
    if entry.contribution is not None:
        position = entry.contribution - 1
        return position if position in money else None
    if entry.by is not None:
        money = [i for i in money if contributions[i].party == entry.by]
    if entry.to is not None:
        money = [i for i in money if facts.contributions[i].recipient == entry.to]
    return money[0] if len(money) == 1 else None


def payments_settled(facts: Facts) -> tuple[dict[tuple[int, dt.date], Settlement], set[int]]:
    """(position, scheduled date) → the payment made that settles it, and the positions
    whose payments are recorded at all (tracked)."""
    made: dict[int, list[tuple[PaymentEntry, Path]]] = defaultdict(list)
    for entry, path in facts.timeline.of(PaymentEntry, facts.as_of):
        position = payment_owner(facts, entry)
        if position is not None:
            made[position].append((entry, path))
    if not made:  # nothing paid on record: the schedule need not be computed
        return {}, set()
    scheduled: dict[int, list[PaymentFact]] = defaultdict(list)
    for payment in facts.payments:
        scheduled[payment.position].append(payment)
    found: dict[tuple[int, dt.date], Settlement] = {}
    for position, entries in made.items():
        entries.sort(key=lambda e: earliest(e[0].date))
        for (entry, path), payment in zip(entries, scheduled[position], strict=False):
            found[(position, payment.date)] = Settlement(entry.date, "paid", path, entry.amount)
    return found, set(made)


def decision_settled(facts: Facts, *, extension_settles: bool = True) -> Settlement | None:
    """The act that settles the decision on extending, as known on ``as_of``.

    ``extension_settles=False`` for the derived decision of the current end: an extension
    decided has already moved that end, and the decision on the new end is still open.
    """
    candidates: list[Settlement] = []
    timeline, as_of = facts.timeline, facts.as_of
    for entry, path in timeline.of(ExtensionDecided, as_of) if extension_settles else ():
        candidates.append(Settlement(entry.date, "extended", path))
    for declined, path in timeline.of(ExtensionDeclined, as_of):
        candidates.append(Settlement(declined.date, "declined", path))
    for notice, path in timeline.of(NoticeEntry, as_of):
        candidates.append(Settlement(notice.date, "notice", path))
    for early, path in timeline.of(EndedEarly):
        when = early.decided_on if early.decided_on is not None else early.date
        if known_on(when, as_of):
            candidates.append(Settlement(when, "ended_early", path))
    return min(candidates, key=_order, default=None)


def notice_settled(facts: Facts) -> Settlement | None:
    """Notice given, or an extension declined (no notice needed), known on ``as_of``."""
    timeline, as_of = facts.timeline, facts.as_of
    candidates = [Settlement(e.date, "notice", p) for e, p in timeline.of(NoticeEntry, as_of)]
    candidates += [
        Settlement(e.date, "declined", p) for e, p in timeline.of(ExtensionDeclined, as_of)
    ]
    return min(candidates, key=_order, default=None)


def _order(s: Settlement) -> dt.date:
    return earliest(s.on) if s.on is not None else dt.date.min
