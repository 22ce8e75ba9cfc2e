"""What a template sees besides the agreement: facts computed for it (views).

:data:`ROOT_TYPES` lists every variable a template may use. ``economy`` (the table of
contributions), ``followup`` and ``record`` (``--record``), ``notice`` (``--party``,
``--given-on``) and ``extension`` (``--new-end``, indexed amounts for the new period)
are built here from the agreement and the options; the lint checks templates against
the same types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from iopctl.errors import IopctlError, OptionError
from iopctl.facts import Facts
from iopctl.facts.amounts import ContributionFacts
from iopctl.facts.term import notice_effect
from iopctl.model.agreement import (
    Agreement,
    Extension,
    FollowUpRecord,
    InKindContribution,
    MoneyContribution,
    PartialAgreement,
    Party,
    Signature,
    VolunteerContribution,
)
from iopctl.model.types import Duration

__all__ = [
    "ROOT_TYPES",
    "DocInfo",
    "EconomyRow",
    "EconomyView",
    "ExtensionInfo",
    "FollowUpView",
    "IndexedAmount",
    "IndexedContribution",
    "MoneyYear",
    "NoticeInfo",
    "Refusal",
    "build_economy",
    "build_extension",
    "build_followup",
    "build_notice",
    "select_record",
]


# --- views: facts computed for templates -------------------------------------------------------


@dataclass(frozen=True)
class DocInfo:
    """About the document being rendered."""

    template: str
    lang: str
    file: str
    draft: bool


@dataclass(frozen=True)
class EconomyRow:
    """One contribution as a row of the economy table; ``value`` is its stated yearly value."""

    party: Party | None
    contribution: MoneyContribution | VolunteerContribution | InKindContribution
    value: Decimal | None


@dataclass(frozen=True)
class MoneyYear:
    """One money contribution in one year, as :class:`~iopctl.facts.Facts` derives it
    (for the appendix of computed amounts). ``units``/``of``/``unit`` give the part of a
    part year; ``unknown`` why an amount is not known."""

    year: int
    party_name: str
    amount: Decimal | None
    qualifier: str | None
    conditional: bool
    units: int | None
    of: int | None
    unit: str | None
    unknown: str | None


@dataclass(frozen=True)
class EconomyView:
    rows: list[EconomyRow]
    parties: list[Party]
    total: Decimal | None
    unvalued: int
    conditional: int
    years: list[MoneyYear]


@dataclass(frozen=True)
class FollowUpView:
    number: int
    count: int
    figures_at: int
    participants: list[Party]


@dataclass(frozen=True)
class NoticeInfo:
    party: Party
    recipients: list[Party]
    given_on: dt.date
    notice_period: Duration | None
    effective: dt.date | None
    end: dt.date | None
    ends_before_effective: bool
    signature: Signature | None


@dataclass(frozen=True)
class IndexedAmount:
    year: int
    amount: Decimal
    percent: Decimal | None
    status: str | None
    published: bool
    in_extension: bool


@dataclass(frozen=True)
class IndexedContribution:
    party: Party | None
    contribution: MoneyContribution
    index: str | None
    indexed: bool
    base_year: int | None
    rows: list[IndexedAmount]
    unpublished: list[int]


@dataclass(frozen=True)
class ExtensionInfo:
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


ROOT_TYPES: dict[str, Any] = {
    "agreement": Agreement,
    "doc": DocInfo,
    "economy": EconomyView,
    "record": FollowUpRecord,
    "followup": FollowUpView,
    "notice": NoticeInfo,
    "extension": ExtensionInfo,
}
"""Every template sees these variables; those that need options are Missing without them."""


def build_economy(facts: Facts) -> EconomyView:
    """The economy table: each contribution's stated yearly value (before indexation)."""
    rows: list[EconomyRow] = []
    parties: list[Party] = []
    for c in facts.contributions:
        party = facts.agreement.party(c.party)
        rows.append(EconomyRow(party, c.contribution, c.stated))
        if party is not None and all(p is not party for p in parties):
            parties.append(party)
    # Money conditional on a decision not yet taken is not in the sum (docs/money.md).
    conditional = [
        r
        for r in rows
        if isinstance(r.contribution, MoneyContribution) and r.contribution.conditional_on
    ]
    values = [r.value for r in rows if r.value is not None and r not in conditional]
    total = sum(values, Decimal(0)) if values else None
    years = [
        MoneyYear(
            row.year,
            c.party_name,
            row.amount,
            row.qualifier,
            row.conditional,
            row.portion.units if row.portion else None,
            row.portion.of if row.portion else None,
            row.portion.unit if row.portion else None,
            row.unknown,
        )
        for c in facts.contributions
        if c.kind == "money"
        for row in c.years
    ]
    unvalued = sum(1 for r in rows if r.value is None)
    return EconomyView(rows, parties, total, unvalued, len(conditional), years)


