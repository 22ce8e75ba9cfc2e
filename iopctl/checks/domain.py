"""Domain checks beyond the schema, each with a stable code.

A check declares the top-level fields it reads (``needs``); it runs only when
all of them validated, so a broken field never causes a cascade of follow-on
errors. Checks yield diagnostics and never raise. The registry is
:mod:`iopctl.checks.registry`; the checks of what an active agreement must state
(IOP3xx) are :mod:`iopctl.checks.completeness`, registered last.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path as FsPath

from iopctl.checks.registry import CHECKS, Context, check
from iopctl.model.agreement import (
    Agreement,
    InKindContribution,
    MoneyContribution,
    VolunteerContribution,
)
from iopctl.model.load import Loaded
from iopctl.present.numbers import kronor
from iopctl.problems.diagnostic import MAX_PROBLEMS, Diagnostic, Severity
from iopctl.reading.source import Path

__all__ = [
    "DEFAULT_INDICES",
    "check_repository",
    "contribution_value",
    "luhn_ok",
    "org_number_problem",
    "run_checks",
]

DEFAULT_INDICES = frozenset({"OPI", "PKV"})


def run_checks(
    loaded: Loaded, *, known_indices: frozenset[str] = DEFAULT_INDICES
) -> list[Diagnostic]:
    """All checks whose fields validated; diagnostics in registration order."""
    if loaded.agreement is None or loaded.source is None or "" in loaded.failed:
        return []
    ctx = Context(loaded.agreement, loaded.source, known_indices)
    found: list[Diagnostic] = []
    for needs, fn in CHECKS:
        if needs & loaded.failed:
            continue
        # Enough to show that there are more than MAX_PROBLEMS (limit_problems says so).
        found.extend(itertools.islice(fn(ctx), MAX_PROBLEMS + 1 - len(found)))
        if len(found) > MAX_PROBLEMS:
            break
    return found


# --- organisation numbers --------------------------------------------------------

_ORG = re.compile(r"^\d{6}-\d{4}$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check digit used by Swedish organisation numbers."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _luhn_digit(first9: str) -> int:
    for digit in range(10):
        if luhn_ok(first9 + str(digit)):
            return digit
    raise AssertionError("unreachable")  # pragma: no cover


def org_number_problem(value: str) -> tuple[str, str] | None:
    """(message, hint) when ``value`` is not a well-formed organisationsnummer."""
    compact = value.replace("-", "").replace(" ", "")
    if compact.isdigit() and len(compact) == 12:
        short = f"{compact[2:8]}-{compact[8:]}"
        return (
            f"organisationsnummer {value!r} has 12 digits (a century prefix)",
            f"write the 10-digit form: {short}",
        )
    if compact.isdigit() and len(compact) == 10 and not _ORG.match(value):
        return (
            f"organisationsnummer {value!r} is not written as NNNNNN-NNNN",
            f"write {compact[:6]}-{compact[6:]}",
        )
    if not _ORG.match(value):
        return (
            f"organisationsnummer {value!r} is not of the form NNNNNN-NNNN",
            "write six digits, a hyphen and four digits, e.g. 212000-0449",
        )
    digits = value.replace("-", "")
    if not luhn_ok(digits):
        expected = _luhn_digit(digits[:9])
        return (
            f"organisationsnummer {value} has a wrong check digit "
            f"(the last digit should be {expected} for {value[:10]}…)",
            "copy the number again from the organisation's registration (Bolagsverket, "
            "Skatteverket or the decision document)",
        )
    return None


@check("parties")
def _org_numbers(ctx: Context) -> Iterator[Diagnostic]:
    for i, party in enumerate(ctx.agreement.parties):
        if party.org_number is None:
            continue
        problem = org_number_problem(party.org_number)
        if problem:
            yield ctx.error(("parties", i, "org_number"), "IOP201", *problem)


# --- parties and references --------------------------------------------------------


@check("parties")
def _party_composition(ctx: Context) -> Iterator[Diagnostic]:
    parties = ctx.agreement.parties
    seen: dict[str, int] = {}
    for i, party in enumerate(parties):
        if party.id in seen:
            yield ctx.error(
                ("parties", i, "id"),
                "IOP212",
                f"party id {party.id!r} is used twice (also parties[{seen[party.id]}])",
                "give each party its own id",
            )
        seen.setdefault(party.id, i)
    sectors = {p.sector for p in parties}
    if len(parties) < 2 or sectors != {"public", "idea_based"}:
        missing = [
            label
            for sector, label in (
                ("public", "a public party (sector: public)"),
                ("idea_based", "a non-profit party (sector: idea_based)"),
            )
            if sector not in sectors
        ]
        detail = " and ".join(missing) if missing else "at least two parties"
        yield ctx.error(
            ("parties",) if parties else ("id",),
            "IOP204",
            f"an IOP needs at least one public and one non-profit party; this one lacks {detail}",
            "list every party under `parties:` with its sector",
        )


def _references(agreement: Agreement) -> Iterator[tuple[str, Path, str]]:
    """(section, path, party id) for every field that refers to a party."""
    for i, resp in enumerate(agreement.responsibilities):
        yield "responsibilities", ("responsibilities", i, "party"), resp.party
    if agreement.economy is not None:
        for i, contribution in enumerate(agreement.economy.contributions):
            yield "economy", ("economy", "contributions", i, "party"), contribution.party
    if agreement.follow_up is not None:
        if agreement.follow_up.convening_party is not None:
            path: Path = ("follow_up", "convening_party")
            yield "follow_up", path, agreement.follow_up.convening_party
        for i, report in enumerate(agreement.follow_up.reports):
            if report.by is not None:
                yield "follow_up", ("follow_up", "reports", i, "by"), report.by
    for i, record in enumerate(agreement.follow_ups):
        for j, party_id in enumerate(record.participants):
            yield "follow_ups", ("follow_ups", i, "participants", j), party_id
        for j, figure in enumerate(record.figures):
            if figure.party is not None:
                yield "follow_ups", ("follow_ups", i, "figures", j, "party"), figure.party
        for j, section in enumerate(record.sections):
            if section.party is not None:
                yield "follow_ups", ("follow_ups", i, "sections", j, "party"), section.party
    for i, signature in enumerate(agreement.signatures):
        yield "signatures", ("signatures", i, "party"), signature.party
    for i, person in enumerate(agreement.contacts):
        if person.party is not None:
            yield "contacts", ("contacts", i, "party"), person.party
    org = agreement.organisation
    if org is not None:
        for group_name in ("steering_group", "working_group"):
            group = getattr(org, group_name)
            if group is None:
                continue
            for i, member in enumerate(group.members):
                if member.party is not None:
                    yield (
                        "organisation",
                        ("organisation", group_name, "members", i, "party"),
                        member.party,
                    )
        if org.responsible is not None and org.responsible.party is not None:
            yield "organisation", ("organisation", "responsible", "party"), org.responsible.party
    termination = agreement.termination
    if termination is not None and termination.record is not None:
        path = ("termination", "record", "given_by")
        yield "termination", path, termination.record.given_by


def _references_by_section(ctx: Context) -> dict[str, list[tuple[Path, str]]]:
    """:func:`_references` grouped by section, worked out once per agreement."""
    found: dict[str, list[tuple[Path, str]]] | None = ctx.cache.get("references")
    if found is None:
        found = {}
        for sec, path, party_id in _references(ctx.agreement):
            found.setdefault(sec, []).append((path, party_id))
        ctx.cache["references"] = found
    return found


def _make_reference_check(section: str) -> None:
    @check("parties", section)
    def _refs(ctx: Context) -> Iterator[Diagnostic]:
        known = [p.id for p in ctx.agreement.parties]
        for path, party_id in _references_by_section(ctx).get(section, ()):
            if party_id in known:
                continue
            import difflib

            close = difflib.get_close_matches(party_id, known, n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else ("use the id of a party listed under `parties:` (" + ", ".join(known) + ")")
            )
            yield ctx.error(path, "IOP203", f"no party has the id {party_id!r}", hint)


for _section in (
    "responsibilities",
    "economy",
    "follow_up",
    "follow_ups",
    "signatures",
    "contacts",
    "organisation",
    "termination",
):
    _make_reference_check(_section)


# --- period ---------------------------------------------------------------------------


@check("period")
def _period_dates(ctx: Context) -> Iterator[Diagnostic]:
    period = ctx.agreement.period
    if period is None:
        return
    start, end = period.start, period.end
    if start is not None and end is not None:
        if end < start:
            yield ctx.error(
                ("period", "end"),
                "IOP202",
                f"the period ends ({end}) before it starts ({start})",
                "check the years; end is the last day the agreement is in force",
            )
            return
        years = (end - start).days / 365.25
        if years > 10:
            yield ctx.warning(
                ("period", "end"),
                "IOP214",
                f"the period is {years:.0f} years long ({start} – {end}); IOPs usually run "
                "a few years",
                "check the dates; a very long period may be read as a procurement",
            )
        if period.length is not None and period.length.add_to(start) - end not in (
            _one_day,
            _zero,
        ):
            yield ctx.warning(
                ("period", "length"),
                "IOP213",
                f"length {period.length} does not match {start} – {end}",
                "correct the dates or the length (a 3-year period from 2020-01-01 ends 2022-12-31)",
            )
    if period.decision_deadline is not None and end is not None and period.decision_deadline > end:
        yield ctx.error(
            ("period", "decision_deadline"),
            "IOP209",
            f"the decision deadline {period.decision_deadline} is after the end of the "
            f"period ({end})",
            "a decision on extension or ending must be taken before the agreement ends",
        )
    for i, taken in enumerate(period.extensions_taken):
        if end is not None and taken.new_end <= end:
            yield ctx.error(
                ("period", "extensions_taken", i, "new_end"),
                "IOP202",
                f"the extension's new end {taken.new_end} is not after the end {end}",
                "new_end is the last day of the extended period",
            )
    extension = period.extension
    if extension is not None and extension.unlimited:
        yield ctx.warning(
            ("period", "extension", "unlimited"),
            "IOP211",
            "extension without a time limit: HFD 2020:15 counted this among the signs that "
            "an 'IOP' was a public contract",
            "state how many times and for how long the agreement may be extended",
        )
    if period.extensions_taken:
        allowed = extension.times if extension is not None else 0
        if extension is None or (allowed is not None and len(period.extensions_taken) > allowed):
            yield ctx.error(
                ("period", "extensions_taken"),
                "IOP216",
                f"{len(period.extensions_taken)} extension(s) recorded, but the agreement "
                f"allows {allowed or 'none'}",
                "record an amendment that allows the extension, or correct the record",
            )


_zero = __import__("datetime").timedelta(0)
_one_day = __import__("datetime").timedelta(days=1)


@check("period", "termination")
def _notice_fits(ctx: Context) -> Iterator[Diagnostic]:
    period, termination = ctx.agreement.period, ctx.agreement.termination
    if period is None or termination is None or termination.notice_period is None:
        return
    if period.start is None or period.end is None or period.end < period.start:
        return
    if termination.notice_period.subtract_from(period.end) < period.start:
        yield ctx.error(
            ("termination", "notice_period"),
            "IOP208",
            f"the notice period ({termination.notice_period}) is longer than the agreement "
            f"({period.start} – {period.end})",
            "check the notice period; it must leave time to give notice during the period",
        )


# --- economy --------------------------------------------------------------------------


def contribution_value(contribution: object) -> Decimal | None:
    """The yearly value a contribution declares (base year, not indexed)."""
    if isinstance(contribution, MoneyContribution):
        return contribution.amount_per_year
    if isinstance(contribution, VolunteerContribution):
        if contribution.value_per_year is not None:
            return contribution.value_per_year
        if contribution.hours_per_year is not None and contribution.hourly_rate is not None:
            return contribution.hours_per_year * contribution.hourly_rate
        return None
    if isinstance(contribution, InKindContribution):
        return contribution.value_per_year
    return None


@check("economy")
def _economy_sums(ctx: Context) -> Iterator[Diagnostic]:
    economy = ctx.agreement.economy
    if economy is None:
        return
    for i, contribution in enumerate(economy.contributions):
        if isinstance(contribution, VolunteerContribution):
            hours, rate, value = (
                contribution.hours_per_year,
                contribution.hourly_rate,
                contribution.value_per_year,
            )
            if hours is not None and rate is not None and value is not None:
                product = hours * rate
                if product != value:
                    yield ctx.error(
                        ("economy", "contributions", i, "value_per_year"),
                        "IOP206",
                        f"value_per_year {kronor(value)} is not hours × rate: "
                        f"{hours} h × {kronor(rate)} = {kronor(product)}",
                        "correct one of hours_per_year, hourly_rate or value_per_year",
                    )
                    continue
    if economy.declared_total_per_year is None:
        return
    values = [contribution_value(c) for c in economy.contributions]
    known = [v for v in values if v is not None]
    if not known:
        return
    total = sum(known, Decimal(0))
    if total != economy.declared_total_per_year:
        parts = " + ".join(kronor(v) for v in known)
        yield ctx.error(
            ("economy", "declared_total_per_year"),
            "IOP205",
            f"declared total {kronor(economy.declared_total_per_year)} per year differs from "
            f"the sum of contributions {parts} = {kronor(total)}",
            "correct the total or the contributions (contributions without a stated value "
            "are not counted)",
        )


@check("economy")
def _indexation(ctx: Context) -> Iterator[Diagnostic]:
    economy = ctx.agreement.economy
    if economy is None:
        return
    known = sorted(ctx.known_indices)
    for i, contribution in enumerate(economy.contributions):
        if not isinstance(contribution, MoneyContribution) or contribution.indexation is None:
            continue
        indexation = contribution.indexation
        base = ("economy", "contributions", i, "indexation")
        if indexation.index not in ctx.known_indices:
            import difflib

            close = difflib.get_close_matches(indexation.index.upper(), known, n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else (
                    f"known indices: {', '.join(known)}; add your own with an index file "
                    "(indices/*.yaml or --index-file)"
                )
            )
            yield ctx.error((*base, "index"), "IOP210", f"unknown index {indexation.index!r}", hint)
        if (
            contribution.base_year is not None
            and indexation.from_date.year <= contribution.base_year
        ):
            yield ctx.error(
                (*base, "from_date"),
                "IOP217",
                f"indexation starts in {indexation.from_date.year}, not after the base year "
                f"{contribution.base_year}",
                "base_year is the year the unindexed amount is for; the first indexed year "
                "comes after it",
            )


# --- dates of records -------------------------------------------------------------------


@check("period", "follow_ups")
def _follow_up_dates(ctx: Context) -> Iterator[Diagnostic]:
    period = ctx.agreement.period
    if period is None:
        return
    end = ctx.agreement.end_date
    for i, record in enumerate(ctx.agreement.follow_ups):
        if period.start is not None and record.date < period.start:
            yield ctx.error(
                ("follow_ups", i, "date"),
                "IOP207",
                f"follow-up dated {record.date}, before the period starts ({period.start})",
                "check the date; follow-ups of an earlier agreement belong in its own file",
            )
        elif end is not None and (record.date - end).days > 366:
            yield ctx.warning(
                ("follow_ups", i, "date"),
                "IOP207",
                f"follow-up dated {record.date}, more than a year after the period ended ({end})",
                "check the date, or record the extension under period.extensions_taken",
            )


@check("period", "signatures")
def _signature_dates(ctx: Context) -> Iterator[Diagnostic]:
    end = ctx.agreement.end_date
    if end is None:
        return
    for i, signature in enumerate(ctx.agreement.signatures):
        if signature.date is not None and signature.date > end:
            yield ctx.error(
                ("signatures", i, "date"),
                "IOP207",
                f"signature dated {signature.date}, after the agreement ended ({end})",
                "check the date",
            )


@check("period", "amendments")
def _amendment_dates(ctx: Context) -> Iterator[Diagnostic]:
    period = ctx.agreement.period
    end = ctx.agreement.end_date
    if period is None:
        return
    for i, amendment in enumerate(ctx.agreement.amendments):
        if (period.start is not None and amendment.date < period.start) or (
            end is not None and amendment.date > end
        ):
            yield ctx.warning(
                ("amendments", i, "date"),
                "IOP207",
                f"amendment dated {amendment.date}, outside the period",
                "check the date",
            )


@check("status", "termination")
def _terminated_has_record(ctx: Context) -> Iterator[Diagnostic]:
    agreement = ctx.agreement
    if agreement.status != "terminated":
        return
    if agreement.termination is None or agreement.termination.record is None:
        yield ctx.error(
            ("status",),
            "IOP215",
            "status is terminated, but no notice is recorded",
            "add termination.record with given_by, given_on and effective",
        )


# --- across files ------------------------------------------------------------------------


def check_repository(loaded: Iterable[Loaded]) -> list[Diagnostic]:
    """Checks that need several files: unique ids, id matching the file name."""
    found: list[Diagnostic] = []
    first: dict[str, Loaded] = {}
    for item in loaded:
        agreement, source = item.agreement, item.source
        if agreement is None or source is None or "id" in item.failed:
            continue
        agreement_id = agreement.id
        if agreement_id in first:
            other = first[agreement_id]
            line = other.source.position(("id",))[0] if other.source else 0
            found.append(
                source.diagnostic(
                    ("id",),
                    "IOP401",
                    f"id {agreement_id!r} is already used by {other.file}:{line}",
                    "ids must be unique across the repository; rename one of them",
                )
            )
            continue
        first[agreement_id] = item
        stem = FsPath(item.file).stem
        if stem != agreement_id:
            found.append(
                source.diagnostic(
                    ("id",),
                    "IOP402",
                    f"file name {FsPath(item.file).name!r} does not match the id {agreement_id!r}",
                    f"rename the file to {agreement_id}.yaml",
                    severity=Severity.WARNING,
                )
            )
    return found


# The IOP3xx checks register after every check above: registration order is run order.
import iopctl.checks.completeness  # noqa: E402, F401  # isort: skip
