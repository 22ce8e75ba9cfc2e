"""Deadline events in words: the title, the remark about today and the clause.

:mod:`iopctl.facts.events` holds the facts; this module is the only place that turns
them into sentences, for the table, the calendar, JSON, CSV and ``show``.
"""

from __future__ import annotations

from typing import Final

from iopctl.facts.events import (
    Event,
    ExpiryDetail,
    ExtensionDecisionDetail,
    FollowUpDetail,
    IncompleteDetail,
    NoticeDeadlineDetail,
    PaymentDetail,
    ReportDetail,
    SignatureDetail,
)
from iopctl.i18n import N_, _, ngettext
from iopctl.model.types import Duration
from iopctl.present.calendar_words import as_written as _iso
from iopctl.present.calendar_words import length
from iopctl.present.money_events import index_needed_title, payment_title, schedule_text
from iopctl.present.numbers import kronor

__all__ = ["clause", "full_title", "note", "settled_text", "title"]

_SETTLED: Final = {
    "received": N_("received"),
    "paid": N_("paid"),
    "extended": N_("extension decided"),
    "declined": N_("extension declined"),
    "notice": N_("notice given on"),
    "ended_early": N_("ended early"),
}


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
    return (
        " ("
        + _("a day from {first} to {last}; the exact day is not known").format(
            first=_iso(first), last=_iso(last)
        )
        + ")"
    )


def settled_text(event: Event) -> str:
    """What settled the event, from the history ("received 2024-03-20"), or ''."""
    s = event.settled
    if s is None:
        return ""
    verb = _(_SETTLED[s.how])
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
        text = _("report {title}").format(title=repr(detail.title))
        if detail.by:
            text += " " + _("by {party}").format(party=detail.by)
        if detail.to:
            text += " " + _("to {party}").format(party=detail.to)
        return text
    if isinstance(detail, PaymentDetail):
        return payment_title(detail)
    if isinstance(detail, SignatureDetail):
        unconfirmed = "" if detail.confirmed else " " + _("(has not confirmed taking part)")
        return _("signature missing: {party}; before the period starts ({start})").format(
            party=detail.party_name + unconfirmed, start=_iso(detail.start)
        )
    if isinstance(detail, IncompleteDetail):
        return _incomplete(detail)
    return index_needed_title(detail)


def _notice_deadline(detail: NoticeDeadlineDetail) -> str:
    """The notice deadline, with the day the agreement is in force through when notice
    arrives that day (:func:`iopctl.facts.term.notice_outcome`: the letter says the same)."""
    text = _("last day for notice to arrive to end the agreement by {end}").format(
        end=_iso(detail.end)
    )
    if detail.last_day is None:
        return text
    return text + " " + _("(in force through {day})").format(day=_iso(detail.last_day))


def _incomplete(detail: IncompleteDetail) -> str:
    missing = {"period.start": _("start date"), "parties": _("parties")}
    what = ", ".join(missing.get(m, m) for m in detail.missing)
    text = _("{what} missing: no deadlines can be computed").format(what=what)
    if detail.unsigned:
        text += "; " + _("not yet signed by {parties}").format(parties=", ".join(detail.unsigned))
    return text


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
        return _("notice received {day}: in force through {effect}").format(
            day=_iso(detail.as_of), effect=_iso(detail.as_of_effect)
        )
    return _("notice received {day}: its period would end {effect}, after the end").format(
        day=_iso(detail.as_of), effect=_iso(detail.as_of_effect)
    )


def full_title(event: Event) -> str:
    """The title, the remark, and what settled the event ("done: received 2024-03-20 …")."""
    text = title(event)
    remark = note(event)
    if remark:
        text += f"; {remark}"
    if event.settled is not None:
        text += "; " + _("done: {what}").format(what=settled_text(event))
    return text


