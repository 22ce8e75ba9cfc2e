"""``iopctl diff`` output: text for a terminal, Markdown for a pull-request comment, JSON.

Changes are grouped under their section headings, in the order of the model's fields;
the JSON records (:meth:`~iopctl.views.diff.Change.to_dict`) are a documented contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from iopctl.i18n import _, ngettext
from iopctl.present.diff_words import detail, heading, record, summary
from iopctl.present.safe import json_text, printable
from iopctl.views.diff import Change

__all__ = ["format_json", "format_markdown", "format_text"]

_SYMBOL = {"added": "+", "removed": "-", "changed": "~"}


MAX_SHOWN = 1_000
"""Changes shown in text and Markdown (JSON has them all): two 9 MB files that differ in
every one of 24 000 records are a summary, not 5 MB of comment."""


def _not_shown(changes: Sequence[Change]) -> int:
    return max(0, len(changes) - MAX_SHOWN)


def _grouped(changes: Sequence[Change]) -> Iterator[tuple[str, list[Change]]]:
    order: dict[str, list[Change]] = {}
    for change in changes[:MAX_SHOWN]:
        order.setdefault(heading(change.section), []).append(change)
    yield from order.items()


def _count(n: int) -> str:
    return ngettext("{n} change in meaning", "{n} changes in meaning", n).format(n=n)


def _title(old_id: str, new_id: str) -> str:
    return old_id if old_id == new_id else f"{old_id} → {new_id}"


def format_text(
    changes: Sequence[Change], *, old_name: str, new_name: str, old_id: str, new_id: str
) -> str:
    """Plain text; control characters in names and data are shown escaped."""
    old_name, new_name = printable(old_name), printable(new_name)
    if not changes:
        return (
            _("No changes in meaning between {old} and {new}.").format(old=old_name, new=new_name)
            + "\n"
        )
    lines = [
        f"{printable(_title(old_id, new_id))}: {_count(len(changes))}",
        "  " + _("old: {name}").format(name=old_name),
        "  " + _("new: {name}").format(name=new_name),
    ]
    for section, items in _grouped(changes):
        lines += ["", section]
        for change in items:
            lines.append(f"  {_SYMBOL[change.kind]} {printable(summary(change))}")
            lines += [f"      {printable(line)}" for line in detail(change)]
    if _not_shown(changes):
        more = _("… and {n} more changes (--format json lists all)")
        lines += ["", more.format(n=_not_shown(changes))]
    return "\n".join(lines) + "\n"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#&!~"})
_ZERO_WIDTH_SPACE = "\u200b"
_BACKTICKS = re.compile("`+")


def _md(text: str) -> str:
    """Data as inert Markdown text in a pull-request comment.

    One line (control characters, newlines included, escaped), Markdown punctuation
    backslash-escaped, and a zero-width space after each ``@`` so that a name in the data
    never @-mentions a user or a team.
    """
    escaped = printable(text).translate(_MD_SPECIAL)
    return escaped.replace("@", "@" + _ZERO_WIDTH_SPACE)


def _fence(lines: Sequence[str], *, least: int = 3) -> str:
    """Backticks longer than any run of backticks in ``lines``: data cannot close the fence."""
    longest = max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0)
    return "`" * max(least, longest + 1)


def _code(text: str) -> str:
    """A code span holding ``text`` (a file name or ``REV:path``) whatever it contains."""
    shown = printable(text)
    ticks = _fence([shown], least=1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{ticks}{pad}{shown}{pad}{ticks}"


def format_markdown(
    changes: Sequence[Change], *, old_name: str, new_name: str, old_id: str, new_id: str
) -> str:
    """A pull-request comment. Data cannot add headings, mentions, links or HTML to it."""
    count = _count(len(changes)) if changes else _("no changes in meaning")
    head = f"### {_md(_title(old_id, new_id))}: {count}"
    lines = [head, "", f"{_code(old_name)} → {_code(new_name)}"]
    for section, items in _grouped(changes):
        lines += ["", f"#### {section}", ""]
        for change in items:
            lines.append(f"- {_md(summary(change))}")
            excerpt = [printable(line) for line in detail(change)]
            if excerpt:
                fence = _fence(excerpt)
                lines += [
                    "",
                    f"  {fence}diff",
                    *(f"  {line}" for line in excerpt),
                    f"  {fence}",
                    "",
                ]
    if _not_shown(changes):
        more = _("… and {n} more changes ({command})")
        lines += ["", more.format(n=_not_shown(changes), command="`iopctl diff --format json`")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def format_json(changes: Sequence[Change]) -> str:
    return json_text([record(c) for c in changes])
