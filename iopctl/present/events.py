"""Deadline events in words: the title, the remark about today and the clause.

:mod:`iopctl.facts.events` holds the facts; this module is the only place that turns
them into sentences, for the table, the calendar, JSON, CSV and ``show``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from iopctl.facts.events import (
    Event,
    ExpiryDetail,
    ExtensionDecisionDetail,
    FollowUpDetail,
    IncompleteDetail,
    IndexNeededDetail,
    NoticeDeadlineDetail,
    PaymentDetail,
    ReportDetail,
    SignatureDetail,
)
from iopctl.facts.payments import PaymentFact
from iopctl.model.agreement import Payment
from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration
from iopctl.present.numbers import kronor

__all__ = ["clause", "full_title", "note", "settled_text", "title"]

_MONTHS: Final = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _iso(day: dt.date | PartialDate | None) -> str:
    """A date as written: ``2022-12-31``, or as much as is known (``2022-12``, ``2022``)."""
    if day is None:
        return "?"
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def _path(path: tuple[str | int, ...]) -> str:
    """``("history", 3, "date")`` → ``history[3].date``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _window(event: Event) -> str:
    """For a date known only as a window: "(a day from … to …, not known exactly)"."""
    if event.window is None:
        return ""
    first, last = event.window
    return f" (a day from {_iso(first)} to {_iso(last)}; the exact day is not known)"


def settled_text(event: Event) -> str:
    """What settled the event, from the history ("received 2024-03-20"), or ''."""
    s = event.settled
    if s is None:
        return ""
    verb = {
        "received": "received",
        "paid": "paid",
        "extended": "extension decided",
        "declined": "extension declined",
        "notice": "notice given",
        "ended_early": "ended early",
    }[s.how]
    amount = f" {kronor(s.amount)}" if s.amount is not None else ""
    return f"{verb}{amount} {_iso(s.on)} ({_path(s.path)})"


def title(event: Event) -> str:
    """What is due, in one line (calendars show this alone)."""
    detail = event.detail
    if isinstance(detail, ExpiryDetail):
        return _expiry(detail)
    if isinstance(detail, NoticeDeadlineDetail):
        return _notice_deadline(detail)
    if isinstance(detail, ExtensionDecisionDetail):
        return _extension(detail)
    if isinstance(detail, FollowUpDetail):
        return _follow_up(detail)
    if isinstance(detail, ReportDetail):
        who = f" by {detail.by}" if detail.by else ""
        to = f" to {detail.to}" if detail.to else ""
        return f"report {detail.title!r}{who}{to}"
    if isinstance(detail, PaymentDetail):
        return _payment(detail)
    if isinstance(detail, SignatureDetail):
        unconfirmed = "" if detail.confirmed else " (has not confirmed taking part)"
        return (
            f"signature missing: {detail.party_name}{unconfirmed}; "
            f"before the period starts ({_iso(detail.start)})"
        )
    if isinstance(detail, IncompleteDetail):
        return _incomplete(detail)
    return _index_needed(detail)


def _notice_deadline(detail: NoticeDeadlineDetail) -> str:
    """The notice deadline, with the day the agreement is in force through when notice
    arrives that day (:func:`iopctl.facts.term.notice_outcome`: the letter says the same)."""
    text = f"last day for notice to arrive to end the agreement by {_iso(detail.end)}"
    if detail.last_day is None:
        return text
    return f"{text} (in force through {_iso(detail.last_day)})"


def _incomplete(detail: IncompleteDetail) -> str:
    missing = {"period.start": "start date", "parties": "parties"}
    what = ", ".join(missing.get(m, m) for m in detail.missing)
    unsigned = f"; not yet signed by {', '.join(detail.unsigned)}" if detail.unsigned else ""
    return f"draft without {what}: no deadlines can be computed{unsigned}"


def note(event: Event) -> str:
    """A remark: a date known only as a window, or about ``as_of`` itself ("notice given
    today takes effect …"), or ''."""
    detail = event.detail
    if event.window is not None:
        return _window(event).strip(" ()")
    if event.settled is not None:
        return ""  # what notice given today would do is beside the point once settled
    if not isinstance(detail, NoticeDeadlineDetail) or detail.as_of_effect is None:
        return ""
    if detail.as_of_effect <= detail.end:
        return f"notice received {_iso(detail.as_of)}: in force through {_iso(detail.as_of_effect)}"
    return (
        f"notice received {_iso(detail.as_of)}: its period would end "
        f"{_iso(detail.as_of_effect)}, after the end"
    )


