"""Checks that need every file at once (IOP4xx): ids unique across the repository, each
file named after the agreement it holds, and ``replaces`` / ``replaced_by`` written in
both of the agreements they link.

They run after every file was loaded and checked on its own
(:func:`iopctl.checks.validate.validate_paths`), on whatever each file's ``id`` is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path as FsPath

from iopctl.model.load import Loaded
from iopctl.problems.diagnostic import Diagnostic, Severity

__all__ = ["check_repository"]


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
                        f"replaces {old!r}, but {old!r} does not say replaced_by: {agreement.id}",
                        f"add `replaced_by: {agreement.id}` to {old}.yaml",
                        severity=Severity.WARNING,
                    )
                )
        new = agreement.replaced_by
        other = by_id.get(new) if new is not None else None
        if other is not None and agreement.id not in other.replaces:
            found.append(
                source.diagnostic(
                    ("replaced_by",),
                    "IOP403",
                    f"replaced by {new!r}, but {new!r} does not list it under replaces",
                    f"add `replaces: [{agreement.id}]` to {new}.yaml",
                    severity=Severity.WARNING,
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
                    f"id {agreement_id!r} is already used by {other.file}:{line}",
                    "ids must be unique across the repository; rename one of them",
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
                    f"file name {FsPath(item.file).name!r} does not match the id {agreement_id!r}",
                    f"rename the file to {agreement_id}.yaml",
                    severity=Severity.WARNING,
                )
            )
    return found
