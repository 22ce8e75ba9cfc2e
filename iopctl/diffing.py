"""What changed *in meaning* between two versions of an agreement.

Two :class:`~iopctl.model.Agreement` objects are compared field by field along
the model's structure, not as text: comments, key order, quoting and line
wrapping do not count, and neither does whitespace inside texts. List items
are matched by what identifies them (a party by its id, a contribution by its
party and kind, a follow-up by its date …), never by position, so inserting a
party does not make every later party look changed.

Each difference is a :class:`Change` with a path such as
``economy.contributions[aldrenamnden/money].amount_per_year``, a kind
(``added``, ``removed``, ``changed``), the old and new values as JSON-ready
data (money as decimal strings) and a one-line summary; texts also get a
word-level excerpt of what changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from iopctl.errors import UsageError
from iopctl.loader import Loaded, load_agreement, load_agreement_bytes
from iopctl.model import (
    Agreement,
    Amendment,
    Decision,
    Economy,
    ExtensionTaken,
    Figure,
    FollowUpRecord,
    FollowUpTerms,
    InKindContribution,
    MoneyContribution,
    Organisation,
    Party,
    Period,
    Person,
    Report,
    Responsibility,
    Section,
    Signature,
    SourceDocument,
    Termination,
    VolunteerContribution,
)
from iopctl.types import Duration

__all__ = [
    "Change",
    "diff_agreements",
    "format_json",
    "format_markdown",
    "format_text",
    "kronor",
    "load_version",
]

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference in meaning."""

    path: str
    kind: Kind
    old: Any
    new: Any
    summary: str
    section: str
    detail: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` record; keys and order are a documented contract."""
        return {
            "path": self.path,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "summary": self.summary,
        }


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
}

# Sub-models that are compared field by field even when one side lacks them
# (a notice period set in a new `termination:` section reads as that, not as
# "termination added"); any other model added or removed is one change.
_OPEN_WHEN_NEW = (Economy, Period, Termination, FollowUpTerms, Organisation, Decision)


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def kronor(amount: Decimal) -> str:
    """Swedish kronor with a space per thousand: ``933 000 kr``, ``933 000.50 kr``."""
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}".replace(",", " ")
    return sign + (text[:-3] if text.endswith(".00") else text) + " kr"


def _number(value: Decimal) -> str:
    text = f"{value:,f}".replace(",", " ")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _quote(text: str, limit: int = 60) -> str:
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
        return _quote(value)
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
            if getattr(value, name) != _default(info)
        }
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return str(value)
    return value


def _default(info: Any) -> Any:
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
        return f"report {_quote(item.title, 40)}"
    if isinstance(item, Section):
        return f"section {_quote(item.heading, 40)}"
    if isinstance(item, Figure):
        return f"figure {_quote(item.label, 40)}"
    if isinstance(item, SourceDocument):
        return f"source {_quote(item.title, 40)}"
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
        return f"{item.date}" + (f" {_quote(item.title)}" if item.title else "")
    if isinstance(item, Amendment):
        return f"{item.date}: {_quote(item.description)}"
    facts = []
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if value == _default(info) or isinstance(value, list | BaseModel):
            continue
        facts.append(f"{label(name)} {show(name, value)}")
    return ", ".join(facts) or type(item).__name__.lower()


# --- matching list items ------------------------------------------------------------------


def item_key(item: Any) -> str:
    """What identifies a list item across versions."""
    if isinstance(item, Party):
        return item.id
    if isinstance(item, MoneyContribution):
        return f"{item.party}/money"
    if isinstance(item, VolunteerContribution):
        return f"{item.party}/volunteer_hours"
    if isinstance(item, InKindContribution):
        return f"{item.party}/in_kind/{item.category}"
    if isinstance(item, Responsibility | Signature):
        return item.party
    if isinstance(item, FollowUpRecord | Amendment):
        return item.date.isoformat()
    if isinstance(item, ExtensionTaken):
        return item.new_end.isoformat()
    if isinstance(item, SourceDocument | Report):
        return item.title
    if isinstance(item, Section):
        return item.heading
    if isinstance(item, Figure):
        return item.label
    if isinstance(item, Person):
        return item.name or "/".join(filter(None, (item.party, item.role))) or "?"
    return json.dumps(to_json(item), sort_keys=True, ensure_ascii=False)


def _keyed(items: Sequence[Any]) -> dict[str, Any]:
    """Items by key; a repeated key gets ``#2``, ``#3`` in order of appearance."""
    keyed: dict[str, Any] = {}
    for item in items:
        key = base = item_key(item)
        n = 1
        while key in keyed:
            n += 1
            key = f"{base}#{n}"
        keyed[key] = item
    return keyed


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


def word_chunks(old: str, new: str) -> list[tuple[str, str, str, str]]:
    """(before, removed, added, after) word runs for each change, with a little context."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    chunks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = a[max(0, i1 - _CONTEXT_WORDS) : i1]
        after = a[i2 : i2 + _CONTEXT_WORDS]
        prefix = ("…" if i1 - _CONTEXT_WORDS > 0 else "") + " ".join(before)
        suffix = " ".join(after) + ("…" if i2 + _CONTEXT_WORDS < len(a) else "")
        chunks.append((prefix, " ".join(a[i1:i2]), " ".join(b[j1:j2]), suffix))
    return chunks


def text_summary(old: str, new: str) -> tuple[str, tuple[str, ...]]:
    """A short word-level summary and ``-``/``+`` excerpt lines.

    A text that shares less than half its words with the old one is shown as
    rewritten, with the start of each version, rather than as a list of chunks.
    """
    a, b = old.split(), new.split()
    if difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() < _REWRITTEN:
        summary = f"rewritten ({len(a)} → {len(b)} words)"
        return summary, ("- " + _excerpt(old), "+ " + _excerpt(new))
    chunks = word_chunks(old, new)
    parts = []
    for _, removed, added, _ in chunks[:2]:
        if removed and added:
            parts.append(f"{_quote(removed, 40)} → {_quote(added, 40)}")
        elif removed:
            parts.append(f"removed {_quote(removed, 40)}")
        else:
            parts.append(f"added {_quote(added, 40)}")
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


# --- the comparison ------------------------------------------------------------------------


class _Differ:
    def __init__(self, old: Agreement, new: Agreement) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        self._model(Agreement, self.old, self.new, "", "", "")
        return self.changes

    def _add(
        self,
        path: str,
        kind: Kind,
        old: Any,
        new: Any,
        summary: str,
        section: str,
        detail: tuple[str, ...] = (),
    ) -> None:
        self.changes.append(
            Change(
                path,
                kind,
                to_json(old),
                to_json(new),
                summary,
                SECTIONS.get(section, section),
                detail,
            )
        )

    def _model(
        self, cls: type[BaseModel], old: Any, new: Any, path: str, where: str, section: str
    ) -> None:
        for name, info in cls.model_fields.items():
            o = getattr(old, name) if old is not None else _default(info)
            n = getattr(new, name) if new is not None else _default(info)
            child = f"{path}.{name}" if path else name
            self._value(cls, name, o, n, child, where, section or name)

    def _value(
        self,
        owner: type[BaseModel],
        name: str,
        old: Any,
        new: Any,
        path: str,
        where: str,
        section: str,
    ) -> None:
        if old == new:
            return
        if isinstance(old, list) or isinstance(new, list):
            self._list(owner, name, list(old or []), list(new or []), path, where, section)
            return
        if isinstance(old, BaseModel) or isinstance(new, BaseModel):
            cls = type(new if new is not None else old)
            same_type = old is None or new is None or type(old) is type(new)
            if same_type and (
                (old is not None and new is not None) or issubclass(cls, _OPEN_WHEN_NEW)
            ):
                inner = f"{where}, {label(name)}" if where else label(name)
                self._model(cls, old, new, path, inner, section)
                return
            self._whole(name, old, new, path, where, section)
            return
        if isinstance(old, str) and isinstance(new, str) and same_text(old, new):
            return
        self._leaf(owner, name, old, new, path, where, section)

    def _whole(self, name: str, old: Any, new: Any, path: str, where: str, section: str) -> None:
        what = f"{where}, {label(name)}" if where else label(name)
        if old is None:
            self._add(path, "added", None, new, f"{what} added: {describe(new)}", section)
        elif new is None:
            self._add(path, "removed", old, None, f"{what} removed: {describe(old)}", section)
        else:
            self._add(
                path,
                "changed",
                old,
                new,
                f"{what} changed: {show(name, old)} → {show(name, new)}",
                section,
            )

    def _leaf(
        self,
        owner: type[BaseModel],
        name: str,
        old: Any,
        new: Any,
        path: str,
        where: str,
        section: str,
    ) -> None:
        kind: Kind = "added" if old is None else "removed" if new is None else "changed"
        special = self._special(owner, name, old, new)
        if special is not None:
            self._add(path, kind, old, new, special, section)
            return
        what = f"{where}, {label(name)}" if where else label(name)
        if kind == "changed" and isinstance(old, str) and isinstance(new, str):
            long_text = len(old) > 80 or len(new) > 80 or "\n" in old or "\n" in new
            if long_text or name == "text":
                summary, detail = text_summary(old, new)
                self._add(path, kind, old, new, f"{what} changed: {summary}", section, detail)
                return
        if kind == "added":
            summary = f"{what} set to {show(name, new)}"
        elif kind == "removed":
            summary = f"{what} removed (was {show(name, old)})"
        else:
            summary = f"{what}: {show(name, old)} → {show(name, new)}"
            if isinstance(old, Decimal) and isinstance(new, Decimal) and name in MONEY_FIELDS:
                summary += f" ({_signed_kronor(new - old)})"
        self._add(path, kind, old, new, summary, section)

    def _special(self, owner: type[BaseModel], name: str, old: Any, new: Any) -> str | None:
        """The phrasing people use for the changes that matter most."""
        if owner is Agreement and name == "status" and old and new:
            return f"status changed from {old} to {new}"
        if owner is Period and name == "end" and old and new:
            verb = "extended" if new > old else "shortened"
            return f"period {verb} from {old} to {new}"
        if owner is Period and name == "start" and old and new:
            return f"period start moved from {old} to {new}"
        if owner is Termination and name == "notice_period":
            if old is None:
                return f"notice period set to {new}"
            if new is None:
                return f"notice period removed (was {old})"
            return f"notice period changed from {old} to {new}"
        return None

    def _list(
        self,
        owner: type[BaseModel],
        name: str,
        old: list[Any],
        new: list[Any],
        path: str,
        where: str,
        section: str,
    ) -> None:
        sample = (old or new)[0]
        if isinstance(sample, str):
            self._text_list(name, old, new, path, where, section)
            return
        if not isinstance(sample, BaseModel):
            self._leaf(owner, name, old or None, new or None, path, where, section)
            return
        where = _within(where, path)
        before, after = _keyed(old), _keyed(new)
        for key, item in before.items():
            item_path = f"{path}[{key}]"
            if key not in after:
                self._item_removed(name, item, item_path, where, section)
                continue
            other = after[key]
            if item == other:
                continue
            if type(item) is not type(other):  # pragma: no cover - the key includes the kind
                self._whole(name, item, other, item_path, where, section)
                continue
            if isinstance(item, Party) and item.org_number != other.org_number:
                self._org_number(item, other, item_path, section)
                item = item.model_copy(update={"org_number": other.org_number})
            inner = f"{where}, {context(other)}" if where else context(other)
            self._model(type(item), item, other, item_path, inner, section)
        for key, item in after.items():
            if key not in before:
                self._item_added(name, item, f"{path}[{key}]", where, section)

    def _org_number(self, old: Party, new: Party, path: str, section: str) -> None:
        path += ".org_number"
        if old.org_number is None:
            summary = f"organisationsnummer of {new.id} set to {new.org_number}"
            self._add(path, "added", None, new.org_number, summary, section)
        elif new.org_number is None:
            summary = f"organisationsnummer of {new.id} removed (was {old.org_number})"
            self._add(path, "removed", old.org_number, None, summary, section)
        else:
            summary = (
                f"organisationsnummer of {new.id} changed from {old.org_number} to {new.org_number}"
            )
            self._add(path, "changed", old.org_number, new.org_number, summary, section)

    def _item_added(self, name: str, item: Any, path: str, where: str, section: str) -> None:
        if isinstance(item, ExtensionTaken):
            before = self._end_before(item)
            summary = f"extension recorded: period extended from {before} to {item.new_end}"
            facts = [f"decided {item.decided_on}" if item.decided_on else "", item.decision or ""]
            facts = [f for f in facts if f]
            if facts:
                summary += f" ({'; '.join(facts)})"
        else:
            noun = _NOUNS.get(name, label(name))
            summary = f"{noun} added: {describe(item)}"
            if where:
                summary = f"{where}: {summary}"
        self._add(path, "added", None, item, summary, section)

    def _item_removed(self, name: str, item: Any, path: str, where: str, section: str) -> None:
        noun = _NOUNS.get(name, label(name))
        summary = f"{noun} removed: {describe(item)}"
        if where:
            summary = f"{where}: {summary}"
        self._add(path, "removed", item, None, summary, section)

    def _end_before(self, taken: ExtensionTaken) -> str:
        period = self.new.period
        ends = [period.end] if period is not None and period.end is not None else []
        if period is not None:
            ends += [e.new_end for e in period.extensions_taken]
        earlier = [e for e in ends if e < taken.new_end]
        return str(max(earlier)) if earlier else "(no end)"

    def _text_list(
        self, name: str, old: list[str], new: list[str], path: str, where: str, section: str
    ) -> None:
        if [t.split() for t in old] == [t.split() for t in new]:
            return
        noun = _NOUNS.get(name, label(name))
        prefix = f"{where}: " if where else ""
        removed = _unmatched(old, new)
        added = _unmatched(new, old)
        pairs: list[tuple[int, str, int, str]] = []
        for i, text in list(removed):
            best = max(
                added,
                key=lambda a: difflib.SequenceMatcher(a=text.split(), b=a[1].split()).ratio(),
                default=None,
            )
            if best is None:
                continue
            ratio = difflib.SequenceMatcher(a=text.split(), b=best[1].split()).ratio()
            if ratio >= 0.6:
                pairs.append((i, text, best[0], best[1]))
                removed.remove((i, text))
                added.remove(best)
        for i, text in removed:
            self._add(
                f"{path}[{i}]",
                "removed",
                text,
                None,
                f"{prefix}{noun} removed: {_quote(text, 80)}",
                section,
            )
        for _, old_text, j, new_text in pairs:
            summary, detail = text_summary(old_text, new_text)
            self._add(
                f"{path}[{j}]",
                "changed",
                old_text,
                new_text,
                f"{prefix}{noun} reworded: {summary}",
                section,
                detail,
            )
        for j, text in added:
            self._add(
                f"{path}[{j}]",
                "added",
                None,
                text,
                f"{prefix}{noun} added: {_quote(text, 80)}",
                section,
            )
        if not (removed or added or pairs):  # same items, new order
            self._add(path, "changed", old, new, f"{prefix}{noun}s reordered", section)


def _within(where: str, path: str) -> str:
    """The context list items inherit: none when it is only their top-level section."""
    top = path.split(".")[0].split("[")[0]
    return "" if where == label(top) else where


def _unmatched(items: list[str], others: list[str]) -> list[tuple[int, str]]:
    """(index, text) of the items that ``others`` lacks, counting repeats (words only)."""
    left = Counter(" ".join(t.split()) for t in others)
    found = []
    for i, text in enumerate(items):
        key = " ".join(text.split())
        if left[key] > 0:
            left[key] -= 1
        else:
            found.append((i, text))
    return found


_NOUNS = {
    "parties": "party",
    "contributions": "contribution",
    "responsibilities": "responsibilities",
    "clauses": "clause",
    "joint_responsibilities": "joint responsibility",
    "signatures": "signature",
    "follow_ups": "follow-up record",
    "amendments": "amendment",
    "sources": "source",
    "contacts": "contact",
    "members": "member",
    "reports": "report",
    "sections": "section",
    "figures": "figure",
    "participants": "participant",
    "case_numbers": "case number",
    "replaces": "replaced agreement",
}


def _signed_kronor(delta: Decimal) -> str:
    return ("+" if delta > 0 else "") + kronor(delta)


def diff_agreements(old: Agreement, new: Agreement) -> list[Change]:
    """Every difference in meaning, in the order of the model's fields."""
    return _Differ(old, new).run()


# --- output -------------------------------------------------------------------------------

_SYMBOL = {"added": "+", "removed": "-", "changed": "~"}


def _grouped(changes: Sequence[Change]) -> Iterator[tuple[str, list[Change]]]:
    order: dict[str, list[Change]] = {}
    for change in changes:
        order.setdefault(change.section, []).append(change)
    yield from order.items()


def _count(n: int) -> str:
    return f"{n} change{'s' if n != 1 else ''} in meaning"


def _title(old_id: str, new_id: str) -> str:
    return old_id if old_id == new_id else f"{old_id} → {new_id}"


def format_text(
    changes: Sequence[Change], *, old_name: str, new_name: str, old_id: str, new_id: str
) -> str:
    if not changes:
        return f"No changes in meaning between {old_name} and {new_name}.\n"
    lines = [
        f"{_title(old_id, new_id)}: {_count(len(changes))}",
        f"  old: {old_name}",
        f"  new: {new_name}",
    ]
    for section, items in _grouped(changes):
        lines += ["", section]
        for change in items:
            lines.append(f"  {_SYMBOL[change.kind]} {change.summary}")
            lines += [f"      {line}" for line in change.detail]
    return "\n".join(lines) + "\n"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    return text.translate(_MD_SPECIAL)


def format_markdown(
    changes: Sequence[Change], *, old_name: str, new_name: str, old_id: str, new_id: str
) -> str:
    count = _count(len(changes)) if changes else "no changes in meaning"
    head = f"### {_md(_title(old_id, new_id))}: {count}"
    lines = [head, "", f"`{old_name}` → `{new_name}`"]
    for section, items in _grouped(changes):
        lines += ["", f"#### {section}", ""]
        for change in items:
            lines.append(f"- {_md(change.summary)}")
            if change.detail:
                lines += ["", "  ```diff", *(f"  {line}" for line in change.detail), "  ```", ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def format_json(changes: Sequence[Change]) -> str:
    return json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2) + "\n"


# --- reading the two versions -----------------------------------------------------------------


def load_version(spec: str) -> Loaded:
    """A file, or ``REV:path`` read from git (``git show REV:path``).

    As in git, the path after ``REV:`` is relative to the repository root;
    ``REV:./path`` is relative to the current folder. A file that exists wins
    over a ``REV:path`` reading of the same text.
    """
    import os

    if os.path.exists(spec):
        if os.path.isdir(spec):
            raise UsageError(f"{spec} is a folder", hint="give one agreement file")
        return load_agreement(spec)
    rev, sep, path = spec.partition(":")
    if not sep or not rev or not path:
        raise UsageError(
            f"path does not exist: {spec}",
            hint="give a file, or REV:path to read it from git, e.g. HEAD:agreements/x.yaml",
        )
    return load_agreement_bytes(git_show(rev, path), spec)


def git_show(rev: str, path: str) -> bytes:
    """The bytes of ``path`` at revision ``rev``; usage errors that say what is wrong."""
    import shutil
    import subprocess

    from iopctl.yamlsource import MAX_BYTES

    spec = f"{rev}:{path}"
    git = shutil.which("git")
    if git is None:
        raise UsageError(f"cannot read {spec}: git is not installed", hint="install git")
    if rev.startswith("-"):
        raise UsageError(f"{rev!r} is not a git revision", hint="write e.g. HEAD or main")

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([git, *args], capture_output=True, check=False)

    if run("rev-parse", "--git-dir").returncode != 0:
        raise UsageError(
            f"cannot read {spec}: this folder is not inside a git repository",
            hint="run iopctl diff inside the repository, or compare two files",
        )
    if run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise UsageError(
            f"cannot read {spec}: unknown git revision {rev!r}",
            hint="check the revision, e.g. with `git log --oneline`; HEAD, main, HEAD~1 "
            "and tags work",
        )
    kind = run("cat-file", "-t", spec)
    if kind.returncode != 0 or kind.stdout.strip() != b"blob":
        raise UsageError(
            f"cannot read {spec}: revision {rev!r} has no file {path!r}",
            hint="the path after ':' is relative to the repository root, as in `git show`; "
            "write REV:./path for a path relative to the current folder",
        )
    shown = run("show", spec)
    if shown.returncode != 0:  # pragma: no cover - cat-file just found the blob
        message = shown.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"cannot read {spec}: {message}")
    if len(shown.stdout) > MAX_BYTES:
        raise UsageError(f"{spec} is larger than {MAX_BYTES:,} bytes (10 MiB)")
    return shown.stdout
