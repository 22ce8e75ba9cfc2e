"""The extension memo's facts: the period as extended and the money in each of its years.

The amounts are those of :meth:`iopctl.facts.Facts.extended` — the same rules as every
other command, over the period as extended, with the index figures known on ``as_of`` —
so the memo cannot show another figure than ``economy`` for the years they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from decimal import Decimal
from typing import Any, Literal

from iopctl.errors import IopctlError, OptionError
from iopctl.facts import Facts
from iopctl.facts.amounts import ContributionFacts
from iopctl.facts.status import parties_on
from iopctl.facts.term import NoticeOutcome
from iopctl.frozen import frozen
from iopctl.i18n import N_, Words
from iopctl.model.agreement import Extension, MoneyContribution, Party
from iopctl.model.types import Duration
from iopctl.problems.diagnostic import HINT

__all__ = [
    "ExtensionInfo",
    "IndexedAmount",
    "IndexedContribution",
    "Refusal",
    "after_end",
    "build_extension",
    "notice_already_given",
    "refuse_after_end",
]


@frozen
class IndexedAmount:
    """One year's amount; when its index figure is missing, ``missing`` says why:
    ``later`` (published after the memo's date, iopctl has it) or ``absent`` (iopctl has
    no figure for the year), so the memo never says "not yet published" of a figure that
    may well be published but is missing from iopctl's data."""

    year: int
    amount: Decimal
    percent: Decimal | None
    status: str | None
    published: bool
    in_extension: bool
    missing: str | None = None


@frozen
class IndexedContribution:
    party: Party | None
    contribution: MoneyContribution
    index: str | None
    indexed: bool
    base_year: int | None
    rows: list[IndexedAmount]
    unpublished: list[int]
    later: list[int]
    absent: list[int]


@frozen
class ExtensionInfo:
    """The extension proposed: its dates, whether the clause allows it, the money of the
    new period, and the parties in the agreement on the day it is decided (who sign the
    extension agreement; one that has left does not)."""

    decided_on: dt.date
    current_end: dt.date
    new_start: dt.date
    new_end: dt.date
    length: Duration | None
    option: Extension | None
    within_option: bool
    number: int
    contributions: list[IndexedContribution]
    unpublished: list[int]
    parties: list[Party]


def _has_figure(facts: Facts, index: str | None, year: int) -> bool:
    """iopctl's data holds the year's figure (perhaps published after ``as_of``)."""
    reference = facts.reference
    series = reference.series.get(index) if reference is not None and index else None
    return series is not None and series.lookup(year) is not None


def _indexed(
    c: ContributionFacts, party: Party | None, extension_from: int, facts: Facts
) -> IndexedContribution:
    """One money contribution over the extended term, as the economy computes it."""
    assert isinstance(c.contribution, MoneyContribution)
    indexed = c.first_indexed_year is not None and not any(
        row.unknown in ("unknown_index", "not_after_base") for row in c.years
    )
    rows: list[IndexedAmount] = []
    unpublished: list[int] = []
    for row in c.years:
        amount = row.amount if row.amount is not None else row.latest
        if amount is None:
            continue
        missing = None
        if row.amount is None:
            unpublished.append(row.year)
            missing = "later" if _has_figure(facts, c.index, row.year) else "absent"
        rows.append(
            IndexedAmount(
                year=row.year,
                amount=amount,
                percent=row.index.percent if row.index is not None else None,
                status=row.index.status if row.index is not None else None,
                published=row.amount is not None,
                in_extension=row.year >= extension_from,
                missing=missing,
            )
        )
    later = [r.year for r in rows if r.missing == "later"]
    absent = [r.year for r in rows if r.missing == "absent"]
    return IndexedContribution(
        party, c.contribution, c.index, indexed, c.base_year, rows, unpublished, later, absent
    )


@frozen
class Refusal:
    """Why a document cannot be made, and what to do instead: catalogue ids and what fills
    them (``args``), said when shown."""

    reason: str
    hint: str = ""
    args: Mapping[str, Any] = field(default_factory=dict)

    def error(self, file: str | None = None) -> IopctlError:
        """The refusal as the error that stops a command (naming ``file`` first)."""
        if file is None:
            return IopctlError(self.reason, hint=self.hint, **self.args)
        return IopctlError(
            N_("{file}: {reason}"),
            hint=HINT if self.hint else "",
            file=file,
            reason=Words(self.reason, self.args),
            hint_words=Words(self.hint, self.args),
        )

    def words(self) -> Words:
        """The reason, said when shown (the hint of a missing field in a template)."""
        return Words(self.reason, self.args)


def after_end(facts: Facts, day: dt.date, what: Literal["notice", "extension"]) -> Refusal | None:
    """Why a letter dated ``day``, after the agreement's last day in force, cannot be made
    (notice, extension): there is nothing left to end or extend. One wording for both.

    An early end known only in part (``date: 2021``) counts by the latest day it can be,
    as ``list`` shows it ("mellan 2021-01-01 och 2021-12-31"): a letter dated after that
    would say the agreement is in force when the history says it has ended."""
    term = facts.term
    last = term.latest_last_day or term.end
    if last is None or day <= last:
        return None
    args = {"last": last.isoformat(), "day": day.isoformat()}
    window = term.last_window if term.last_day is None else None
    if window is not None and window[0] != window[1]:
        args["first"] = window[0].isoformat()
        reason = (
            N_(
                "the agreement ended between {first} and {last}; "
                "notice given on {day} comes after that"
            )
            if what == "notice"
            else N_(
                "the agreement ended between {first} and {last}; "
                "an extension decided on {day} comes after that"
            )
        )
    else:
        reason = (
            N_("the agreement ended on {last}; notice given on {day} comes after that")
            if what == "notice"
            else N_("the agreement ended on {last}; an extension decided on {day} comes after that")
        )
    return Refusal(
        reason, N_("check --given-on; an agreement that has ended is replaced by a new one"), args
    )


