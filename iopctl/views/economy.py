"""``iopctl economy``: the year-by-year table and the portfolio, read from the facts.

Every amount comes from :class:`iopctl.facts.Facts` (``contributions``): this module only
arranges them per year, per party and per deciding body, and adds what follow-ups
recorded about volunteer hours. Nothing here prints, builds sentences or exits; notes
are data (:class:`EconomyNote`) and a missing index figure is a located
:class:`~iopctl.problems.diagnostic.Diagnostic` (IOP503) the CLI reports.
:mod:`iopctl.present.economy_text` and :mod:`iopctl.present.economy_data` turn the
report into text, JSON and CSV. See ``docs/economy.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

from iopctl.checks.validate import validate_paths
from iopctl.facts import Facts
from iopctl.facts.amounts import ContributionFacts, Kind, Unknown, YearAmount
from iopctl.model.agreement import InKindContribution, VolunteerContribution
from iopctl.model.load import Loaded
from iopctl.money.arithmetic import IndexValue, Revision, Rounding, volunteer_value
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import Diagnostic, Severity

__all__ = [
    "AgreementEconomy",
    "BodyYear",
    "ContributionYear",
    "EconomyNote",
    "EconomyReport",
    "EconomyYear",
    "PartyTotal",
    "RecordedHours",
    "RevisionRow",
    "VolunteerValuation",
    "YearTotal",
    "agreement_economy",
    "economy_of_paths",
    "economy_report",
]

_ORE = Decimal("0.01")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)
# Only for the display rate value_per_year / hours_per_year and shares: amounts are
# never divided, and a division that does not terminate must be cut somewhere.
_DIVIDE = Context(prec=40, rounding=ROUND_HALF_UP)


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return _DIVIDE.divide(part * _HUNDRED, whole).quantize(_TENTH, ROUND_HALF_UP)


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionYear:
    """One contribution in one year (:class:`~iopctl.facts.amounts.YearAmount`) and whose."""

    party: str
    party_name: str
    public: bool
    kind: Kind
    label: str | None
    indexation: str | None
    row: YearAmount

    @property
    def index(self) -> str | None:
        """The index this year's amount depends on: the figure used, or the one missing."""
        if self.row.index is not None:
            return self.row.index.index
        return self.indexation if self.row.amount is None else None

    @property
    def amount(self) -> Decimal | None:
        return self.row.amount

    @property
    def base(self) -> Decimal | None:
        return self.row.base

    @property
    def estimate(self) -> bool:
        return self.row.estimate

    @property
    def index_value(self) -> IndexValue | None:
        return self.row.index

    @property
    def unknown(self) -> Unknown | None:
        return self.row.unknown

    @property
    def index_percent(self) -> Decimal | None:
        return self.row.index.percent if self.row.index is not None else None

    @property
    def index_status(self) -> str | None:
        return self.row.index.status if self.row.index is not None else None


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
    revision: Revision

    @property
    def year(self) -> int:
        return self.revision.year


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
    rate_source: Literal["hourly_rate", "value_per_year / hours_per_year", "not stated"]
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


NoteKind = Literal[
    "economy_failed",
    "period_failed",
    "no_dates",
    "no_contributions",
    "not_stated",
    "unknown_index",
    "not_after_base",
]


@dataclass(frozen=True)
class EconomyNote:
    """Why something is not computed. ``party``, ``kind`` and ``index`` say for whom."""

    note: NoteKind
    party: str = ""
    kind: Kind | None = None
    category: str = ""
    index: str = ""
    first_year: int | None = None
    base_year: int | None = None


