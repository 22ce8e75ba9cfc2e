"""``iopctl economy`` as plain functions returning dataclasses.

One agreement becomes a year-by-year table of each party's contribution: money indexed
with :func:`iopctl.money.arithmetic.index_chain` from the year its clause names, volunteer hours
valued at the agreed (or derived) rate, in-kind contributions at their stated value.
Many agreements become a portfolio: money committed per year per deciding body.

Nothing here prints or exits. Problems that stop a figure from being computed (an index
year nobody has published yet) are :class:`Problem` values with a file position; the
CLI reports them and chooses the exit code. The report's formats live in
:mod:`iopctl.present.economy_data` (JSON, CSV) and :mod:`iopctl.present.economy_text`. See
``docs/economy.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

from iopctl.errors import UsageError
from iopctl.model.agreement import (
    Agreement,
    InKindContribution,
    MoneyContribution,
    VolunteerContribution,
)
from iopctl.model.load import Loaded
from iopctl.money.arithmetic import (
    IndexValue,
    Rounding,
    index_chain_published,
    revisions,
    volunteer_value,
)
from iopctl.money.reference import ReferenceData

__all__ = [
    "AgreementEconomy",
    "BodyYear",
    "ContributionYear",
    "EconomyReport",
    "EconomyYear",
    "PartyTotal",
    "Problem",
    "RecordedHours",
    "RevisionRow",
    "VolunteerValuation",
    "YearTotal",
    "agreement_economy",
    "common_rounding",
    "describe_rounding",
    "economy_report",
    "rounding_for",
]

Kind = Literal["money", "volunteer_hours", "in_kind"]

_ORE = Decimal("0.01")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)
# Only for the display rate value_per_year / hours_per_year and shares: money.py never
# divides, and a division that does not terminate must be cut somewhere.
_DIVIDE = Context(prec=40, rounding=ROUND_HALF_UP)


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return _DIVIDE.divide(part * _HUNDRED, whole).quantize(_TENTH, ROUND_HALF_UP)


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionYear:
    """One contribution in one year. ``amount`` is None when it cannot be known.

    ``base`` is the amount this year's index is applied to (last year's amount), so
    ``base × (1 + index_percent/100)``, rounded, gives ``amount``; in a year without
    indexation ``base`` equals ``amount``.
    """

    party: str
    party_name: str
    public: bool
    kind: Kind
    label: str
    base: Decimal | None
    index: str | None
    index_value: IndexValue | None
    amount: Decimal | None
    estimate: bool
    note: str = ""

    @property
    def index_percent(self) -> Decimal | None:
        return self.index_value.percent if self.index_value is not None else None

    @property
    def index_status(self) -> str | None:
        return self.index_value.status if self.index_value is not None else None


@dataclass(frozen=True)
class EconomyYear:
    year: int
    contributions: tuple[ContributionYear, ...]

    @property
    def total(self) -> Decimal:
        """Sum of the known amounts (unknown amounts are left out, see ``complete``)."""
        return sum((c.amount for c in self.contributions if c.amount is not None), Decimal(0))

    @property
    def complete(self) -> bool:
        return all(c.amount is not None for c in self.contributions)

    @property
    def estimate(self) -> bool:
        return any(c.estimate for c in self.contributions)


@dataclass(frozen=True)
class RevisionRow:
    """A year paid on a preliminary index value that was later made definitive."""

    party: str
    party_name: str
    index: str
    year: int
    previous: Decimal
    preliminary: IndexValue
    definitive: IndexValue
    paid: Decimal
    final: Decimal
    difference: Decimal


@dataclass(frozen=True)
class RecordedHours:
    """Volunteer hours reported in follow-ups for one year, valued at the agreed rate."""

    year: int
    hours: Decimal
    value: Decimal | None
    promised_hours: Decimal | None
    promised_value: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.value is None or self.promised_value is None:
            return None
        return self.value - self.promised_value


@dataclass(frozen=True)
class VolunteerValuation:
    """A volunteer-hours contribution: what was promised and what follow-ups recorded."""

    party: str
    party_name: str
    hours_per_year: Decimal | None
    approximate: bool
    rate: Decimal | None
    rate_source: str
    value_per_year: Decimal | None
    recorded: tuple[RecordedHours, ...]


@dataclass(frozen=True)
class PartyTotal:
    party: str
    party_name: str
    total: Decimal
    share: Decimal | None
    estimate: bool
    unknown: int


@dataclass(frozen=True)
class Problem:
    """Something that stops a figure from being computed; the CLI reports it."""

    file: str
    line: int
    column: int
    message: str
    index: str = ""
    year: int = 0
    code: str = "IOP503"

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file


@dataclass(frozen=True)
class AgreementEconomy:
    agreement_id: str
    title: str
    file: str
    status: str
    body: str
    start: dt.date | None
    end: dt.date | None
    extensions: tuple[dt.date, ...]
    rounding: Rounding
    rounding_from_agreement: bool
    years: tuple[EconomyYear, ...]
    revisions: tuple[RevisionRow, ...]
    volunteers: tuple[VolunteerValuation, ...]
    notes: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def counted(self) -> bool:
        """Drafts are shown but not counted in portfolio totals: nothing is committed yet."""
        return self.status in ("active", "ended", "terminated")

    @property
    def index_values(self) -> tuple[IndexValue, ...]:
        """Every index figure used, once each, sorted (for the sources list)."""
        seen: dict[tuple[str, int, str], IndexValue] = {}
        for year in self.years:
            for c in year.contributions:
                if c.index_value is not None:
                    v = c.index_value
                    seen.setdefault((v.index, v.year, v.status), v)
        for r in self.revisions:
            for v in (r.preliminary, r.definitive):
                seen.setdefault((v.index, v.year, v.status), v)
        return tuple(seen[k] for k in sorted(seen))

    @property
    def estimate(self) -> bool:
        return any(y.estimate for y in self.years)

    def party_totals(self) -> tuple[PartyTotal, ...]:
        """Each party's total over the years shown, with its share of all known amounts."""
        order: list[str] = []
        names: dict[str, str] = {}
        totals: dict[str, Decimal] = {}
        estimate: dict[str, bool] = {}
        unknown: dict[str, int] = {}
        for year in self.years:
            for c in year.contributions:
                if c.party not in totals:
                    order.append(c.party)
                    names[c.party] = c.party_name
                    totals[c.party] = Decimal(0)
                    estimate[c.party] = False
                    unknown[c.party] = 0
                if c.amount is None:
                    unknown[c.party] += 1
                else:
                    totals[c.party] += c.amount
                estimate[c.party] = estimate[c.party] or c.estimate
        grand = sum(totals.values(), Decimal(0))
        return tuple(
            PartyTotal(
                party=p,
                party_name=names[p],
                total=totals[p],
                share=_share(totals[p], grand),
                estimate=estimate[p],
                unknown=unknown[p],
            )
            for p in order
        )


