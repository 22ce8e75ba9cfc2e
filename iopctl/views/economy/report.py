"""The portfolio: every agreement's economy in one report, with totals per year and
per deciding body (:func:`economy_report`).

Only agreements that are committed (not drafts, :attr:`AgreementEconomy.counted`) count
in the totals; ``--year`` keeps one year of every agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cached_property

from iopctl.checks.validate import check_file, validate_each
from iopctl.facts import facts_of
from iopctl.frozen import frozen
from iopctl.model.load import Loaded
from iopctl.money.arithmetic import Rounding
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import Diagnostic
from iopctl.views.economy.agreement import agreement_economy
from iopctl.views.economy.portfolio import (
    AgreementLine,
    BodyYear,
    Gathered,
    OrganisationYear,
    Sums,
    Totals,
    YearTotal,
    line_key,
)
from iopctl.views.economy.results import AgreementEconomy, EconomyNote, RevisionRow
from iopctl.views.spill import Listing, SortedRows

__all__ = [
    "BodyYear",
    "EconomyReport",
    "OrganisationYear",
    "YearTotal",
    "economy_of_paths",
    "economy_report",
]


@frozen
class Portfolio:
    """The portfolio as kept over many files: a line per agreement, sorted by id, and the
    totals and the rest of the text gathered as the files were read
    (:mod:`iopctl.views.economy.portfolio`)."""

    lines: Listing[AgreementLine]
    totals: Totals
    gathered: Gathered


@frozen
class EconomyReport:
    """Every agreement's economy (``agreements``), or, for the text of a portfolio over
    many files, only its lines and totals (``kept``; ``agreements`` is then empty)."""

    agreements: tuple[AgreementEconomy, ...]
    assume: Decimal | None = None
    year: int | None = None
    kept: Portfolio | None = None

    @cached_property
    def _portfolio(self) -> Portfolio:
        return self.kept if self.kept is not None else _portfolio_of(self.agreements)

    @property
    def lines(self) -> Listing[AgreementLine]:
        """One line per agreement, in the order of :attr:`agreements`."""
        return self._portfolio.lines

    @property
    def portfolio(self) -> bool:
        return len(self.lines) != 1

    @property
    def counted(self) -> tuple[AgreementLine, ...]:
        return tuple(a for a in self.lines if a.counted)

    @property
    def counted_count(self) -> int:
        """How many agreements count in the totals (not drafts)."""
        return self._portfolio.gathered.counted

    @cached_property
    def problems(self) -> tuple[Diagnostic, ...]:
        """Every IOP503, agreement by agreement in the report's order."""
        return self._portfolio.gathered.problems

    @cached_property
    def missing(self) -> tuple[tuple[str, int], ...]:
        """(index, year) of every figure missing, once each, in the order met."""
        return self._portfolio.gathered.missing

    @property
    def assumed(self) -> tuple[tuple[str, int], ...]:
        """(index, year) of every figure assumed (``--assume``), once each, sorted."""
        return self._portfolio.gathered.assumed

    @property
    def roundings(self) -> tuple[Rounding, ...]:
        """The agreements' rounding rules, each once."""
        return self._portfolio.gathered.roundings

    @property
    def revisions(self) -> Listing[tuple[str, RevisionRow]]:
        """(agreement id, revision) of every agreement, in the report's order."""
        return self._portfolio.gathered.revisions

    @property
    def notes(self) -> Listing[tuple[str, EconomyNote]]:
        """(agreement id, note) of every agreement, in the report's order."""
        return self._portfolio.gathered.notes

    @property
    def totals(self) -> tuple[YearTotal, ...]:
        """All contributions of counted (non-draft) agreements, per year."""
        return self._portfolio.totals.totals

    @property
    def bodies(self) -> tuple[BodyYear, ...]:
        """Money per deciding body and year (counted agreements only)."""
        return self._portfolio.totals.bodies

    @property
    def organisations(self) -> tuple[OrganisationYear, ...]:
        """Money per receiving organisation (the party named by ``to``, else the first
        idea-based party) and year, counted agreements only; ``None``: no recipient."""
        return self._portfolio.totals.organisations

    @property
    def money_totals(self) -> tuple[YearTotal, ...]:
        """Every deciding body's money per year."""
        return self._portfolio.totals.money_totals


