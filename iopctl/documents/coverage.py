"""The agreement template's field coverage: every model field is printed or left out with a reason.

:data:`LEFT_OUT` lists the fields the agreement template leaves out on purpose;
:func:`coverage_problems` finds fields neither used nor listed, and stale entries;
:func:`lint_templates` checks every template on the search path (``iopctl render --lint``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pydantic import BaseModel

from iopctl.documents.lint import LintProblem, annotation_type, lint_source
from iopctl.documents.templates import (
    TEMPLATE_SUFFIX,
    display_path,
    read_template,
    template_search_path,
)
from iopctl.errors import IopctlError
from iopctl.model.agreement import Agreement

__all__ = ["LEFT_OUT", "coverage_problems", "lint_templates"]

LEFT_OUT: dict[str, str] = {
    # Agreement-level bookkeeping: about the record, not part of the agreed text.
    "Agreement.id": "the record's key and file name, not part of the agreed text",
    "Agreement.sources": "provenance of the record (which documents it was encoded from)",
    "Agreement.notes": "internal notes about the record, not agreed text",
    "Agreement.partnership_model": "a classification for reporting (VIVE 2019), not a clause",
    "Agreement.replaces": "ids of other records; the background says it in words",
    "Agreement.replaced_by": "ids of other records, set after the agreement was made",
    "Agreement.follow_ups": "follow-ups held are reports of their own: the followup template",
    "Party.note": "internal note about the party, not agreed text",
    "VolunteerContribution.part_years": "how iopctl counts a part year; the clause says it",
    "InKindContribution.part_years": "how iopctl counts a part year; the clause says it",
    "Decision.note": "internal note about the decision record, not agreed text",
    "Agreement.history": "what happened after signing (payments, reports, decisions): due, "
    "show and the status read it; the extensions, notice and amendments it records are "
    "printed through `recorded`",
    "Agreement.acknowledged": "warnings the record accepts, with reasons: about validation, "
    "not the agreed text",
    "SourceDocument.id": "the key history entries and inferred facts cite a source by",
    "Agreement.original": "the signed text as written, for the reproduction template "
    "(-t reproduction); the agreement template prints the structured fields",
    "Party.postal_address": "for letters (the notice); the agreement text has no addresses",
    "Period.extensions_taken": "the older place for extensions decided: printed through "
    "`recorded.extensions` (iopctl.documents.recorded), which reads it and history alike",
    "Termination.record": "the older place for notice given: printed through "
    "`recorded.notice`, which reads it and history alike",
    "Agreement.amendments": "the older place for amendments: printed through "
    "`recorded.amendments`, which reads it and history alike",
}
"""Model fields the agreement template leaves out on purpose, each with its reason.

``tests/test_render_lint.py`` fails when a field is neither used by the agreement
templates nor listed here, and when an entry here is stale (no such field, or used)."""


def _fields(skip: Collection[str] = ()) -> dict[str, tuple[type[BaseModel], str]]:
    """Every model field reachable from Agreement (``Class.field`` → class and name), not
    passing through a field named in ``skip``."""
    found: dict[str, tuple[type[BaseModel], str]] = {}
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            key = f"{cls.__name__}.{name}"
            if key in skip:
                continue
            found.setdefault(key, (cls, name))
            kind = annotation_type(info.annotation)
            for inner in kind.classes if kind is not None else ():
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    visit(inner)

    visit(Agreement)
    return found


def _required_fields() -> set[str]:
    """Fields reachable from Agreement without passing through a LEFT_OUT field."""
    return set(_fields(LEFT_OUT))


def coverage_problems(
    used: set[tuple[type, str]], file: str, *, severity: str = "error"
) -> list[LintProblem]:
    """Model fields the agreement template neither uses nor lists in LEFT_OUT; stale entries."""
    used_keys = {f"{cls.__name__}.{name}" for cls, name in used}
    problems = [
        LintProblem(
            file,
            0,
            f"model field {key} is not used by this agreement template; use it, or add it "
            "to LEFT_OUT in iopctl/documents/coverage.py with the reason",
            severity,
        )
        for key in sorted(_required_fields() - used_keys)
    ]
    every = _fields()
    for key in sorted(LEFT_OUT):
        if key not in every:
            problems.append(
                LintProblem(file, 0, f"LEFT_OUT lists {key}, which is not a model field", severity)
            )
        elif key in used_keys:
            problems.append(
                LintProblem(file, 0, f"LEFT_OUT lists {key}, but the template uses it", severity)
            )
    return problems


def lint_templates(template_dirs: Sequence[str] = ()) -> tuple[list[LintProblem], int]:
    """Every template on the search path (user folders first); returns (problems, count).

    A user template that overrides a bundled one hides it, as it does when rendering. The
    coverage check applies to every ``agreement`` template; for a user's own it is a warning.
    """
    search = template_search_path(template_dirs)
    bundled = search[-1]
    problems: list[LintProblem] = []
    seen: set[str] = set()
    count = 0
    for folder in search:
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
            if path.name in seen:
                continue
            seen.add(path.name)
            count += 1
            try:
                source = read_template(path, folder)
            except OSError as exc:
                problems.append(LintProblem(display_path(path), 0, f"cannot read: {exc}"))
                continue
            except IopctlError as exc:
                problems.append(LintProblem(display_path(path), 0, exc.message))
                continue
            found, used = lint_source(source, display_path(path))
            problems.extend(found)
            if path.name.split(".")[0] == "agreement":
                severity = "error" if folder == bundled else "warning"
                problems.extend(coverage_problems(used, display_path(path), severity=severity))
    return problems, count
