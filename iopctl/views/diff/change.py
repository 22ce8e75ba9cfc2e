"""One difference in meaning between two versions of an agreement (:class:`Change`), as
data: what changed and how, with the values themselves; :mod:`iopctl.present.diff` puts
it in words."""

from __future__ import annotations

from typing import Any, Literal

from iopctl.frozen import frozen

__all__ = ["Change", "How", "Kind", "Step"]

Kind = Literal["added", "removed", "changed"]

How = Literal[
    "value",  # a field set, removed or changed (``before``/``after``: the values)
    "whole",  # a sub-model added, removed or replaced as a whole
    "text",  # a long text reworded (word-level excerpts)
    "status",
    "period_end",
    "period_start",
    "notice_period",
    "org_number",  # ``extra``: the party's id
    "extension",  # an extension recorded; ``extra``: the end before it
    "item",  # a list item added or removed
    "text_item",  # one text of a list of texts added, removed or reworded
    "reordered",  # the same texts in another order
]

Step = tuple[Literal["field", "item"], Any]
"""One step of where a change is: a field by name, or a list item (the model itself)."""


@frozen(slots=True)
class Change:
    """One difference in meaning.

    ``path``, ``kind``, ``old`` and ``new`` (JSON-ready) are the JSON record's data;
    ``how``, ``where``, ``name`` and the values ``before``/``after``/``extra`` are what
    the words are made from; ``section`` is the top-level field it is grouped under.
    """

    path: str
    kind: Kind
    old: Any
    new: Any
    section: str
    how: How
    name: str
    where: tuple[Step, ...] = ()
    before: Any = None
    after: Any = None
    extra: Any = None
