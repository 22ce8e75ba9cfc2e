"""Checks of who the parties are and who the agreement refers to (IOP201, IOP203, IOP204,
IOP212).

An organisationsnummer is checked here, once, for ``validate`` and for ``iopctl new``
(:func:`org_number_problem`). Every field that names a party is found by
:func:`_references`; :func:`references_in` makes one check per top-level section, so an
unknown id is reported only when that section itself validated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from iopctl.checks.context import Check, Context, check
from iopctl.i18n import N_
from iopctl.model.agreement import MoneyContribution, PartialAgreement
from iopctl.present.suggest import maybe_meant
from iopctl.problems.diagnostic import HINT, MAX_PROBLEMS, WORDS, Diagnostic, Words
from iopctl.reading.source import Path

__all__ = [
    "REFERRING_SECTIONS",
    "luhn_ok",
    "org_number_problem",
    "org_numbers",
    "party_composition",
    "references_in",
]

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


def org_number_problem(value: str) -> tuple[Words, Words] | None:
    """(message, hint) when ``value`` is not a well-formed organisationsnummer.

    A wrong check digit means a mistyped number, not a number to repair: the hint sends
    the reader to the register, never to the digit that would make it pass.
    """
    compact = value.replace("-", "").replace(" ", "")
    if compact.isdigit() and len(compact) == 12:
        return (
            Words(
                N_("organisationsnummer {value!r} has 12 digits (a century prefix)"),
                {"value": value},
            ),
            Words(
                N_("write the 10-digit form: {short}"), {"short": f"{compact[2:8]}-{compact[8:]}"}
            ),
        )
    if compact.isdigit() and len(compact) == 10 and not _ORG.match(value):
        return (
            Words(
                N_("organisationsnummer {value!r} is not written as NNNNNN-NNNN"), {"value": value}
            ),
            Words(N_("write {short}"), {"short": f"{compact[:6]}-{compact[6:]}"}),
        )
    if not _ORG.match(value):
        return (
            Words(
                N_("organisationsnummer {value!r} is not of the form NNNNNN-NNNN"), {"value": value}
            ),
            Words(N_("write six digits, a hyphen and four digits, e.g. 212000-0449")),
        )
    if not luhn_ok(value.replace("-", "")):
        return (
            Words(
                N_(
                    "organisationsnummer {value} is not a valid number (its check digit does "
                    "not match): it was probably mistyped"
                ),
                {"value": value},
            ),
            Words(
                N_(
                    "check the number against Bolagsverket's register (bolagsverket.se) or the "
                    "organisation's own documents (statutes, annual report, decision)"
                )
            ),
        )
    return None


@check("parties")
def org_numbers(ctx: Context) -> Iterator[Diagnostic]:
    """IOP201: every stated organisationsnummer is well formed."""
    for i, party in enumerate(ctx.agreement.parties):
        if party.org_number is None:
            continue
        problem = org_number_problem(party.org_number)
        if problem:
            message, hint = problem
            yield ctx.error(
                ("parties", i, "org_number"), "IOP201", WORDS, HINT, words=message, hint_words=hint
            )


# --- parties and references --------------------------------------------------------


@check("parties")
def party_composition(ctx: Context) -> Iterator[Diagnostic]:
    """IOP212 for a party id used twice; IOP204 unless a public and a non-profit party sign."""
    parties = ctx.agreement.parties
    seen: dict[str, int] = {}
    for i, party in enumerate(parties):
        if party.id in seen:
            yield ctx.error(
                ("parties", i, "id"),
                "IOP212",
                N_("party id {id!r} is used twice (also parties[{seen}])"),
                N_("give each party its own id"),
                id=party.id,
                seen=seen[party.id],
            )
        seen.setdefault(party.id, i)
    sectors = {p.sector for p in parties}
    if len(parties) < 2 or sectors != {"public", "idea_based"}:
        missing = [
            label
            for sector, label in (
                ("public", N_("a public party (sector: public)")),
                ("idea_based", N_("a non-profit party (sector: idea_based)")),
            )
            if sector not in sectors
        ]
        detail = (
            Words(N_("at least two parties"))
            if not missing
            else Words(missing[0])
            if len(missing) == 1
            else Words(
                N_("{first} and {second}"),
                {"first": Words(missing[0]), "second": Words(missing[1])},
            )
        )
        yield ctx.error(
            ("parties",) if parties else ("id",),
            "IOP204",
            N_(
                "an IOP needs at least one public and one non-profit party; this one lacks {detail}"
            ),
            N_("list every party under `parties:` with its sector"),
            detail=detail,
        )


def _references(agreement: PartialAgreement) -> Iterator[tuple[str, Path, str]]:
    """(section, path, party id) for every field that refers to a party."""
    for i, resp in enumerate(agreement.responsibilities):
        yield "responsibilities", ("responsibilities", i, "party"), resp.party
    if agreement.economy is not None:
        for i, contribution in enumerate(agreement.economy.contributions):
            yield "economy", ("economy", "contributions", i, "party"), contribution.party
            if isinstance(contribution, MoneyContribution) and contribution.to is not None:
                yield "economy", ("economy", "contributions", i, "to"), contribution.to
        for i, total in enumerate(agreement.economy.party_totals):
            yield "economy", ("economy", "party_totals", i, "party"), total.party
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
    for i, entry in enumerate(agreement.history):
        for name in ("by", "to", "party"):
            value = getattr(entry, name, None)
            if isinstance(value, str):
                yield "history", ("history", i, name), value


REFERRING_SECTIONS = (
    "responsibilities",
    "economy",
    "follow_up",
    "follow_ups",
    "signatures",
    "contacts",
    "organisation",
    "termination",
    "history",
)
"""Every top-level section :func:`_references` finds party ids in (each needs a check)."""


def _unknown_by_section(ctx: Context) -> dict[str, list[Diagnostic]]:
    """IOP203 for every reference to a party that is not listed, grouped by section:
    worked out once per agreement (nine checks read it, and most files have none). The
    sections come in the order their checks run, so the first ``MAX_PROBLEMS + 1`` are
    all that :func:`~iopctl.checks.run.run_checks` can show."""
    found: dict[str, list[Diagnostic]] | None = ctx.cache.get("unknown_parties")
    if found is not None:
        return found
    found = {}
    known = [p.id for p in ctx.agreement.parties]
    count = 0
    for section, path, party_id in _references(ctx.agreement):
        if party_id in known:
            continue
        count += 1
        if count > MAX_PROBLEMS + 1:
            break
        hint = maybe_meant(party_id, known) or Words(
            N_("use the id of a party listed under `parties:` ({known})"),
            {"known": ", ".join(known)},
        )
        problem = ctx.error(
            path,
            "IOP203",
            N_("no party has the id {party_id!r}"),
            WORDS,
            party_id=party_id,
            words=hint,
        )
        found.setdefault(section, []).append(problem)
    ctx.cache["unknown_parties"] = found
    return found


def references_in(section: str) -> Check:
    """IOP203 for the party ids ``section`` refers to.

    One check per section, not one for all, so that a section that failed validation
    is skipped on its own while the references of every other section are still checked.
    """
    if section not in REFERRING_SECTIONS:
        raise ValueError(f"no party references are collected from {section!r}")

    def run(ctx: Context) -> Iterator[Diagnostic]:
        return iter(_unknown_by_section(ctx).get(section, ()))

    return Check(f"references_in_{section}", frozenset({"parties", section}), run)
