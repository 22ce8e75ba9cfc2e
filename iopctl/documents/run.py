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

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from iopctl.checks.validate import Validation, validate_each
from iopctl.documents.output import (
    Output,
    Rendered,
    check_line,
    check_outputs,
    conflicts_error,
    leftover_line,
    plan_outputs,
    removed_line,
    write_outputs,
    written_line,
)
from iopctl.documents.render import RenderOptions, lint_templates
from iopctl.documents.stream import (
    Done,
    Noted,
    RenderStep,
    discard,
    folder_of,
    no_collisions,
    remove_new_temporaries,
)
from iopctl.documents.templates import display_path
from iopctl.errors import IopctlError
from iopctl.frozen import frozen
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


@frozen(slots=True)
class Problems:
    """Errors of agreements that do not validate, to show with their source lines (stderr)."""

    diagnostics: list[Diagnostic]
    validation: Validation


@frozen(slots=True)
class Note:
    """A line for stderr, after ``iopctl: ``: a draft's placeholders, what was written
    (words said in the chosen language when printed)."""

    text: Words | Plural


@frozen(slots=True)
class Line:
    """A line for standard output: a document that ``check`` found missing or different."""

    text: Words


@frozen(slots=True)
class Document:
    """The one document for standard output (no ``out``), as bytes."""

    data: bytes


@frozen(slots=True)
class OutOfDate:
    """``check`` found documents to update: the run fails (exit code 1). Always last."""


@frozen(slots=True)
class Refused:
    """A document that cannot be rendered (stderr, as an error): the others still are."""

    file: str
    message: Words
    hint: Words | None = None


@frozen(slots=True)
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
    fsync: bool = False,
    jobs: int = 1,
) -> Iterator[Shown]:
    """Render every agreement under ``paths`` as ``fmt``; yields what to show.

    An agreement that does not validate is not rendered, unless ``options.draft`` and it
    could be read at all (a draft then leaves out what failed). Into a folder, every
    document that can be rendered is written (each atomically) and each one that cannot
    is reported (:class:`Refused`, then :class:`Incomplete`: exit 1); to standard output
    the first that cannot stops the run. A conflict writes nothing: into a folder each
    document waits in a temporary file beside its target until every one is through
    (:mod:`iopctl.documents.stream`), and only the names are kept. With ``check`` nothing
    is written: the documents under ``out`` are compared with a fresh rendering, and one
    that cannot be rendered fails the check as a difference does. ``fsync``: sync each
    file before it is renamed into place; ``jobs``: processes to render in (the output is
    the same for any number).
    """
    folder, outside, found = folder_of(out)
    step = RenderStep(
        options,
        fmt,
        out,
        folder=folder,
        writable=outside is None,
        reference_doc=reference_doc,
        check=check,
        force=force,
        fsync=fsync,
    )
    try:
        result, kept = validate_each(paths, step, index_files=index_files, jobs=jobs)
    except BaseException:
        remove_new_temporaries(folder, found)  # Ctrl-C, or a worker that failed
        raise
    finished = False
    try:
        yield from _shown(result, kept, step, outside, found)
        finished = True
    finally:
        if not finished:  # an error: nothing is renamed into place, nothing is left
            for item in kept:
                discard(item, folder)


