"""``iopctl migrate`` in words: a line per file, the reasons a file was left alone, the
summary, and the unified diff of ``--diff``.

Every sentence the command prints is here (English for now), so that a catalogue of
Swedish and English messages can take them over in one place.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from iopctl.migrate.layout import body, split_keep
from iopctl.migrate.legacy import Kind
from iopctl.migrate.run import Migration, Refusal
from iopctl.present.safe import printable

__all__ = ["file_line", "refusal_line", "summary", "unified_diff"]

_NOUNS: tuple[tuple[Kind, str], ...] = (
    ("extension", "extensions"),
    ("notice", "notices"),
    ("amendment", "amendments"),
)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def moved(migration: Migration) -> str:
    """``2 extensions, 1 notice``: what moved into history."""
    parts = [
        _count(migration.count(one), one, many) for one, many in _NOUNS if migration.count(one)
    ]
    return ", ".join(parts)


def file_line(migration: Migration, *, written: bool) -> str:
    """``migrated agreements/x.yaml: 2 extensions, 1 notice → history``."""
    verb = "migrated" if written else "would migrate"
    return f"{verb} {printable(migration.file)}: {moved(migration)} → history"


def refusal_line(file: str, refusal: Refusal) -> tuple[str, str]:
    """The line saying that ``file`` was not migrated and why, and a hint."""
    where = f"{printable(file)}:{refusal.line}" if refusal.line > 0 else printable(file)
    again = "then run `iopctl migrate` again"
    why, hint = {
        "unreadable": ("it cannot be read as YAML", f"fix the problem below, {again}"),
        "invalid": (
            "it does not validate",
            f"fix the errors below (`iopctl validate {file}` shows them), {again}",
        ),
        "invalid_after": (
            "the result would not validate",
            f"fix what the errors below point at (the lines are the file's), {again}",
        ),
        "unsafe": (
            "the result would change other values than the ones moved",
            "this is a bug in iopctl: please report it; the file is unchanged",
        ),
        "layout": (
            f"{refusal.where} is written in flow style ({{…}} or […])",
            f"write it one key per line (block style), {again}",
        ),
        "changed": (
            "the file changed while it was being migrated",
            "run `iopctl migrate` again",
        ),
        "unwritable": (refusal.detail, refusal.hint),
    }[refusal.reason]
    return f"{where}: not migrated: {printable(why)}", printable(hint)


def summary(migrated: int, unchanged: int, refused: int, *, written: bool) -> list[str]:
    """The closing lines: how many files were (or would be) migrated, and what to do."""
    if migrated:
        files = _count(migrated, "file", "files")
        parts = [f"Migrated {files}" if written else f"{files} would be migrated"]
        if unchanged:
            parts.append(f"{unchanged} had nothing to migrate")
    else:
        checked = _count(migrated + unchanged + refused, "file", "files")
        parts = [f"Nothing to migrate ({checked} checked)"]
    if refused:
        parts.append(f"{_count(refused, 'file was', 'files were')} not migrated (see above)")
    lines = ["; ".join(parts) + "."]
    if migrated and not written:
        lines.append("Run `iopctl migrate` to write the changes, then commit them.")
    return lines


def unified_diff(migration: Migration) -> Iterator[str]:
    """The change as a unified diff (``a/FILE``, ``b/FILE``), control characters escaped."""
    assert migration.after is not None
    name = printable(migration.file)
    old, new = split_keep(migration.before), split_keep(migration.after)
    lines = difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")
    for line in lines:
        if line.startswith(("---", "+++", "@@")):
            yield line.rstrip("\n") + "\n"
            continue
        text = body(line[1:])
        yield f"{line[0]}{printable(text)}\n"
        if text == line[1:]:
            yield "\\ No newline at end of file\n"
