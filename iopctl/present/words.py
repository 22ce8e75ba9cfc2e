"""How ``iopctl diff`` names what changed, in the language: field labels, section
headings, list items (``pengar från aldrenamnden``) and values as people write them
(``933 000 kr``, ``6 månader``, a quoted excerpt of a text). A reworded text is
:mod:`iopctl.present.text_changes`; the sentences are :mod:`iopctl.present.diff_words`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from iopctl.i18n import N_, NP_, _, ngettext, pgettext
from iopctl.model.agreement import (
    Amendment,
    ExtensionTaken,
    Figure,
    FollowUpRecord,
    InKindContribution,
    MoneyContribution,
    OriginalSection,
    Party,
    Person,
    Report,
    Responsibility,
    Section,
    Signature,
    SourceDocument,
    VolunteerContribution,
)
from iopctl.model.types import Duration
from iopctl.present.calendar_words import length
from iopctl.present.economy_words import category_word
from iopctl.present.field_labels import LABELS, sector_word
from iopctl.present.numbers import kronor, number
from iopctl.views.diff.values import default_value

__all__ = [
    "LABELS",
    "MONEY_FIELDS",
    "NOUNS",
    "SECTIONS",
    "context",
    "describe",
    "heading",
    "label",
    "noun",
    "quote",
    "show",
]

# --- how values are shown ---------------------------------------------------------------

MONEY_FIELDS = frozenset(
    {"amount_per_year", "declared_total_per_year", "hourly_rate", "value_per_year", "unit"}
)

# top-level field → the heading it is grouped under
SECTIONS: dict[str, str] = {
    **dict.fromkeys(
        (
            "id",
            "title",
            "status",
            "language",
            "case_numbers",
            "document_date",
            "decision",
            "partnership_model",
            "sources",
            "notes",
            "replaces",
            "replaced_by",
        ),
        N_("Agreement"),
    ),
    "parties": N_("Parties"),
    "organisation": N_("Organisation"),
    "contacts": N_("Organisation"),
    **dict.fromkeys(
        (
            "background",
            "values",
            "starting_points",
            "challenge",
            "purpose",
            "goals",
            "target_group",
            "activities",
        ),
        N_("Purpose and background"),
    ),
    "responsibilities": N_("Responsibilities"),
    "joint_responsibilities": N_("Responsibilities"),
    "economy": N_("Economy"),
    "period": N_("Period"),
    "termination": N_("Termination"),
    "follow_up": N_("Follow-up"),
    "follow_ups": N_("Follow-up"),
    "amendments": N_("Amendments"),
    "changes": N_("Changes and disputes"),
    "disputes": N_("Changes and disputes"),
    "signatures": N_("Signatures"),
    "original": N_("Signed text"),
}

NOUNS: dict[str, str | tuple[str, str]] = {
    "parties": N_("party"),
    "contributions": N_("contribution"),
    "responsibilities": N_("responsibilities"),
    # one of a party's commitments; not due's column "clause" (the terms a date comes from)
    "clauses": NP_("diff", "clause"),
    "joint_responsibilities": N_("joint responsibility"),
    "signatures": N_("signature"),
    "follow_ups": N_("follow-up record"),
    "amendments": N_("amendment"),
    "sources": N_("source"),
    "contacts": N_("contact"),
    "members": N_("member"),
    "reports": N_("report"),
    "sections": N_("section"),
    "figures": N_("figure"),
    "participants": N_("participant"),
    "case_numbers": N_("case number"),
    "replaces": N_("replaced agreement"),
}
"""What one item of a list field is called: ``parties`` → ``party``."""


def heading(section: str) -> str:
    """The heading a top-level field's changes are grouped under."""
    return _(SECTIONS[section]) if section in SECTIONS else section


def noun(name: str) -> str:
    found = NOUNS.get(name)
    if found is None:
        return label(name)
    return _(found) if isinstance(found, str) else pgettext(*found)


def label(name: str) -> str:
    return _(LABELS[name]) if name in LABELS else name.replace("_", " ")


def _number(value: Decimal) -> str:
    """``18 000``, ``1,5``: trailing zeros of the decimals dropped."""
    return number(value.normalize() if value == value.to_integral_value() else value)


def quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