def _shown(
    result: Validation,
    kept: list[Done],
    step: RenderStep,
    outside: IopctlError | None,
    found: dict[str, list[Path]],
) -> Iterator[Shown]:
    """What the run shows, in the order it happens, from what was kept of each agreement."""
    invalid = [d for d in result.diagnostics if d.is_error]
    refused: list[Refused] = []
    skip: set[str] = set()
    if invalid:
        # Always shown: a draft of an invalid agreement leaves out what failed to load.
        yield Problems(invalid, result)
        unreadable = {d.file for d in kept if not d.readable}
        skip = {d.file for d in invalid if not step.options.draft or d.file in unreadable}
        if skip and step.out is None:
            raise IopctlError(
                N_("refusing to render agreements that do not validate"),
                hint=N_("fix the problems above (iopctl validate), or render with --draft"),
            )
        refused = [
            Refused(display_path(f), Words(N_("does not validate (see above)")))
            for f in sorted(skip)
        ]
    done = []
    for item in kept:
        if item.file in skip:
            discard(item, step.folder)  # rendered before a cross-file check refused it
        else:
            done.append(item)
    for item in done:
        if item.stop is not None:
            raise item.stop.error  # to standard output, or a usage error: the run stops
    for item in done:
        if item.refusal is not None:
            refused.append(_refused(display_path(item.file), item.refusal.error))
    count = sum(1 for d in done if d.name is not None or d.rendered is not None)
    yield from refused
    if step.folder is None:
        rendered = [d.rendered for d in done if d.rendered is not None]
        yield from _whole(rendered, step, failed=len(refused))
    else:
        if outside is not None:
            raise outside
        no_collisions(done, step.folder)
        yield from _notes(d.more.rendered for d in done if d.more and d.more.rendered)
        for item in done:
            if item.final is not None:
                raise item.final.error
        yield from _finish(done, step, found, failed=len(refused))
    if refused:
        yield Incomplete(tuple(r.file for r in refused), count + len(refused))


def _whole(rendered: list[Rendered | Noted], step: RenderStep, *, failed: int) -> Iterator[Shown]:
    """To standard output or one file: the plan of every document, then the one output."""
    outputs = plan_outputs(
        [r for r in rendered if isinstance(r, Rendered)],
        step.fmt,
        step.out,
        reference_doc=step.reference_doc,
        budget=step.budget,
    )
    yield from _notes(rendered)
    if step.check:
        yield from _compare(outputs, failed=failed)
    elif step.out is None:
        yield Document(outputs[0].data)
    else:
        for line in write_outputs(outputs, force=step.force, fsync=step.fsync):
            yield Note(line)


def _finish(
    done: list[Done], step: RenderStep, found: dict[str, list[Path]], *, failed: int
) -> Iterator[Shown]:
    """``check``: the lines and the verdict; else each temporary file renamed into place."""
    from iopctl.atomic import put_in_place

    folder = step.folder
    assert folder is not None
    named = [(d, d.name) for d in done if d.name is not None]
    if step.check:
        changed: list[Words] = []
        for item, name in named:
            changed.extend(leftover_line(p) for p in found.get(name, ()))
            if item.outcome in ("missing", "differs"):
                changed.append(check_line(folder / name, item.outcome))
        yield from _verdict(changed, len(named), failed=failed)
        return
    conflicts = [display_path(folder / name) for d, name in named if d.outcome == "conflict"]
    if conflicts:
        raise conflicts_error(conflicts)
    for item, name in named:
        for leftover in found.get(name, ()):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
                yield Note(removed_line(leftover))
        path = folder / name
        temp = item.temporary(folder)
        if temp is not None:
            put_in_place(str(temp), path)
        yield Note(written_line(path, same=item.temp is None))


def _refused(file: str, exc: IopctlError) -> Refused:
    """A document's error as a line that names the file once (the error may name it too)."""
    msgid, args = exc.msgid, exc.args_
    if msgid.startswith("{file}: ") and args.get("file") == file:
        msgid = msgid.removeprefix("{file}: ")
        if msgid == "{reason}":  # a Refusal's reason, said on its own
            return Refused(file, args["reason"], args["hint_words"] if exc.hint_id else None)
    hint = Words(exc.hint_id, args) if exc.hint_id else None
    return Refused(file, Words(msgid, args), hint)


def _notes(rendered: Iterable[Rendered | Noted]) -> Iterator[Note]:
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
    yield from _verdict(check_outputs(outputs), len(outputs), failed=failed)


def _verdict(changed: list[Words], total: int, *, failed: int = 0) -> Iterator[Shown]:
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
                total,
                {"count": len(changed), "advice": advice},
            )
        )
        yield OutOfDate()
    else:
        yield Note(Plural("{n} document up to date", "{n} documents up to date", total))


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
