"""Every domain check of one agreement, in run order: :data:`CHECKS` and :func:`run_checks`.

The order of :data:`CHECKS` is the order of the diagnostics a file gets before they are
sorted, and the order ``iopctl new`` lists what a draft still lacks; the golden files pin
it. A new check runs only once it is listed here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import iopctl.checks.completeness as completeness
import iopctl.checks.dates as dates
import iopctl.checks.history as history
import iopctl.checks.money as money
import iopctl.checks.original as original
import iopctl.checks.parties as parties
from iopctl.checks.context import Check, Context
from iopctl.i18n import N_
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import MAX_PROBLEMS, Diagnostic

__all__ = ["CHECKS", "DEFAULT_INDICES", "run_checks"]

DEFAULT_INDICES = frozenset({"OPI", "PKV"})

CHECKS: tuple[Check, ...] = (
    # IOP2xx: the parties and every reference to them
    parties.org_numbers,
    parties.party_composition,
    parties.references_in("responsibilities"),
    parties.references_in("economy"),
    parties.references_in("follow_up"),
    parties.references_in("follow_ups"),
    parties.references_in("signatures"),
    parties.references_in("contacts"),
    parties.references_in("organisation"),
    parties.references_in("termination"),
    parties.references_in("history"),
    # IOP2xx: the period and the notice period
    dates.period_dates,
    dates.notice_fits,
    # IOP2xx: the money
    money.economy_sums,
    money.indexation,
    money.default_base_year,
    money.one_shape,
    money.party_totals,
    money.years_in_period,
    # IOP2xx: dates of what was recorded
    dates.follow_up_dates,
    dates.signature_dates,
    dates.terminated_has_record,
    # IOP23x: what happened (the history), the status it implies, facts known in part
    history.legacy_fields,
    history.history_order,
    history.history_references,
    history.history_dates,
    history.one_ending,
    history.payments_as_due,
    history.status_matches,
    history.part_years_known,
    # IOP250: the clauses quoted in the fields are the signed text (original)
    original.clauses_in_original,
    # IOP3xx: what an active agreement must (errors) and should (warnings) state
    completeness.active_period,
    completeness.active_org_numbers,
    completeness.active_economy,
    completeness.active_termination,
    completeness.active_follow_up,
    completeness.active_responsibilities,
    completeness.active_organisation,
    completeness.active_disputes,
    completeness.active_changes,
    completeness.active_purpose,
    completeness.active_signatures,
    completeness.document_fields,
)


def run_checks(
    loaded: Loaded,
    *,
    known_indices: frozenset[str] = DEFAULT_INDICES,
    as_of: dt.date | None = None,
    reference: ReferenceData | None = None,
) -> list[Diagnostic]:
    """All checks whose fields validated; diagnostics in the order of :data:`CHECKS`.

    ``as_of`` (default: today in Stockholm) is the day the status and the history are judged by.
    Warnings the file acknowledges (``acknowledged``) carry the file's reason
    (:func:`acknowledge`).
    """
    if loaded.agreement is None or loaded.source is None or "" in loaded.failed:
        return []
    from iopctl.clock import today_stockholm

    ctx = Context(
        loaded.agreement,
        loaded.source,
        known_indices,
        loaded,
        as_of=as_of if as_of is not None else today_stockholm(),
        reference=reference,
    )
    found: list[Diagnostic] = []
    add = found.append
    failed = loaded.failed
    # A plain loop: 47 checks run on every file, most of them finding nothing, and the
    # loop itself was a fifth of the checks' time (issue #17).
    for item in CHECKS:
        if failed and not failed.isdisjoint(item.needs):
            continue
        for diagnostic in item.run(ctx):
            add(diagnostic)
            # Enough to show that there are more than MAX_PROBLEMS (limit_problems says so).
            if len(found) > MAX_PROBLEMS:
                return acknowledge(ctx, found)
    return acknowledge(ctx, found)


def acknowledge(ctx: Context, found: list[Diagnostic]) -> list[Diagnostic]:
    """Mark the warnings the file acknowledges, and report acknowledgements that match no
    warning (IOP238: the warning is gone, or the code or field is mistyped)."""
    acknowledgements = ctx.agreement.acknowledged
    if not acknowledgements:
        return found
    used: set[int] = set()
    marked: list[Diagnostic] = []
    for d in found:
        for i, ack in enumerate(acknowledgements):
            if d.is_error or d.code != ack.code:
                continue
            if ack.field is not None and (d.line, d.column) != _field_position(ctx, ack.field):
                continue
            d = replace(d, acknowledged=ack.reason)
            used.add(i)
            break
        marked.append(d)
    for i, ack in enumerate(acknowledgements):
        if i not in used:
            marked.append(
                ctx.warning(
                    ("acknowledged", i, "code"),
                    "IOP238",
                    N_("{ack_code} is acknowledged, but the file has no such warning at {field}")
                    if ack.field
                    else N_("{ack_code} is acknowledged, but the file has no such warning"),
                    N_("remove the acknowledgement, or correct its code or field"),
                    ack_code=ack.code,
                    field=ack.field,
                )
            )
    return marked


def _field_position(ctx: Context, field: str) -> tuple[int, int]:
    path: list[str | int] = [
        name if name else int(index) for name, index in re.findall(r"([a-z_]+)|\[([0-9]+)\]", field)
    ]
    return ctx.source.position(tuple(path))
