"""How ``iopctl diff`` puts a change in words: labels, values, list items and texts.

Values read as people write them (``933 000 kr``, ``6 months``, a quoted excerpt of a
text); a whole item added or removed gets a one-line description; a reworded text gets
a word-level summary with ``-``/``+`` excerpts (:func:`text_summary`). :func:`to_json`
gives the JSON-ready data a :class:`~iopctl.views.diff.Change` carries.
"""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

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
from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration
from iopctl.present.numbers import kronor

__all__ = [
    "LABELS",
    "MONEY_FIELDS",
    "SECTIONS",
    "context",
    "default_value",
    "describe",
    "label",
    "quote",
    "same_text",
    "show",
    "text_summary",
    "to_json",
    "word_chunks",
]

# --- how values are shown ---------------------------------------------------------------

MONEY_FIELDS = frozenset(
    {"amount_per_year", "declared_total_per_year", "hourly_rate", "value_per_year", "unit"}
)

LABELS = {
    "org_number": "organisationsnummer",
    "amount_per_year": "amount per year",
    "declared_total_per_year": "declared total per year",
    "value_per_year": "value per year",
    "hours_per_year": "hours per year",
    "hourly_rate": "hourly rate",
    "per_year": "per year",
    "base_year": "base year",
    "from_date": "from",
    "notice_period": "notice period",
    "decision_deadline": "decision deadline",
    "meetings_per_year": "meetings per year",
    "meeting_frequency": "meeting frequency",
    "on_request": "on request",
    "convened_by": "convened by",
    "convening_party": "convening party",
    "due_month": "due month",
    "due_day": "due day",
    "on_behalf": "on behalf",
    "given_by": "given by",
    "given_on": "given on",
    "case_numbers": "case number",
    "other_funding": "other funding",
    "conditional_on": "conditional on",
    "document_date": "document date",
    "partnership_model": "partnership model",
    "replaced_by": "replaced by",
    "starting_points": "starting points",
    "target_group": "target group",
    "steering_group": "steering group",
    "working_group": "working group",
    "joint_responsibilities": "joint responsibility",
    "follow_up": "follow-up terms",
    "extensions_taken": "extension",
}

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
        "Agreement",
    ),
    "parties": "Parties",
    "organisation": "Organisation",
    "contacts": "Organisation",
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
        "Purpose and background",
    ),
    "responsibilities": "Responsibilities",
    "joint_responsibilities": "Responsibilities",
    "economy": "Economy",
    "period": "Period",
    "termination": "Termination",
    "follow_up": "Follow-up",
    "follow_ups": "Follow-up",
    "amendments": "Amendments",
    "changes": "Changes and disputes",
    "disputes": "Changes and disputes",
    "signatures": "Signatures",
    "original": "Signed text",
}


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def _number(value: Decimal) -> str:
    text = f"{value:,f}".replace(",", " ")
    return text.rstrip("0").rstrip(".") if "." in text else text


def quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


