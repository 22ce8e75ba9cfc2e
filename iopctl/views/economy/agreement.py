"""One agreement's economy (:func:`agreement_economy`): the facts' yearly amounts laid out
per year, the revisions, what follow-ups recorded about volunteer hours, and why
anything could not be computed (notes, and IOP503 for a missing index figure).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from iopctl.facts import Facts
from iopctl.facts.amounts import ContributionFacts
from iopctl.i18n import N_
from iopctl.model.agreement import InKindContribution, VolunteerContribution
from iopctl.model.load import Loaded
from iopctl.money.arithmetic import Rounding, volunteer_value
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.views.economy.results import (
    DIVIDE,
    AgreementEconomy,
    ContributionYear,
    EconomyNote,
    EconomyYear,
    RateSource,
    RecordedHours,
    RevisionRow,
    VolunteerValuation,
)

__all__ = ["agreement_economy"]

_ORE = Decimal("0.01")


def _derived_rate(
    c: VolunteerContribution,
) -> tuple[Decimal | None, RateSource]:
    if c.hourly_rate is not None:
        return c.hourly_rate.quantize(_ORE), "hourly_rate"
    if c.value_per_year is not None and c.hours_per_year:
        rate = DIVIDE.divide(c.value_per_year, c.hours_per_year).quantize(_ORE, ROUND_HALF_UP)
        return rate, "value_per_year / hours_per_year"
    return None, "not stated"


def _recorded_value(c: VolunteerContribution, hours: Decimal, rounding: Rounding) -> Decimal | None:
    """Hours valued at the agreed rate, or pro rata of value_per_year when only that is stated."""
    if c.hourly_rate is not None:
        return volunteer_value(hours=hours, rate=c.hourly_rate, rounding=rounding)
    if c.value_per_year is not None and c.hours_per_year:
        return rounding.apply(DIVIDE.divide(c.value_per_year * hours, c.hours_per_year))
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
                    party=c.party_name,
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
    elif facts.economy_unknown:
        notes.append(EconomyNote("economy_not_stated"))
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
                N_(
                    "iopctl has no {index} figure for {year}: {party}'s money from {year} on "
                    "cannot be computed"
                ),
                args={"index": c.index, "year": year, "party": c.party},
            )
        )
    return problems


def agreement_economy(
    facts: Facts, loaded: Loaded | None = None, *, paid: bool = True
) -> AgreementEconomy:
    """The year-by-year economy of one agreement, as far as it can be computed.

    ``paid=False``: leave out what the payments dated in each year add up to
    (:attr:`ContributionYear.paid` stays ``None``), for the portfolio's text, which does
    not show them; laying out every payment date is a sixth of the work here.
    """
    contributions = facts.contributions if facts.term.years else ()
    # What does not change from year to year, once per contribution.
    each = [(c, _label(c), facts.name_of(c.recipient)) for c in contributions]
    table = tuple(
        EconomyYear(
            year,
            tuple(
                ContributionYear(
                    c.party,
                    c.party_name,
                    c.public,
                    c.kind,
                    label,
                    c.index,
                    row,
                    facts.paid_in(c.position, year) if paid and c.kind == "money" else None,
                    c.contribution,
                    recipient,
                )
                for c, label, recipient in each
                if (row := c.year(year)) is not None  # one row a year (its term's years)
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
        unknown_years=tuple(facts.unknown_money_years),
    )
