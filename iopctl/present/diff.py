"""``iopctl diff`` output: text for a terminal, Markdown for a pull-request comment, JSON.

Changes are grouped under their section headings, in the order of the model's fields;
the JSON records (:meth:`~iopctl.views.diff.Change.to_dict`) are a documented contract.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from iopctl.views.diff import Change

__all__ = ["format_json", "format_markdown", "format_text"]

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
