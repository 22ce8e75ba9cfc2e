"""``iopctl diff`` (issue 7): what changed in meaning between two versions."""

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from iopctl.cli.common import app, guard, write_problem_lines
from iopctl.errors import ExitCode, IopctlError
from iopctl.i18n import N_

if TYPE_CHECKING:
    from iopctl.views.versions import Comparison

__all__ = ["DiffFormat", "diff"]


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The old version: a file, or REV:path from git (HEAD:agreements/x.yaml).",
        ),
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new version: a file or REV:path.")],
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text (default), markdown (PR comment), or json."),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit with 1 when there are changes (like git diff)."),
    ] = False,
) -> None:
    """Show what changed in meaning between two versions of an agreement.

    Compares the agreements, not the text: the period, amounts per contribution,
    parties and organisationsnummer, notice period, status, follow-up terms, clauses,
    texts (with the words that changed), follow-ups and signatures. Comments, key
    order and line wrapping do not count. REV:path reads a version from git, with the
    path relative to the repository root as in `git show`.

    Exit code 0 whether or not there are changes (1 with --exit-code when there are),
    1 when a version has schema errors (listed on stderr), 2 for a usage error such
    as an unknown revision.

    Examples:

      iopctl diff HEAD:agreements/x.yaml agreements/x.yaml

      iopctl diff main:agreements/x.yaml agreements/x.yaml --format markdown > comment.md

      iopctl diff old.yaml new.yaml --format json --exit-code
    """
    with guard():
        from iopctl.views.versions import compare_versions

        comparison = compare_versions(old, new)
        if comparison.broken:
            _refuse(comparison)
        sys.stdout.write(_formatted(comparison, output_format, old, new))
        if exit_code and comparison.changes:
            raise typer.Exit(int(ExitCode.PROBLEMS))


def _refuse(comparison: "Comparison") -> NoReturn:
    """The problems of the broken versions on stderr, then the error."""
    broken = comparison.broken
    write_problem_lines((d for side in broken for d in side.diagnostics), hints=True)
    raise IopctlError(
        N_("cannot compare: {name} has schema errors")
        if len(broken) == 1
        else N_("cannot compare: {name} and {other} have schema errors"),
        hint=N_("fix them first; `iopctl validate FILE` shows them with the source lines"),
        name=broken[0].file,
        other=broken[-1].file,
    )


def _formatted(comparison: "Comparison", output_format: DiffFormat, old: str, new: str) -> str:
    from iopctl.present import diff as formats

    changes = comparison.changes
    if output_format is DiffFormat.json:
        return formats.format_json(changes)
    a, b = comparison.old.valid, comparison.new.valid
    assert a is not None and b is not None
    labels = {"old_name": old, "new_name": new, "old_id": a.id, "new_id": b.id}
    if output_format is DiffFormat.markdown:
        return formats.format_markdown(changes, **labels)
    return formats.format_text(changes, **labels)
