"""The command line: parse options, call one plain function, print, exit.

Only this module imports typer. Domain modules are imported inside the
commands so that ``iopctl --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
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


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of an agreement file.

    Editors use it through the `# yaml-language-server: $schema=…` comment at the top
    of each agreement; check-jsonschema can use it in CI.

    Example:

      iopctl schema > schema/agreement.schema.json
    """
    with guard():
        import json

        from iopctl.model import json_schema

        sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


# --- render (issue 5) ---


class RenderFormat(StrEnum):
    md = "md"
    docx = "docx"
    odt = "odt"
    html = "html"


def _date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date", hint="write YYYY-MM-DD") from None


@app.command()
def render(
    paths: PathsArg = None,
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            help="agreement, followup, notice, extension, or the NAME of your own "
            "NAME.LANG.md.j2 in --template-dir.",
        ),
    ] = "agreement",
    lang: Annotated[
        str | None,
        typer.Option(help="sv or en. Default: each agreement's own language field."),
    ] = None,
    output_format: Annotated[
        RenderFormat | None,
        typer.Option(
            "--format", "-f", help="md, docx, odt or html. Default: from --out FILE, else md."
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="A file, or a folder that gets <id>.<template>.<lang>.<ext> per agreement. "
            "Default: Markdown/HTML to standard output.",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option(help="Write nothing; exit 1 if files under --out differ.")
    ] = False,
    draft: Annotated[
        bool,
        typer.Option(help="Render missing fields as [SAKNAS: field] placeholders."),
    ] = False,
    force: Annotated[bool, typer.Option(help="Overwrite existing files that differ.")] = False,
    template_dir: Annotated[
        list[str] | None,
        typer.Option(
            "--template-dir",
            help="Folder with your templates, searched before the bundled ones; may be repeated.",
            show_default=False,
        ),
    ] = None,
    reference_doc: Annotated[
        str | None,
        typer.Option(help="Word (.docx) or OpenDocument (.odt) file whose styles to use."),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option(help="followup: the record's DATE or 1-based INDEX. Default: the latest."),
    ] = None,
    party: Annotated[
        str | None, typer.Option(help="notice: the id of the party giving notice.")
    ] = None,
    given_on: Annotated[
        str | None,
        typer.Option(
            help="notice: the day notice is given; extension: the memo's date. "
            "Default: today (Europe/Stockholm)."
        ),
    ] = None,
    new_end: Annotated[
        str | None,
        typer.Option(help="extension: the new last day. Default: end + the extension length."),
    ] = None,
    index_file: IndexFileOpt = None,
    lint: Annotated[
        bool,
        typer.Option(help="Check the templates against the agreement model and exit."),
    ] = False,
) -> None:
    """Render agreements as documents: agreement text, follow-up, notice, extension memo.

    Swedish or English; Markdown, Word, OpenDocument or HTML (see docs/render.md).

    A missing field is an error naming the template line and the field (--draft: a placeholder).

    Agreements that do not validate are refused (unless --draft).

    A different existing file is never overwritten without --force; writes are atomic.

    Examples:

      iopctl render agreements/linkoping-resurspoolen-2020.yaml

      iopctl render agreements/ --format docx --out out/

      iopctl render agreements/x.yaml -t notice --party resurspoolen --given-on 2021-03-15

      iopctl render agreements/ --out docs/rendered --check   # in CI

      iopctl render --lint --template-dir my-templates/
    """
    with guard():
        from pathlib import Path

        from iopctl import render as r

        if lint:
            problems, count = r.lint_templates(template_dir or [])
            for problem in problems:
                sys.stdout.write(f"{problem}\n")
            errors = [p for p in problems if p.severity == "error"]
            sys.stdout.write(
                f"Checked {count} template{'s' if count != 1 else ''}: "
                f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
                f"{len(problems) - len(errors)} warning"
                f"{'s' if len(problems) - len(errors) != 1 else ''}.\n"
            )
            if errors:
                raise typer.Exit(int(ExitCode.PROBLEMS))
            return
        if check and out is None:
            raise UsageError("--check compares files: give --out FILE or DIR")
        if check and force:
            raise UsageError("--check writes nothing; leave out --force")
        fmt = r.choose_format(output_format.value if output_format else None, out)
        reference: Path | None = None
        if reference_doc is not None:
            from iopctl.convert import reference_doc_warnings

            reference = Path(reference_doc)
            if not reference.is_file():
                raise UsageError(f"--reference-doc {reference_doc}: no such file")
            if fmt not in ("docx", "odt") or reference.suffix.lower() != f".{fmt}":
                raise UsageError(
                    f"--reference-doc {reference_doc} does not fit --format {fmt}",
                    hint="a .docx for docx, an .odt for odt",
                )
            for warning in reference_doc_warnings(reference):
                sys.stderr.write(f"iopctl: warning: {warning}\n")
        options = r.RenderOptions(
            template=template,
            lang=lang,
            draft=draft,
            template_dirs=tuple(template_dir or ()),
            record=record,
            party=party,
            given_on=_date_option(given_on, "--given-on"),
            new_end=_date_option(new_end, "--new-end"),
        )
        from iopctl import diagnostics as diag
        from iopctl.report import write_segments
        from iopctl.validation import validate_paths

        result = validate_paths(_paths(paths), index_files=index_file or [])
        invalid = [d for d in result.diagnostics if d.is_error]
        unreadable = {i.file for i in result.loaded if i.agreement is None}
        if invalid:
            # Always shown: a draft of an invalid agreement leaves out what failed to load.
            write_segments(
                diag.text_segments(invalid, line_text=result.line_text, files=len(result.files)),
                sys.stderr,
            )
        if invalid and (not draft or any(d.file in unreadable for d in invalid)):
            raise IopctlError(
                "refusing to render agreements that do not validate",
                hint="fix the problems above (iopctl validate), or render with --draft",
            )
        rendered = [r.render_agreement(item, result.reference, options) for item in result.loaded]
        outputs = r.plan_outputs(rendered, fmt, out, reference_doc=reference)
        for item in rendered:
            if item.placeholders:
                sys.stderr.write(
                    f"iopctl: draft: {item.file}: {len(item.placeholders)} missing field(s): "
                    f"{', '.join(item.placeholders)}\n"
                )
        if check:
            changed = r.check_outputs(outputs)
            for line in changed:
                sys.stdout.write(f"{line}\n")
            if changed:
                sys.stderr.write(
                    f"iopctl: {len(changed)} of {len(outputs)} document(s) out of date; "
                    "run the same command without --check (and with --force) to update\n"
                )
                raise typer.Exit(int(ExitCode.PROBLEMS))
            sys.stderr.write(f"iopctl: {len(outputs)} document(s) up to date\n")
            return
        if out is None:
            sys.stdout.buffer.write(outputs[0].data)
            sys.stdout.flush()
            return
        for line in r.write_outputs(outputs, force=force):
            sys.stderr.write(f"iopctl: {line}\n")


def main() -> None:
    app()