@dataclass(frozen=True)
class YearTotal:
    year: int
    amount: Decimal
    estimate: bool


@dataclass(frozen=True)
class BodyYear:
    """Money (``kind: money`` of public parties) committed by one deciding body in a year."""

    body: str
    year: int
    amount: Decimal
    estimate: bool
    unknown: int


@dataclass(frozen=True)
class EconomyReport:
    agreements: tuple[AgreementEconomy, ...]
    assume: Decimal | None = None
    year: int | None = None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def portfolio(self) -> bool:
        return len(self.agreements) != 1

    @property
    def counted(self) -> tuple[AgreementEconomy, ...]:
        return tuple(a for a in self.agreements if a.counted)

    @property
    def totals(self) -> tuple[YearTotal, ...]:
        """All contributions of counted (non-draft) agreements, per year."""
        amounts: dict[int, Decimal] = {}
        estimates: dict[int, bool] = {}
        for a in self.counted:
            for y in a.years:
                amounts[y.year] = amounts.get(y.year, Decimal(0)) + y.total
                estimates[y.year] = estimates.get(y.year, False) or y.estimate
        return tuple(YearTotal(y, amounts[y], estimates[y]) for y in sorted(amounts))

    @property
    def bodies(self) -> tuple[BodyYear, ...]:
        """Money committed per deciding body and year (counted agreements only)."""
        amounts: dict[tuple[str, int], Decimal] = {}
        estimates: dict[tuple[str, int], bool] = {}
        unknown: dict[tuple[str, int], int] = {}
        for a in self.counted:
            for y in a.years:
                for c in y.contributions:
                    if c.kind != "money" or not c.public:
                        continue
                    key = (a.body, y.year)
                    amounts.setdefault(key, Decimal(0))
                    estimates.setdefault(key, False)
                    unknown.setdefault(key, 0)
                    if c.amount is None:
                        unknown[key] += 1
                    else:
                        amounts[key] += c.amount
                    estimates[key] = estimates[key] or c.estimate
        return tuple(
            BodyYear(
                body, year, amounts[(body, year)], estimates[(body, year)], unknown[(body, year)]
            )
            for body, year in sorted(amounts)
        )

    @property
    def money_totals(self) -> tuple[YearTotal, ...]:
        amounts: dict[int, Decimal] = {}
        estimates: dict[int, bool] = {}
        for b in self.bodies:
            amounts[b.year] = amounts.get(b.year, Decimal(0)) + b.amount
            estimates[b.year] = estimates.get(b.year, False) or b.estimate
        return tuple(YearTotal(y, amounts[y], estimates[y]) for y in sorted(amounts))


