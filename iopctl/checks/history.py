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
from iopctl.present.suggest import did_you_mean
from iopctl.problems.diagnostic import Diagnostic

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

_MIGRATE = "run `iopctl migrate {file}` to move it into history (the file keeps its comments)"


@check("period", "termination")
def legacy_fields(ctx: Context) -> Iterator[Diagnostic]:
    """IOP231: extensions, notice and amendments written in their older places."""
    agreement, hint = ctx.agreement, _MIGRATE.format(file=ctx.source.file)
    period, termination = agreement.period, agreement.termination
    places: list[tuple[Path, str]] = []
    if period is not None and period.extensions_taken:
        places.append((("period", "extensions_taken"), "an extension decided"))
    if termination is not None and termination.record is not None:
        places.append((("termination", "record"), "notice given"))
    if agreement.amendments:
        places.append((("amendments",), "an amendment"))
    for path, what in places:
        where = ".".join(str(p) for p in path)
        yield ctx.warning(
            path,
            "IOP231",
            f"{where} is the older place for {what}; it now belongs in history",
            hint,
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
                f"dated {entry.date}, before the entry above it ({previous})",
                "keep history in date order, so that it reads as what happened",
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
            hint = did_you_mean(entry.report, reports) or (
                "use a title from follow_up.reports: " + ", ".join(reports)
                if reports
                else "add the report under follow_up.reports"
            )
            yield ctx.error(
                ("history", i, "report"), "IOP233", f"no report is titled {entry.report!r}", hint
            )
        if entry.source is not None and entry.source not in sources:
            hint = did_you_mean(entry.source, sources) or "give the document an id under sources"
            yield ctx.error(
                ("history", i, "source"), "IOP233", f"no source has the id {entry.source!r}", hint
            )
        yield from _contribution_reference(ctx, i, entry, contributions)
    for i, item in enumerate(agreement.inferred):
        if item.source is not None and item.source not in sources:
            yield ctx.error(
                ("inferred", i, "source"),
                "IOP233",
                f"no source has the id {item.source!r}",
                "give the document an id under sources",
            )
        if not _in_file(ctx, item.field):
            yield ctx.error(
                ("inferred", i, "field"),
                "IOP233",
                f"the file has no value at {item.field}",
                "name a field the file states, e.g. period.start or signatures[0].date",
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
                "this payment could belong to more than one contribution, or to none",
                "add `contribution: N` (the contribution's number under economy, from 1)",
            )
        return
    if number is None:
        return
    if number > len(contributions):
        yield ctx.error(
            ("history", i, "contribution"),
            "IOP233",
            f"there is no contribution {number} (the agreement has {len(contributions)})",
            "number the contributions under economy.contributions from 1",
        )
        return
    target = contributions[number - 1]
    if isinstance(entry, PaymentEntry | AmendmentEntry) and not isinstance(
        target, MoneyContribution
    ):
        yield ctx.error(
            ("history", i, "contribution"),
            "IOP233",
            f"contribution {number} is not money",
            "name the money contribution",
        )
    if isinstance(entry, ConditionMet) and (
        not isinstance(target, MoneyContribution) or target.conditional_on is None
    ):
        yield ctx.error(
            ("history", i, "contribution"),
            "IOP233",
            f"contribution {number} has no condition (conditional_on)",
            "name the contribution whose money depends on the condition",
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
                f"dated {entry.date}, before the agreement starts ({term.start_when})",
                "check the date; what happened before the start belongs to another agreement",
            )
        elif strict and last is not None and lo > last[1]:
            yield ctx.error(
                ("history", i, "date"),
                "IOP232",
                f"dated {entry.date}, after the agreement's last day in force ({last[1]})",
                "check the date, or record the extension that kept the agreement in force",
            )
        elif isinstance(entry, PaymentEntry | ReportReceived) and _far(lo, hi, first, last):
            yield ctx.warning(
                ("history", i, "date"),
                "IOP232",
                f"dated {entry.date}, more than a year outside the agreement's period",
                "check the date",
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
            "the agreement already ended by an earlier notice or early end in the file",
            "keep the one that ended the agreement; note the others under `note`",
        )


@check("history", "economy", "period")
def payments_as_due(ctx: Context) -> Iterator[Diagnostic]:
    """IOP234: an amount paid that differs from the amount due, naming both."""
    facts = ctx.facts
    paid, _ = payments_settled(facts)
    due = {(p.position, p.date): p for p in facts.payments}
    for (position, day), settled in sorted(paid.items()):
        payment = due[(position, day)]
        if payment.amount is None or settled.amount is None or payment.amount == settled.amount:
            continue
        yield ctx.warning(
            settled.path,
            "IOP234",
            f"paid {kronor(settled.amount)} on {settled.on}, but {kronor(payment.amount)} "
            f"was due on {day} (contribution {position + 1})",
            "check the amount; if the agreement was changed, record the amendment",
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
    message = None
    if claimed == "active" and status in _ENDED:
        when = term.last_day or (term.last_window[1] if term.last_window else None)
        message = f"status says active, but the agreement's last day in force was {when}"
        hint = "write status: ended (or leave status out: iopctl derives it)"
    elif claimed == "ended" and status in ("in_force", "signed"):
        end = term.end_when
        message = f"status says ended, but the period runs until {end}"
        hint = (
            "if it ended early, record it in history: `- kind: ended_early` (the date and "
            "who ended it may be left out when they are not known)"
        )
    elif claimed == "draft" and status not in ("draft", "decided", "decided_conditionally"):
        message = "status says draft, but every party has signed"
        hint = "write status: active (or leave status out: iopctl derives it)"
    if message is not None:
        yield ctx.warning(("status",), "IOP230", f"{message} (on {ctx.as_of})", hint)


@check("economy", "period")
def part_years_known(ctx: Context) -> Iterator[Diagnostic]:
    """IOP237: money of a year the dates do not determine (not for an agreement that has
    ended: its unknowns are history, honestly recorded)."""
    if ctx.facts.status.status in _ENDED:
        return
    for facts in ctx.facts.contributions:
        years = [row.year for row in facts.years if row.unknown == "part_unknown"]
        if not years:
            continue
        shown = ", ".join(str(y) for y in years)
        yield ctx.warning(
            ("economy", "contributions", facts.position),
            "IOP237",
            f"the amount for {shown} is unknown: a date it depends on (the period, an "
            "amendment, a party joining or leaving) is known only as a month, half year "
            "or year",
            "write that date in full, or `part_years: full` if each year counts in full, "
            "or the amounts per year under `amounts`",
        )
