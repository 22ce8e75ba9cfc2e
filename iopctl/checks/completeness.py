"""What an active agreement must state (errors) and should state (warnings): IOP3xx.

Each check looks at ``status: active`` only; a draft may leave these out. ``iopctl new``
runs them on a copy marked active to list what a draft still lacks. They run after the
IOP2xx checks (:data:`iopctl.checks.run.CHECKS`).
"""

from __future__ import annotations

from collections.abc import Iterator

from iopctl.checks.context import Context, check
from iopctl.i18n import N_
from iopctl.model.agreement import PartialAgreement
from iopctl.problems.diagnostic import Diagnostic
from iopctl.reading.source import Path

__all__ = [
    "active_changes",
    "active_disputes",
    "active_economy",
    "active_follow_up",
    "active_org_numbers",
    "active_organisation",
    "active_period",
    "active_purpose",
    "active_responsibilities",
    "active_signatures",
    "active_termination",
    "document_fields",
    "document_needs",
]


@check("status", "period")
def active_period(ctx: Context) -> Iterator[Diagnostic]:
    a = ctx.agreement
    if a.status != "active":
        return
    missing = [
        name for name in ("start", "end") if a.period is None or getattr(a.period, name) is None
    ]
    if missing:
        where: Path = ("period",) if a.period is not None else ("status",)
        yield ctx.error(
            where,
            "IOP301",
            N_("an active agreement must state its period: {join} missing")
            if len(missing) == 1
            else N_("an active agreement must state its period: {join} and {join2} missing"),
            N_("add period.start and period.end (YYYY-MM-DD)"),
            join=missing[0],
            join2=missing[-1],
        )