# --- rounding -------------------------------------------------------------------------


def rounding_for(agreement: Agreement) -> tuple[Rounding, bool]:
    """The agreement's ``economy.rounding`` (and True), or the default (and False)."""
    rule = agreement.economy.rounding if agreement.economy is not None else None
    if rule is None:
        return Rounding(), False
    return Rounding(rule.mode, rule.unit), True


def describe_rounding(rounding: Rounding) -> str:
    """The rule in words, as every economy output shows it."""
    if rounding.mode == "exact":
        return "exact (no rounding); each year from the previous year's exact amount"
    unit = "whole kronor" if rounding.unit == 1 else f"multiples of {rounding.unit:f} kr"
    return f"{unit}, half up; each year from the previous year's rounded amount"


def common_rounding(report: EconomyReport) -> str:
    rules = {describe_rounding(a.rounding) for a in report.agreements}
    if len(rules) == 1:
        return rules.pop()
    if not rules:
        return describe_rounding(Rounding())
    return "per agreement (see agreements[].rounding)"


# --- one agreement --------------------------------------------------------------------


def _period(agreement: Agreement) -> tuple[dt.date | None, dt.date | None]:
    """First and last day counted: extensions taken included, cut at a termination."""
    period = agreement.period
    if period is None or period.start is None:
        return None, None
    start = period.start
    end = agreement.end_date
    if end is None and period.length is not None:
        end = period.length.add_to(start) - dt.timedelta(days=1)
    termination = agreement.termination
    if (
        end is not None
        and getattr(agreement, "status", None) == "terminated"
        and termination is not None
        and termination.record is not None
        and termination.record.effective is not None
    ):
        end = min(end, termination.record.effective)
    return start, end


def _body(agreement: Agreement) -> str:
    if agreement.decision is not None and agreement.decision.body:
        return agreement.decision.body
    for party in agreement.parties:
        if party.sector == "public":
            return party.name
    return "(no public party)"


def _position(item: Loaded | None, path: tuple[str | int, ...]) -> tuple[int, int]:
    if item is None or item.source is None:
        return 0, 0
    return item.source.position(path)