@dataclass(frozen=True)
class AgreementEconomy:
    facts: Facts
    years: tuple[EconomyYear, ...]
    revisions: tuple[RevisionRow, ...]
    volunteers: tuple[VolunteerValuation, ...]
    notes: tuple[EconomyNote, ...]
    problems: tuple[Diagnostic, ...]

    @property
    def agreement_id(self) -> str:
        return self.facts.id

    @property
    def title(self) -> str:
        return self.facts.agreement.title or ""

    @property
    def file(self) -> str:
        return self.facts.file

    @property
    def status(self) -> str:
        return self.facts.agreement.status or "unknown"

    @property
    def body(self) -> str | None:
        return self.facts.body

    @property
    def start(self) -> dt.date | None:
        return self.facts.term.start

    @property
    def end(self) -> dt.date | None:
        """The last day in force (extensions taken and notice given included)."""
        return self.facts.term.last_day

    @property
    def extensions(self) -> tuple[dt.date, ...]:
        return tuple(e.new_end for e in self.facts.term.extensions)

    @property
    def rounding(self) -> Rounding:
        return self.facts.rounding

    @property
    def rounding_from_agreement(self) -> bool:
        return self.facts.rounding_stated

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
            for v in (r.revision.preliminary, r.revision.definitive):
                seen.setdefault((v.index, v.year, v.status), v)
        return tuple(seen[k] for k in sorted(seen))

    @property
    def estimate(self) -> bool:
        return any(y.estimate for y in self.years)

    def party_totals(self) -> tuple[PartyTotal, ...]:
        """Each party's total over the years shown, with its share of all known amounts."""
        order: dict[str, str] = {}
        totals: dict[str, Decimal] = {}
        estimate: dict[str, bool] = {}
        unknown: dict[str, int] = {}
        for year in self.years:
            for c in year.contributions:
                order.setdefault(c.party, c.party_name)
                totals.setdefault(c.party, Decimal(0))
                unknown[c.party] = unknown.get(c.party, 0) + (c.amount is None)
                if c.amount is not None:
                    totals[c.party] += c.amount
                estimate[c.party] = estimate.get(c.party, False) or c.estimate
        grand = sum(totals.values(), Decimal(0))
        return tuple(
            PartyTotal(p, name, totals[p], _share(totals[p], grand), estimate[p], unknown[p])
            for p, name in order.items()
        )


@dataclass(frozen=True)
class YearTotal:
    year: int
    amount: Decimal
    estimate: bool


@dataclass(frozen=True)
class BodyYear:
    """Money (``kind: money`` of public parties) committed by one deciding body in a year."""

    body: str | None
    year: int
    amount: Decimal
    estimate: bool
    unknown: int


@dataclass(frozen=True)
class EconomyReport:
    agreements: tuple[AgreementEconomy, ...]
    assume: Decimal | None = None
    year: int | None = None
    problems: tuple[Diagnostic, ...] = field(default=())
    missing: tuple[tuple[str, int], ...] = ()

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
        found: dict[tuple[str | None, int], tuple[Decimal, bool, int]] = {}
        for a in self.counted:
            for y in a.years:
                for c in y.contributions:
                    if c.kind != "money" or not c.public:
                        continue
                    amount, estimate, unknown = found.get((a.body, y.year), (Decimal(0), False, 0))
                    found[(a.body, y.year)] = (
                        amount + (c.amount or 0),
                        estimate or c.estimate,
                        unknown + (c.amount is None),
                    )
        return tuple(
            BodyYear(body, year, *found[(body, year)])
            for body, year in sorted(found, key=lambda k: (k[0] or "", k[1]))
        )

    @property
    def money_totals(self) -> tuple[YearTotal, ...]:
        amounts: dict[int, Decimal] = {}
        estimates: dict[int, bool] = {}
        for b in self.bodies:
            amounts[b.year] = amounts.get(b.year, Decimal(0)) + b.amount
            estimates[b.year] = estimates.get(b.year, False) or b.estimate
        return tuple(YearTotal(y, amounts[y], estimates[y]) for y in sorted(amounts))


# --- one agreement --------------------------------------------------------------------


