"""Economy facts in words, shared by the text report and its JSON/CSV: rounding rules,
why an amount is unknown, and the notes under a report."""

from __future__ import annotations

from iopctl.model.agreement import MoneyContribution
from iopctl.money.arithmetic import Rounding
from iopctl.views.economy import ContributionYear, EconomyNote, EconomyReport

__all__ = ["amount_note", "common_rounding", "describe_rounding", "note_text"]

_WHAT = {
    "money": "money amount",
    "volunteer_hours": "value of volunteer hours",
    "in_kind": "value of in-kind contribution",
}


def describe_rounding(rounding: Rounding) -> str:
    """The rule in words, as every economy output shows it."""
    if rounding.mode == "exact":
        return "exact (no rounding); each year from the previous year's exact amount"
    unit = "whole kronor" if rounding.unit == 1 else f"multiples of {rounding.unit:f} kr"
    return f"{unit}, half up; each year from the previous year's rounded amount"


def common_rounding(report: EconomyReport) -> str:
    rules = {describe_rounding(a.rounding) for a in report.agreements}
    if len(rules) == 1:
        return rules.pop()
    if not rules:
        return describe_rounding(Rounding())
    return "per agreement (see agreements[].rounding)"


def _not_after_base(first: int | None, base: int | None) -> str:
    return f"indexation from {first} is not after the base year {base}"


def amount_note(c: ContributionYear) -> str:
    """Why one year's amount is unknown ('' when it is known)."""
    row = c.row
    if row.unknown is None:
        return ""
    if row.unknown == "not_stated":
        return "amount not stated" if c.kind == "money" else "value not stated"
    if row.unknown == "unknown_index":
        return f"unknown index {c.index!r}"
    if row.unknown == "not_after_base":
        return f"indexation from {row.missing_year} is not after the base year"
    money = c.row.source
    if row.unknown == "share" or money == "share":
        share = _contribution_share(c)
        return share or "a share of a cost, not an amount"
    if row.unknown == "no_quantity":
        return "a price per unit; the quantity is not stated"
    if row.unknown == "part_unknown":
        return "part of the year not known (a date known only in part)"
    return f"no {c.index} value for {row.missing_year}"


def _contribution_share(c: ContributionYear) -> str:
    """'at least 50 % of the cost', from the contribution's own words."""
    share = c.contribution.share if isinstance(c.contribution, MoneyContribution) else None
    if share is None:
        return ""
    words = {"about": "about ", "at_least": "at least ", "at_most": "at most "}
    return f"{words.get(share.qualifier or '', '')}{share.percent:f} % of {share.of}"


def note_text(note: EconomyNote) -> str:
    """One note under an agreement's economy."""
    if note.note == "economy_failed":
        return "economy did not validate; contributions not computed"
    if note.note == "period_failed":
        return "period did not validate; years not computed"
    if note.note == "no_dates":
        return "no period dates (start and end); years cannot be laid out"
    if note.note == "no_contributions":
        return "no contributions stated"
    if note.note == "not_stated":
        what = _WHAT[note.kind or "money"]
        if note.kind == "in_kind":
            what += f" ({note.category})"
        return f"{note.party}: {what} not stated"
    why = (
        f"unknown index {note.index!r}"
        if note.note == "unknown_index"
        else _not_after_base(note.first_year, note.base_year)
    )
    return f"{note.party}: {why}; indexed years not computed"
