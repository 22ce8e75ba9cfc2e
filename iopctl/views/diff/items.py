"""Which list items are the same item in two versions of an agreement.

Items are matched by what identifies them (a party by its id, a contribution by its
party and kind, a follow-up by its date …), never by position, so inserting a party does
not make every later party look changed. Lists of plain texts (goals, clauses) have no
key: a text is the same when its words are, and a text that lost its partner is paired
with the most similar new one, so a reworded clause reads as reworded, not as one
removed and one added.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from iopctl.facts.history import Entry
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
from iopctl.views.diff.values import to_json

__all__ = ["Reworded", "item_key", "keyed", "match_texts", "unmatched"]


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
    if isinstance(item, Entry):
        date = item.date
        return f"{date if date is not None else '?'}/{item.kind}"
    if isinstance(item, ExtensionTaken):
        return item.new_end.isoformat()
    if isinstance(item, SourceDocument | Report):
        return item.title
    if isinstance(item, Section | OriginalSection):
        return item.heading
    if isinstance(item, Figure):
        return item.label
    if isinstance(item, Person):
        return item.name or "/".join(filter(None, (item.party, item.role))) or "?"
    return json.dumps(to_json(item), sort_keys=True, ensure_ascii=False)


def keyed(items: Sequence[Any]) -> dict[str, Any]:
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


def unmatched(items: list[str], others: list[str]) -> list[tuple[int, str]]:
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


Reworded = tuple[int, str, int, str]
"""(old index, old text, new index, new text) of a text that was reworded."""

_SAME_TEXT = 0.6  # share of words a reworded text keeps (difflib's ratio over words)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.split(), b=b.split()).ratio()


def match_texts(
    old: list[str], new: list[str]
) -> tuple[list[tuple[int, str]], list[Reworded], list[tuple[int, str]]]:
    """(removed, reworded, added) between two lists of texts, each with its index."""
    removed = unmatched(old, new)
    added = unmatched(new, old)
    pairs: list[Reworded] = []
    for i, text in list(removed):
        best = max(added, key=lambda a: _similarity(text, a[1]), default=None)
        if best is None:
            continue
        if _similarity(text, best[1]) >= _SAME_TEXT:
            pairs.append((i, text, best[0], best[1]))
            removed.remove((i, text))
            added.remove(best)
    return removed, pairs, added