@check("status", "parties")
def active_org_numbers(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.agreement.status != "active":
        return
    for i, party in enumerate(ctx.agreement.parties):
        if party.org_number is None and party.confirmed:
            yield ctx.error(
                ("parties", i),
                "IOP302",
                N_("party {id!r} of an active agreement has no org_number"),
                N_("add org_number: NNNNNN-NNNN"),
                id=party.id,
            )


@check("status", "economy")
def active_economy(ctx: Context) -> Iterator[Diagnostic]:
    a = ctx.agreement
    if a.status == "active" and (a.economy is None or not a.economy.contributions):
        yield ctx.error(
            ("economy",) if a.economy is not None else ("status",),
            "IOP303",
            N_("an active agreement must state each party's contribution under economy"),
            N_("add economy.contributions (money, volunteer_hours, in_kind)"),
        )


@check("status", "termination")
def active_termination(ctx: Context) -> Iterator[Diagnostic]:
    a = ctx.agreement
    if a.status == "active" and (a.termination is None or a.termination.notice_period is None):
        yield ctx.error(
            ("termination",) if a.termination is not None else ("status",),
            "IOP304",
            N_("an active agreement must state its notice period"),
            N_("add termination.notice_period, e.g. '6 months'"),
        )


@check("status", "follow_up")
def active_follow_up(ctx: Context) -> Iterator[Diagnostic]:
    a = ctx.agreement
    terms = a.follow_up
    if a.status != "active":
        return
    if terms is None or (terms.per_year is None and terms.interval is None):
        yield ctx.error(
            ("follow_up",) if terms is not None else ("status",),
            "IOP305",
            N_("an active agreement must say how often it is followed up"),
            N_("add follow_up.per_year (e.g. 1) or follow_up.interval (e.g. '12 months')"),
        )


def _should(
    ctx: Context, present: bool, code: str, message: str, hint: str
) -> Iterator[Diagnostic]:
    if ctx.agreement.status == "active" and not present:
        yield ctx.warning(("status",), code, message, hint)


@check("status", "parties", "responsibilities", "joint_responsibilities")
def active_responsibilities(ctx: Context) -> Iterator[Diagnostic]:
    a = ctx.agreement
    if a.status != "active":
        return
    with_clauses = {r.party for r in a.responsibilities}
    for i, party in enumerate(a.parties):
        if party.id not in with_clauses:
            yield ctx.warning(
                ("parties", i),
                "IOP310",
                N_("no responsibilities are stated for party {id!r}"),
                N_("add an entry under `responsibilities:` with the party's commitments"),
                id=party.id,
            )


@check("status", "organisation")
def active_organisation(ctx: Context) -> Iterator[Diagnostic]:
    org = ctx.agreement.organisation
    present = org is not None and (
        org.steering_group is not None
        or org.working_group is not None
        or org.description is not None
    )
    yield from _should(
        ctx,
        present,
        "IOP311",
        N_("no steering group, working group or meeting frequency is stated"),
        N_("add organisation.steering_group with members and meeting_frequency"),
    )


@check("status", "disputes")
def active_disputes(ctx: Context) -> Iterator[Diagnostic]:
    yield from _should(
        ctx,
        ctx.agreement.disputes is not None,
        "IOP312",
        N_("no clause on rescission and disputes (omförhandling, hävning och tvist)"),
        N_("add `disputes:` saying how disagreements are resolved"),
    )


@check("status", "changes")
def active_changes(ctx: Context) -> Iterator[Diagnostic]:
    yield from _should(
        ctx,
        ctx.agreement.changes is not None,
        "IOP313",
        N_("no clause on changes and amendments (ändringar och tillägg)"),
        N_("add `changes:` saying how the agreement is changed (in writing, by both parties)"),
    )


@check("status", "purpose", "challenge", "goals")
def active_purpose(ctx: Context) -> Iterator[Diagnostic]:
    a = ctx.agreement
    yield from _should(
        ctx,
        a.goals is not None and (a.purpose is not None or a.challenge is not None),
        "IOP314",
        N_("the purpose or social challenge and the goals should be stated"),
        N_("add `challenge:` or `purpose:`, and `goals:`"),
    )


@check("status", "signatures")
def active_signatures(ctx: Context) -> Iterator[Diagnostic]:
    yield from _should(
        ctx,
        bool(ctx.agreement.signatures),
        "IOP315",
        N_("no signatures are recorded"),
        N_("add `signatures:` with party, name, title, place and date"),
    )


# --- what the agreement document needs: IOP316 ------------------------------------------------

_NOT_YET = frozenset({"draft"})
_ENDED = frozenset({"ended", "ended_early"})


def document_needs(a: PartialAgreement) -> Iterator[tuple[Path, str]]:
    """The fields the bundled agreement template prints without testing them, that ``a``
    leaves out: (where in the file, the field path ``iopctl render`` names).

    ``tests/test_render_validates.py`` renders an agreement without each and checks that
    the render stops at the same field.
    """
    for i, party in enumerate(a.parties):
        if party.org_number is None:
            yield ("parties", i), f"parties[{i}].org_number"
    period = a.period
    if period is None or period.text is None:
        where: Path = ("period",) if period is not None else ("id",)
        if period is None or period.start is None:
            yield where, "period.start"
        if period is None or (period.end is None and period.length is None):
            yield where, "period.end"
    extension = period.extension if period is not None else None
    if extension is not None and (extension.text, extension.length, extension.unlimited) == (
        None,
        None,
        False,
    ):
        yield ("period", "extension"), "period.extension.length"
    termination = a.termination
    if termination is None or (termination.text is None and termination.notice_period is None):
        yield ("termination",) if termination is not None else ("id",), "termination.notice_period"
    terms = a.follow_up
    if terms is not None and (terms.text, terms.frequency, terms.per_year) == (None, None, None):
        yield ("follow_up",), "follow_up.frequency"
    for i, c in enumerate(a.economy.contributions if a.economy is not None else ()):
        if c.kind == "volunteer_hours" and c.text is None and c.hours_per_year is None:
            yield ("economy", "contributions", i), f"economy.contributions[{i}].hours_per_year"
    responsible = a.organisation.responsible if a.organisation is not None else None
    if responsible is not None and responsible.name is None and responsible.role is None:
        yield ("organisation", "responsible"), "organisation.responsible.role"


_ACTIVE_ERRORS = frozenset({"period.start", "period.end", "termination.notice_period"})
"""Fields an ``active`` agreement is already told about as errors (IOP301, IOP304)."""


@check(
    "status",
    "parties",
    "period",
    "termination",
    "follow_up",
    "economy",
    "organisation",
    "history",
    "signatures",
)
def document_fields(ctx: Context) -> Iterator[Diagnostic]:
    """IOP316: a signed or decided agreement the agreement document cannot be written for.

    A draft renders with placeholders and an ended agreement with "uppgift saknas", so
    only the others are warned about; an ``active`` one is not told twice (IOP301–IOP304).
    """
    a = ctx.agreement
    if a.status == "draft" or ctx.facts.status.status in _NOT_YET | _ENDED:
        return
    told: frozenset[str] = frozenset()
    if a.status == "active":
        told = _ACTIVE_ERRORS | {
            f"parties[{i}].org_number" for i, party in enumerate(a.parties) if party.confirmed
        }
    for where, field in document_needs(a):
        if field in told:
            continue
        yield ctx.warning(
            where,
            "IOP316",
            N_("the agreement document needs {field}; `iopctl render` stops there"),
            N_(
                "fill it in, or mark a text not yet signed with status: draft (it then "
                "renders with a placeholder)"
            ),
            field=field,
        )
