"""What a template sees besides the agreement: facts computed for it (views).

:data:`ROOT_TYPES` lists every variable a template may use. ``economy`` (the table of
contributions), ``followup`` and ``record`` (``--record``), ``notice`` (``--party``,
``--given-on``) and ``extension`` (``--new-end``, indexed amounts for the new period)
are built here from the agreement and the options, ``recorded`` (extensions, notice and
amendments the file records) in :mod:`iopctl.documents.recorded`; the lint checks
templates against the same types.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from iopctl.documents.extension import ExtensionInfo, notice_already_given, refuse_after_end
from iopctl.documents.recorded import RecordedView
from iopctl.documents.reproduction import ReproductionInfo
from iopctl.errors import IopctlError, OptionError
from iopctl.facts import Facts
from iopctl.facts.status import parties_on
from iopctl.facts.term import NoticeOutcome, notice_outcome, term_of
from iopctl.frozen import frozen
from iopctl.i18n import N_, Words
from iopctl.model.agreement import (
    Agreement,
    FollowUpRecord,
    InKindContribution,
    MoneyContribution,
    PartialAgreement,
    Party,
    Signature,
    VolunteerContribution,
)
from iopctl.model.dates import exact
from iopctl.model.history import NoticeEntry
from iopctl.model.types import Duration

__all__ = [
    "ROOT_TYPES",
    "DocInfo",
    "EconomyRow",
    "EconomyView",
    "FollowUpView",
    "MoneyYear",
    "NoticeDecision",
    "NoticeInfo",
    "build_economy",
    "build_followup",
    "build_notice",
    "select_record",
]


# --- views: facts computed for templates -------------------------------------------------------


@frozen
class DocInfo:
    """About the document being rendered."""

    template: str
    lang: str
    file: str
    draft: bool
    unknown: bool = False
    """An ended agreement: a field its sources leave out prints "uppgift saknas"."""


@frozen
class EconomyRow:
    """One contribution as a row of the economy table; ``value`` is its stated yearly value."""

    party: Party | None
    contribution: MoneyContribution | VolunteerContribution | InKindContribution
    value: Decimal | None


@frozen
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


@frozen
class EconomyView:
    rows: list[EconomyRow]
    parties: list[Party]
    total: Decimal | None
    unvalued: int
    conditional: int
    years: list[MoneyYear]


@frozen
class FollowUpView:
    """Where the record stands among the follow-ups, and the agreement's time in force as
    known on the record's day (extensions decided and notice given by then), which the
    report states: a report of 2024 does not say an agreement extended in 2022 ended then."""

    number: int
    count: int
    figures_at: int
    participants: list[Party]
    start: dt.date | None
    last_day: dt.date | None


@frozen
class NoticeDecision:
    """The decision or delegation behind a notice, as the history records it."""

    body: str | None
    paragraph: str | None
    case_number: str | None


@frozen
class NoticeInfo:
    """The notice letter's facts; every date from :func:`iopctl.facts.term.notice_outcome`.

    ``period_ends`` is the last day of the notice period, ``last_day`` the day the
    agreement is in force through (``after_end``: the period ends first). ``sender_pays``
    is true when the party giving notice pays money under the agreement (only then does
    the letter speak of repayment). ``decision`` is the recorded notice's decision.
    """

    party: Party
    recipients: list[Party]
    given_on: dt.date
    notice_period: Duration | None
    period_ends: dt.date | None
    last_day: dt.date | None
    after_end: bool
    end: dt.date | None
    signature: Signature | None
    decision: NoticeDecision | None
    sender_pays: bool


ROOT_TYPES: dict[str, Any] = {
    "agreement": Agreement,
    "doc": DocInfo,
    "economy": EconomyView,
    "record": FollowUpRecord,
    "followup": FollowUpView,
    "notice": NoticeInfo,
    "extension": ExtensionInfo,
    "reproduction": ReproductionInfo,
    "recorded": RecordedView,
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
            N_("{id} has no follow-up records (follow_ups) to report on")
            if agreement.id
            else N_("the agreement has no follow-up records (follow_ups) to report on"),
            hint=N_("add a follow_ups entry with date, sections and figures"),
            id=agreement.id,
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
            N_("there are {count} follow-up records")
            if len(records) != 1
            else N_("there is 1 follow-up record"),
            hint=N_("use 1–{count} (1 is the first in the file, -1 the last) or a date"),
            count=len(records),
        )
    matches = [i for i, r in enumerate(records) if r.date == which]
    if not matches:
        dates = ", ".join(sorted({r.date.isoformat() for r in records}))
        raise OptionError(
            "record",
            which,
            N_("no follow-up on that date"),
            hint=N_("records: {dates}"),
            dates=dates,
        )
    if len(matches) > 1:
        numbers = ", ".join(str(i + 1) for i in matches)
        raise OptionError(
            "record",
            which,
            N_("{count} follow-ups on that date"),
            hint=N_("choose by number: {numbers}"),
            count=len(matches),
            numbers=numbers,
        )
    return matches[0]


def build_followup(facts: Facts, index: int) -> FollowUpView:
    agreement = facts.agreement
    record = agreement.follow_ups[index]
    term = term_of(agreement, facts.record.known(record.date))
    figures_at = len(record.sections)
    party_sections = [i for i, s in enumerate(record.sections) if s.party is not None]
    if party_sections:
        figures_at = party_sections[-1] + 1
    participants = [p for p in (agreement.party(s) for s in record.participants) if p is not None]
    return FollowUpView(
        index + 1, len(agreement.follow_ups), figures_at, participants, term.start, term.last_day
    )


def build_notice(facts: Facts, party_id: str | None, given_on: dt.date | None) -> NoticeInfo:
    """The notice letter's facts; ``given_on`` defaults to the recorded notice or ``as_of``."""
    agreement = facts.agreement
    termination = agreement.termination
    record = facts.term.notice
    ids = ", ".join(p.id for p in agreement.parties) or Words(N_("(none)"))
    if party_id is None:
        if record is None:
            raise OptionError(
                "party",
                None,
                N_("a notice needs the party that gives it (--party ID)"),
                hint=N_("parties: {ids}"),
                ids=ids,
            )
        party_id = record.given_by
    party = agreement.party(party_id)
    if party is None:
        raise OptionError(
            "party",
            party_id,
            N_("no such party in {id}"),
            hint=N_("use {ids}"),
            id=facts.id,
            ids=ids,
        )
    if given_on is None:
        recorded = exact(record.given_on) if record is not None else None
        given_on = (
            recorded
            if recorded is not None and record is not None and record.given_by == party_id
            else facts.as_of
        )
    period = termination.notice_period if termination is not None else None
    end = facts.term.end
    outcome = notice_outcome(given_on, period, end) if period is not None else None
    members = parties_on(facts, given_on)
    _refuse_notice(facts, party_id, given_on, outcome, members)
    signature = next((s for s in agreement.signatures if s.party == party_id), None)
    return NoticeInfo(
        party=party,
        recipients=[p for p in agreement.parties if p.id != party_id and p.id in members],
        given_on=given_on,
        notice_period=period,
        period_ends=outcome.period_ends if outcome is not None else None,
        last_day=outcome.last_day if outcome is not None else None,
        after_end=outcome is not None and outcome.after_end,
        end=end,
        signature=signature,
        decision=_notice_decision(facts, party_id, given_on),
        sender_pays=any(
            isinstance(c.contribution, MoneyContribution) and c.party == party_id
            for c in facts.contributions
        ),
    )