def refuse_after_end(facts: Facts, day: dt.date, what: Literal["notice", "extension"]) -> None:
    """Stop with :func:`after_end`'s reason, if there is one."""
    refusal = after_end(facts, day, what)
    if refusal is not None:
        raise refusal.error()


def notice_already_given(facts: Facts, party: str, outcome: NoticeOutcome) -> Refusal | None:
    """Why a notice by ``party`` with ``outcome`` cannot be made against the notice the
    history records: the letter would say a last day in force that ``list`` and ``due``
    do not. A later notice that would end the agreement after the recorded one changes
    nothing; the recorded notice itself (its party, its day) is made again unless the
    record states a last day the notice rule does not give (``effective``), which the
    letter cannot say. A notice that ends the agreement sooner than a recorded later
    effect still can be made."""
    recorded, last = facts.term.notice, facts.term.last_day
    if recorded is None or last is None:
        return None
    where = _where(recorded.path)
    if party == recorded.given_by and recorded.given_on == outcome.given_on:
        stated = recorded.effective if recorded.effective_stated else None
        if stated is None or stated == outcome.last_day:
            return None
        return Refusal(
            N_(
                "the notice recorded in {where} says the agreement is in force through "
                "{stated}; notice received on {day} gives {computed}: a letter cannot say both"
            ),
            N_("correct {where}.effective, or write this letter by hand"),
            {
                "where": where,
                "stated": stated.isoformat(),
                "day": outcome.given_on.isoformat(),
                "computed": outcome.last_day.isoformat(),
            },
        )
    if outcome.period_ends <= last:
        return None
    return Refusal(
        N_(
            "notice was already given on {given_on} ({where}): the agreement is in force "
            "through {last}, before this notice would take effect on {ends}"
        ),
        N_("a notice that ends it later changes nothing; remove {where} if that one was withdrawn"),
        {
            "given_on": str(recorded.given_on),
            "where": where,
            "last": last.isoformat(),
            "ends": outcome.period_ends.isoformat(),
        },
    )


def _where(path: tuple[str | int, ...]) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")


def build_extension(facts: Facts, *, new_end: dt.date | None) -> ExtensionInfo | Refusal:
    """The extension's facts, or the reason they cannot be computed.

    The amounts are those of :meth:`Facts.extended`: the same rules as every other
    command, over the period as extended, with the index figures known on ``as_of``.
    """
    period = facts.agreement.period
    current_end = facts.term.end
    if period is None or current_end is None:
        return Refusal(
            N_("the agreement has no end date (period.end), so it cannot be extended"),
            N_("add period.end, or period.start and period.length"),
        )
    notice = facts.term.notice
    if notice is not None:
        return Refusal(
            N_(
                "notice was given on {given_on} ({where}): "
                "an agreement that has been given notice is not extended"
            ),
            N_("remove {where} if the notice was withdrawn"),
            {"given_on": notice.given_on, "where": _where(notice.path)},
        )
    ended = after_end(facts, facts.as_of, "extension")
    if ended is not None:
        return ended
    early = facts.term.early
    if early is not None:  # known on the memo's day, and still to come
        return Refusal(
            N_("an early end is recorded ({where}): an agreement that ends early is not extended"),
            N_("remove {where} if the early end was withdrawn"),
            {"where": _where(early.path)},
        )
    option = period.extension
    length: Duration | None = None
    if new_end is None:
        if option is None or option.length is None:
            return Refusal(
                N_("the agreement states no extension length"), N_("give --new-end DATE")
            )
        length = option.length
        new_end = option.length.add_to(current_end)
    elif (
        option is not None
        and option.length is not None
        and option.length.add_to(current_end) == new_end
    ):
        length = option.length
    if new_end <= current_end:
        raise OptionError(
            "new_end",
            new_end.isoformat(),
            N_("not after the current end {end}"),
            hint=N_("the new end is the last day of the extended period"),
            end=current_end.isoformat(),
        )
    used = len(facts.term.extensions)  # decided ones, in the history or the older field
    within = option is not None and (
        option.unlimited
        or (
            (option.times is None or used < option.times)
            and (option.length is None or new_end <= option.length.add_to(current_end))
        )
    )
    new_start = current_end + dt.timedelta(days=1)
    extended = facts.extended(new_end)
    contributions = [
        _indexed(c, facts.agreement.party(c.party), new_start.year, facts)
        for c in extended.contributions
        if c.kind == "money" and c.stated is not None
    ]
    unpublished = sorted({y for item in contributions for y in item.unpublished})
    return ExtensionInfo(
        decided_on=facts.as_of,
        current_end=current_end,
        new_start=new_start,
        new_end=new_end,
        length=length,
        option=option,
        within_option=within,
        number=used + 1,
        contributions=contributions,
        unpublished=unpublished,
        parties=[p for p in facts.agreement.parties if p.id in parties_on(facts, facts.as_of)],
    )
