"""The walk along the model that finds every difference in meaning (:func:`diff_agreements`).

Sub-models are compared field by field, lists item by item (matched by
:mod:`iopctl.views.diff.items`), and each difference becomes a
:class:`~iopctl.views.diff.change.Change` with a one-line summary in words
(:mod:`iopctl.present.words`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from iopctl.model.agreement import (
    Agreement,
    Decision,
    Economy,
    ExtensionTaken,
    FollowUpTerms,
    Organisation,
    Party,
    Period,
    Termination,
)
from iopctl.model.dates import latest
from iopctl.present.numbers import kronor
from iopctl.present.words import (
    MONEY_FIELDS,
    SECTIONS,
    context,
    default_value,
    describe,
    label,
    quote,
    same_text,
    show,
    text_summary,
    to_json,
)
from iopctl.views.diff.change import Change, Kind
from iopctl.views.diff.items import keyed, match_texts, noun

__all__ = ["diff_agreements"]


# Sub-models that are compared field by field even when one side lacks them
# (a notice period set in a new `termination:` section reads as that, not as
# "termination added"); any other model added or removed is one change.
_OPEN_WHEN_NEW = (Economy, Period, Termination, FollowUpTerms, Organisation, Decision)


class _Differ:
    """One comparison: collects the changes while it walks both versions in step.

    A class rather than functions because every step appends to the same list, and an
    added extension is described against the new version's period (:meth:`_end_before`).
    """

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
            o = getattr(old, name) if old is not None else default_value(info)
            n = getattr(new, name) if new is not None else default_value(info)
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
        before, after = keyed(old), keyed(new)
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
            summary = f"{noun(name)} added: {describe(item)}"
            if where:
                summary = f"{where}: {summary}"
        self._add(path, "added", None, item, summary, section)

    def _item_removed(self, name: str, item: Any, path: str, where: str, section: str) -> None:
        summary = f"{noun(name)} removed: {describe(item)}"
        if where:
            summary = f"{where}: {summary}"
        self._add(path, "removed", item, None, summary, section)

    def _end_before(self, taken: ExtensionTaken) -> str:
        period = self.new.period
        ends = [period.end] if period is not None and period.end is not None else []
        if period is not None:
            ends += [e.new_end for e in period.extensions_taken]
        earlier = [e for e in ends if latest(e) < taken.new_end]
        return str(max(earlier, key=latest)) if earlier else "(no end)"

    def _text_list(
        self, name: str, old: list[str], new: list[str], path: str, where: str, section: str
    ) -> None:
        if [t.split() for t in old] == [t.split() for t in new]:
            return
        what = noun(name)
        prefix = f"{where}: " if where else ""
        removed, pairs, added = match_texts(old, new)
        for i, text in removed:
            self._add(
                f"{path}[{i}]",
                "removed",
                text,
                None,
                f"{prefix}{what} removed: {quote(text, 80)}",
                section,
            )
        for _, old_text, j, new_text in pairs:
            summary, detail = text_summary(old_text, new_text)
            self._add(
                f"{path}[{j}]",
                "changed",
                old_text,
                new_text,
                f"{prefix}{what} reworded: {summary}",
                section,
                detail,
            )
        for j, text in added:
            self._add(
                f"{path}[{j}]",
                "added",
                None,
                text,
                f"{prefix}{what} added: {quote(text, 80)}",
                section,
            )
        if not (removed or added or pairs):  # same items, new order
            self._add(path, "changed", old, new, f"{prefix}{what}s reordered", section)


def _within(where: str, path: str) -> str:
    """The context list items inherit: none when it is only their top-level section."""
    top = path.split(".")[0].split("[")[0]
    return "" if where == label(top) else where


def _signed_kronor(delta: Decimal) -> str:
    return ("+" if delta > 0 else "") + kronor(delta)


def diff_agreements(old: Agreement, new: Agreement) -> list[Change]:
    """Every difference in meaning, in the order of the model's fields."""
    return _Differ(old, new).run()
