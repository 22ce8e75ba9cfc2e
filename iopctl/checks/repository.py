"""Checks that need every file at once (IOP4xx): ids unique across the repository, each
file named after the agreement it holds, and ``replaces`` / ``replaced_by`` written in
both of the agreements they link.

They run after every file was loaded and checked on its own
(:func:`iopctl.checks.validate.validate_paths`), on whatever each file's ``id`` is.
Commands that stream keep only each file's :class:`Keys` and load again the few files a
cross-file problem can concern (:func:`cross_file_problems`), so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path as FsPath

from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.model.load import Loaded
from iopctl.problems.diagnostic import Diagnostic, Severity

__all__ = ["Keys", "check_repository", "cross_file_problems", "keys_of"]


@frozen(slots=True)
class Keys:
    """What the cross-file checks need of a file, kept while the others are read."""

    file: str
    id: str
    replaces: tuple[str, ...]
    replaced_by: str | None


def keys_of(item: Loaded) -> Keys | None:
    """The keys of a file the cross-file checks look at (``None``: no id to check)."""
    agreement = item.agreement
    if agreement is None or agreement.id is None or item.source is None:
        return None
    return Keys(item.file, agreement.id, tuple(agreement.replaces), agreement.replaced_by)


def _one_way(k: Keys, by_id: dict[str, Keys]) -> bool:
    """A ``replaces`` / ``replaced_by`` link the other file (among those read) lacks."""
    if any(old in by_id and by_id[old].replaced_by != k.id for old in k.replaces):
        return True
    new = by_id.get(k.replaced_by) if k.replaced_by is not None else None
    return new is not None and k.id not in new.replaces


def cross_file_problems(
    keys: Sequence[Keys], load: Callable[[str], Loaded]
) -> dict[str, list[Diagnostic]]:
    """:func:`check_repository` over every file, from their keys (in the order read).

    Only the files a problem can concern are loaded again: ids used twice, file names
    that differ from the id, one-way links, and the files those links name. The
    diagnostics (with their lines) are then those of :func:`check_repository` on all.
    """
    count: dict[str, int] = {}
    for k in keys:
        count[k.id] = count.get(k.id, 0) + 1
    by_id = {k.id: k for k in keys}
    suspects = {
        k.file for k in keys if count[k.id] > 1 or FsPath(k.file).stem != k.id or _one_way(k, by_id)
    }
    if not suspects:
        return {}
    linked = {n for k in keys if k.file in suspects for n in (*k.replaces, k.replaced_by)}
    wanted = [k.file for k in keys if k.file in suspects or k.id in linked]
    found: dict[str, list[Diagnostic]] = {}
    for d in check_repository(load(file) for file in wanted):
        if d.file in suspects:
            found.setdefault(d.file, []).append(d)
    return found


def check_repository(loaded: Iterable[Loaded]) -> list[Diagnostic]:
    """Checks that need several files: unique ids, id matching the file name, links."""
    items = list(loaded)
    return _ids(items) + _links(items)


def _links(items: list[Loaded]) -> list[Diagnostic]:
    """IOP403: a link to an agreement among the files given that does not link back.

    A link to an id that is not among the files given is not reported: ``validate`` of
    one file cannot know the others (the repository's CI validates them all).
    """
    found: list[Diagnostic] = []
    by_id = {
        item.agreement.id: item.agreement
        for item in items
        if item.agreement is not None and item.agreement.id is not None
    }
    for item in items:
        agreement, source = item.agreement, item.source
        if agreement is None or source is None or agreement.id is None:
            continue
        for i, old in enumerate(agreement.replaces):
            other = by_id.get(old)
            if other is not None and other.replaced_by != agreement.id:
                found.append(
                    source.diagnostic(
                        ("replaces", i),
                        "IOP403",
                        N_("replaces {old!r}, but {old!r} does not say replaced_by: {id}"),
                        N_("add `replaced_by: {id}` to {old}.yaml"),
                        severity=Severity.WARNING,
                        old=old,
                        id=agreement.id,
                    )
                )
        new = agreement.replaced_by
        other = by_id.get(new) if new is not None else None
        if other is not None and agreement.id not in other.replaces:
            found.append(
                source.diagnostic(
                    ("replaced_by",),
                    "IOP403",
                    N_("replaced by {new!r}, but {new!r} does not list it under replaces"),
                    N_("add `replaces: [{id}]` to {new}.yaml"),
                    severity=Severity.WARNING,
                    new=new,
                    id=agreement.id,
                )
            )
    return found


def _ids(items: list[Loaded]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first: dict[str, Loaded] = {}
    for item in items:
        agreement, source = item.agreement, item.source
        agreement_id = agreement.id if agreement is not None else None
        if agreement_id is None or source is None:
            continue
        if agreement_id in first:
            other = first[agreement_id]
            line = other.source.position(("id",))[0] if other.source else 0
            found.append(
                source.diagnostic(
                    ("id",),
                    "IOP401",
                    N_("id {agreement_id!r} is already used by {file}:{line}"),
                    N_("ids must be unique across the repository; rename one of them"),
                    agreement_id=agreement_id,
                    file=other.file,
                    line=line,
                )
            )
            continue
        first[agreement_id] = item
        stem = FsPath(item.file).stem
        if stem != agreement_id:
            found.append(
                source.diagnostic(
                    ("id",),
                    "IOP402",
                    N_("file name {name!r} does not match the id {agreement_id!r}"),
                    N_("rename the file to {agreement_id}.yaml"),
                    severity=Severity.WARNING,
                    name=FsPath(item.file).name,
                    agreement_id=agreement_id,
                )
            )
    return found