def _money_years(
    c: MoneyContribution,
    i: int,
    years: Sequence[int],
    *,
    who: tuple[str, bool],
    item: Loaded | None,
    file: str,
    reference: ReferenceData,
    rounding: Rounding,
    assume: Decimal | None,
) -> tuple[dict[int, ContributionYear], list[RevisionRow], list[str], list[Problem]]:
    """One money contribution over ``years``: indexed from its clause's year, or flat."""
    name, public = who
    label = c.description or "money"
    index = c.indexation.index if c.indexation is not None else None

    def row(
        base: Decimal | None,
        amount: Decimal | None,
        value: IndexValue | None = None,
        estimate: bool = False,
        note: str = "",
        named: str | None = None,
    ) -> ContributionYear:
        shown = value.index if value is not None else named
        return ContributionYear(
            c.party, name, public, "money", label, base, shown, value, amount, estimate, note
        )

    if c.amount_per_year is None:
        rows = {year: row(None, None, note="amount not stated") for year in years}
        return rows, [], [f"{c.party}: money amount not stated"], []
    amount = c.amount_per_year
    if c.indexation is None:
        return {year: row(amount, amount) for year in years}, [], [], []

    base_year = c.base_year if c.base_year is not None else years[0]
    first = c.indexation.from_date.year
    # Years up to the base year carry the stated amount; they are not indexed.
    rows = {year: row(amount, amount) for year in years if year <= base_year}
    last = max(years)
    if last <= base_year:
        return rows, [], [], []
    series = reference.series.get(c.indexation.index)
    if first <= base_year or series is None:
        why = (
            f"indexation from {first} is not after the base year {base_year}"
            if series is not None
            else f"unknown index {index!r}"
        )
        for year in years:
            if year not in rows:
                indexed = year >= first
                rows[year] = (
                    row(None, None, note=why, named=index) if indexed else row(amount, amount)
                )
        return rows, [], [f"{c.party}: {why}; indexed years not computed"], []

    problems: list[Problem] = []
    chain, missing_year = index_chain_published(
        base_amount=amount,
        base_year=base_year,
        first_indexed_year=first,
        last_year=last,
        series=series,
        rounding=rounding,
        assume=assume,
    )
    if missing_year is not None:
        line, column = _position(item, ("economy", "contributions", i, "indexation", "index"))
        problems.append(
            Problem(
                file,
                line,
                column,
                f"no {series.name} value for {missing_year}: {c.party}'s money from "
                f"{missing_year} on cannot be computed",
                series.name,
                missing_year,
            )
        )
    for step in chain:
        if step.year in years and step.year not in rows:
            base = step.previous if step.previous is not None else step.amount
            rows[step.year] = row(base, step.amount, step.index, step.estimate)
    for year in years:
        if year not in rows:
            missing = problems[0]
            rows[year] = row(
                None, None, note=f"no {missing.index} value for {missing.year}", named=index
            )
    found: list[RevisionRow] = []
    # Revisions compare published figures only: stop before the first assumed year.
    published_to = max(step.year for step in chain if not step.estimate)
    if published_to >= first:
        for r in revisions(
            base_amount=amount,
            base_year=base_year,
            first_indexed_year=first,
            last_year=published_to,
            series=series,
            rounding=rounding,
        ):
            if r.year in years:
                found.append(
                    RevisionRow(
                        c.party,
                        name,
                        series.name,
                        r.year,
                        r.previous,
                        r.preliminary,
                        r.definitive,
                        r.paid,
                        r.final,
                        r.difference,
                    )
                )
    return rows, found, [], problems


def _derived_rate(c: VolunteerContribution) -> tuple[Decimal | None, str]:
    if c.hourly_rate is not None:
        return c.hourly_rate.quantize(_ORE), "hourly_rate"
    if c.value_per_year is not None and c.hours_per_year:
        return (
            _DIVIDE.divide(c.value_per_year, c.hours_per_year).quantize(_ORE, ROUND_HALF_UP),
            "value_per_year / hours_per_year",
        )
    return None, "not stated"