# --- building the report -----------------------------------------------------------


def _only_year(a: AgreementEconomy, year: int) -> AgreementEconomy:
    return replace(
        a,
        years=tuple(y for y in a.years if y.year == year),
        unknown_years=tuple(y for y in a.unknown_years if y == year),
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
    step = _EconomyStep(as_of, assume, year)
    found = (step.economy(item, reference) for item in loaded)
    return report_of([a for a in found if a is not None], assume=assume, year=year)


Compact = tuple[AgreementLine, Sums]
"""What a portfolio's text makes of an agreement: its line, and its share of the totals
(:func:`economy_of_paths` puts the line away and adds up the share)."""


@frozen(slots=True)
class _EconomyStep:
    """One agreement's economy, made as its file is read (``None``: nothing to attribute);
    ``compact``: only its line and its share of the totals."""

    as_of: dt.date
    assume: Decimal | None
    year: int | None = None
    compact: bool = False

    def economy(
        self, item: Loaded, reference: ReferenceData, *, paid: bool = True
    ) -> AgreementEconomy | None:
        if item.agreement is None or "" in item.failed or {"id", "parties"} & item.failed:
            return None  # without an id or parties, no row could be attributed to anyone
        facts = facts_of(item, as_of=self.as_of, reference=reference, assume=self.assume)
        assert facts is not None  # the agreement was read
        found = agreement_economy(facts, item, paid=paid)
        return found if self.year is None else _only_year(found, self.year)

    def __call__(self, item: Loaded, reference: ReferenceData) -> AgreementEconomy | Compact | None:
        found = self.economy(item, reference, paid=not self.compact)
        if found is None or not self.compact:
            return found
        return AgreementLine.of(found), Sums.of(found)


def _portfolio_of(items: Sequence[AgreementEconomy]) -> Portfolio:
    totals, gathered = Totals(), Gathered()
    lines = tuple(AgreementLine.of(a) for a in items)
    for a, line in zip(items, lines, strict=True):
        totals.add(Sums.of(a))
        gathered.add(line)
    return Portfolio(lines, totals, gathered)


def report_of(
    items: list[AgreementEconomy], *, assume: Decimal | None, year: int | None
) -> EconomyReport:
    """The report of the agreements' economies (``year``: already kept to one), by id."""
    items.sort(key=line_key)
    return EconomyReport(tuple(items), assume, year, _portfolio_of(items))


def economy_of_paths(
    paths: Sequence[str],
    *,
    as_of: dt.date,
    assume: Decimal | None = None,
    year: int | None = None,
    index_files: Sequence[str] = (),
    jobs: int = 1,
    detail: bool = True,
) -> tuple[EconomyReport, list[Diagnostic]]:
    """``iopctl economy``: the report of every agreement under ``paths``, and the errors.

    The errors are the files' own (an agreement that fails validation is still computed
    as far as it can be), then each missing index figure (IOP503): either makes the
    command fail, after it has shown what it could compute.

    ``detail=False`` (the text): of a portfolio keep only each agreement's line and the
    running totals, so memory stays flat in the number of files; one agreement alone is
    shown in detail, so its file is read again.
    """
    step = _EconomyStep(as_of, assume, year, compact=not detail)
    totals, gathered = Totals(), Gathered()
    lines: SortedRows[AgreementLine] = SortedRows()

    def add(kept: AgreementEconomy | Compact | None) -> AgreementEconomy | Compact | None:
        if isinstance(kept, tuple):  # in file order, as each file comes back
            line, sums = kept
            totals.add(sums)
            gathered.add(line)
            lines.add(line_key(line), line)
            return None
        return kept

    result, kept = validate_each(paths, step, index_files=index_files, jobs=jobs, fold=add)
    errors = [d for d in result.diagnostics if d.is_error]
    if len(lines) == 1:  # one agreement is shown in detail: read it again, whole
        (only,) = lines
        whole = step.economy(check_file(only.file, result.reference), result.reference)
        kept = [whole]
    if detail or len(lines) == 1:
        report = report_of(
            [a for a in kept if isinstance(a, AgreementEconomy)], assume=assume, year=year
        )
    else:
        report = EconomyReport((), assume, year, Portfolio(lines, totals, gathered))
    return report, [*errors, *report.problems]