def _refuse_notice(
    facts: Facts,
    party_id: str,
    given_on: dt.date,
    outcome: NoticeOutcome | None,
    members: list[str],
) -> None:
    """Stop when the letter would contradict the record: after the agreement ended, from a
    party not in it that day, ending it before it starts, or after a recorded notice."""
    refuse_after_end(facts, given_on, "notice")
    if party_id not in members:
        raise IopctlError(
            N_("{party} is not a party to the agreement on {day}"),
            hint=N_("check --party and --given-on; the history says when parties joined and left"),
            party=party_id,
            day=given_on.isoformat(),
        )
    start = facts.term.start
    if outcome is not None and start is not None and outcome.period_ends < start:
        # The letter would say the agreement is in force through a day before it begins.
        raise IopctlError(
            N_(
                "notice given on {day} would end the agreement on {ends}, "
                "before it starts on {start}"
            ),
            hint=N_("check --given-on, or the date of the notice in history"),
            day=given_on.isoformat(),
            ends=outcome.period_ends.isoformat(),
            start=start.isoformat(),
        )
    if outcome is not None:
        again = notice_already_given(facts, party_id, outcome)
        if again is not None:
            raise again.error()


def _notice_decision(facts: Facts, party_id: str, given_on: dt.date) -> NoticeDecision | None:
    """The body, § and case number of the recorded notice this letter is, if any."""
    for entry, _ in facts.record.of(NoticeEntry):
        if entry.by != party_id or exact(entry.date) not in (given_on, None):
            continue
        if entry.body or entry.paragraph or entry.case_number:
            return NoticeDecision(entry.body, entry.paragraph, entry.case_number)
    return None