def _volunteer_value(
    c: VolunteerContribution, hours: Decimal, rounding: Rounding
) -> Decimal | None:
    """Hours valued at the agreed rate, or pro rata of value_per_year when only that is stated."""
    if c.hourly_rate is not None:
        return volunteer_value(hours=hours, rate=c.hourly_rate, rounding=rounding)
    if c.value_per_year is not None and c.hours_per_year:
        exact = _DIVIDE.divide(c.value_per_year * hours, c.hours_per_year)
        return rounding.apply(exact)
    return None


def _promised_value(c: VolunteerContribution, rounding: Rounding) -> Decimal | None:
    if c.value_per_year is not None:
        return c.value_per_year
    if c.hours_per_year is not None and c.hourly_rate is not None:
        return volunteer_value(hours=c.hours_per_year, rate=c.hourly_rate, rounding=rounding)
    return None


def _recorded_hours(agreement: Agreement) -> list[tuple[str | None, int, Decimal]]:
    """(party, year, hours) of every ``volunteer_hours`` figure in the follow-ups."""
    found = []
    for record in agreement.follow_ups:
        for figure in record.figures:
            if figure.kind == "volunteer_hours":
                year = figure.year if figure.year is not None else record.date.year
                found.append((figure.party, year, figure.value))
    return found


def _volunteers(
    agreement: Agreement, rounding: Rounding, years: Sequence[int] | None
) -> list[VolunteerValuation]:
    economy = agreement.economy
    contributions = [
        c
        for c in (economy.contributions if economy else [])
        if isinstance(c, VolunteerContribution)
    ]
    recorded = _recorded_hours(agreement)
    result = []
    for c in contributions:
        party = agreement.party(c.party)
        sums: dict[int, Decimal] = {}
        for who, year, hours in recorded:
            if who == c.party or (who is None and len(contributions) == 1):
                sums[year] = sums.get(year, Decimal(0)) + hours
        rate, source = _derived_rate(c)
        promised = _promised_value(c, rounding)
        result.append(
            VolunteerValuation(
                party=c.party,
                party_name=party.name if party is not None else c.party,
                hours_per_year=c.hours_per_year,
                approximate=c.approximate,
                rate=rate,
                rate_source=source,
                value_per_year=promised,
                recorded=tuple(
                    RecordedHours(
                        year,
                        sums[year],
                        _volunteer_value(c, sums[year], rounding),
                        c.hours_per_year,
                        promised,
                    )
                    for year in sorted(sums)
                    if years is None or year in years
                ),
            )
        )
    return result