def _derived_rate(
    c: VolunteerContribution,
) -> tuple[Decimal | None, Literal["hourly_rate", "value_per_year / hours_per_year", "not stated"]]:
    if c.hourly_rate is not None:
        return c.hourly_rate.quantize(_ORE), "hourly_rate"
    if c.value_per_year is not None and c.hours_per_year:
        rate = _DIVIDE.divide(c.value_per_year, c.hours_per_year).quantize(_ORE, ROUND_HALF_UP)
        return rate, "value_per_year / hours_per_year"
    return None, "not stated"


def _recorded_value(c: VolunteerContribution, hours: Decimal, rounding: Rounding) -> Decimal | None:
    """Hours valued at the agreed rate, or pro rata of value_per_year when only that is stated."""
    if c.hourly_rate is not None:
        return volunteer_value(hours=hours, rate=c.hourly_rate, rounding=rounding)
    if c.value_per_year is not None and c.hours_per_year:
        return rounding.apply(_DIVIDE.divide(c.value_per_year * hours, c.hours_per_year))
    return None


def _volunteers(facts: Facts) -> list[VolunteerValuation]:
    volunteer = [c for c in facts.contributions if c.kind == "volunteer_hours"]
    recorded = [
        (figure.party, figure.year if figure.year is not None else record.date.year, figure.value)
        for record in facts.agreement.follow_ups
        for figure in record.figures
        if figure.kind == "volunteer_hours"
    ]
    result = []
    for cf in volunteer:
        c = cf.contribution
        assert isinstance(c, VolunteerContribution)
        sums: dict[int, Decimal] = {}
        for who, year, hours in recorded:
            if who == cf.party or (who is None and len(volunteer) == 1):
                sums[year] = sums.get(year, Decimal(0)) + hours
        rate, source = _derived_rate(c)
        result.append(
            VolunteerValuation(
                party=cf.party,
                party_name=cf.party_name,
                hours_per_year=c.hours_per_year,
                approximate=c.approximate,
                rate=rate,
                rate_source=source,
                value_per_year=cf.stated,
                recorded=tuple(
                    RecordedHours(
                        year,
                        sums[year],
                        _recorded_value(c, sums[year], facts.rounding),
                        c.hours_per_year,
                        cf.stated,
                    )
                    for year in sorted(sums)
                ),
            )
        )
    return result


def _label(c: ContributionFacts) -> str | None:
    if isinstance(c.contribution, InKindContribution):
        return c.contribution.category
    return c.contribution.description


def _contribution_notes(c: ContributionFacts) -> list[EconomyNote]:
    reasons = {row.unknown for row in c.years if row.unknown is not None}
    category = c.contribution.category if isinstance(c.contribution, InKindContribution) else ""
    notes = []
    for reason in ("not_stated", "unknown_index", "not_after_base"):
        if reason in reasons:
            notes.append(
                EconomyNote(
                    reason,
                    party=c.party,
                    kind=c.kind,
                    category=category,
                    index=c.index or "",
                    first_year=c.first_indexed_year,
                    base_year=c.base_year,
                )
            )
    return notes


def _notes(facts: Facts) -> list[EconomyNote]:
    notes: list[EconomyNote] = []
    if "economy" in facts.failed:
        notes.append(EconomyNote("economy_failed"))
    if "period" in facts.failed:
        notes.append(EconomyNote("period_failed"))
    elif not facts.term.years:
        notes.append(EconomyNote("no_dates"))
    economy = facts.agreement.economy
    if economy is not None and not economy.contributions:
        notes.append(EconomyNote("no_contributions"))
    for c in facts.contributions if facts.term.years else ():
        notes.extend(_contribution_notes(c))
    return notes


