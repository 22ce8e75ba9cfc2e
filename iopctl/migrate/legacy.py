"""The older places, and the history entries they stand for, on plain data.

The mapping is the one :func:`iopctl.facts.history._legacy` reads the older places by, so
a migrated file gives the same derived facts:

* ``period.extensions_taken[i]`` ``{new_end, decided_on?, decision?}`` →
  ``{date: decided_on, kind: extension, new_end, note: decision}``;
* ``termination.record`` ``{given_by, given_on, effective?}`` →
  ``{date: given_on, kind: notice, by: given_by, effective}``;
* ``amendments[i]`` ``{date, description, decision?}`` →
  ``{date, kind: amendment, description, note: decision}``.

A field that is absent (or ``null``) is left out. Entries are placed in date order among
the entries already in ``history``, which never move (:func:`placements`).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from typing import Any, Final, Literal

from iopctl.frozen import frozen
from iopctl.model.dates import earliest, parse_when

__all__ = [
    "FIELDS",
    "Kind",
    "Moved",
    "entry_of",
    "expected_data",
    "moves",
    "placements",
    "sort_key",
]

Kind = Literal["extension", "notice", "amendment"]
Place = tuple[str | int, ...]

FIELDS: Final[dict[Kind, tuple[tuple[str, str | None], ...]]] = {
    "extension": (
        ("date", "decided_on"),
        ("kind", None),
        ("new_end", "new_end"),
        ("note", "decision"),
    ),
    "notice": (
        ("date", "given_on"),
        ("kind", None),
        ("by", "given_by"),
        ("effective", "effective"),
    ),
    "amendment": (
        ("date", "date"),
        ("kind", None),
        ("description", "description"),
        ("note", "decision"),
    ),
}
"""Each kind's entry: (key in history, key in the older place), in the entry's key order
(``None``: the ``kind`` itself)."""


@frozen(slots=True)
class Moved:
    """One record in an older place: where it is and what kind of entry it becomes."""

    place: Place
    kind: Kind


def _mapping(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


def moves(data: Any) -> list[Moved]:
    """The records in older places, in the order iopctl reads them (extensions, notice,
    amendments); empty when the file uses none (an empty list or ``null`` is none)."""
    root = _mapping(data)
    if root is None:
        return []
    found: list[Moved] = []
    period = _mapping(root.get("period"))
    taken = period.get("extensions_taken") if period is not None else None
    if isinstance(taken, list):
        found += [Moved(("period", "extensions_taken", i), "extension") for i in range(len(taken))]
    termination = _mapping(root.get("termination"))
    if termination is not None and _mapping(termination.get("record")) is not None:
        found.append(Moved(("termination", "record"), "notice"))
    amendments = root.get("amendments")
    if isinstance(amendments, list):
        found += [Moved(("amendments", i), "amendment") for i in range(len(amendments))]
    return found


def at(data: Any, place: Place) -> Any:
    for step in place:
        data = data[step]
    return data


def entry_of(moved: Moved, data: Any) -> dict[str, Any]:
    """The history entry (plain data, keys in order) that one older record stands for."""
    record = at(data, moved.place)
    entry: dict[str, Any] = {}
    for new, old in FIELDS[moved.kind]:
        if old is None:
            entry[new] = moved.kind
        elif record.get(old) is not None:
            entry[new] = record[old]
    return entry


def sort_key(date: Any) -> tuple[bool, dt.date]:
    """Where an entry dated ``date`` goes: by its first possible day, undated last."""
    if date is None:
        return (True, dt.date.max)
    try:
        return (False, earliest(parse_when(date)))
    except ValueError:  # not a date: it does not validate, and is never written
        return (True, dt.date.max)


def placements(existing: Sequence[Any], new: Sequence[dict[str, Any]]) -> list[int]:
    """For each new entry, the number of existing entries that come before it.

    The whole list is in date order: a new entry goes after every existing entry dated
    on or before it (so on equal dates the existing one stays first) and before the
    rest; undated entries go last. Existing entries never move, so a history that was
    out of order (IOP235) stays as it was written.
    """
    keys = [sort_key(e.get("date") if isinstance(e, dict) else None) for e in existing]
    out = []
    for entry in new:
        key = sort_key(entry.get("date"))
        after = [i for i, k in enumerate(keys) if k <= key]
        out.append(after[-1] + 1 if after else 0)
    return out


def order(existing: Sequence[Any], new: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """The new entries as (placement, index in ``new``), in the order they are written:
    by placement, then by date (stable: the order of :func:`moves`)."""
    where = placements(existing, new)
    return sorted(
        ((where[i], i) for i in range(len(new))),
        key=lambda item: (item[0], sort_key(new[item[1]].get("date")), item[1]),
    )


def expected_data(data: dict[str, Any], found: Sequence[Moved]) -> dict[str, Any]:
    """What the migrated file must say: the older places gone (and ``period`` or
    ``termination`` with them when nothing else is left in it), history merged."""
    new = [entry_of(m, data) for m in found]
    result = copy.deepcopy(data)
    for name, key in (("period", "extensions_taken"), ("termination", "record")):
        parent = result.get(name)
        if (
            isinstance(parent, dict)
            and key in parent
            and any(m.place[:2] == (name, key) for m in found)
        ):
            del parent[key]
            if not parent:
                del result[name]
    if any(m.place[0] == "amendments" for m in found):
        del result["amendments"]
    existing = list(result.get("history") or [])
    merged: list[Any] = []
    pending = order(existing, new)
    for position in range(len(existing) + 1):
        merged += [copy.deepcopy(new[i]) for where, i in pending if where == position]
        if position < len(existing):
            merged.append(existing[position])
    result["history"] = merged
    return result
