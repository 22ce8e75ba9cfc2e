"""Every domain check of one agreement, in run order: :data:`CHECKS` and :func:`run_checks`.

The order of :data:`CHECKS` is the order of the diagnostics a file gets before they are
sorted, and the order ``iopctl new`` lists what a draft still lacks; the golden files pin
it. A new check runs only once it is listed here.
"""

from __future__ import annotations

import itertools

import iopctl.checks.completeness as completeness
import iopctl.checks.dates as dates
import iopctl.checks.money as money
import iopctl.checks.parties as parties
from iopctl.checks.context import Check, Context
from iopctl.model.load import Loaded
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
    dates.amendment_dates,
    dates.terminated_has_record,
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
)


def run_checks(
    loaded: Loaded, *, known_indices: frozenset[str] = DEFAULT_INDICES
) -> list[Diagnostic]:
    """All checks whose fields validated; diagnostics in the order of :data:`CHECKS`."""
    if loaded.agreement is None or loaded.source is None or "" in loaded.failed:
        return []
    ctx = Context(loaded.agreement, loaded.source, known_indices)
    found: list[Diagnostic] = []
    for item in CHECKS:
        if item.needs & loaded.failed:
            continue
        # Enough to show that there are more than MAX_PROBLEMS (limit_problems says so).
        found.extend(itertools.islice(item(ctx), MAX_PROBLEMS + 1 - len(found)))
        if len(found) > MAX_PROBLEMS:
            break
    return found