def _problems(facts: Facts, loaded: Loaded | None) -> list[Diagnostic]:
    """IOP503 for each money contribution whose index chain lacks a figure."""
    problems = []
    for c in facts.contributions:
        missing = next((row for row in c.years if row.unknown == "no_figure"), None)
        if missing is None or c.index is None:
            continue
        path = ("economy", "contributions", c.position, "indexation", "index")
        line, column = (
            loaded.source.position(path)
            if loaded is not None and loaded.source is not None
            else (0, 0)
        )
        year = missing.missing_year
        problems.append(
            Diagnostic(
                facts.file,
                line,
                column,
                "IOP503",
                Severity.ERROR,
                f"no {c.index} value for {year}: {c.party}'s money from {year} on cannot be "
                "computed",
            )
        )
    return problems


def agreement_economy(facts: Facts, loaded: Loaded | None = None) -> AgreementEconomy:
    """The year-by-year economy of one agreement, as far as it can be computed."""
    contributions = facts.contributions if facts.term.years else ()
    table = tuple(
        EconomyYear(
            year,
            tuple(
                ContributionYear(c.party, c.party_name, c.public, c.kind, _label(c), c.index, row)
                for c in contributions
                for row in c.years
                if row.year == year
            ),
        )
        for year in (facts.term.years if contributions else ())
    )
    revisions = sorted(
        (
            RevisionRow(c.party, c.party_name, c.index or "", r)
            for c in contributions
            for r in c.revisions
        ),
        key=lambda r: (r.year, r.party, r.index),
    )
    return AgreementEconomy(
        facts=facts,
        years=table,
        revisions=tuple(revisions),
        volunteers=tuple(_volunteers(facts)) if facts.agreement.economy is not None else (),
        notes=tuple(_notes(facts)),
        problems=tuple(_problems(facts, loaded)),
    )


# --- many agreements ---------------------------------------------------------------


def _only_year(a: AgreementEconomy, year: int) -> AgreementEconomy:
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
    as_of: dt.date,
    assume: Decimal | None = None,
    year: int | None = None,
) -> EconomyReport:
    """Every agreement that loaded (even partly), sorted by id; ``year`` keeps one year."""
    items: list[AgreementEconomy] = []
    for item in loaded:
        if item.agreement is None or "" in item.failed or {"id", "parties"} & item.failed:
            continue  # without an id or parties, no row could be attributed to anyone
        facts = Facts(
            item.agreement,
            file=item.file,
            as_of=as_of,
            reference=reference,
            assume=assume,
            failed=item.failed,
        )
        items.append(agreement_economy(facts, item))
    items.sort(key=lambda a: (a.agreement_id, a.file))
    if year is not None:
        items = [_only_year(a, year) for a in items]
    problems = tuple(p for a in items for p in a.problems)
    missing = _missing(items)
    return EconomyReport(tuple(items), assume, year, problems, missing)


def economy_of_paths(
    paths: Sequence[str],
    *,
    as_of: dt.date,
    assume: Decimal | None = None,
    year: int | None = None,
    index_files: Sequence[str] = (),
) -> tuple[EconomyReport, list[Diagnostic]]:
    """``iopctl economy``: the report of every agreement under ``paths``, and the errors.

    The errors are the files' own (an agreement that fails validation is still computed
    as far as it can be), then each missing index figure (IOP503): either makes the
    command fail, after it has shown what it could compute.
    """
    result = validate_paths(paths, index_files=index_files)
    report = economy_report(
        result.loaded, reference=result.reference, as_of=as_of, assume=assume, year=year
    )
    return report, [*(d for d in result.diagnostics if d.is_error), *report.problems]


def _missing(items: Sequence[AgreementEconomy]) -> tuple[tuple[str, int], ...]:
    """(index, year) of every missing figure, once each, in the order first met."""
    found: dict[tuple[str, int], None] = {}
    for a in items:
        for y in a.years:
            for c in y.contributions:
                if c.unknown == "no_figure" and c.index and c.row.missing_year is not None:
                    found.setdefault((c.index, c.row.missing_year), None)
    return tuple(found)
