"""What a template sees besides the agreement: facts computed for it (views).

:data:`ROOT_TYPES` lists every variable a template may use. ``economy`` (the table of
contributions), ``followup`` and ``record`` (``--record``), ``notice`` (``--party``,
``--given-on``) and ``extension`` (``--new-end``, indexed amounts for the new period)
are built here from the agreement and the options; the lint checks templates against
the same types.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from iopctl.errors import IopctlError, UsageError
from iopctl.model.agreement import (
    Agreement,
    Economy,
    Extension,
    FollowUpRecord,
    InKindContribution,
    MoneyContribution,
    Party,
    Signature,
    VolunteerContribution,
)
from iopctl.model.types import Duration
from iopctl.money.arithmetic import IndexSeries, Rounding, index_chain_published
from iopctl.money.reference import ReferenceData

__all__ = [
    "ROOT_TYPES",
    "DocInfo",
    "EconomyRow",
    "EconomyView",
    "ExtensionInfo",
    "FollowUpView",
    "IndexedAmount",
    "IndexedContribution",
    "NoticeInfo",
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
class EconomyView:
    rows: list[EconomyRow]
    parties: list[Party]
    total: Decimal | None
    unvalued: int


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


def _contribution_value(contribution: object) -> Decimal | None:
    from iopctl.checks.domain import contribution_value

    return contribution_value(contribution)


def build_economy(agreement: Agreement) -> EconomyView:
    economy: Economy | None = agreement.economy
    contributions = list(economy.contributions) if economy is not None else []
    rows: list[EconomyRow] = []
    parties: list[Party] = []
    for contribution in contributions:
        party = agreement.party(contribution.party)
        rows.append(EconomyRow(party, contribution, _contribution_value(contribution)))
        if party is not None and all(p is not party for p in parties):
            parties.append(party)
    values = [r.value for r in rows if r.value is not None]
    total = sum(values, Decimal(0)) if values else None
    return EconomyView(rows, parties, total, sum(1 for r in rows if r.value is None))


def select_record(agreement: Agreement, spec: str | None) -> int:
    """The index of the follow-up record: ``--record DATE`` or a 1-based ``INDEX`` (-1 = last).

    Default: the latest by date (the last one in the file among equal dates).
    """
    records = agreement.follow_ups
    if not records:
        raise IopctlError(
            f"{agreement.id or 'the agreement'} has no follow-up records (follow_ups) to report on",
            hint="add a follow_ups entry with date, sections and figures",
        )
    if spec is None:
        return max(range(len(records)), key=lambda i: (records[i].date, i))
    if re.fullmatch(r"-?\d+", spec.strip()):
        number = int(spec)
        if 1 <= number <= len(records):
            return number - 1
        if -len(records) <= number <= -1:
            return len(records) + number
        raise UsageError(
            f"--record {spec}: there are {len(records)} follow-up records",
            hint=f"use 1–{len(records)} (1 is the first in the file, -1 the last) or a date",
        )
    try:
        day = dt.date.fromisoformat(spec.strip())
    except ValueError:
        raise UsageError(
            f"--record {spec!r} is neither a date (YYYY-MM-DD) nor a number",
            hint="e.g. --record 2020-08-04 or --record 1",
        ) from None
    matches = [i for i, r in enumerate(records) if r.date == day]
    if not matches:
        dates = ", ".join(sorted({r.date.isoformat() for r in records}))
        raise UsageError(f"--record {spec}: no follow-up on that date", hint=f"records: {dates}")
    if len(matches) > 1:
        numbers = ", ".join(str(i + 1) for i in matches)
        raise UsageError(
            f"--record {spec}: {len(matches)} follow-ups on that date",
            hint=f"choose by number: {numbers}",
        )
    return matches[0]


def build_followup(agreement: Agreement, index: int) -> FollowUpView:
    record = agreement.follow_ups[index]
    figures_at = len(record.sections)
    party_sections = [i for i, s in enumerate(record.sections) if s.party is not None]
    if party_sections:
        figures_at = party_sections[-1] + 1
    participants = [p for p in (agreement.party(s) for s in record.participants) if p is not None]
    return FollowUpView(index + 1, len(agreement.follow_ups), figures_at, participants)


def build_notice(
    agreement: Agreement, party_id: str | None, given_on: dt.date | None
) -> NoticeInfo:
    termination = agreement.termination
    record = termination.record if termination is not None else None
    ids = ", ".join(p.id for p in agreement.parties) or "(none)"
    if party_id is None:
        if record is None:
            raise UsageError(
                "a notice needs the party that gives it: --party ID",
                hint=f"parties: {ids}",
            )
        party_id = record.given_by
    party = agreement.party(party_id)
    if party is None:
        raise UsageError(
            f"--party {party_id}: no such party in {agreement.id or 'the agreement'}",
            hint=f"use {ids}",
        )
    if given_on is None:
        if record is not None and record.given_by == party_id:
            given_on = record.given_on
        else:
            from iopctl.clock import today_stockholm

            given_on = today_stockholm()
    period = termination.notice_period if termination is not None else None
    effective = period.add_to(given_on) if period is not None else None
    end = agreement.end_date
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


def _rounding(agreement: Agreement) -> Rounding:
    rule = agreement.economy.rounding if agreement.economy is not None else None
    if rule is None:
        return Rounding()
    return Rounding(mode=rule.mode, unit=rule.unit)


def _indexed(
    contribution: MoneyContribution,
    party: Party | None,
    *,
    first_year: int,
    last_year: int,
    extension_from: int,
    series: Mapping[str, IndexSeries],
    rounding: Rounding,
    known_on: dt.date,
) -> IndexedContribution | None:
    amount = contribution.amount_per_year
    if amount is None:
        return None
    base_year = contribution.base_year or first_year
    last_year = max(last_year, base_year)
    indexation = contribution.indexation
    name = indexation.index if indexation is not None else None
    chosen = series.get(name) if name is not None else None
    first_indexed = indexation.from_date.year if indexation is not None else None
    if chosen is None or first_indexed is None or first_indexed <= base_year:
        rows = [
            IndexedAmount(year, amount, None, None, True, year >= extension_from)
            for year in range(base_year, last_year + 1)
        ]
        return IndexedContribution(party, contribution, name, False, rows, [])
    chain, missing_from = index_chain_published(
        base_amount=amount,
        base_year=base_year,
        first_indexed_year=first_indexed,
        last_year=last_year,
        series=chosen,
        rounding=rounding,
        known_on=known_on,
    )
    rows = [
        IndexedAmount(
            year=row.year,
            amount=row.amount,
            percent=row.index.percent if row.index is not None else None,
            status=row.index.status if row.index is not None else None,
            published=True,
            in_extension=row.year >= extension_from,
        )
        for row in chain
    ]
    unpublished: list[int] = []
    if missing_from is not None:
        last_known = chain[-1].amount
        for year in range(missing_from, last_year + 1):
            rows.append(IndexedAmount(year, last_known, None, None, False, year >= extension_from))
            unpublished.append(year)
    return IndexedContribution(party, contribution, name, True, rows, unpublished)


def build_extension(
    agreement: Agreement,
    reference: ReferenceData,
    *,
    new_end: dt.date | None,
    decided_on: dt.date,
) -> ExtensionInfo | str:
    """The extension's facts, or the reason they cannot be computed."""
    period = agreement.period
    current_end = agreement.end_date
    if period is None or current_end is None:
        return "the agreement has no end date (period.end), so it cannot be extended"
    option = period.extension
    length: Duration | None = None
    if new_end is None:
        if option is None or option.length is None:
            return "the agreement states no extension length: give --new-end DATE"
        length = option.length
        new_end = option.length.add_to(current_end)
    elif (
        option is not None
        and option.length is not None
        and option.length.add_to(current_end) == new_end
    ):
        length = option.length
    if new_end <= current_end:
        raise UsageError(
            f"--new-end {new_end.isoformat()} is not after the current end "
            f"{current_end.isoformat()}",
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
    first_year = period.start.year if period.start is not None else new_start.year
    contributions: list[IndexedContribution] = []
    unpublished: set[int] = set()
    economy = agreement.economy
    for contribution in economy.contributions if economy is not None else []:
        if not isinstance(contribution, MoneyContribution):
            continue
        item = _indexed(
            contribution,
            agreement.party(contribution.party),
            first_year=first_year,
            last_year=new_end.year,
            extension_from=new_start.year,
            series=reference.series,
            rounding=_rounding(agreement),
            known_on=decided_on,
        )
        if item is not None:
            contributions.append(item)
            unpublished.update(item.unpublished)
    return ExtensionInfo(
        decided_on=decided_on,
        current_end=current_end,
        new_start=new_start,
        new_end=new_end,
        length=length,
        option=option,
        within_option=within,
        number=used + 1,
        contributions=contributions,
        unpublished=sorted(unpublished),
    )
