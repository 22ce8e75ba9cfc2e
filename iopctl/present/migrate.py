"""``iopctl migrate`` in words: a line per file, the reasons a file was left alone, the
summary, and the unified diff of ``--diff``.

Every sentence the command prints is here, through the catalogue: Swedish by default,
English on request.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from iopctl.i18n import _, ngettext
from iopctl.migrate.layout import body, split_keep
from iopctl.migrate.legacy import Kind
from iopctl.migrate.run import Migration, Refusal
from iopctl.present.safe import printable

__all__ = ["file_line", "refusal_line", "summary", "unified_diff"]


def moved(migration: Migration) -> str:
    """``2 förlängningar, 1 uppsägning``: what moved into history."""
    parts = []
    kinds: tuple[Kind, ...] = ("extension", "notice", "amendment")
    for kind in kinds:
        n = migration.count(kind)
        if n:
            parts.append(_moved(kind, n))
    return ", ".join(parts)


def _moved(kind: str, n: int) -> str:
    if kind == "extension":
        return ngettext("{n} extension", "{n} extensions", n).format(n=n)
    if kind == "notice":
        return ngettext("{n} notice", "{n} notices", n).format(n=n)
    return ngettext("{n} amendment", "{n} amendments", n).format(n=n)


def file_line(migration: Migration, *, written: bool) -> str:
    """``migrated agreements/x.yaml: 2 extensions, 1 notice → history``."""
    line = (
        _("migrated {file}: {moved} → history")
        if written
        else _("would migrate {file}: {moved} → history")
    )
    return line.format(file=printable(migration.file), moved=moved(migration))


def _why(file: str, refusal: Refusal) -> tuple[str, str]:
    again = _("then run `iopctl migrate` again")
    if refusal.reason == "unreadable":
        return _("it cannot be read as YAML"), _("fix the problem below, {again}").format(
            again=again
        )
    if refusal.reason == "invalid":
        return _("it does not validate"), _(
            "fix the errors below (`iopctl validate {file}` shows them), {again}"
        ).format(file=file, again=again)
    if refusal.reason == "invalid_after":
        return _("the result would not validate"), _(
            "fix what the errors below point at (the lines are the file's), {again}"
        ).format(again=again)
    if refusal.reason == "unsafe":
        return (
            _("the result would change other values than the ones moved"),
            _("this is a bug in iopctl: please report it; the file is unchanged"),
        )
    if refusal.reason == "layout":
        return _("{where} is written in flow style ({{…}} or […])").format(where=refusal.where), _(
            "write it one key per line (block style), {again}"
        ).format(again=again)
    if refusal.reason == "changed":
        return _("the file changed while it was being migrated"), _("run `iopctl migrate` again")
    return str(refusal.detail), str(refusal.hint)


def refusal_line(file: str, refusal: Refusal) -> tuple[str, str]:
    """The line saying that ``file`` was not migrated and why, and a hint."""
    where = f"{printable(file)}:{refusal.line}" if refusal.line > 0 else printable(file)
    why, hint = _why(file, refusal)
    line = _("{where}: not migrated: {why}").format(where=where, why=printable(why))
    return line, printable(hint)


def _files(n: int) -> str:
    return ngettext("{n} file", "{n} files", n).format(n=n)


def summary(migrated: int, unchanged: int, refused: int, *, written: bool) -> list[str]:
    """The closing lines: how many files were (or would be) migrated, and what to do."""
    if migrated:
        files = _files(migrated)
        done = _("Migrated {files}") if written else _("{files} would be migrated")
        parts = [done.format(files=files)]
        if unchanged:
            parts.append(_("{n} had nothing to migrate").format(n=unchanged))
    else:
        checked = _files(migrated + unchanged + refused)
        parts = [_("Nothing to migrate ({files} checked)").format(files=checked)]
    if refused:
        refusals = ngettext(
            "{n} file was not migrated (see above)",
            "{n} files were not migrated (see above)",
            refused,
        )
        parts.append(refusals.format(n=refused))
    lines = ["; ".join(parts) + "."]
    if migrated and not written:
        lines.append(_("Run `iopctl migrate` to write the changes, then commit them."))
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
