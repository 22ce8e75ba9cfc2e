"""``iopctl render`` as plain functions: validate, render each agreement, plan the outputs,
then compare, print or write them (:func:`render_paths`); check the templates
(:func:`lint_report`).

:func:`render_paths` yields what the command line shows, in the order it happens,
instead of returning it at the end: when a later step fails (a template needs a field
the agreement lacks, an output file differs and ``force`` is off) what came before,
the validation problems and the draft notes, has already been shown. The command line
only prints each item.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from iopctl.checks.validate import Validation, keep_whole, validate_each
from iopctl.documents.budget import Budget
from iopctl.documents.output import (
    Output,
    Rendered,
    check_outputs,
    plan_outputs,
    write_outputs,
)
from iopctl.documents.render import RenderOptions, lint_templates, render_agreement
from iopctl.documents.templates import display_path
from iopctl.errors import ExitCode, IopctlError
from iopctl.i18n import N_, Plural, Words
from iopctl.problems.diagnostic import Diagnostic

__all__ = [
    "Document",
    "Incomplete",
    "Line",
    "Note",
    "OutOfDate",
    "Problems",
    "Refused",
    "Shown",
    "lint_report",
    "render_paths",
]


@dataclass(frozen=True, slots=True)
class Problems:
    """Errors of agreements that do not validate, to show with their source lines (stderr)."""

    diagnostics: list[Diagnostic]
    validation: Validation


@dataclass(frozen=True, slots=True)
class Note:
    """A line for stderr, after ``iopctl: ``: a draft's placeholders, what was written
    (words said in the chosen language when printed)."""

    text: Words | Plural


@dataclass(frozen=True, slots=True)
class Line:
    """A line for standard output: a document that ``check`` found missing or different."""

    text: Words


@dataclass(frozen=True, slots=True)
class Document:
    """The one document for standard output (no ``out``), as bytes."""

    data: bytes


@dataclass(frozen=True, slots=True)
class OutOfDate:
    """``check`` found documents to update: the run fails (exit code 1). Always last."""


@dataclass(frozen=True, slots=True)
class Refused:
    """A document that cannot be rendered (stderr, as an error): the others still are."""

    file: str
    message: Words
    hint: Words | None = None


@dataclass(frozen=True, slots=True)
class Incomplete:
    """Some documents could not be rendered (``files``, of ``total``): exit 1. Always last."""

    files: tuple[str, ...]
    total: int


Shown = Problems | Note | Line | Document | OutOfDate | Refused | Incomplete


def render_paths(
    paths: Sequence[str],
    options: RenderOptions,
    *,
    fmt: str,
    out: str | None,
    reference_doc: Path | None = None,
    check: bool = False,
    force: bool = False,
    index_files: Sequence[str] = (),
) -> Iterator[Shown]:
    """Render every agreement under ``paths`` as ``fmt``; yields what to show.

    An agreement that does not validate is not rendered, unless ``options.draft`` and it
    could be read at all (a draft then leaves out what failed). Into a folder, every
    document that can be rendered is written (each atomically) and each one that cannot
    is reported (:class:`Refused`, then :class:`Incomplete`: exit 1); to standard output
    the first that cannot stops the run. Every output is planned before any is written, so
    a conflict writes nothing. With ``check`` nothing is written: the documents under
    ``out`` are compared with a fresh rendering, and one that cannot be rendered fails
    the check as a difference does.
    """
    result, kept = validate_each(paths, keep_whole, index_files=index_files)
    loaded = [item for item in kept if item is not None]
    invalid = [d for d in result.diagnostics if d.is_error]
    refused: list[Refused] = []
    skip: set[str] = set()
    if invalid:
        # Always shown: a draft of an invalid agreement leaves out what failed to load.
        yield Problems(invalid, result)
        unreadable = {i.file for i in loaded if i.agreement is None}
        skip = {d.file for d in invalid if not options.draft or d.file in unreadable}
        if skip and out is None:
            raise IopctlError(
                N_("refusing to render agreements that do not validate"),
                hint=N_("fix the problems above (iopctl validate), or render with --draft"),
            )
        refused = [
            Refused(display_path(f), Words(N_("does not validate (see above)")))
            for f in sorted(skip)
        ]
    budget = Budget()  # the run's time: templates and pandoc together
    rendered = []
    for item in loaded:
        if item.file in skip:
            continue
        try:
            rendered.append(render_agreement(item, result.reference, options, budget=budget))
        except IopctlError as exc:
            if out is None or exc.exit_code != ExitCode.PROBLEMS:
                raise  # to standard output, or a usage error: as before, the run stops
            refused.append(_refused(display_path(item.file), exc))
    yield from refused
    outputs = plan_outputs(rendered, fmt, out, reference_doc=reference_doc, budget=budget)
    yield from _notes(rendered)
    if check:
        yield from _compare(outputs, failed=len(refused))
    elif out is None:
        yield Document(outputs[0].data)
    else:
        for line in write_outputs(outputs, force=force):
            yield Note(line)
    if refused:
        yield Incomplete(tuple(r.file for r in refused), len(rendered) + len(refused))


def _refused(file: str, exc: IopctlError) -> Refused:
    """A document's error as a line that names the file once (the error may name it too)."""
    msgid, args = exc.msgid, exc.args_
    if msgid.startswith("{file}: ") and args.get("file") == file:
        msgid = msgid.removeprefix("{file}: ")
        if msgid == "{reason}":  # a Refusal's reason, said on its own
            return Refused(file, args["reason"], args["hint_words"] if exc.hint_id else None)
    hint = Words(exc.hint_id, args) if exc.hint_id else None
    return Refused(file, Words(msgid, args), hint)


def _notes(rendered: Sequence[Rendered]) -> Iterator[Note]:
    """What each document printed in place of a value: a draft's placeholders, an ended
    agreement's unknowns."""
    for item in rendered:
        if item.placeholders:
            yield Note(
                Plural(
                    "draft: {file}: {n} missing field: {fields}",
                    "draft: {file}: {n} missing fields: {fields}",
                    len(item.placeholders),
                    {"file": item.file, "fields": ", ".join(item.placeholders)},
                )
            )
        if item.unknown:
            yield Note(_unknown_note(item.file, item.unknown))


def _unknown_note(file: str, unknown: Sequence[str]) -> Plural:
    return Plural(
        "{file}: {n} field not known from the sources, printed as not known: {fields}",
        "{file}: {n} fields not known from the sources, printed as not known: {fields}",
        len(unknown),
        {"file": file, "fields": ", ".join(unknown)},
    )


def _compare(outputs: Sequence[Output], *, failed: int = 0) -> Iterator[Shown]:
    changed = check_outputs(outputs)
    for line in changed:
        yield Line(line)
    if failed:
        return  # Incomplete follows: the check fails, whatever the others say
    if changed:
        advice = Words(N_("run the same command without --check (and with --force) to update"))
        yield Note(
            Plural(
                "{count} of {n} document out of date; {advice}",
                "{count} of {n} documents out of date; {advice}",
                len(outputs),
                {"count": len(changed), "advice": advice},
            )
        )
        yield OutOfDate()
    else:
        yield Note(Plural("{n} document up to date", "{n} documents up to date", len(outputs)))


def lint_report(template_dirs: Sequence[str]) -> tuple[str, bool]:
    """Every template checked against the model: the report, and whether it has errors."""
    problems, count = lint_templates(template_dirs)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lines = [str(problem) for problem in problems]
    lines.append(
        f"Checked {count} template{'s' if count != 1 else ''}: "
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}."
    )
    return "\n".join(lines) + "\n", errors > 0
