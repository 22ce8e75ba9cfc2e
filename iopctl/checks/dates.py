"""Checks of the agreement's dates: the period, the notice period, and the dates of what
was recorded during it (IOP202, IOP207, IOP208, IOP209, IOP211, IOP213–IOP216).

The period's own checks look at the dates as written; a date known only in part (a month,
a half year, a year) is compared by the widest reading, so nothing is reported that the
dates might not say. The dates of history entries are checked in
:mod:`iopctl.checks.history`. Records (follow-ups, signatures,
amendments) are measured against the end from :mod:`iopctl.facts.term` (``ctx.term``),
extensions taken included, so these checks agree with ``due``, ``economy`` and the
documents about when the agreement ended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from iopctl.checks.context import Context, check
from iopctl.facts.term import last_notice_day
from iopctl.i18n import N_
from iopctl.model.agreement import Period
from iopctl.model.dates import earliest, exact, latest
from iopctl.problems.diagnostic import Diagnostic, Words

__all__ = [
    "follow_up_dates",
    "notice_fits",
    "period_dates",
    "signature_dates",
    "terminated_has_record",
]

# How far ``start + length`` may lie from ``end``: a length counts either the last day
# (2020-01-01 + 3 years = 2023-01-01, one day after the end) or up to it.
_LENGTH_MATCHES = (dt.timedelta(days=1), dt.timedelta(0))


# --- period ---------------------------------------------------------------------------


@check("period")
def period_dates(ctx: Context) -> Iterator[Diagnostic]:
    """The period in itself: order, length, decision deadline and extensions.

    A period that ends before it starts is reported alone: every other date would be
    measured against an end that is certainly wrong.
    """
    period = ctx.agreement.period
    if period is None:
        return
    start, end = period.start, period.end
    if start is not None and end is not None:
        if latest(end) < earliest(start):
            yield ctx.error(
                ("period", "end"),
                "IOP202",
                N_("the period ends ({end}) before it starts ({start})"),
                N_("check the years; end is the last day the agreement is in force"),
                end=end,
                start=start,
            )
            return
        yield from _length(ctx, period, earliest(start), latest(end))
    deadline = period.decision_deadline
    if deadline is not None and end is not None and deadline > latest(end):
        yield ctx.error(
            ("period", "decision_deadline"),
            "IOP209",
            N_("the decision deadline {decision_deadline} is after the end of the period ({end})"),
            N_("a decision on extension or ending must be taken before the agreement ends"),
            decision_deadline=period.decision_deadline,
            end=end,
        )
    yield from _extensions(ctx, period)


def _length(ctx: Context, period: Period, start: dt.date, end: dt.date) -> Iterator[Diagnostic]:
    """IOP214 for a very long period; IOP213 when ``length`` disagrees with the dates."""
    years = (end - start).days / 365.25
    if years > 10:
        yield ctx.warning(
            ("period", "end"),
            "IOP214",
            N_(
                "the period is {years:.0f} years long ({start} – {end}); IOPs usually run a "
                "few years"
            ),
            N_("check the dates; a very long period may be read as a procurement"),
            years=years,
            start=start,
            end=end,
        )
    exact = isinstance(period.start, dt.date) and isinstance(period.end, dt.date)
    if (
        exact
        and period.length is not None
        and period.length.add_to(start) - end not in _LENGTH_MATCHES
    ):
        yield ctx.warning(
            ("period", "length"),
            "IOP213",
            N_("length {length} does not match {start} – {end}"),
            N_("correct the dates or the length (a 3-year period from 2020-01-01 ends 2022-12-31)"),
            length=period.length,
            start=start,
            end=end,
        )


def _extensions(ctx: Context, period: Period) -> Iterator[Diagnostic]:
    """Extensions decided must lengthen the period and be allowed by the extension clause
    (wherever they are recorded: ``history`` or the older ``extensions_taken``)."""
    end = period.end
    decided = ctx.term.extensions
    for extension_end in decided:
        new_end = extension_end.new_end_when
        if end is not None and latest(new_end) <= earliest(end):
            yield ctx.error(
                (*extension_end.path, "new_end"),
                "IOP202",
                N_("the extension's new end {new_end} is not after the end {end}"),
                N_("new_end is the last day of the extended period"),
                new_end=new_end,
                end=end,
            )
    extension = period.extension
    if extension is not None and extension.unlimited:
        yield ctx.warning(
            ("period", "extension", "unlimited"),
            "IOP211",
            N_(
                "extension without a time limit: HFD 2020:15 counted this among the signs "
                "that an 'IOP' was a public contract"
            ),
            N_("state how many times and for how long the agreement may be extended"),
        )
    if decided:
        allowed = extension.times if extension is not None else 0
        if extension is None or (allowed is not None and len(decided) > allowed):
            yield ctx.error(
                decided[-1].path,
                "IOP216",
                N_("{count} extension(s) recorded, but the agreement allows {value}"),
                N_("record an amendment that allows the extension, or correct the record"),
                count=len(decided),
                value=allowed or Words(N_("none")),
            )


@check("period", "termination")
def notice_fits(ctx: Context) -> Iterator[Diagnostic]:
    """IOP208: notice can be given during the period and take effect by its end."""
    period, termination = ctx.agreement.period, ctx.agreement.termination
    if period is None or termination is None or termination.notice_period is None:
        return
    start, end = exact(period.start), exact(period.end)
    if start is None or end is None or end < start:
        return
    if last_notice_day(end, termination.notice_period) < start:
        yield ctx.error(
            ("termination", "notice_period"),
            "IOP208",
            N_(
                "the notice period ({notice_period}) is longer than the agreement ({start} – {end})"
            ),
            N_("check the notice period; it must leave time to give notice during the period"),
            notice_period=termination.notice_period,
            start=period.start,
            end=period.end,
        )


# --- dates of records -------------------------------------------------------------------


@check("period", "follow_ups")
def follow_up_dates(ctx: Context) -> Iterator[Diagnostic]:
    """IOP207: a follow-up before the start, or more than a year after the end."""
    period = ctx.agreement.period
    if period is None:
        return
    end = ctx.term.end
    for i, record in enumerate(ctx.agreement.follow_ups):
        if period.start is not None and record.date < earliest(period.start):
            yield ctx.error(
                ("follow_ups", i, "date"),
                "IOP207",
                N_("follow-up dated {date}, before the period starts ({start})"),
                N_("check the date; follow-ups of an earlier agreement belong in its own file"),
                date=record.date,
                start=period.start,
            )
        elif end is not None and (record.date - end).days > 366:
            yield ctx.warning(
                ("follow_ups", i, "date"),
                "IOP207",
                N_("follow-up dated {date}, more than a year after the period ended ({end})"),
                N_("check the date, or record the extension in history (kind: extension)"),
                date=record.date,
                end=end,
            )


@check("period", "signatures")
def signature_dates(ctx: Context) -> Iterator[Diagnostic]:
    """IOP207: a signature after the agreement ended."""
    end = ctx.term.end
    if end is None:
        return
    for i, signature in enumerate(ctx.agreement.signatures):
        if signature.date is not None and earliest(signature.date) > end:
            yield ctx.error(
                ("signatures", i, "date"),
                "IOP207",
                N_("signature dated {date}, after the agreement ended ({end})"),
                N_("check the date"),
                date=signature.date,
                end=end,
            )


@check("status", "termination", "history")
def terminated_has_record(ctx: Context) -> Iterator[Diagnostic]:
    """IOP215: a terminated agreement records the notice or early end that ended it."""
    agreement = ctx.agreement
    if agreement.status != "terminated":
        return
    if ctx.term.notice is None and ctx.term.early is None:
        yield ctx.error(
            ("status",),
            "IOP215",
            N_("status is terminated, but no notice or early end is recorded"),
            N_(
                "add to history: `- kind: ended_early` (with date and by when they are "
                "known) or `- kind: notice` with date and by"
            ),
        )
