"""Deadline events as data: what is due, when, and the facts behind it — no words.

An :class:`Event` carries its kind, its contractual date and act-by date, and a
*detail* value holding the facts a person needs to read it (the party, the amount, the
clause's figures). :mod:`iopctl.present.events` turns events into sentences, so the
same event can be shown in Swedish or English, in a table, a calendar or JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Final, Literal, get_args

from iopctl.facts.history import Path
from iopctl.facts.payments import PaymentFact
from iopctl.facts.settle import Settlement
from iopctl.facts.workdays import non_business_day_reason
from iopctl.frozen import frozen
from iopctl.model.agreement import Payment
from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration

__all__ = [
    "KINDS",
    "Detail",
    "Event",
    "ExpiryDetail",
    "ExtensionDecisionDetail",
    "FollowUpDetail",
    "IncompleteDetail",
    "IndexNeed",
    "IndexNeededDetail",
    "Kind",
    "NoticeDeadlineDetail",
    "PaymentDetail",
    "ReportDetail",
    "SignatureDetail",
]

Kind = Literal[
    "follow_up",
    "notice_deadline",
    "extension_decision",
    "expiry",
    "payment",
    "report",
    "signature",
    "index_needed",
    "incomplete",
]
KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
_KIND_ORDER: Final = {kind: i for i, kind in enumerate(KINDS)}
When = dt.date | PartialDate


@frozen(slots=True)
class ExpiryDetail:
    """The end of the first period (``stage="period"``), of an extension, by notice, or
    an early end recorded in the history (``early``). ``path`` is where the date is
    written; ``when`` is the date as written when it is known only in part; ``given_by``
    the name of the party that gave notice or ended it (:meth:`iopctl.facts.Facts.name_of`)."""

    stage: Literal["period", "extension", "notice", "early"]
    inferred: bool = False
    extended_to: When | None = None
    number: int = 0
    path: Path = ()
    last: bool = False
    given_by: str = ""
    given_on: When | None = None
    effective_stated: bool = False
    notice_period: Duration | None = None
    when: When | None = None


@frozen(slots=True)
class NoticeDeadlineDetail:
    """The last day notice may be received so that it takes effect by ``end``.

    ``last_day`` is the day the agreement is in force through when notice is received on
    the deadline; ``as_of_effect`` the last day of a notice period begun on ``as_of``
    (``None`` before the agreement is in force, where "notice given today" would
    mislead). Both come from :func:`iopctl.facts.term.notice_outcome`. ``delivery_days``
    is the margin the act-by date leaves for the letter to arrive.
    """

    end: dt.date
    notice_period: Duration
    as_of: dt.date
    as_of_effect: dt.date | None
    last_day: dt.date | None = None
    delivery_days: int = 0


@frozen(slots=True)
class ExtensionDecisionDetail:
    """A decision on extending: a stated deadline, or derived from the notice period."""

    stated: bool
    end: dt.date | None = None
    length: Duration | None = None
    times: int | None = None
    unlimited: bool = False
    option: int = 0
    notice_period: Duration | None = None


@frozen(slots=True)
class FollowUpDetail:
    """The next follow-up and the rule that makes it due.

    ``reason`` is ``interval`` (``interval`` after ``anchor``, the last one held or the
    start), ``per_year`` (fewer than ``per_year`` held in ``year``) or ``assumed`` (no
    terms stated: a yearly reminder, never overdue). ``convened_by`` is the convening
    party's name (the text as written when it names no party).
    """

    ordinal: int
    reason: Literal["interval", "per_year", "assumed"]
    anchor: dt.date
    anchor_is_record: bool
    interval: Duration | None = None
    interval_stated: bool = False
    per_year: int | None = None
    year: int = 0
    held: int = 0
    on_request: bool = False
    convened_by: str | None = None
    last_recorded: dt.date | None = None


@frozen(slots=True)
class ReportDetail:
    """A report due each year; ``by`` and ``to`` are the parties' names (the text as the
    file writes it when it names no party: :meth:`iopctl.facts.Facts.name_of`)."""

    title: str
    by: str | None
    to: str | None
    position: int
    due_month: int
    due_day: int


@frozen(slots=True)
class PaymentDetail:
    """One payment (:class:`~iopctl.facts.payments.PaymentFact`) and its schedule."""

    payment: PaymentFact
    schedule: Payment | None  # None for a one-off paid on its stated date


@frozen(slots=True)
class IncompleteDetail:
    """An agreement not yet signed whose start is not known (a draft, or one decided):
    one line saying what is missing, instead of a signature reminder "due now" every
    day. ``unsigned`` are party names."""

    missing: tuple[str, ...]
    unsigned: tuple[str, ...]


@frozen(slots=True)
class SignatureDetail:
    party: str
    party_name: str
    confirmed: bool
    start: dt.date | None


IndexNeed = Literal["no_figure", "not_yet_published", "unknown_index", "preliminary"]
"""iopctl has no figure for the year; it has one, published after ``as_of``; it knows no
index by that name; the figure is only preliminary."""


@frozen(slots=True)
class IndexNeededDetail:
    """An index figure that a year's amount needs: missing, or only preliminary."""

    position: int
    index: str
    year: int
    from_date: dt.date
    reason: IndexNeed
    percent: Decimal | None = None
    as_of: dt.date | None = None


Detail = (
    ExpiryDetail
    | NoticeDeadlineDetail
    | ExtensionDecisionDetail
    | FollowUpDetail
    | ReportDetail
    | PaymentDetail
    | SignatureDetail
    | IndexNeededDetail
    | IncompleteDetail
)


@frozen(slots=True)
class Event:
    """One dated thing to act on or know about.

    ``key`` identifies the deadline within its agreement and kind (a payment's year and
    month, a follow-up's ordinal, a party …) so the calendar UID survives a change of date.
    ``actionable`` events can still be done late and the file can record that they were
    (follow-ups, signatures, a missing index figure, a stated decision deadline): only they
    become *overdue*. ``until`` is the agreement's last day in force.
    """

    agreement: str
    file: str
    kind: Kind
    date: dt.date
    act_by: dt.date
    key: str
    detail: Detail
    amount: Decimal | None = None
    actionable: bool = False
    until: dt.date | None = None
    window: tuple[dt.date, dt.date] | None = None
    settled: Settlement | None = None

    @property
    def reason(self) -> str | None:
        """Why the contractual date is not a business day (``nyårsafton``, ``lördag`` …)."""
        return non_business_day_reason(self.date)

    @property
    def uid(self) -> str:
        """Stable across runs: agreement id + kind + key, hashed."""
        raw = f"{self.agreement}\x1f{self.kind}\x1f{self.key}".encode()
        return f"{hashlib.sha256(raw).hexdigest()[:32]}@iopctl"

    def sort_key(self) -> tuple[dt.date, dt.date, str, int, str]:
        return (self.act_by, self.date, self.agreement, _KIND_ORDER[self.kind], self.key)