def show(name: str, value: Any) -> str:
    """A value as a person reads it in a summary."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return kronor(value) if name in MONEY_FIELDS else _number(value)
    if isinstance(value, dt.date | Duration | int):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return "[" + ", ".join(show(name, v) for v in value) + "]"
    if isinstance(value, BaseModel):
        return describe(value)
    return str(value)


def to_json(value: Any) -> Any:
    """JSON-ready data: Decimal → decimal string, dates → ISO, lengths → '6 months'."""
    if isinstance(value, BaseModel):
        return {
            name: to_json(getattr(value, name))
            for name, info in type(value).model_fields.items()
            if getattr(value, name) != default_value(info)
        }
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Duration | PartialDate):
        return str(value)
    return value


def default_value(info: Any) -> Any:
    if info.default_factory is not None:
        return info.default_factory()
    if info.default is PydanticUndefined:
        return None
    return info.default


def _contribution_name(item: BaseModel) -> str:
    if isinstance(item, MoneyContribution):
        return f"money from {item.party}"
    if isinstance(item, VolunteerContribution):
        return f"volunteer hours from {item.party}"
    if isinstance(item, InKindContribution):
        return f"in kind ({item.category}) from {item.party}"
    return "contribution"  # pragma: no cover - the union has three kinds


def context(item: BaseModel) -> str:
    """How a list item is named in summaries: ``party resurspoolen``, ``money from x``."""
    if isinstance(item, Party):
        return f"party {item.id}"
    if isinstance(item, MoneyContribution | VolunteerContribution | InKindContribution):
        return _contribution_name(item)
    if isinstance(item, Responsibility):
        return f"responsibilities of {item.party}"
    if isinstance(item, Signature):
        return f"signature of {item.party}"
    if isinstance(item, FollowUpRecord):
        return f"follow-up {item.date}"
    if isinstance(item, Amendment):
        return f"amendment {item.date}"
    if isinstance(item, ExtensionTaken):
        return f"extension to {item.new_end}"
    if isinstance(item, Report):
        return f"report {quote(item.title, 40)}"
    if isinstance(item, Section | OriginalSection):
        return f"section {quote(item.heading, 40)}"
    if isinstance(item, Figure):
        return f"figure {quote(item.label, 40)}"
    if isinstance(item, SourceDocument):
        return f"source {quote(item.title, 40)}"
    if isinstance(item, Person):
        return f"person {item.name or item.party or item.role or '(unnamed)'}"
    return type(item).__name__.lower()


def describe(item: BaseModel) -> str:
    """A one-line description of a whole item (added or removed)."""
    if isinstance(item, Party):
        facts = [item.id, item.sector]
        if item.organisation:
            facts.insert(0, item.organisation)
        if item.org_number:
            facts.append(item.org_number)
        return f"{item.name} ({', '.join(facts)})"
    if isinstance(item, MoneyContribution):
        amount = f": {kronor(item.amount_per_year)} per year" if item.amount_per_year else ""
        return _contribution_name(item) + amount
    if isinstance(item, VolunteerContribution):
        facts = []
        if item.hours_per_year is not None:
            facts.append(f"{_number(item.hours_per_year)} h per year")
        if item.value_per_year is not None:
            facts.append(f"valued {kronor(item.value_per_year)}")
        return _contribution_name(item) + (": " + ", ".join(facts) if facts else "")
    if isinstance(item, InKindContribution):
        value = f": {kronor(item.value_per_year)} per year" if item.value_per_year else ""
        return _contribution_name(item) + value
    if isinstance(item, Responsibility):
        n = len(item.clauses)
        return f"{item.party} ({n} clause{'s' if n != 1 else ''})"
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


# --- texts ----------------------------------------------------------------------------------

_CONTEXT_WORDS = 4
_MAX_CHUNKS = 5
_REWRITTEN = 0.5
_EXCERPT = 200


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1].rstrip() + "…"


def same_text(old: str, new: str) -> bool:
    """Texts mean the same when their words are the same (wrapping does not count)."""
    return old.split() == new.split()


_MAX_PAIRS = 4_000_000
"""Word pairs difflib may compare. Its matching is quadratic: two texts of 40 000 words
took 84 s. Longer texts are compared by their common start and end (linear), and only
a middle of at most 2 000 × 2 000 words goes to difflib; a longer middle is one change."""


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: list[str], b: list[str]) -> tuple[list[Opcode], int]:
    """difflib's opcodes for two word lists, and the number of matching words."""
    if len(a) * len(b) <= _MAX_PAIRS:
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        matching = sum(size for _, _, size in matcher.get_matching_blocks())
        return list(matcher.get_opcodes()), matching
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    codes: list[Opcode] = []
    if start:
        codes.append(("equal", 0, start, 0, start))
    matching = start + end
    if len(mid_a) * len(mid_b) <= _MAX_PAIRS:
        matcher = difflib.SequenceMatcher(a=mid_a, b=mid_b, autojunk=False)
        matching += sum(size for _, _, size in matcher.get_matching_blocks())
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            codes.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    elif mid_a or mid_b:
        tag = "replace" if mid_a and mid_b else ("delete" if mid_a else "insert")
        codes.append((tag, start, len(a) - end, start, len(b) - end))
    if end:
        codes.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return codes, matching


def word_chunks(old: str, new: str) -> list[tuple[str, str, str, str]]:
    """(before, removed, added, after) word runs for each change, with a little context."""
    a, b = old.split(), new.split()
    chunks = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b)[0]:
        if tag == "equal":
            continue
        before = a[max(0, i1 - _CONTEXT_WORDS) : i1]
        after = a[i2 : i2 + _CONTEXT_WORDS]
        prefix = ("…" if i1 - _CONTEXT_WORDS > 0 else "") + " ".join(before)
        suffix = " ".join(after) + ("…" if i2 + _CONTEXT_WORDS < len(a) else "")
        chunks.append((prefix, _words(a[i1:i2]), _words(b[j1:j2]), suffix))
    return chunks


def _words(words: list[str]) -> str:
    """A run of words; a long one (a rewritten chapter) by its start."""
    if len(words) > 50:
        return " ".join(words[:50]) + f" … ({len(words) - 50} more words)"
    return " ".join(words)


def text_summary(old: str, new: str) -> tuple[str, tuple[str, ...]]:
    """A short word-level summary and ``-``/``+`` excerpt lines.

    A text that shares less than half its words with the old one is shown as
    rewritten, with the start of each version, rather than as a list of chunks.
    """
    a, b = old.split(), new.split()
    matching = _opcodes(a, b)[1]
    ratio = 2.0 * matching / (len(a) + len(b)) if a or b else 1.0
    if ratio < _REWRITTEN:
        summary = f"rewritten ({len(a)} → {len(b)} words)"
        return summary, ("- " + _excerpt(old), "+ " + _excerpt(new))
    chunks = word_chunks(old, new)
    parts = []
    for _, removed, added, _ in chunks[:2]:
        if removed and added:
            parts.append(f"{quote(removed, 40)} → {quote(added, 40)}")
        elif removed:
            parts.append(f"removed {quote(removed, 40)}")
        else:
            parts.append(f"added {quote(added, 40)}")
    more = len(chunks) - 2
    summary = "; ".join(parts) + (
        f"; {more} more change{'s' if more != 1 else ''}" if more > 0 else ""
    )
    detail: list[str] = []
    for prefix, removed, added, suffix in chunks[:_MAX_CHUNKS]:
        detail.append(
            "- " + " ".join(filter(None, (prefix, f"[{removed}]" if removed else "", suffix)))
        )
        detail.append(
            "+ " + " ".join(filter(None, (prefix, f"[{added}]" if added else "", suffix)))
        )
    if len(chunks) > _MAX_CHUNKS:
        detail.append(f"  … {len(chunks) - _MAX_CHUNKS} more")
    return summary, tuple(detail)