def full_title(event: Event) -> str:
    """The title, the remark, and what settled the event ("done: received 2024-03-20 …")."""
    text = title(event)
    remark = note(event)
    if remark:
        text += f"; {remark}"
    if event.settled is not None:
        text += f"; done: {settled_text(event)}"
    return text


def clause(event: Event) -> str:
    """The field(s) of the agreement file the event comes from, with their values."""
    detail = event.detail
    if isinstance(detail, ExpiryDetail):
        return _expiry_clause(event, detail)
    if isinstance(detail, NoticeDeadlineDetail):
        return f"termination.notice_period: {detail.notice_period}"
    if isinstance(detail, ExtensionDecisionDetail):
        if detail.stated:
            return f"period.decision_deadline: {_iso(event.date)}"
        return (
            f"period.extension: {_extension_text(detail.length, detail.times)}; "
            f"termination.notice_period: {detail.notice_period}"
        )
    if isinstance(detail, FollowUpDetail):
        return _follow_up_clause(detail)
    if isinstance(detail, ReportDetail):
        return (
            f"follow_up.reports[{detail.position}]: due {detail.due_month:02d}-{detail.due_day:02d}"
        )
    if isinstance(detail, PaymentDetail):
        where = f"economy.contributions[{detail.payment.position}]"
        if detail.schedule is None:
            return f"{where}.one_off.date: {_iso(detail.payment.date)}"
        return f"{where}.payment: {_schedule_text(detail.schedule)}"
    if isinstance(detail, SignatureDetail):
        return f"signatures: no entry for party {detail.party}"
    if isinstance(detail, IncompleteDetail):
        return ", ".join(f"{m}: not stated" for m in detail.missing)
    return (
        f"economy.contributions[{detail.position}].indexation: "
        f"{detail.index} from {_iso(detail.from_date)}"
    )


# --- one kind each ------------------------------------------------------------------------


def _expiry(detail: ExpiryDetail) -> str:
    if detail.stage == "period":
        if detail.extended_to is not None:
            return f"initial period ends (extended to {_iso(detail.extended_to)})"
        if detail.inferred:
            return "agreement ends (last day in force; from the start and the length)"
        return "agreement ends (last day in force)"
    if detail.stage == "extension":
        return f"extension {detail.number} ends" + (" (last day in force)" if detail.last else "")
    if detail.stage == "early":
        by = f" by {detail.given_by}" if detail.given_by else ""
        return f"ended early{by} (last day in force)"
    return f"ends by notice given by {detail.given_by} on {_iso(detail.given_on)}"


def _expiry_clause(event: Event, detail: ExpiryDetail) -> str:
    if detail.stage == "period":
        if detail.inferred:
            return f"period.start + period.length: {_iso(detail.when)}"
        return f"period.end: {_iso(detail.when)}"
    if detail.stage == "extension":
        return f"{_path(detail.path)}.new_end: {_iso(detail.when)}"
    if detail.stage == "early":
        return f"{_path(detail.path)}.date: {_iso(detail.when)}"
    if detail.effective_stated:
        return f"{_path(detail.path)}.effective: {_iso(event.date)}"
    given = "given_on" if detail.path[0] == "termination" else "date"
    return (
        f"{_path(detail.path)}.{given}: {_iso(detail.given_on)} + "
        f"notice_period {detail.notice_period}"
    )


def _extension(detail: ExtensionDecisionDetail) -> str:
    if detail.stated:
        return "decide on change, extension or ending of the agreement"
    length = f" by {detail.length}" if detail.length is not None else ""
    if not detail.unlimited and detail.times is not None:
        option = f"extension option {detail.option} of {detail.times}"
    else:
        option = "extension option"
    return f"decide whether to extend{length} ({option}): last day to give notice"


def _extension_text(length: Duration | None, times: int | None) -> str:
    parts = []
    if length is not None:
        parts.append(str(length))
    if times is not None:
        parts.append(f"{times} time" + ("" if times == 1 else "s"))
    return ", ".join(parts) or "allowed"


