"""``iopctl validate`` and ``iopctl schema``."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from iopctl.cli.common import (
    AsOfOpt,
    IndexFileOpt,
    JobsOpt,
    PathsArg,
    agreement_paths,
    app,
    as_of_date,
    guard,
    jobs_of,
)
from iopctl.errors import ExitCode

__all__ = ["SchemaFormat", "ValidateFormat", "schema", "validate"]


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text (default), json, or github annotations."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    index_file: IndexFileOpt = None,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Check agreements: schema and domain rules, every problem with file:line:column.

    Exit code 0 when valid (warnings allowed unless --strict), 1 when problems were
    found, 2 for a usage error, 3 for an internal error.

    Examples:

      iopctl validate

      iopctl validate agreements/linkoping-resurspoolen-2020.yaml --strict

      iopctl validate --format github   # in GitHub Actions

    The status a file states is checked against the status its dates and history give
    today (or on --as-of).
    """
    with guard():
        from iopctl.checks.validate import validate_paths
        from iopctl.problems import diagnostic as diag

        result = validate_paths(
            agreement_paths(paths),
            strict=strict,
            index_files=index_file or [],
            as_of=as_of_date(as_of),
            jobs=jobs_of(jobs),
        )
        if output_format is ValidateFormat.json:
            sys.stdout.write(diag.format_json(result.diagnostics, files=len(result.files)))
        elif output_format is ValidateFormat.github:
            sys.stdout.write(diag.format_github(result.diagnostics))
        else:
            from iopctl.present.terminal import write_segments

            write_segments(
                diag.text_segments(
                    result.diagnostics, line_text=result.line_text, files=len(result.files)
                )
            )
        if result.errors:
            raise typer.Exit(int(ExitCode.PROBLEMS))


class SchemaFormat(StrEnum):
    json = "json"
    markdown = "markdown"


@app.command()
def schema(
    output_format: Annotated[
        SchemaFormat,
        typer.Option("--format", "-f", help="json (JSON Schema) or markdown (field reference)."),
    ] = SchemaFormat.json,
) -> None:
    """Print the JSON Schema (draft 2020-12) of an agreement file.

    Editors use it through the `# yaml-language-server: $schema=…` comment at the top
    of each agreement; check-jsonschema can use it in CI. `--format markdown` prints
    the field reference (docs/fields.md).

    Examples:

      iopctl schema > schema/agreement.schema.json

      iopctl schema --format markdown > docs/fields.md
    """
    with guard():
        if output_format is SchemaFormat.markdown:
            from iopctl.model.fieldref import field_reference

            sys.stdout.write(field_reference() + "\n")
            return
        from iopctl.model.agreement import schema_text

        sys.stdout.write(schema_text())
