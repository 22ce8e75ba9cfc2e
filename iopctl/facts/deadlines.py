"""Deadlines derived from one agreement: follow-ups, notice, extension, expiry, payments.

``derive(agreement, file=…, as_of=…, reference=…)`` turns an agreement into a sorted list
of :class:`Event` values. It is pure: no I/O, no clock (``as_of`` is passed in), no CLI.
Statuses (overdue / due / upcoming), the listing horizon and filtering live in
:mod:`iopctl.views.due`; the rules are documented in ``docs/deadlines.md``.

Every event carries its *contractual* date and an *act-by* date: the last Swedish business
day on or before it (:func:`iopctl.facts.workdays.act_by`), never later, because a reminder must
not make anyone late and whether lag (1930:173) 2 §'s roll-forward applies to a contract
is not settled.

What ``as_of`` changes: follow-ups and signatures dated after it are not yet known; index
figures published after it are not yet known (``IndexSeries.lookup(known_on=as_of)``);
notice deadlines say when notice given on ``as_of`` would take effect. The period itself
(``period.end``, ``extensions_taken``, ``termination.record``) is taken as recorded.

Agreements that failed validation arrive partial (fields that failed are ``None``); every
field is read defensively and an event is produced only when its inputs are known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal, get_args

from iopctl.facts.workdays import act_by, next_business_day, non_business_day_reason
from iopctl.model.agreement import Agreement, MoneyContribution, Payment, Period
from iopctl.model.types import Duration
from iopctl.money.arithmetic import IndexSeries, IndexValue, Rounding, index_chain_published
from iopctl.money.reference import ReferenceData
from iopctl.present.numbers import kronor

__all__ = [
    "KINDS",
    "Event",
    "Kind",
    "default_interval",
    "derive",
    "in_force_until",
    "notice_deadline",
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
]
KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
_KIND_ORDER: Final = {kind: i for i, kind in enumerate(KINDS)}

_MONTHS_EN: Final = (
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
_ORE: Final = Decimal("0.01")
_TWELVE_MONTHS: Final = Duration(12, "months")


@dataclass(frozen=True, slots=True)
class Event:
    """One dated thing to act on or know about, with the clause it comes from.

    ``key`` identifies the deadline within its agreement and kind (a payment's year and
    month, a follow-up's ordinal, a party …) so the calendar UID survives a change of date.
    ``actionable`` events can still be done late and the file can record that they were
    (follow-ups, signatures, a missing index figure, a stated decision deadline): only they
    become *overdue*. ``note`` is a remark about ``as_of`` itself ("notice given today
    takes effect …"); calendars show ``title`` only.
    """

    agreement: str
    file: str
    kind: Kind
    date: dt.date
    act_by: dt.date
    title: str
    clause: str
    key: str
    amount: Decimal | None = None
    actionable: bool = False
    note: str = ""
    until: dt.date | None = None

    @property
    def full_title(self) -> str:
        return f"{self.title}; {self.note}" if self.note else self.title

    @property
    def reason(self) -> str | None:
        """Why the contractual date is not a business day (``nyårsafton``, ``lördag`` …)."""
        return non_business_day_reason(self.date)

    @property
    def uid(self) -> str:
        """Stable across runs: agreement id + kind + key, hashed."""
        raw = f"{self.agreement}\x1f{self.kind}\x1f{self.key}".encode()
        return f"{hashlib.sha256(raw).hexdigest()[:32]}@iopctl"

    def sort_key(self) -> tuple[dt.date, dt.date, str, int, str, str]:
        return (
            self.act_by,
            self.date,
            self.agreement,
            _KIND_ORDER[self.kind],
            self.key,
            self.title,
        )


# --- small helpers ---------------------------------------------------------------------


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month_day(year: int, month: int, day: int | None) -> dt.date:
    """``day`` of the month (clamped to its last day); the last day when ``day`` is None."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


def notice_deadline(end: dt.date, notice: Duration) -> dt.date:
    """The last day to give notice so that it takes effect by ``end``: end − notice.

    Month ends clamp (2022-08-31 − 6 months = 2022-02-28), so ``deadline + notice`` is
    never after ``end``. When ``end`` is the last day of a short month, counting forward
    from a later day could also reach it (2021-08-31 + 6 months = 2022-02-28); the earlier
    date is the safe one and is the one returned.
    """
    return notice.subtract_from(end)


def default_interval(per_year: int) -> Duration | None:
    """12 months / per_year, in whole months when that divides evenly, else in days."""
    if per_year <= 0:
        return None
    if 12 % per_year == 0:
        return Duration(12 // per_year, "months")
    return Duration(max(1, 365 // per_year), "days")


def _get(agreement: Agreement, name: str) -> Any:
    """A top-level field of a possibly partial agreement (``model_construct``)."""
    return getattr(agreement, name, None)


def _period(agreement: Agreement) -> Period | None:
    period = _get(agreement, "period")
    return period if isinstance(period, Period) else None


def in_force_until(agreement: Agreement) -> dt.date | None:
    """The last day the agreement is in force: the effective date of a notice when it is
    terminated, otherwise the end including extensions taken (None when unknown)."""
    end = agreement.end_date
    termination = _get(agreement, "termination")
    record = termination.record if termination is not None else None
    if _get(agreement, "status") == "terminated" and record is not None:
        effective = _effective(record.effective, record.given_on, termination.notice_period)
        if effective is not None and (end is None or effective < end):
            return effective
    return end


def _effective(
    effective: dt.date | None, given_on: dt.date, notice: Duration | None
) -> dt.date | None:
    if effective is not None:
        return effective
    if notice is not None:
        return notice.add_to(given_on)
    return None


# --- the builder ------------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        agreement: Agreement,
        file: str,
        as_of: dt.date,
        reference: ReferenceData | None,
    ) -> None:
        from pathlib import Path

        self.agreement = agreement
        self.file = file
        self.as_of = as_of
        self.reference = reference
        self.id: str = _get(agreement, "id") or Path(file).stem
        self.status: str | None = _get(agreement, "status")
        self.period = _period(agreement)
        self.start = self.period.start if self.period is not None else None
        self.end = agreement.end_date
        self.until = in_force_until(agreement)

    def event(
        self,
        kind: Kind,
        date: dt.date,
        title: str,
        clause: str,
        *,
        key: str | None = None,
        amount: Decimal | None = None,
        actionable: bool = False,
        note: str = "",
        act: dt.date | None = None,
    ) -> Event:
        return Event(
            agreement=self.id,
            file=self.file,
            kind=kind,
            date=date,
            act_by=act if act is not None else act_by(date),
            title=title,
            clause=clause,
            key=key if key is not None else _iso(date),
            amount=amount,
            actionable=actionable,
            note=note,
            until=self.until,
        )

    def all(self) -> list[Event]:
        events: list[Event] = []
        for part in (
            self.expiry,
            self.notice,
            self.extension_decision,
            self.follow_ups,
            self.reports,
            self.payments,
            self.signatures,
        ):
            events.extend(part())
        if self.until is not None:
            events = [e for e in events if e.date <= self.until]
        return sorted(events, key=Event.sort_key)

    # --- expiry ---------------------------------------------------------------------

    def expiry(self) -> Iterator[Event]:
        period = self.period
        if period is None:
            return
        taken = sorted(enumerate(period.extensions_taken), key=lambda item: item[1].new_end)
        if period.end is not None:
            if taken:
                title = f"initial period ends (extended to {_iso(taken[-1][1].new_end)})"
            else:
                title = "agreement ends (last day in force)"
            yield self.event("expiry", period.end, title, f"period.end: {_iso(period.end)}")
        for i, (where, extension) in enumerate(taken, start=1):
            last = i == len(taken)
            title = f"extension {i} ends" + (" (last day in force)" if last else "")
            yield self.event(
                "expiry",
                extension.new_end,
                title,
                f"period.extensions_taken[{where}].new_end: {_iso(extension.new_end)}",
                key=f"extension-{i}",
            )
        termination = _get(self.agreement, "termination")
        record = termination.record if termination is not None else None
        if (
            self.status == "terminated"
            and record is not None
            and self.until is not None
            and (self.end is None or self.until < self.end)
        ):
            clause = (
                f"termination.record.effective: {_iso(record.effective)}"
                if record.effective is not None
                else f"termination.record.given_on: {_iso(record.given_on)} + "
                f"notice_period {termination.notice_period}"
            )
            yield self.event(
                "expiry",
                self.until,
                f"ends by notice given by {record.given_by} on {_iso(record.given_on)}",
                clause,
                key="terminated",
            )

    # --- notice and extension decision ---------------------------------------------------

    def _notice_period(self) -> Duration | None:
        termination = _get(self.agreement, "termination")
        if termination is None or termination.record is not None:
            return None  # no terms, or notice already given
        notice: Duration | None = termination.notice_period
        return notice

    def notice(self) -> Iterator[Event]:
        notice = self._notice_period()
        if notice is None or self.end is None or self.status == "terminated":
            return
        deadline = notice_deadline(self.end, notice)
        if self.start is not None and deadline < self.start:
            return  # the notice period is longer than the agreement (IOP208)
        effect = notice.add_to(self.as_of)
        if self.start is not None and self.as_of < self.start:
            note = ""  # not in force yet: "notice given today" would mislead
        elif effect <= self.end:
            note = f"notice given {_iso(self.as_of)} takes effect {_iso(effect)}"
        else:
            note = (
                f"notice given {_iso(self.as_of)} would take effect {_iso(effect)}, after the end"
            )
        yield self.event(
            "notice_deadline",
            deadline,
            f"last day to give notice to end the agreement on {_iso(self.end)}",
            f"termination.notice_period: {notice}",
            key=f"end-{_iso(self.end)}",
            note=note,
        )

    def extension_decision(self) -> Iterator[Event]:
        period = self.period
        if period is None or self.status == "terminated":
            return
        termination = _get(self.agreement, "termination")
        if termination is not None and termination.record is not None:
            return
        settled = any(
            t.decided_on is None or t.decided_on <= self.as_of for t in period.extensions_taken
        )
        if period.decision_deadline is not None and not settled:
            deadline = period.decision_deadline
            yield self.event(
                "extension_decision",
                deadline,
                "decide on change, extension or ending of the agreement",
                f"period.decision_deadline: {_iso(deadline)}",
                key="stated",
                actionable=True,
            )
            return
        extension = period.extension
        if extension is None or self.end is None:
            return
        used = len(period.extensions_taken)
        if not extension.unlimited and extension.times is not None and used >= extension.times:
            return
        notice = self._notice_period()
        if notice is None:
            return  # nothing to derive the decision date from
        deadline = notice_deadline(self.end, notice)
        if self.start is not None and deadline < self.start:
            return
        length = f" by {extension.length}" if extension.length is not None else ""
        if extension.unlimited:
            option = "extension option"
        elif extension.times is not None:
            option = f"extension option {used + 1} of {extension.times}"
        else:
            option = "extension option"
        yield self.event(
            "extension_decision",
            deadline,
            f"decide whether to extend{length} ({option}): last day to give notice",
            f"period.extension: {_extension_text(extension.length, extension.times)}; "
            f"termination.notice_period: {notice}",
            key=f"derived-{_iso(self.end)}",
        )

    # --- follow-up ----------------------------------------------------------------------

    def follow_ups(self) -> Iterator[Event]:
        if self.start is None or self.end is None:
            return
        records = sorted(
            r.date
            for r in _get(self.agreement, "follow_ups") or ()
            if r.date <= self.as_of and r.date >= self.start
        )
        terms = _get(self.agreement, "follow_up")
        stated = terms is not None and (terms.per_year is not None or terms.interval is not None)
        if not stated:
            if self.status != "draft":
                yield from self._assumed_follow_up(records)
            return
        per_year: int = terms.per_year or 0
        interval: Duration | None = terms.interval or default_interval(per_year)
        anchor = records[-1] if records else self.start
        candidates: list[tuple[dt.date, str]] = []
        if interval is not None:
            since = f"the last one ({_iso(anchor)})" if records else f"the start ({_iso(anchor)})"
            candidates.append((interval.add_to(anchor), f"{interval} after {since}"))
        if per_year:
            counts = Counter(d.year for d in records)
            for year in range(anchor.year, self.end.year + 1):
                whole = self.start <= dt.date(year, 1, 1) and dt.date(year, 12, 31) <= self.end
                if whole and counts[year] < per_year:
                    held = f"{counts[year]} of {per_year}" if counts[year] else "none"
                    candidates.append(
                        (
                            dt.date(year, 12, 31),
                            f"{held} recorded in {year} (at least {per_year} per calendar year)",
                        )
                    )
                    break
        if not candidates:
            return
        due, why = min(candidates)
        if due > self.end:
            return
        ordinal = len(records) + 1
        extras = []
        if terms.on_request:
            extras.append("or when a party asks")
        if terms.convened_by:
            extras.append(f"convened by {terms.convened_by}")
        title = f"follow-up no. {ordinal} – {why}" + (f"; {'; '.join(extras)}" if extras else "")
        clause_parts = []
        if terms.per_year is not None:
            clause_parts.append(f"per_year: {terms.per_year}")
        if terms.interval is not None:
            clause_parts.append(f"interval: {terms.interval}")
        elif interval is not None:
            clause_parts.append(f"interval {interval} (default)")
        yield self.event(
            "follow_up",
            due,
            title,
            "follow_up." + ", ".join(clause_parts),
            key=f"no-{ordinal}",
            actionable=True,
        )

    def _assumed_follow_up(self, records: Sequence[dt.date]) -> Iterator[Event]:
        """No follow-up terms stated: a labelled reminder, never overdue.

        The next of: 12 months after the last recorded follow-up (or the start), then every
        12 months; the last reminder falls on the end of the period at the latest.
        """
        assert self.start is not None and self.end is not None
        anchor = records[-1] if records else self.start
        times = 1
        while True:
            due = _TWELVE_MONTHS.add_to(anchor, times=times)
            if due >= self.end:
                due = self.end
                break
            if due >= self.as_of:
                break
            times += 1
        if due < self.as_of:
            return
        since = f"last recorded {_iso(records[-1])}" if records else "none recorded"
        yield self.event(
            "follow_up",
            due,
            f"follow-up reminder (terms not stated – yearly reminder assumed, at the latest "
            f"by the end; {since})",
            "follow_up: not stated (iopctl reminder policy)",
            key=f"assumed-{_iso(due)}",
        )

    # --- reports ----------------------------------------------------------------------------

    def reports(self) -> Iterator[Event]:
        terms = _get(self.agreement, "follow_up")
        if terms is None or self.start is None or self.end is None:
            return
        for i, report in enumerate(terms.reports):
            for year in range(self.start.year, self.end.year + 1):
                due = _month_day(year, report.due_month, report.due_day)
                if not self.start <= due <= self.end:
                    continue
                who = f" by {report.by}" if report.by else ""
                to = f" to {report.to}" if report.to else ""
                yield self.event(
                    "report",
                    due,
                    f"report {report.title!r}{who}{to}",
                    f"follow_up.reports[{i}]: due {report.due_month:02d}-{report.due_day:02d}",
                    key=f"{i}-{year}",
                )

    # --- signatures ------------------------------------------------------------------------

    def signatures(self) -> Iterator[Event]:
        if self.status != "draft":
            return
        signed = {
            s.party
            for s in _get(self.agreement, "signatures") or ()
            if s.date is None or s.date <= self.as_of
        }
        parties = _get(self.agreement, "parties") or ()
        for party in parties:
            if party.id in signed:
                continue
            if self.start is not None:
                date, act = self.start, act_by(self.start)
                when = f"before the period starts ({_iso(self.start)})"
            else:
                date = act = next_business_day(self.as_of)
                when = "no start date known: shown as due now"
            unconfirmed = " (has not confirmed taking part)" if not party.confirmed else ""
            yield self.event(
                "signature",
                date,
                f"signature missing: {party.name}{unconfirmed}; {when}",
                f"signatures: no entry for party {party.id}",
                key=party.id,
                actionable=True,
                act=act,
            )

    # --- payments and indexation ---------------------------------------------------------

    def payments(self) -> Iterator[Event]:
        economy = _get(self.agreement, "economy")
        if economy is None or self.start is None or self.end is None:
            return
        rounding = (
            Rounding(economy.rounding.mode, economy.rounding.unit)
            if economy.rounding is not None
            else Rounding()
        )
        for i, contribution in enumerate(economy.contributions):
            if isinstance(contribution, MoneyContribution):
                yield from self._contribution(i, contribution, rounding)

    def _contribution(
        self, i: int, contribution: MoneyContribution, rounding: Rounding
    ) -> Iterator[Event]:
        assert self.start is not None and self.end is not None
        where = f"economy.contributions[{i}]"
        dates = (
            _payment_dates(contribution.payment, self.start, self.end)
            if contribution.payment is not None
            else []
        )
        years = sorted({d.year for d in dates})
        indexation = contribution.indexation
        amounts: dict[int, _YearAmount] = {}
        if contribution.amount_per_year is not None:
            if indexation is not None:
                index_years = years or list(
                    range(max(self.start.year, indexation.from_date.year), self.end.year + 1)
                )
                amounts = self._indexed(contribution, index_years, rounding)
            else:
                amounts = {y: _YearAmount(contribution.amount_per_year) for y in years}
        # index_needed: one per indexed year whose figure is missing or preliminary.
        if indexation is not None:
            first_payment: dict[int, dt.date] = {}
            for d in dates:
                first_payment.setdefault(d.year, d)
            clause = f"{where}.indexation: {indexation.index} from {_iso(indexation.from_date)}"
            for year, year_amount in sorted(amounts.items()):
                if year_amount.missing is None and year_amount.preliminary is None:
                    continue
                when = first_payment.get(year) or _month_day(
                    year, indexation.from_date.month, indexation.from_date.day
                )
                if not self.start <= when <= self.end:
                    continue
                if year_amount.missing is not None:
                    yield self.event(
                        "index_needed",
                        when,
                        f"{year_amount.missing} – add it to an index file to compute the "
                        f"{year} amount",
                        clause,
                        key=f"{i}-{indexation.index}-{year}",
                        actionable=True,
                    )
                else:
                    assert year_amount.preliminary is not None
                    value = year_amount.preliminary
                    yield self.event(
                        "index_needed",
                        when,
                        f"{value.index} {year} is preliminary ({value.percent} %): the "
                        f"definitive figure may change the {year} amount",
                        clause,
                        key=f"{i}-{indexation.index}-{year}",
                    )
        if contribution.payment is None or not dates:
            return
        per_year = Counter(d.year for d in dates)
        payment = contribution.payment
        count_in_year: Counter[int] = Counter()
        for day in dates:
            count_in_year[day.year] += 1
            info = amounts.get(day.year)
            amount: Decimal | None = None
            shown = "amount not stated"
            if info is not None:
                n = per_year[day.year] if payment.schedule != "once" else 1
                amount = info.amount if n == 1 else (info.amount / n).quantize(_ORE, ROUND_HALF_UP)
                shown = kronor(amount)
                if n > 1:
                    shown += f" ({kronor(info.amount)} a year in {n} payments)"
                if info.stale_from is not None:
                    shown += (
                        f" – the {info.stale_from} amount: no index figure for "
                        f"{info.missing_from} yet"
                    )
            label = (
                f"on {_iso(day)}"
                if payment.day is not None
                else f"in {_MONTHS_EN[day.month]}: by {_iso(day)}"
            )
            of = (
                f" {count_in_year[day.year]} of {per_year[day.year]}"
                if per_year[day.year] > 1
                else ""
            )
            party = contribution.party
            yield self.event(
                "payment",
                day,
                f"payment{of} {day.year} from {party}: {shown} ({label})",
                f"{where}.payment: {_payment_text(payment)}",
                key=f"{i}-{day.year}-{day.month:02d}",
                amount=amount,
            )

    def _indexed(
        self, contribution: MoneyContribution, years: Sequence[int], rounding: Rounding
    ) -> dict[int, _YearAmount]:
        """Each year's amount; missing figures give the latest computable amount."""
        assert contribution.amount_per_year is not None and contribution.indexation is not None
        base = contribution.amount_per_year
        indexation = contribution.indexation
        first_indexed = indexation.from_date.year
        base_year = (
            contribution.base_year if contribution.base_year is not None else first_indexed - 1
        )
        result: dict[int, _YearAmount] = {}
        if not years:
            return result
        if first_indexed <= base_year:
            # IOP217: cannot index; show the stated amount.
            return {y: _YearAmount(base) for y in years}
        series = self.reference.series.get(indexation.index) if self.reference else None
        last = max(years)
        computed: dict[int, tuple[Decimal, IndexValue | None]] = {}
        missing_from: int | None = None
        if last <= base_year:
            pass
        elif series is None:
            missing_from = first_indexed
        else:
            rows, missing_from = index_chain_published(
                base_amount=base,
                base_year=base_year,
                first_indexed_year=first_indexed,
                last_year=last,
                series=series,
                rounding=rounding,
                known_on=self.as_of,
            )
            computed = {row.year: (row.amount, row.index) for row in rows}
        latest_year = max(computed) if computed else base_year
        latest = computed[latest_year][0] if computed else base
        for year in years:
            if year <= base_year or year < first_indexed:
                result[year] = _YearAmount(base)
            elif missing_from is None or year < missing_from:
                amount, value = computed[year]
                prelim = value if value is not None and value.status == "preliminary" else None
                result[year] = _YearAmount(amount, preliminary=prelim)
            else:
                result[year] = _YearAmount(
                    latest,
                    missing=_missing_text(series, indexation.index, year, self.as_of),
                    stale_from=latest_year,
                    missing_from=missing_from,
                )
        return result


@dataclass(frozen=True, slots=True)
class _YearAmount:
    amount: Decimal
    preliminary: IndexValue | None = None
    missing: str | None = None  # why the year's own figure is unavailable, when it is
    stale_from: int | None = None  # the year whose amount is shown instead
    missing_from: int | None = None  # the first year the chain lacks a figure for


def _missing_text(series: IndexSeries | None, index: str, year: int, as_of: dt.date) -> str | None:
    if series is None:
        return f"index {index!r} is not known to iopctl ({year} figure needed)"
    if series.lookup(year, known_on=as_of) is None:
        return f"{index} {year} not published yet"
    return None  # a later year whose own figure exists but whose chain breaks earlier


def _payment_text(payment: Payment) -> str:
    text: str = payment.schedule
    if payment.months:
        text += f", months {sorted(set(payment.months))}"
    if payment.day is not None:
        text += f", day {payment.day}"
    return text


def _extension_text(length: Duration | None, times: int | None) -> str:
    parts = []
    if length is not None:
        parts.append(str(length))
    if times is not None:
        parts.append(f"{times} time" + ("" if times == 1 else "s"))
    return ", ".join(parts) or "allowed"


def _payment_dates(payment: Payment, start: dt.date, end: dt.date) -> list[dt.date]:
    """Payment dates inside the period.

    A month without a day ("en gång per år i januari månad") is a window: the deadline is
    the month's last day. ``day`` beyond the month's length clamps to its last day.
    ``monthly`` without months means every month; other schedules need their months.
    """
    months = sorted(set(payment.months))
    if not months and payment.schedule == "monthly":
        months = list(range(1, 13))
    if not months:
        return []
    dates = [
        _month_day(year, month, payment.day)
        for year in range(start.year, end.year + 1)
        for month in months
    ]
    inside = [d for d in dates if start <= d <= end]
    if payment.schedule == "once":
        return inside[:1]
    return inside


def derive(
    agreement: Agreement,
    *,
    file: str,
    as_of: dt.date,
    reference: ReferenceData | None = None,
) -> list[Event]:
    """Every event of one agreement, sorted by act-by date (then date, kind, key).

    Nothing after the agreement's last day in force (:func:`in_force_until`) is produced.
    """
    return _Builder(agreement, file, as_of, reference).all()
