"""``iopctl diff`` in words: each :class:`~iopctl.views.diff.Change` as the one-line
summary and the excerpt lines people read, in the chosen language.

The walk (:mod:`iopctl.views.diff`) says what changed and how, as data; this module
makes the sentence: "ekonomi, pengar från aldrenamnden, belopp per år: 933 000 kr →
950 000 kr (+17 000 kr)".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from iopctl.i18n import _
from iopctl.model.agreement import ExtensionTaken
from iopctl.present.numbers import kronor
from iopctl.present.text_changes import text_summary
from iopctl.present.words import (
    MONEY_FIELDS,
    context,
    describe,
    heading,
    label,
    noun,
    quote,
    show,
)
from iopctl.views.diff import Change, Step

__all__ = ["detail", "heading", "record", "summary"]


def _where(steps: tuple[Step, ...]) -> str:
    return ", ".join(label(v) if kind == "field" else context(v) for kind, v in steps)


def _what(change: Change) -> str:
    """``ekonomi, pengar från x, belopp per år``: where the field is, and the field."""
    return _where((*change.where, ("field", change.name)))


def _prefixed(change: Change, text: str) -> str:
    where = _where(change.where)
    return f"{where}: {text}" if where else text


def summary(change: Change) -> str:
    """The one line a person reads about ``change``."""
    how, old, new = change.how, change.before, change.after
    if how == "value":
        return _value(change)
    if how == "whole":
        return _whole(change)
    if how == "text":
        text, _lines = text_summary(old, new)
        return _("{what} changed: {summary}").format(what=_what(change), summary=text)
    if how in ("status", "period_end", "period_start", "notice_period"):
        return _special(change)
    if how == "org_number":
        return _org_number(change)
    if how == "extension":
        return _extension(new, change.extra)
    if how == "item":
        verb = _("{noun} added: {item}") if new is not None else _("{noun} removed: {item}")
        shown = describe(new if new is not None else old)
        return _prefixed(change, verb.format(noun=noun(change.name), item=shown))
    if how == "text_item":
        return _prefixed(change, _text_item(change))
    return _prefixed(change, _("{noun}s reordered").format(noun=noun(change.name)))


def detail(change: Change) -> tuple[str, ...]:
    """``-``/``+`` excerpt lines of a reworded text; none for other changes."""
    if change.how in ("text", "text_item") and change.kind == "changed":
        return text_summary(change.before, change.after)[1]
    return ()


def record(change: Change) -> dict[str, Any]:
    """The ``--format json`` record; keys and order are a documented contract."""
    return {
        "path": change.path,
        "kind": change.kind,
        "old": change.old,
        "new": change.new,
        "summary": summary(change),
    }


def _value(change: Change) -> str:
    name, old, new, what = change.name, change.before, change.after, _what(change)
    if change.kind == "added":
        return _("{what} set to {value}").format(what=what, value=show(name, new))
    if change.kind == "removed":
        return _("{what} removed (was {value})").format(what=what, value=show(name, old))
    text = _("{what}: {old} → {new}").format(what=what, old=show(name, old), new=show(name, new))
    if isinstance(old, Decimal) and isinstance(new, Decimal) and name in MONEY_FIELDS:
        delta = new - old
        text += f" ({'+' if delta > 0 else ''}{kronor(delta)})"
    return text


def _whole(change: Change) -> str:
    what, old, new = _what(change), change.before, change.after
    if change.kind == "added":
        return _("{what} added: {item}").format(what=what, item=describe(new))
    if change.kind == "removed":
        return _("{what} removed: {item}").format(what=what, item=describe(old))
    return _("{what} changed: {old} → {new}").format(
        what=what, old=show(change.name, old), new=show(change.name, new)
    )


def _special(change: Change) -> str:
    old, new = show(change.name, change.before), show(change.name, change.after)
    if change.how == "status":
        return _("status changed from {old} to {new}").format(old=change.before, new=change.after)
    if change.how == "period_end":
        if change.after > change.before:
            return _("period extended from {old} to {new}").format(old=old, new=new)
        return _("period shortened from {old} to {new}").format(old=old, new=new)
    if change.how == "period_start":
        return _("period start moved from {old} to {new}").format(old=old, new=new)
    if change.kind == "added":
        return _("notice period set to {new}").format(new=new)
    if change.kind == "removed":
        return _("notice period removed (was {old})").format(old=old)
    return _("notice period changed from {old} to {new}").format(old=old, new=new)


def _org_number(change: Change) -> str:
    party, old, new = change.extra, change.before, change.after
    if change.kind == "added":
        return _("organisationsnummer of {party} set to {new}").format(party=party, new=new)
    if change.kind == "removed":
        return _("organisationsnummer of {party} removed (was {old})").format(party=party, old=old)
    return _("organisationsnummer of {party} changed from {old} to {new}").format(
        party=party, old=old, new=new
    )


def _extension(item: ExtensionTaken, before: str | None) -> str:
    text = _("extension recorded: period extended from {old} to {new}").format(
        old=before if before is not None else _("(no end)"), new=item.new_end
    )
    facts = [_("decided {day}").format(day=item.decided_on) if item.decided_on else ""]
    facts = [f for f in (*facts, item.decision or "") if f]
    return text + (f" ({'; '.join(facts)})" if facts else "")


def _text_item(change: Change) -> str:
    what = noun(change.name)
    if change.kind == "removed":
        return _("{noun} removed: {text}").format(noun=what, text=quote(change.before, 80))
    if change.kind == "added":
        return _("{noun} added: {text}").format(noun=what, text=quote(change.after, 80))
    text, _lines = text_summary(change.before, change.after)
    return _("{noun} reworded: {summary}").format(noun=what, summary=text)