def select_record(agreement: PartialAgreement, which: dt.date | int | None) -> int:
    """The index of the follow-up record: on a date, or a 1-based number (-1 = last).

    Default: the latest by date (the last one in the file among equal dates).
    """
    records = agreement.follow_ups
    if not records:
        raise IopctlError(
            f"{agreement.id or 'the agreement'} has no follow-up records (follow_ups) to report on",
            hint="add a follow_ups entry with date, sections and figures",
        )
    if which is None:
        return max(range(len(records)), key=lambda i: (records[i].date, i))
    if isinstance(which, int):
        if 1 <= which <= len(records):
            return which - 1
        if -len(records) <= which <= -1:
            return len(records) + which
        raise OptionError(
            "record",
            which,
            f"there are {len(records)} follow-up records",
            hint=f"use 1–{len(records)} (1 is the first in the file, -1 the last) or a date",
        )
    matches = [i for i, r in enumerate(records) if r.date == which]
    if not matches:
        dates = ", ".join(sorted({r.date.isoformat() for r in records}))
        raise OptionError("record", which, "no follow-up on that date", hint=f"records: {dates}")
    if len(matches) > 1:
        numbers = ", ".join(str(i + 1) for i in matches)
        raise OptionError(
            "record",
            which,
            f"{len(matches)} follow-ups on that date",
            hint=f"choose by number: {numbers}",
        )
    return matches[0]


def build_followup(agreement: PartialAgreement, index: int) -> FollowUpView:
    record = agreement.follow_ups[index]
    figures_at = len(record.sections)
    party_sections = [i for i, s in enumerate(record.sections) if s.party is not None]
    if party_sections:
        figures_at = party_sections[-1] + 1
    participants = [p for p in (agreement.party(s) for s in record.participants) if p is not None]
    return FollowUpView(index + 1, len(agreement.follow_ups), figures_at, participants)


def build_notice(facts: Facts, party_id: str | None, given_on: dt.date | None) -> NoticeInfo:
    """The notice letter's facts; ``given_on`` defaults to the recorded notice or ``as_of``."""
    agreement = facts.agreement
    termination = agreement.termination
    record = termination.record if termination is not None else None
    ids = ", ".join(p.id for p in agreement.parties) or "(none)"
    if party_id is None:
        if record is None:
            raise OptionError(
                "party",
                None,
                "a notice needs the party that gives it (--party ID)",
                hint=f"parties: {ids}",
            )
        party_id = record.given_by
    party = agreement.party(party_id)
    if party is None:
        raise OptionError("party", party_id, f"no such party in {facts.id}", hint=f"use {ids}")
    if given_on is None:
        given_on = (
            record.given_on if record is not None and record.given_by == party_id else facts.as_of
        )
    period = termination.notice_period if termination is not None else None
    effective = notice_effect(given_on, period) if period is not None else None
    end = facts.term.end
    if end is not None and given_on > end:
        raise IopctlError(
            f"the agreement ended on {end.isoformat()}; notice given on {given_on.isoformat()} "
            "comes after that",
            hint="check --given-on",
        )
    signature = next((s for s in agreement.signatures if s.party == party_id), None)
    return NoticeInfo(
        party=party,
        recipients=[p for p in agreement.parties if p.id != party_id],
        given_on=given_on,
        notice_period=period,
        effective=effective,
        end=end,
        ends_before_effective=end is not None and effective is not None and end < effective,
        signature=signature,
    )


def _indexed(c: ContributionFacts, party: Party | None, extension_from: int) -> IndexedContribution:
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
        if row.amount is None:
            unpublished.append(row.year)
        rows.append(
            IndexedAmount(
                year=row.year,
                amount=amount,
                percent=row.index.percent if row.index is not None else None,
                status=row.index.status if row.index is not None else None,
                published=row.amount is not None,
                in_extension=row.year >= extension_from,
            )
        )
    return IndexedContribution(
        party, c.contribution, c.index, indexed, c.base_year, rows, unpublished
    )


@dataclass(frozen=True)
class Refusal:
    """Why a document cannot be made, and what to do instead."""

    reason: str
    hint: str = ""


def build_extension(facts: Facts, *, new_end: dt.date | None) -> ExtensionInfo | Refusal:
    """The extension's facts, or the reason they cannot be computed.

    The amounts are those of :meth:`Facts.extended`: the same rules as every other
    command, over the period as extended, with the index figures known on ``as_of``.
    """
    period = facts.agreement.period
    current_end = facts.term.end
    if period is None or current_end is None:
        return Refusal(
            "the agreement has no end date (period.end), so it cannot be extended",
            "add period.end, or period.start and period.length",
        )
    notice = facts.term.notice
    if notice is not None:
        return Refusal(
            f"notice was given on {notice.given_on.isoformat()} (termination.record): "
            "an agreement that has been given notice is not extended",
            "remove termination.record if the notice was withdrawn",
        )
    option = period.extension
    length: Duration | None = None
    if new_end is None:
        if option is None or option.length is None:
            return Refusal("the agreement states no extension length", "give --new-end DATE")
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
            f"not after the current end {current_end.isoformat()}",
            hint="the new end is the last day of the extended period",
        )
    used = len(period.extensions_taken)
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
        _indexed(c, facts.agreement.party(c.party), new_start.year)
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
    )