def _follow_up(detail: FollowUpDetail) -> str:
    if detail.reason == "assumed":
        since = (
            f"last recorded {_iso(detail.last_recorded)}"
            if detail.last_recorded is not None
            else "none recorded"
        )
        return (
            "follow-up reminder (terms not stated – yearly reminder assumed, at the latest "
            f"by the end; {since})"
        )
    if detail.reason == "interval":
        which = "the last one" if detail.anchor_is_record else "the start"
        why = f"{detail.interval} after {which} ({_iso(detail.anchor)})"
    else:
        held = f"{detail.held} of {detail.per_year}" if detail.held else "none"
        why = f"{held} recorded in {detail.year} (at least {detail.per_year} per calendar year)"
    extras = []
    if detail.on_request:
        extras.append("or when a party asks")
    if detail.convened_by:
        extras.append(f"convened by {detail.convened_by}")
    return f"follow-up no. {detail.ordinal} – {why}" + (f"; {'; '.join(extras)}" if extras else "")


def _follow_up_clause(detail: FollowUpDetail) -> str:
    if detail.reason == "assumed":
        return "follow_up: not stated (iopctl reminder policy)"
    parts = []
    if detail.per_year is not None:
        parts.append(f"per_year: {detail.per_year}")
    if detail.interval_stated:
        parts.append(f"interval: {detail.interval}")
    elif detail.interval is not None:
        parts.append(f"interval {detail.interval} (default)")
    return "follow_up." + ", ".join(parts)


def _payment(detail: PaymentDetail) -> str:
    p = detail.payment
    row = p.year_amount
    if p.amount is not None:
        assert p.period.amount is not None
        shown = kronor(p.amount) + _share_of_year(p.period.amount, p)
    elif p.latest_share is not None and p.period.latest is not None:
        shown = kronor(p.latest_share) + _share_of_year(p.period.latest, p)
        shown += f" – the {row.latest_year} amount: no index figure for {row.missing_year} yet"
    elif row.unknown == "not_stated":
        shown = "amount not stated"
    else:
        shown = "amount not known"
    if row.conditional:
        shown += " (conditional on a decision not yet taken)"
    if p.outside_schedule:
        label = f"no scheduled date in force in {p.year}: shown on the first day in force"
    elif p.day_stated:
        label = f"on {_iso(p.date)}"
    else:
        label = f"in {_MONTHS[p.date.month]}: by {_iso(p.date)}"
    of = f" {p.number} of {p.count}" if p.count > 1 else ""
    return f"payment{of} {p.year} from {p.party}: {shown} ({label})"


def _share_of_year(amount: Decimal, p: PaymentFact) -> str:
    """How a payment relates to what it pays: "(100 000 kr a year in 4 payments)"."""
    period = p.period
    payments = f", in {p.count} payments" if p.count > 1 else ""
    if period.basis == "agreement_year":
        return (
            f" ({kronor(amount)} for the agreement year {_iso(period.first)} – "
            f"{_iso(period.last)}{payments})"
        )
    part = p.year_amount.portion
    if part is None:
        return f" ({kronor(amount)} a year in {p.count} payments)" if p.count > 1 else ""
    of_year = f"{part.units} of {part.of} {part.unit} of {p.year}"
    if p.count > 1:
        return f" ({kronor(amount)} for {of_year}{payments})"
    return f" (for {of_year})"


def _schedule_text(payment: Payment) -> str:
    text: str = payment.schedule
    if payment.months:
        text += f", months {sorted(set(payment.months))}"
    if payment.day is not None:
        text += f", day {payment.day}"
    return text


def _index_needed(detail: IndexNeededDetail) -> str:
    if detail.reason == "preliminary":
        return (
            f"{detail.index} {detail.year} is preliminary ({detail.percent} %): the "
            f"definitive figure may change the {detail.year} amount"
        )
    if detail.reason == "unknown_index":
        missing = f"index {detail.index!r} is not known to iopctl ({detail.year} figure needed)"
    elif detail.reason == "not_yet_published":
        return (
            f"{detail.index} {detail.year} was not published by {_iso(detail.as_of)}: the "
            f"{detail.year} amount follows when it is"
        )
    else:
        missing = f"iopctl has no {detail.index} figure for {detail.year}"
    return (
        f"{missing} – add it (iopctl index add {detail.index} {detail.year} …) to compute the "
        f"{detail.year} amount"
    )
