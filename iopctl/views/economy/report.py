"""The portfolio: every agreement's economy in one report, with totals per year and
per deciding body (:func:`economy_report`).

Only agreements that are committed (not drafts, :attr:`AgreementEconomy.counted`) count
in the totals; ``--year`` keeps one year of every agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from iopctl.checks.validate import validate_each
from iopctl.facts import Facts
from iopctl.facts.sums import EMPTY, Sum
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import Diagnostic
from iopctl.views.economy.agreement import agreement_economy
from iopctl.views.economy.results import AgreementEconomy

__all__ = [
    "BodyYear",
    "EconomyReport",
    "OrganisationYear",
    "YearTotal",
    "economy_of_paths",
    "economy_report",
]


@dataclass(frozen=True)
class YearTotal:
    year: int
    total: Sum


@dataclass(frozen=True)
class BodyYear:
    """Money (``kind: money`` of public parties) of one deciding body in a year."""

    body: str | None
    year: int
    total: Sum


@dataclass(frozen=True)
class OrganisationYear:
    """Money (``kind: money`` of public parties) one organisation receives in a year."""

    organisation: str | None
    year: int
    total: Sum


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
        found: dict[int, Sum] = {}
        for a in self.counted:
            for y in a.years:
                found[y.year] = found.get(y.year, EMPTY) + y.total
        return tuple(YearTotal(y, found[y]) for y in sorted(found))

    @property
    def bodies(self) -> tuple[BodyYear, ...]:
        """Money per deciding body and year (counted agreements only)."""
        found: dict[tuple[str | None, int], Sum] = {}
        for a in self.counted:
            for y in a.years:
                for c in y.contributions:
                    if c.kind == "money" and c.public:
                        key = (a.body, y.year)
                        found[key] = found.get(key, EMPTY) + Sum.one(c.row)
        return tuple(
            BodyYear(body, year, found[(body, year)])
            for body, year in sorted(found, key=lambda k: (k[0] or "", k[1]))
        )

    @property
    def organisations(self) -> tuple[OrganisationYear, ...]:
        """Money per receiving organisation (the party named by ``to``, else the first
        idea-based party) and year, counted agreements only; ``None``: no recipient."""
        found: dict[tuple[str | None, int], Sum] = {}
        for a in self.counted:
            for y in a.years:
                for c in y.contributions:
                    if c.kind == "money" and c.public:
                        key = (c.recipient, y.year)
                        found[key] = found.get(key, EMPTY) + Sum.one(c.row)
        return tuple(
            OrganisationYear(name, year, found[(name, year)])
            for name, year in sorted(found, key=lambda k: (k[0] or "", k[1]))
        )

    @property
    def money_totals(self) -> tuple[YearTotal, ...]:
        found: dict[int, Sum] = {}
        for b in self.bodies:
            found[b.year] = found.get(b.year, EMPTY) + b.total
        return tuple(YearTotal(y, found[y]) for y in sorted(found))


# --- building the report -----------------------------------------------------------


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
    step = _EconomyStep(as_of, assume)
    found = (step(item, reference) for item in loaded)
    return report_of([a for a in found if a is not None], assume=assume, year=year)


@dataclass(frozen=True, slots=True)
class _EconomyStep:
    """One agreement's economy, made as its file is read (``None``: nothing to attribute)."""

    as_of: dt.date
    assume: Decimal | None

    def __call__(self, item: Loaded, reference: ReferenceData) -> AgreementEconomy | None:
        if item.agreement is None or "" in item.failed or {"id", "parties"} & item.failed:
            return None  # without an id or parties, no row could be attributed to anyone
        facts = Facts(
            item.agreement,
            file=item.file,
            as_of=self.as_of,
            reference=reference,
            assume=self.assume,
            failed=item.failed,
        )
        return agreement_economy(facts, item)


def report_of(
    items: list[AgreementEconomy], *, assume: Decimal | None, year: int | None
) -> EconomyReport:
    """The report of the agreements' economies: sorted by id, ``year`` keeps one year."""
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
    jobs: int = 1,
) -> tuple[EconomyReport, list[Diagnostic]]:
    """``iopctl economy``: the report of every agreement under ``paths``, and the errors.

    The errors are the files' own (an agreement that fails validation is still computed
    as far as it can be), then each missing index figure (IOP503): either makes the
    command fail, after it has shown what it could compute.
    """
    step = _EconomyStep(as_of, assume)
    result, kept = validate_each(paths, step, index_files=index_files, jobs=jobs)
    report = report_of([a for a in kept if a is not None], assume=assume, year=year)
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
