"""``iopctl render`` (issue 5)."""

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from iopctl.cli.common import (
    IndexFileOpt,
    JobsOpt,
    PathsArg,
    agreement_paths,
    app,
    as_of_date,
    guard,
    jobs_of,
    write_problem_report,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from iopctl.documents.run import Shown

__all__ = ["RenderFormat", "render"]


class RenderFormat(StrEnum):
    md = "md"
    docx = "docx"
    odt = "odt"
    html = "html"


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def render(
    paths: PathsArg = None,
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            metavar="NAME",
            help="agreement, followup, notice, extension (the proposal to the committee), "
            "extension-agreement (signed by the parties), reproduction (a signed "
            "agreement's own text, marked as a copy), or the NAME of your own "
            "NAME.LANG.md.j2 in --template-dir.",
        ),
    ] = "agreement",
    lang: Annotated[
        str | None,
        typer.Option(
            metavar="<sv|en>", help="sv or en. Default: each agreement's own language field."
        ),
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
            metavar="PATH",
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
            metavar="DIR",
            help="Folder with your templates, searched before the bundled ones; may be repeated.",
            show_default=False,
        ),
    ] = None,
    reference_doc: Annotated[
        str | None,
        typer.Option(
            metavar="FILE", help="Word (.docx) or OpenDocument (.odt) file whose styles to use."
        ),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option(
            metavar="DATE|INDEX",
            help="followup: the record's DATE or 1-based INDEX. Default: the latest.",
        ),
    ] = None,
    party: Annotated[
        str | None, typer.Option(metavar="ID", help="notice: the id of the party giving notice.")
    ] = None,
    given_on: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="notice: the day notice reaches the other party; extension: the "
            "documents' date. Default: today (Europe/Stockholm).",
        ),
    ] = None,
    new_end: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="extension, extension-agreement: the new last day. Default: end + the "
            "extension length.",
        ),
    ] = None,
    index_file: IndexFileOpt = None,
    lint: Annotated[
        bool,
        typer.Option(help="Check the templates against the agreement model and exit."),
    ] = False,
    fsync: Annotated[
        bool,
        typer.Option(
            help="Sync each file to disk before it replaces the old one (slower; for a "
            "power cut, not only a crash of iopctl)."
        ),
    ] = False,
    jobs: JobsOpt = None,
) -> None:
    """Render agreements as documents: agreement text, follow-up, notice, extension.

    Swedish or English; Markdown, Word, OpenDocument or HTML (see docs/render.md).

    A draft renders as a draft: a banner, and placeholders for what is missing (--draft: any
    agreement). An ended agreement prints "uppgift saknas" where its sources say nothing.
    Otherwise a missing field is an error naming the template line and the field.

    Into a folder, every document that can be rendered is written; the others are named and
    the exit code is 1. Agreements that do not validate are not rendered (unless --draft).

    A different existing file is never overwritten without --force; writes are atomic.

    Examples:

      iopctl render agreements/linkoping-resurspoolen-2020.yaml

      iopctl render agreements/ --format docx --out out/

      iopctl render agreements/x.yaml -t notice --party resurspoolen --given-on 2021-03-15

      iopctl render agreements/ --out docs/rendered --check   # in CI

      iopctl render --lint --template-dir my-templates/
    """
    with guard():
        if lint:
            _lint(template_dir or [])
            return
        from iopctl.cli.parsing import parse_date, parse_record
        from iopctl.documents.output import choose_format
        from iopctl.documents.render import RenderOptions
        from iopctl.documents.run import render_paths

        _check_output_options(check=check, out=out, force=force)
        fmt = choose_format(output_format.value if output_format else None, out)
        reference = _reference_doc(reference_doc, fmt)
        options = RenderOptions(
            template=template,
            lang=lang,
            draft=draft,
            template_dirs=tuple(template_dir or ()),
            record=parse_record(record),
            party=party,
            given_on=parse_date(given_on, "--given-on"),
            new_end=parse_date(new_end, "--new-end"),
            as_of=as_of_date(None),
        )
        shown = render_paths(
            agreement_paths(paths),
            options,
            fmt=fmt,
            out=out,
            reference_doc=reference,
            check=check,
            force=force,
            index_files=index_file or [],
            fsync=fsync,
            jobs=jobs_of(jobs),
        )
        _show(shown)


