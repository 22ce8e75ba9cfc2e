"""Economy facts in words, shared by the text report and its JSON/CSV: rounding rules,
why an amount is unknown, and the notes under a report."""

from __future__ import annotations

from iopctl.i18n import N_, _
from iopctl.model.agreement import MoneyContribution
from iopctl.money.arithmetic import Rounding
from iopctl.present.numbers import kronor, percent
from iopctl.views.economy import ContributionYear, EconomyNote, EconomyReport

__all__ = [
    "CATEGORIES",
    "amount_note",
    "category_word",
    "common_rounding",
    "describe_rounding",
    "note_text",
]

CATEGORIES = {
    "premises": N_("premises"),
    "staff": N_("staff"),
    "training": N_("training"),
    "marketing": N_("marketing"),
    "equipment": N_("equipment"),
    "other": N_("other"),
}
"""An in-kind contribution's category in words (the codes stay in JSON and CSV)."""


def category_word(category: str | None) -> str:
    return _(CATEGORIES[category]) if category in CATEGORIES else (category or "")


_WHAT = {
    "money": N_("money amount"),
    "volunteer_hours": N_("value of volunteer hours"),
    "in_kind": N_("value of in-kind contribution"),
}


def describe_rounding(rounding: Rounding) -> str:
    """The rule in words, as every economy output shows it."""
    if rounding.mode == "exact":
        return _("exact (no rounding); each year from the previous year's exact amount")
    if rounding.unit == 1:
        unit = _("whole kronor")
    else:
        unit = _("multiples of {amount}").format(amount=kronor(rounding.unit))
    return _("{unit}, half up; each year from the previous year's rounded amount").format(unit=unit)


def common_rounding(report: EconomyReport) -> str:
    rules = {describe_rounding(rounding) for rounding in report.roundings}
    if len(rules) == 1:
        return rules.pop()
    if not rules:
        return describe_rounding(Rounding())
    return _("per agreement (see agreements[].rounding)")


def _not_after_base(first: int | None, base: int | None) -> str:
    return _("indexation from {first} is not after the base year {base}").format(
        first=first, base=base
    )


def amount_note(c: ContributionYear) -> str:
    """Why one year's amount is unknown ('' when it is known)."""
    row = c.row
    if row.unknown is None:
        return ""
    if row.unknown == "not_stated":
        return _("amount not stated") if c.kind == "money" else _("value not stated")
    if row.unknown == "unknown_index":
        return _("unknown index {index}").format(index=repr(c.index))
    if row.unknown == "not_after_base":
        return _("indexation from {year} is not after the base year").format(year=row.missing_year)
    money = c.row.source
    if row.unknown == "share" or money == "share":
        share = _contribution_share(c)
        return share or _("a share of a cost, not an amount")
    if row.unknown == "no_quantity":
        return _("a price per unit; the quantity is not stated")
    if row.unknown == "part_unknown":
        return _("part of the year not known (a date known only in part)")
    return _("no {index} value for {year}").format(index=c.index, year=row.missing_year)


def _contribution_share(c: ContributionYear) -> str:
    """'at least 50 % of the cost', from the contribution's own words."""
    share = c.contribution.share if isinstance(c.contribution, MoneyContribution) else None
    if share is None:
        return ""
    shown = _("{percent} of {what}").format(percent=percent(share.percent), what=share.of)
    words = {
        "about": N_("about {amount}"),
        "at_least": N_("at least {amount}"),
        "at_most": N_("at most {amount}"),
    }
    return _(words[share.qualifier]).format(amount=shown) if share.qualifier in words else shown


def note_text(note: EconomyNote) -> str:
    """One note under an agreement's economy."""
    if note.note == "economy_failed":
        return _("economy did not validate; contributions not computed")
    if note.note == "economy_not_stated":
        return _("no economy stated; the amounts are unknown")
    if note.note == "period_failed":
        return _("period did not validate; years not computed")
    if note.note == "no_dates":
        return _("no period dates (start and end); years cannot be laid out")
    if note.note == "no_contributions":
        return _("no contributions stated")
    if note.note == "not_stated":
        what = _(_WHAT[note.kind or "money"])
        if note.kind == "in_kind":
            what += f" ({category_word(note.category)})"
        return _("{party}: {what} not stated").format(party=note.party, what=what)
    why = (
        _("unknown index {index}").format(index=repr(note.index))
        if note.note == "unknown_index"
        else _not_after_base(note.first_year, note.base_year)
    )
    return _("{party}: {why}; indexed years not computed").format(party=note.party, why=why)
