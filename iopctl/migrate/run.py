"""One file migrated: planned, checked, then written; and the files of a command.

:func:`plan` never writes. It reads the file with iopctl's own reader, finds the older
places (:mod:`.legacy`), edits the text (:mod:`.layout`, :mod:`.emit`) and keeps the
result only if

* it validates against the schema,
* it says exactly what the file said, with the older records moved into ``history``
  (:func:`~iopctl.migrate.legacy.expected_data`: nothing else changed), and
* the checks find no error in it that they did not find in the file (an amendment dated
  before the start is an error in ``history``).

Otherwise the file is refused, with the reason and the problems, their lines counted in
the file as it is. :func:`write` writes a planned result atomically, inside the
repository, and only over the text that was planned from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, Literal

import yaml

from iopctl.checks.run import run_checks
from iopctl.errors import IopctlError
from iopctl.frozen import frozen
from iopctl.i18n import Words
from iopctl.migrate.layout import (
    Comment,
    History,
    Layout,
    LayoutError,
    assemble,
    compose,
    node_at,
)
from iopctl.migrate.legacy import Kind, Moved, at, entry_of, expected_data, moves, order
from iopctl.model.load import Loaded, load_agreement, load_agreement_bytes
from iopctl.problems.diagnostic import Diagnostic, Severity

__all__ = ["Migration", "Reason", "Refusal", "plan", "rewrite", "write"]

Reason = Literal[
    "unreadable", "invalid", "invalid_after", "unsafe", "layout", "changed", "unwritable"
]
"""Why a file was not migrated: it cannot be read; it does not validate; the result would
not; the result would say something else besides (a bug); it is written in flow style
where lines must be taken out; it changed on disk since it was read; it cannot be
written."""

_BOM = b"\xef\xbb\xbf"
_PLACES: tuple[tuple[str, ...], ...] = (
    ("period", "extensions_taken"),
    ("termination", "record"),
    ("amendments",),
)


@frozen(slots=True)
class Refusal:
    """A file left as it is, and why. ``where`` names the part written in flow style;
    ``detail`` and ``hint`` say why a write failed."""

    reason: Reason
    line: int = 0
    problems: tuple[Diagnostic, ...] = ()
    where: str = ""
    detail: str | Words = ""
    hint: str | Words = ""


@frozen(slots=True)
class Migration:
    """One file: its text, the migrated text (``None``: nothing to do), what moved."""

    file: str
    before: str = ""
    after: str | None = None
    moved: tuple[Kind, ...] = ()
    refusal: Refusal | None = None

    @property
    def changed(self) -> bool:
        return self.refusal is None and self.after is not None and self.after != self.before

    def count(self, kind: Kind) -> int:
        return self.moved.count(kind)


def plan(file: str, *, as_of: dt.date) -> Migration:
    """What migrating ``file`` gives, checked; nothing is written."""
    loaded = load_agreement(file)
    source = loaded.source
    if source is None:
        return Migration(file, refusal=_refusal("unreadable", loaded.diagnostics))
    found = moves(source.data)
    if not found:
        return Migration(file, source.text)
    if loaded.valid is None:
        return Migration(file, source.text, refusal=_refusal("invalid", loaded.diagnostics))
    kinds = tuple(m.kind for m in found)
    try:
        after, origins = rewrite(source.text, source.data, found)
    except LayoutError as exc:
        where: tuple[str, ...] = (exc.where,)
        if exc.where not in source.data:  # the file itself
            where = next(p for p in _PLACES if any(m.place[: len(p)] == p for m in found))
        line = source.key_position(where)[0]
        return Migration(file, source.text, refusal=Refusal("layout", line, where=exc.where))
    except _Unreadable as exc:
        problem = Diagnostic(file, exc.line, 0, "IOP002", Severity.ERROR, exc.message)
        return Migration(file, source.text, refusal=_refusal("unreadable", [problem]))
    refusal = _check(file, loaded, after, origins, found, as_of)
    return Migration(file, source.text, after, kinds, refusal)


def _refusal(reason: Reason, problems: Iterable[Diagnostic], line: int | None = None) -> Refusal:
    errors = tuple(d for d in problems if d.is_error)
    first = line if line is not None else (errors[0].line if errors else 0)
    return Refusal(reason, first, errors)


class _Unreadable(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def rewrite(text: str, data: dict[str, Any], found: Sequence[Moved]) -> tuple[str, list[int]]:
    """The migrated text, and for each of its lines the line of ``text`` it comes from
    (0-based; a new entry's lines: the line of the record it was made from)."""
    from iopctl.migrate.emit import RoundTripError, entry_lines, roundtrip

    try:
        root = compose(text)
        document = roundtrip(text)
    except RoundTripError as exc:
        raise _Unreadable(str(exc), exc.line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - iopctl's reader read it already
        raise _Unreadable(str(exc), 0) from None
    assert root is not None
    layout = Layout.of(text, root)
    carried: dict[Moved, tuple[list[str], dict[str, tuple[str, str]], int]] = {}
    for place in _PLACES:
        here = [m for m in found if m.place[: len(place)] == place]
        if not here:
            continue
        cut = layout.cut(place)
        node = node_at(root, place)
        items = list(node.value) if isinstance(node, yaml.SequenceNode) else [node]
        for moved, item, comments in zip(here, items, layout.comments_of(cut, items), strict=True):
            carried[moved] = _comments(layout, moved, item, comments)
    history = layout.history()
    dropped = layout.dropped()
    text_lines, br = layout.text, layout.text.break_
    base = " " * root.start_mark.column
    new = [entry_of(m, data) for m in found]
    pending = order(list(data.get("history") or []), new)
    inserted = _history_key(layout, history, dropped, base, carried[found[pending[0][1]]][2])
    for where, i in pending:
        moved = found[i]
        before, eol, origin = carried[moved]
        record = at(document, moved.place)
        lines = [" " * history.dash + c for c in before]
        lines += entry_lines(record, moved.kind, dash=history.dash, indent=history.indent, eol=eol)
        position = history.positions[where]
        inserted.setdefault(position, []).extend((base + line + br, origin) for line in lines)
    out = assemble(text_lines, dropped, inserted)
    return "".join(line for line, _ in out), [origin for _, origin in out]


def _history_key(
    layout: Layout, history: History, dropped: set[int], base: str, origin: int
) -> dict[int, list[tuple[str, int]]]:
    """The ``history:`` line to write: a new one after the last key of the file (set apart
    by a blank line if the file's keys are), or ``history: []`` without its ``[]``."""
    text, br = layout.text, layout.text.break_
    if history.key_line is None:
        at_line = history.positions[0]
        head: list[tuple[str, int]] = []
        kept = at_line - 1
        while kept in dropped:
            kept -= 1
        if history.blank and kept >= 0 and not text.blank(kept):
            head.append((br, origin))
        head.append((f"{base}history:{br}", origin))
        return {at_line: head}
    if history.empty is None:
        return {}
    line = history.key_line
    content = text.content(line)
    start, end = history.empty.start_mark.column, history.empty.end_mark.column
    dropped.add(line)
    ending = text.lines[line][len(content) :] or br
    return {line: [(content[:start].rstrip() + content[end:] + ending, line)]}


def _comments(
    layout: Layout, moved: Moved, item: yaml.Node, comments: list[Comment]
) -> tuple[list[str], dict[str, tuple[str, str]], int]:
    """The comments one record carries: those above the entry, those after a value (by
    the entry's key), and the line the record starts on."""
    from iopctl.migrate.legacy import FIELDS

    renamed = {old: new for new, old in FIELDS[moved.kind] if old is not None}
    values = layout.value_lines(item)
    before: list[str] = []
    eol: dict[str, tuple[str, str]] = {}
    for comment in comments:
        key = renamed.get(values.get(comment.line, ""))
        if not comment.alone and key is not None and key not in eol:
            eol[key] = (comment.gap, comment.text)
        else:
            before.append(comment.text)
    return before, eol, item.start_mark.line


def _check(
    file: str,
    loaded: Loaded,
    after: str,
    origins: list[int],
    found: Sequence[Moved],
    as_of: dt.date,
) -> Refusal | None:
    """Why the migrated text must not be written, or ``None``."""
    assert loaded.source is not None
    result = load_agreement_bytes(after, file)
    if result.valid is None or result.source is None:
        return _refusal("invalid_after", _located(result.diagnostics, origins))
    if result.source.data != expected_data(loaded.source.data, found):
        return Refusal("unsafe", origins[0] + 1 if origins else 0)
    seen = Counter((d.code, d.message) for d in run_checks(loaded, as_of=as_of) if d.is_error)
    new: list[Diagnostic] = []
    for d in run_checks(result, as_of=as_of):
        if not d.is_error:
            continue
        if seen[(d.code, d.message)] > 0:
            seen[(d.code, d.message)] -= 1
        else:
            new.append(d)
    return _refusal("invalid_after", _located(new, origins)) if new else None


def _located(problems: Iterable[Diagnostic], origins: list[int]) -> list[Diagnostic]:
    """Problems of the migrated text, at the line of the file they come from."""
    out = []
    for d in problems:
        line = origins[d.line - 1] + 1 if 1 <= d.line <= len(origins) else 0
        out.append(replace(d, line=line, column=1 if line else 0))
    return out


def write(migration: Migration) -> Refusal | None:
    """Write a planned migration atomically, to the file a link leads to (inside the
    repository), if the file still holds the text it was planned from."""
    from iopctl.atomic import write_atomic
    from iopctl.reading.paths import boundary_of, escapes, real

    assert migration.after is not None
    file = migration.file
    if escapes(file, boundary_of(file, folder=False)) is not None:  # pragma: no cover
        return Refusal("changed")  # discover refused it; a link changed since
    target = real(file)
    try:
        raw = target.read_bytes()
    except OSError:
        return Refusal("changed")
    bom = raw.startswith(_BOM)
    if (raw[len(_BOM) :] if bom else raw) != migration.before.encode("utf-8"):
        return Refusal("changed")
    try:
        write_atomic(target, (_BOM if bom else b"") + migration.after.encode("utf-8"))
    except IopctlError as exc:
        hint = Words(exc.hint_id, exc.args_) if exc.hint_id else ""
        return Refusal("unwritable", detail=Words(exc.msgid, exc.args_), hint=hint)
    return None