def _lint(template_dirs: list[str]) -> None:
    from iopctl.documents.run import lint_report
    from iopctl.present.safe import printable

    report, failed = lint_report(template_dirs)
    sys.stdout.write("".join(printable(line) + "\n" for line in report.splitlines()))
    if failed:
        raise typer.Exit(int(ExitCode.PROBLEMS))


def _check_output_options(*, check: bool, out: str | None, force: bool) -> None:
    """--check only compares files: it needs files to compare and never overwrites one."""
    if check and out is None:
        raise UsageError(N_("--check compares files: give --out FILE or DIR"))
    if check and force:
        raise UsageError(N_("--check writes nothing; leave out --force"))


def _reference_doc(reference_doc: str | None, fmt: str) -> "Path | None":
    """--reference-doc as a file that fits the format; its warnings go to stderr now."""
    if reference_doc is None:
        return None
    from pathlib import Path

    from iopctl.documents.convert import reference_doc_warnings
    from iopctl.present.safe import printable
    from iopctl.reading.paths import ensure_inside

    reference = Path(reference_doc)
    if not reference.is_file():
        raise UsageError(N_("--reference-doc {path}: no such file"), path=reference_doc)
    ensure_inside(reference, folder=False, what=N_("--reference-doc"))
    if fmt not in ("docx", "odt") or reference.suffix.lower() != f".{fmt}":
        raise UsageError(
            N_("--reference-doc {path} does not fit --format {format}"),
            hint=N_("a .docx for docx, an .odt for odt"),
            path=reference_doc,
            format=fmt,
        )
    for warning in reference_doc_warnings(reference):
        line = _("iopctl: warning: {message}").format(message=printable(str(warning)))
        sys.stderr.write(line + "\n")
    return reference


def _show(shown: "Iterable[Shown]") -> None:
    """Print what the rendering yields as it comes; exit 1 when --check found changes or
    a document could not be rendered."""
    from iopctl.documents.run import (
        Document,
        Incomplete,
        Line,
        Note,
        OutOfDate,
        Problems,
        Refused,
    )
    from iopctl.present.safe import printable

    for item in shown:
        if isinstance(item, Problems):
            write_problem_report(item.diagnostics, item.validation)
        elif isinstance(item, Note):
            sys.stderr.write(f"iopctl: {printable(str(item.text))}\n")
        elif isinstance(item, Line):
            sys.stdout.write(f"{printable(str(item.text))}\n")
        elif isinstance(item, Document):
            sys.stdout.buffer.write(item.data)
            sys.stdout.flush()
        elif isinstance(item, Refused):
            message = f"{printable(item.file)}: {printable(str(item.message))}"
            sys.stderr.write(_("iopctl: error: {message}").format(message=message) + "\n")
            if item.hint:
                hint = printable(str(item.hint))
                sys.stderr.write(_("iopctl: hint: {hint}").format(hint=hint) + "\n")
        elif isinstance(item, OutOfDate):
            raise typer.Exit(int(ExitCode.PROBLEMS))
        elif isinstance(item, Incomplete):
            note = ngettext(
                "iopctl: {count} of {total} document not rendered: {files}",
                "iopctl: {count} of {total} documents not rendered: {files}",
                item.total,
            )
            files = printable(", ".join(item.files))
            sys.stderr.write(
                note.format(count=len(item.files), total=item.total, files=files) + "\n"
            )
            raise typer.Exit(int(ExitCode.PROBLEMS))
