"""``iopctl render`` (issue 5)."""

import sys
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from iopctl.cli.common import IndexFileOpt, PathsArg, agreement_paths, app, guard
from iopctl.errors import ExitCode, IopctlError, UsageError

__all__ = ["RenderFormat", "render"]


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

        from iopctl.documents import output as render_output
        from iopctl.documents import render as r
        from iopctl.documents.budget import Budget
        from iopctl.present.safe import printable

        if lint:
            problems, count = r.lint_templates(template_dir or [])
            for problem in problems:
                sys.stdout.write(f"{printable(str(problem))}\n")
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
        fmt = render_output.choose_format(output_format.value if output_format else None, out)
        reference: Path | None = None
        if reference_doc is not None:
            from iopctl.documents.convert import reference_doc_warnings
            from iopctl.reading.paths import ensure_inside

            reference = Path(reference_doc)
            if not reference.is_file():
                raise UsageError(f"--reference-doc {reference_doc}: no such file")
            ensure_inside(reference, folder=False, what="--reference-doc")
            if fmt not in ("docx", "odt") or reference.suffix.lower() != f".{fmt}":
                raise UsageError(
                    f"--reference-doc {reference_doc} does not fit --format {fmt}",
                    hint="a .docx for docx, an .odt for odt",
                )
            for warning in reference_doc_warnings(reference):
                sys.stderr.write(f"iopctl: warning: {printable(warning)}\n")
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
        from iopctl.checks.validate import validate_paths
        from iopctl.present.terminal import write_segments
        from iopctl.problems import diagnostic as diag

        result = validate_paths(agreement_paths(paths), index_files=index_file or [])
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
        budget = Budget()  # the run's time: templates and pandoc together
        rendered = [
            r.render_agreement(item, result.reference, options, budget=budget)
            for item in result.loaded
        ]
        outputs = render_output.plan_outputs(
            rendered, fmt, out, reference_doc=reference, budget=budget
        )
        for item in rendered:
            if item.placeholders:
                line = (
                    f"iopctl: draft: {item.file}: {len(item.placeholders)} missing field(s): "
                    f"{', '.join(item.placeholders)}"
                )
                sys.stderr.write(printable(line) + "\n")
        if check:
            changed = render_output.check_outputs(outputs)
            for line in changed:
                sys.stdout.write(f"{printable(line)}\n")
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
        for line in render_output.write_outputs(outputs, force=force):
            sys.stderr.write(f"iopctl: {printable(line)}\n")