def clause(event: Event) -> str:
    """The field(s) of the agreement file the event comes from, with their values."""
    detail = event.detail
    if isinstance(detail, ExpiryDetail):
        return _expiry_clause(event, detail)
    if isinstance(detail, NoticeDeadlineDetail):
        return f"termination.notice_period: {length(detail.notice_period)}"
    if isinstance(detail, ExtensionDecisionDetail):
        if detail.stated:
            return f"period.decision_deadline: {_iso(event.date)}"
        return (
            f"period.extension: {_extension_text(detail.length, detail.times)}; "
            f"termination.notice_period: {length(detail.notice_period)}"
        )
    if isinstance(detail, FollowUpDetail):
        return _follow_up_clause(detail)
    if isinstance(detail, ReportDetail):
        return f"follow_up.reports[{detail.position}]: " + _("due {month_day}").format(
            month_day=f"{detail.due_month:02d}-{detail.due_day:02d}"
        )
    if isinstance(detail, PaymentDetail):
        where = f"economy.contributions[{detail.payment.position}]"
        if detail.schedule is None:
            return f"{where}.one_off.date: {_iso(detail.payment.date)}"
        return f"{where}.payment: {schedule_text(detail.schedule)}"
    if isinstance(detail, SignatureDetail):
        return "signatures: " + _("no entry for party {party}").format(party=detail.party)
    if isinstance(detail, IncompleteDetail):
        return ", ".join(f"{m}: " + _("not stated") for m in detail.missing)
    return f"economy.contributions[{detail.position}].indexation: " + _(
        "{index} from {day}"
    ).format(index=detail.index, day=_iso(detail.from_date))


# --- one kind each ------------------------------------------------------------------------


def _expiry(detail: ExpiryDetail) -> str:
    if detail.stage == "period":
        if detail.extended_to is not None:
            return _("initial period ends (extended to {end})").format(end=_iso(detail.extended_to))
        if detail.inferred:
            return _("agreement ends (last day in force; from the start and the length)")
        return _("agreement ends (last day in force)")
    if detail.stage == "extension":
        if detail.last:
            return _("extension {n} ends (last day in force)").format(n=detail.number)
        return _("extension {n} ends").format(n=detail.number)
    if detail.stage == "early":
        if detail.given_by:
            return _("ended early by {party} (last day in force)").format(party=detail.given_by)
        return _("ended early (last day in force)")
    return _("ends by notice given by {party} on {day}").format(
        party=detail.given_by, day=_iso(detail.given_on)
    )


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
        f"notice_period {length(detail.notice_period)}"
    )


def _extension(detail: ExtensionDecisionDetail) -> str:
    if detail.stated:
        return _("decide on change, extension or ending of the agreement")
    if not detail.unlimited and detail.times is not None:
        option = _("extension option {n} of {times}").format(n=detail.option, times=detail.times)
    else:
        option = _("extension option")
    if detail.length is not None:
        return _("decide whether to extend by {length} ({option}): last day to give notice").format(
            length=length(detail.length), option=option
        )
    return _("decide whether to extend ({option}): last day to give notice").format(option=option)


def _extension_text(duration: Duration | None, times: int | None) -> str:
    parts = []
    if duration is not None:
        parts.append(length(duration))
    if times is not None:
        parts.append(ngettext("{n} time", "{n} times", times).format(n=times))
    return ", ".join(parts) or _("allowed")


def _follow_up(detail: FollowUpDetail) -> str:
    if detail.reason == "assumed":
        since = (
            _("last recorded {day}").format(day=_iso(detail.last_recorded))
            if detail.last_recorded is not None
            else _("none recorded")
        )
        return _(
            "follow-up reminder (terms not stated – yearly reminder assumed, at the latest "
            "by the end; {since})"
        ).format(since=since)
    if detail.reason == "interval":
        which = (
            _("{length} after the last one ({day})")
            if detail.anchor_is_record
            else _("{length} after the start ({day})")
        )
        why = which.format(length=length(detail.interval), day=_iso(detail.anchor))
    elif detail.held:
        why = _("{held} of {n} recorded in {year} (at least {n} per calendar year)").format(
            held=detail.held, n=detail.per_year, year=detail.year
        )
    else:
        why = _("none recorded in {year} (at least {n} per calendar year)").format(
            n=detail.per_year, year=detail.year
        )
    extras = []
    if detail.on_request:
        extras.append(_("or when a party asks"))
    if detail.convened_by:
        extras.append(_("convened by {party}").format(party=detail.convened_by))
    text = _("follow-up no. {n} – {why}").format(n=detail.ordinal, why=why)
    return text + (f"; {'; '.join(extras)}" if extras else "")


def _follow_up_clause(detail: FollowUpDetail) -> str:
    if detail.reason == "assumed":
        return "follow_up: " + _("not stated (iopctl reminder policy)")
    parts = []
    if detail.per_year is not None:
        parts.append(f"per_year: {detail.per_year}")
    if detail.interval_stated:
        parts.append(f"interval: {length(detail.interval)}")
    elif detail.interval is not None:
        parts.append(_("interval {length} (default)").format(length=length(detail.interval)))
    return "follow_up." + ", ".join(parts)
