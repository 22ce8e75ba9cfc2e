"""The list of checks itself: every check listed once, in the order the goldens pin."""

from __future__ import annotations

import pytest

from iopctl.checks import CHECKS
from iopctl.checks.parties import REFERRING_SECTIONS, references_in


def test_checks_run_in_the_listed_order() -> None:
    assert [c.name for c in CHECKS] == [
        "org_numbers",
        "party_composition",
        *(f"references_in_{section}" for section in REFERRING_SECTIONS),
        "period_dates",
        "notice_fits",
        "economy_sums",
        "indexation",
        "default_base_year",
        "one_shape",
        "party_totals",
        "years_in_period",
        "follow_up_dates",
        "signature_dates",
        "terminated_has_record",
        "legacy_fields",
        "history_order",
        "history_references",
        "history_dates",
        "one_ending",
        "payments_as_due",
        "status_matches",
        "part_years_known",
        "clauses_in_original",
        "active_period",
        "active_org_numbers",
        "active_economy",
        "active_termination",
        "active_follow_up",
        "active_responsibilities",
        "active_organisation",
        "active_disputes",
        "active_changes",
        "active_purpose",
        "active_signatures",
        "document_fields",
    ]


def test_a_reference_check_needs_the_parties_and_its_section() -> None:
    needs = {c.name: c.needs for c in CHECKS}
    for section in REFERRING_SECTIONS:
        assert needs[f"references_in_{section}"] == {"parties", section}


def test_references_in_an_unknown_section_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="'period'"):
        references_in("period")