def show(name: str, value: Any) -> str:
    """A value as a person reads it in a summary."""
    if value is None:
        return _("(none)")
    if isinstance(value, bool):
        return _("true") if value else _("false")
    if isinstance(value, Decimal):
        return kronor(value) if name in MONEY_FIELDS else _number(value)
    if isinstance(value, Duration):
        return length(value)
    if isinstance(value, dt.date | int):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return "[" + ", ".join(show(name, v) for v in value) + "]"
    if isinstance(value, BaseModel):
        return describe(value)
    return str(value)


def _contribution_name(item: BaseModel) -> str:
    if isinstance(item, MoneyContribution):
        return _("money from {party}").format(party=item.party)
    if isinstance(item, VolunteerContribution):
        return _("volunteer hours from {party}").format(party=item.party)
    if isinstance(item, InKindContribution):
        return _("in kind ({category}) from {party}").format(
            category=category_word(item.category), party=item.party
        )
    return _("contribution")  # pragma: no cover - the union has three kinds


def context(item: BaseModel) -> str:
    """How a list item is named in summaries: ``party resurspoolen``, ``money from x``."""
    if isinstance(item, MoneyContribution | VolunteerContribution | InKindContribution):
        return _contribution_name(item)
    named: tuple[str, object] | None = None
    if isinstance(item, Party):
        named = (_("party {id}"), item.id)
    elif isinstance(item, Responsibility):
        named = (_("responsibilities of {id}"), item.party)
    elif isinstance(item, Signature):
        named = (_("signature of {id}"), item.party)
    elif isinstance(item, FollowUpRecord):
        named = (_("follow-up {id}"), item.date)
    elif isinstance(item, Amendment):
        named = (_("amendment {id}"), item.date)
    elif isinstance(item, ExtensionTaken):
        named = (_("extension to {id}"), item.new_end)
    elif isinstance(item, Report):
        named = (_("report {id}"), quote(item.title, 40))
    elif isinstance(item, Section | OriginalSection):
        named = (_("section {id}"), quote(item.heading, 40))
    elif isinstance(item, Figure):
        named = (_("figure {id}"), quote(item.label, 40))
    elif isinstance(item, SourceDocument):
        named = (_("source {id}"), quote(item.title, 40))
    elif isinstance(item, Person):
        who = item.name or item.party or item.role or _("(unnamed)")
        named = (_("person {id}"), who)
    if named is None:
        return type(item).__name__.lower()
    return named[0].format(id=named[1])


def describe(item: BaseModel) -> str:
    """A one-line description of a whole item (added or removed)."""
    if isinstance(item, Party):
        facts = [item.id, sector_word(item.sector)]
        if item.organisation:
            facts.insert(0, item.organisation)
        if item.org_number:
            facts.append(item.org_number)
        return f"{item.name} ({', '.join(facts)})"
    if isinstance(item, MoneyContribution | InKindContribution):
        amount = item.amount_per_year if isinstance(item, MoneyContribution) else None
        amount = amount if amount is not None else getattr(item, "value_per_year", None)
        if not amount:
            return _contribution_name(item)
        per_year = _("{amount} per year").format(amount=kronor(amount))
        return f"{_contribution_name(item)}: {per_year}"
    if isinstance(item, VolunteerContribution):
        facts = []
        if item.hours_per_year is not None:
            hours = _number(item.hours_per_year)
            facts.append(_("{hours} h per year").format(hours=hours))
        if item.value_per_year is not None:
            facts.append(_("valued {amount}").format(amount=kronor(item.value_per_year)))
        return _contribution_name(item) + (": " + ", ".join(facts) if facts else "")
    if isinstance(item, Responsibility):
        n = len(item.clauses)
        clauses = ngettext("{n} clause", "{n} clauses", n).format(n=n)
        return f"{item.party} ({clauses})"
    if isinstance(item, Signature):
        facts = [str(v) for v in (item.name, item.title, item.place, item.date) if v]
        return item.party + (f" ({', '.join(facts)})" if facts else "")
    if isinstance(item, FollowUpRecord):
        return f"{item.date}" + (f" {quote(item.title)}" if item.title else "")
    if isinstance(item, Amendment):
        return f"{item.date}: {quote(item.description)}"
    facts = []
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if value == default_value(info) or isinstance(value, list | BaseModel):
            continue
        facts.append(f"{label(name)} {show(name, value)}")
    return ", ".join(facts) or type(item).__name__.lower()
