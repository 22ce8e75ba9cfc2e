"""The walk along the model that finds every difference in meaning (:func:`diff_agreements`).

Sub-models are compared field by field, lists item by item (matched by
:mod:`iopctl.views.diff.items`), and each difference becomes a
:class:`~iopctl.views.diff.change.Change`: data that :mod:`iopctl.present.diff` words.
"""

from __future__ import annotations

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
from iopctl.views.diff.change import Change, How, Kind, Step
from iopctl.views.diff.items import keyed, match_texts
from iopctl.views.diff.values import default_value, same_text, to_json

__all__ = ["diff_agreements"]


# Sub-models that are compared field by field even when one side lacks them
# (a notice period set in a new `termination:` section reads as that, not as
# "termination added"); any other model added or removed is one change.
_OPEN_WHEN_NEW = (Economy, Period, Termination, FollowUpTerms, Organisation, Decision)

Where = tuple[Step, ...]


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
        self._model(Agreement, self.old, self.new, "", (), "")
        return self.changes

    def _add(
        self,
        path: str,
        kind: Kind,
        old: Any,
        new: Any,
        section: str,
        how: How,
        name: str,
        where: Where,
        extra: Any = None,
    ) -> None:
        self.changes.append(
            Change(
                path, kind, to_json(old), to_json(new), section, how, name, where, old, new, extra
            )
        )

    def _model(
        self, cls: type[BaseModel], old: Any, new: Any, path: str, where: Where, section: str
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
        where: Where,
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
                self._model(cls, old, new, path, (*where, ("field", name)), section)
                return
            self._whole(name, old, new, path, where, section)
            return
        if isinstance(old, str) and isinstance(new, str) and same_text(old, new):
            return
        self._leaf(owner, name, old, new, path, where, section)

    def _whole(self, name: str, old: Any, new: Any, path: str, where: Where, section: str) -> None:
        kind: Kind = "added" if old is None else "removed" if new is None else "changed"
        self._add(path, kind, old, new, section, "whole", name, where)

    def _leaf(
        self,
        owner: type[BaseModel],
        name: str,
        old: Any,
        new: Any,
        path: str,
        where: Where,
        section: str,
    ) -> None:
        kind: Kind = "added" if old is None else "removed" if new is None else "changed"
        special = self._special(owner, name, old, new)
        if special is not None:
            self._add(path, kind, old, new, section, special, name, where)
            return
        if kind == "changed" and isinstance(old, str) and isinstance(new, str):
            long_text = len(old) > 80 or len(new) > 80 or "\n" in old or "\n" in new
            if long_text or name == "text":
                self._add(path, kind, old, new, section, "text", name, where)
                return
        self._add(path, kind, old, new, section, "value", name, where)

    def _special(self, owner: type[BaseModel], name: str, old: Any, new: Any) -> How | None:
        """The changes that matter most get the phrasing people use for them."""
        if owner is Agreement and name == "status" and old and new:
            return "status"
        if owner is Period and name == "end" and old and new:
            return "period_end"
        if owner is Period and name == "start" and old and new:
            return "period_start"
        if owner is Termination and name == "notice_period":
            return "notice_period"
        return None

    def _list(
        self,
        owner: type[BaseModel],
        name: str,
        old: list[Any],
        new: list[Any],
        path: str,
        where: Where,
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
                self._add(item_path, "removed", item, None, section, "item", name, where)
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
            self._model(type(item), item, other, item_path, (*where, ("item", other)), section)
        for key, item in after.items():
            if key not in before:
                item_path = f"{path}[{key}]"
                if isinstance(item, ExtensionTaken):
                    end = self._end_before(item)
                    self._add(
                        item_path, "added", None, item, section, "extension", name, where, end
                    )
                else:
                    self._add(item_path, "added", None, item, section, "item", name, where)

    def _org_number(self, old: Party, new: Party, path: str, section: str) -> None:
        o, n = old.org_number, new.org_number
        kind: Kind = "added" if o is None else "removed" if n is None else "changed"
        self._add(path + ".org_number", kind, o, n, section, "org_number", "org_number", (), new.id)

    def _end_before(self, taken: ExtensionTaken) -> str | None:
        period = self.new.period
        ends = [period.end] if period is not None and period.end is not None else []
        if period is not None:
            ends += [e.new_end for e in period.extensions_taken]
        earlier = [e for e in ends if latest(e) < taken.new_end]
        return str(max(earlier, key=latest)) if earlier else None

    def _text_list(
        self, name: str, old: list[str], new: list[str], path: str, where: Where, section: str
    ) -> None:
        if [t.split() for t in old] == [t.split() for t in new]:
            return
        removed, pairs, added = match_texts(old, new)
        for i, text in removed:
            self._add(f"{path}[{i}]", "removed", text, None, section, "text_item", name, where)
        for _i, old_text, j, new_text in pairs:
            self._add(
                f"{path}[{j}]", "changed", old_text, new_text, section, "text_item", name, where
            )
        for j, text in added:
            self._add(f"{path}[{j}]", "added", None, text, section, "text_item", name, where)
        if not (removed or added or pairs):  # same items, new order
            self._add(path, "changed", old, new, section, "reordered", name, where)


def _within(where: Where, path: str) -> Where:
    """The context list items inherit: none when it is only their top-level section."""
    top = path.split(".")[0].split("[")[0]
    return () if where == (("field", top),) else where


def diff_agreements(old: Agreement, new: Agreement) -> list[Change]:
    """Every difference in meaning, in the order of the model's fields."""
    return _Differ(old, new).run()
