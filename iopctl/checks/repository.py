"""Checks that need every file at once (IOP4xx): ids unique across the repository, and
each file named after the agreement it holds.

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
    """Checks that need several files: unique ids, id matching the file name."""
    found: list[Diagnostic] = []
    first: dict[str, Loaded] = {}
    for item in loaded:
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
