"""The command line: parse options, call one plain function, print, exit.

Only this module imports typer. Domain modules are imported inside the
commands so that ``iopctl --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated

import typer

from iopctl import __version__
from iopctl.errors import ExitCode, IopctlError, UsageError

app = typer.Typer(
    name="iopctl",
    help=(
        "IOP agreements (idéburet offentligt partnerskap) as validated YAML: "
        "checks, deadlines, OPI indexation and documents."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_PATH = "agreements"
REPORT_URL = "https://github.com/iopctl/iopctl/issues"


def _stderr(message: str, hint: str = "") -> None:
    sys.stderr.write(f"iopctl: error: {message}\n")
    if hint:
        sys.stderr.write(f"iopctl: hint: {hint}\n")


@contextmanager
def guard() -> Iterator[None]:
    """Map every failure to a message and an exit code; no traceback reaches a user."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except IopctlError as exc:
        _stderr(exc.message, exc.hint)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        sys.stderr.write("iopctl: interrupted\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.PROBLEMS)) from None
    except Exception as exc:
        if os.environ.get("IOPCTL_DEBUG"):
            import traceback

            traceback.print_exc()
        _stderr(
            f"internal error ({type(exc).__name__}: {exc}); this is a bug in iopctl",
            f"please report it at {REPORT_URL}; set IOPCTL_DEBUG=1 to see the traceback",
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"iopctl {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """IOP agreements as validated YAML.

    Run `iopctl validate` in CI, `iopctl due` every Monday.
    """


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Agreement files or folders (searched for *.yaml/*.yml). Default: agreements/",
        show_default=False,
    ),
]
IndexFileOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--index-file",
        help="Extra index file (OPI/PKV values); may be repeated. indices/*.yaml is read too.",
        show_default=False,
    ),
]


def _paths(paths: list[str] | None) -> list[str]:
    if paths:
        return paths
    if not os.path.isdir(DEFAULT_PATH):
        raise UsageError(
            f"no paths given and there is no {DEFAULT_PATH}/ folder here",
            hint="pass agreement files or folders, e.g. `iopctl validate agreements/`",
        )
    return [DEFAULT_PATH]


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text (default), json, or github annotations."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    index_file: IndexFileOpt = None,
) -> None:
    """Check agreements: schema and domain rules, every problem with file:line:column.

    Exit code 0 when valid (warnings allowed unless --strict), 1 when problems were
    found, 2 for a usage error, 3 for an internal error.

    Examples:

      iopctl validate

      iopctl validate agreements/linkoping-resurspoolen-2020.yaml --strict

      iopctl validate --format github   # in GitHub Actions
    """
    with guard():
        from iopctl import diagnostics as diag
        from iopctl.validation import validate_paths

        result = validate_paths(_paths(paths), strict=strict, index_files=index_file or [])
        if output_format is ValidateFormat.json:
            sys.stdout.write(diag.format_json(result.diagnostics, files=len(result.files)))
        elif output_format is ValidateFormat.github:
            sys.stdout.write(diag.format_github(result.diagnostics))
        else:
            from iopctl.report import write_segments

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
            from iopctl.fieldref import field_reference

            sys.stdout.write(field_reference() + "\n")
            return
        import json

        from iopctl.model import json_schema

        sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    app()
