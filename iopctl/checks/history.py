"""Checks of what happened: the history, the status it implies, and facts known in part
(IOP230–IOP237).

The history is read as :class:`iopctl.facts.Facts` reads it (``ctx.facts``), so a check
and ``due`` agree about which payment an entry pays and when the agreement ended.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from iopctl.checks.context import Context, check
from iopctl.facts.history import Path
from iopctl.facts.settle import payment_owner, payments_settled
from iopctl.i18n import N_
from iopctl.model.dates import earliest, latest
from iopctl.model.economy import MoneyContribution
from iopctl.model.history import (
    AmendmentEntry,
    ConditionMet,
    EndedEarly,
    NoticeEntry,
    PartyJoined,
    PartyLeft,
    PaymentEntry,
    ReportReceived,
)
from iopctl.present.numbers import kronor
from iopctl.present.suggest import maybe_meant
from iopctl.problems.diagnostic import WORDS, Diagnostic, Words

__all__ = [
    "history_dates",
    "history_order",
    "history_references",
    "legacy_fields",
    "one_ending",
    "part_years_known",
    "payments_as_due",
    "status_matches",
]

_MIGRATE = N_("run `iopctl migrate {file}` to move it into history (the file keeps its comments)")


@check("period", "termination")
def legacy_fields(ctx: Context) -> Iterator[Diagnostic]:
    """IOP231: extensions, notice and amendments written in their older places."""
    agreement = ctx.agreement
    period, termination = agreement.period, agreement.termination
    places: list[tuple[Path, str]] = []
    if period is not None and period.extensions_taken:
        places.append((("period", "extensions_taken"), N_("an extension decided")))
    if termination is not None and termination.record is not None:
        places.append((("termination", "record"), N_("a notice given")))
    if agreement.amendments:
        places.append((("amendments",), N_("an amendment")))
    for path, what in places:
        where = ".".join(str(p) for p in path)
        yield ctx.warning(
            path,
            "IOP231",
            N_("{where} is the older place for {what}; it now belongs in history"),
            _MIGRATE,
            where=where,
            what=Words(what),
            file=ctx.source.file,
        )


@check("history")
def history_order(ctx: Context) -> Iterator[Diagnostic]:
    """IOP235: history is written in date order (an entry before the one above it)."""
    previous: dt.date | None = None
    for i, entry in enumerate(ctx.agreement.history):
        if entry.date is None:
            continue
        if previous is not None and latest(entry.date) < previous:
            yield ctx.warning(
                ("history", i, "date"),
                "IOP235",
                N_("dated {date}, before the entry above it ({previous})"),
                N_("keep history in date order, so that it reads as what happened"),
                date=entry.date,
                previous=previous,
            )
        previous = max(previous, earliest(entry.date)) if previous else earliest(entry.date)


@check("history", "economy", "follow_up", "sources")
def history_references(ctx: Context) -> Iterator[Diagnostic]:
    """IOP233: reports, sources and contributions that entries name exist."""
    agreement = ctx.agreement
    reports = [r.title for r in agreement.follow_up.reports] if agreement.follow_up else []
    sources = [s.id for s in agreement.sources if s.id is not None]
    contributions = agreement.economy.contributions if agreement.economy else []
    for i, entry in enumerate(agreement.history):
        if isinstance(entry, ReportReceived) and entry.report not in reports:
            hint = maybe_meant(entry.report, reports) or (
                Words(
                    N_("use a title from follow_up.reports: {titles}"),
                    {"titles": ", ".join(reports)},
                )
                if reports
                else Words(N_("add the report under follow_up.reports"))
            )
            yield ctx.error(
                ("history", i, "report"),
                "IOP233",
                N_("no report is titled {report!r}"),
                WORDS,
                report=entry.report,
                words=hint,
            )
        if entry.source is not None and entry.source not in sources:
            hint = maybe_meant(entry.source, sources) or Words(
                N_("give the document an id under sources")
            )
            yield ctx.error(
                ("history", i, "source"),
                "IOP233",
                N_("no source has the id {source!r}"),
                WORDS,
                source=entry.source,
                words=hint,
            )
        yield from _contribution_reference(ctx, i, entry, contributions)
    for i, item in enumerate(agreement.inferred):
        if item.source is not None and item.source not in sources:
            yield ctx.error(
                ("inferred", i, "source"),
                "IOP233",
                N_("no source has the id {source!r}"),
                N_("give the document an id under sources"),
                source=item.source,
            )
        if not _in_file(ctx, item.field):
            yield ctx.error(
                ("inferred", i, "field"),
                "IOP233",
                N_("the file has no value at {field}"),
                N_("name a field the file states, e.g. period.start or signatures[0].date"),
                field=item.field,
            )


def _contribution_reference(
    ctx: Context, i: int, entry: object, contributions: Sequence[object]
) -> Iterator[Diagnostic]:
    number = getattr(entry, "contribution", None)
    if isinstance(entry, PaymentEntry) and number is None:
        if payment_owner(ctx.facts, entry) is None:
            yield ctx.error(
                ("history", i),
                "IOP233",
                N_("this payment could belong to more than one contribution, or to none"),
                N_("add `contribution: N` (the contribution's number under economy, from 1)"),
            )
        return
    if number is None:
        return
    if number > len(contributions):
        yield ctx.error(
            ("history", i, "contribution"),
            "IOP233",
            N_("there is no contribution {number} (the agreement has {count})"),
            N_("number the contributions under economy.contributions from 1"),
            number=number,
            count=len(contributions),
        )
        return
    target = contributions[number - 1]
    if isinstance(entry, PaymentEntry | AmendmentEntry) and not isinstance(
        target, MoneyContribution
    ):
        yield ctx.error(
            ("history", i, "contribution"),
            "IOP233",
            N_("contribution {number} is not money"),
            N_("name the money contribution"),
            number=number,
        )
    if isinstance(entry, ConditionMet) and (
        not isinstance(target, MoneyContribution) or target.conditional_on is None
    ):
        yield ctx.error(
            ("history", i, "contribution"),
            "IOP233",
            N_("contribution {number} has no condition (conditional_on)"),
            N_("name the contribution whose money depends on the condition"),
            number=number,
        )


def _in_file(ctx: Context, field: str) -> bool:
    """Whether ``signatures[0].date``-style ``field`` names a value in the file."""
    data = ctx.source.data
    for name, index in re.findall(r"([a-z_]+)|\[([0-9]+)\]", field):
        if name and isinstance(data, dict) and name in data:
            data = data[name]
        elif index and isinstance(data, list) and int(index) < len(data):
            data = data[int(index)]
        else:
            return False
    return True


@check("history", "period")
def history_dates(ctx: Context) -> Iterator[Diagnostic]:
    """IOP232: what changes the agreement happens while it is in force; payments and
    reports within a year of it."""
    term = ctx.term
    first, last = term.first_window, term.last_window
    for i, entry in enumerate(ctx.agreement.history):
        if entry.date is None:
            continue
        lo, hi = earliest(entry.date), latest(entry.date)
        strict = isinstance(entry, NoticeEntry | PartyJoined | PartyLeft | AmendmentEntry)
        if strict and first is not None and hi < first[0]:
            yield ctx.error(
                ("history", i, "date"),
                "IOP232",
                N_("dated {date}, before the agreement starts ({start_when})"),
                N_("check the date; what happened before the start belongs to another agreement"),
                date=entry.date,
                start_when=term.start_when,
            )
        elif strict and last is not None and lo > last[1]:
            yield ctx.error(
                ("history", i, "date"),
                "IOP232",
                N_("dated {date}, after the agreement's last day in force ({last})"),
                N_("check the date, or record the extension that kept the agreement in force"),
                date=entry.date,
                last=last[1],
            )
        elif isinstance(entry, PaymentEntry | ReportReceived) and _far(lo, hi, first, last):
            yield ctx.warning(
                ("history", i, "date"),
                "IOP232",
                N_("dated {date}, more than a year outside the agreement's period"),
                N_("check the date"),
                date=entry.date,
            )


def _far(
    lo: dt.date,
    hi: dt.date,
    first: tuple[dt.date, dt.date] | None,
    last: tuple[dt.date, dt.date] | None,
) -> bool:
    """More than a year before the start or after the last day in force."""
    after = last is not None and (lo - last[1]).days > 366
    return after or (first is not None and (first[0] - hi).days > 366)


@check("history", "termination")
def one_ending(ctx: Context) -> Iterator[Diagnostic]:
    """IOP236: one notice or early end ends an agreement; a second one is a mistake."""
    endings = [
        i
        for i, entry in enumerate(ctx.agreement.history)
        if isinstance(entry, NoticeEntry | EndedEarly)
    ]
    if ctx.term.notice is not None and ctx.term.notice.path[0] != "history":
        endings.insert(0, -1)
    for i in endings[1:]:
        yield ctx.error(
            ("history", i),
            "IOP236",
            N_("the agreement already ended by an earlier notice or early end in the file"),
            N_("keep the one that ended the agreement; note the others under `note`"),
        )


@check("history", "economy", "period")
def payments_as_due(ctx: Context) -> Iterator[Diagnostic]:
    """IOP234: an amount paid that differs from the amount due, naming both."""
    facts = ctx.facts
    paid, _ = payments_settled(facts)
    if not paid:
        return
    due = {(p.position, p.date): p for p in facts.payments}
    for (position, day), settled in sorted(paid.items()):
        payment = due[(position, day)]
        if payment.amount is None or settled.amount is None or payment.amount == settled.amount:
            continue
        yield ctx.warning(
            settled.path,
            "IOP234",
            N_("paid {kronor} on {on}, but {kronor2} was due on {day} (contribution {value})"),
            N_("check the amount; if the agreement was changed, record the amendment"),
            kronor=kronor(settled.amount),
            on=settled.on,
            kronor2=kronor(payment.amount),
            day=day,
            value=position + 1,
        )


_ENDED = ("ended", "ended_early")


@check("status", "period", "history", "signatures", "parties", "termination")
def status_matches(ctx: Context) -> Iterator[Diagnostic]:
    """IOP230: the ``status`` written in the file against the status derived on ``as_of``."""
    claimed = ctx.agreement.status
    if claimed is None:
        return
    derived = ctx.facts.status
    term, status = ctx.term, derived.status
    message: Words | None = None
    if claimed == "active" and status in _ENDED:
        when = term.latest_last_day
        message = Words(
            N_("status says active, but the agreement's last day in force was {when}"),
            {"when": when},
        )
        hint = N_("write status: ended (or leave status out: iopctl derives it)")
    elif claimed == "ended" and status in ("in_force", "signed"):
        end = term.end_when
        message = Words(N_("status says ended, but the period runs until {end}"), {"end": end})
        hint = N_(
            "if it ended early, record it in history: `- kind: ended_early` (the date and "
            "who ended it may be left out when they are not known)"
        )
    elif claimed == "draft" and status not in ("draft", "decided", "decided_conditionally"):
        message = Words(N_("status says draft, but every party has signed"))
        hint = N_("write status: active (or leave status out: iopctl derives it)")
    if message is not None:
        yield ctx.warning(
            ("status",),
            "IOP230",
            N_("{status} (on {as_of})"),
            hint,
            status=message,
            as_of=ctx.as_of,
        )


@check("economy", "period")
def part_years_known(ctx: Context) -> Iterator[Diagnostic]:
    """IOP237: money of a year the dates do not determine (not for an agreement that has
    ended: its unknowns are history, honestly recorded)."""
    if ctx.facts.status.status in _ENDED or not ctx.facts.known_in_part:
        return
    for facts in ctx.facts.contributions:
        years = [row.year for row in facts.years if row.unknown == "part_unknown"]
        if not years:
            continue
        shown = ", ".join(str(y) for y in years)
        yield ctx.warning(
            ("economy", "contributions", facts.position),
            "IOP237",
            N_(
                "the amount for {shown} is unknown: a date it depends on (the period, an "
                "amendment, a party joining or leaving) is known only as a month, half year "
                "or year"
            ),
            N_(
                "write that date in full, or `part_years: full` if each year counts in full, "
                "or the amounts per year under `amounts`"
            ),
            shown=shown,
        )