def agreement_economy(
    agreement: Agreement,
    *,
    file: str,
    reference: ReferenceData,
    assume: Decimal | None = None,
    item: Loaded | None = None,
    failed: frozenset[str] = frozenset(),
) -> AgreementEconomy:
    """The year-by-year economy of one agreement, as far as it can be computed."""
    rounding, from_agreement = (
        rounding_for(agreement) if "economy" not in failed else (Rounding(), False)
    )
    start, end = _period(agreement) if "period" not in failed else (None, None)
    notes: list[str] = []
    problems: list[Problem] = []
    if "economy" in failed:
        notes.append("economy did not validate; contributions not computed")
    if "period" in failed:
        notes.append("period did not validate; years not computed")
    elif start is None or end is None:
        notes.append("no period dates (start and end); years cannot be laid out")
    years: list[int] = list(range(start.year, end.year + 1)) if start and end else []
    economy = agreement.economy if "economy" not in failed else None
    if economy is not None and not economy.contributions:
        notes.append("no contributions stated")

    per_contribution: list[dict[int, ContributionYear]] = []
    found_revisions: list[RevisionRow] = []
    if economy is not None and economy.contributions and years:
        for i, c in enumerate(economy.contributions):
            party = agreement.party(c.party)
            who = (
                party.name if party is not None else c.party,
                party is not None and party.sector == "public",
            )
            if isinstance(c, MoneyContribution):
                rows, revs, more_notes, more_problems = _money_years(
                    c,
                    i,
                    years,
                    who=who,
                    item=item,
                    file=file,
                    reference=reference,
                    rounding=rounding,
                    assume=assume,
                )
                per_contribution.append(rows)
                found_revisions.extend(revs)
                notes.extend(more_notes)
                problems.extend(more_problems)
                continue
            if isinstance(c, VolunteerContribution):
                kind: Kind = "volunteer_hours"
                label = c.description or "volunteer hours"
                value = _promised_value(c, rounding)
                what = "value of volunteer hours"
            else:
                assert isinstance(c, InKindContribution)
                kind = "in_kind"
                label = c.category
                value = c.value_per_year
                what = f"value of in-kind contribution ({c.category})"
            note = "" if value is not None else "value not stated"
            flat = ContributionYear(
                c.party, *who, kind, label, value, None, None, value, False, note
            )
            per_contribution.append(dict.fromkeys(years, flat))
            if value is None:
                notes.append(f"{c.party}: {what} not stated")
    table = tuple(
        EconomyYear(year, tuple(rows[year] for rows in per_contribution))
        for year in (years if per_contribution else [])
    )
    period = agreement.period
    extensions = (
        tuple(e.new_end for e in period.extensions_taken)
        if period is not None and "period" not in failed
        else ()
    )
    return AgreementEconomy(
        agreement_id=agreement.id if "id" not in failed else file,
        title=agreement.title if "title" not in failed else "",
        file=file,
        status=agreement.status if "status" not in failed else "unknown",
        body=_body(agreement),
        start=start,
        end=end,
        extensions=extensions,
        rounding=rounding,
        rounding_from_agreement=from_agreement,
        years=table,
        revisions=tuple(sorted(found_revisions, key=lambda r: (r.year, r.party, r.index))),
        volunteers=tuple(_volunteers(agreement, rounding, None)) if economy is not None else (),
        notes=tuple(notes),
        problems=tuple(problems),
    )


# --- many agreements ---------------------------------------------------------------


def _only_year(a: AgreementEconomy, year: int) -> AgreementEconomy:
    from dataclasses import replace

    return replace(
        a,
        years=tuple(y for y in a.years if y.year == year),
        revisions=tuple(r for r in a.revisions if r.year == year),
        volunteers=tuple(
            replace(v, recorded=tuple(r for r in v.recorded if r.year == year))
            for v in a.volunteers
        ),
    )


def economy_report(
    loaded: Iterable[Loaded],
    *,
    reference: ReferenceData,
    assume: Decimal | None = None,
    year: int | None = None,
) -> EconomyReport:
    """Every agreement that loaded (even partly), sorted by id; ``year`` keeps one year."""
    items: list[AgreementEconomy] = []
    for item in loaded:
        if item.agreement is None or "" in item.failed:
            continue
        if {"id", "parties"} & item.failed:
            # Without an id or parties, no row could be attributed to anyone.
            continue
        items.append(
            agreement_economy(
                item.agreement,
                file=item.file,
                reference=reference,
                assume=assume,
                item=item,
                failed=item.failed,
            )
        )
    items.sort(key=lambda a: (a.agreement_id, a.file))
    if year is not None:
        if len(items) == 1 and items[0].years and year not in {y.year for y in items[0].years}:
            a = items[0]
            raise UsageError(
                f"{year} is outside the period of {a.agreement_id} "
                f"({a.start} – {a.end}: {a.years[0].year}–{a.years[-1].year})",
                hint="leave out --year to see every year, or pick one in the period",
            )
        items = [_only_year(a, year) for a in items]
    problems = tuple(p for a in items for p in a.problems)
    return EconomyReport(tuple(items), assume=assume, year=year, problems=problems)
