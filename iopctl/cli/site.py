"""``iopctl site`` (issue 15)."""

import sys
from typing import Annotated

import typer

from iopctl.cli.common import (
    AsOfOpt,
    IndexFileOpt,
    PathsArg,
    agreement_paths,
    app,
    as_of_date,
    guard,
    write_problem_lines,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_

__all__ = ["site"]


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def site(
    paths: PathsArg = None,
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder for the site; replaced whole when the new site is complete.",
            show_default=False,
        ),
    ] = "",
    as_of: AsOfOpt = None,
    months: Annotated[
        int,
        typer.Option("--months", metavar="N", help="How far ahead the timeline looks (1-60)."),
    ] = 24,
    assume: Annotated[
        str | None,
        typer.Option(
            "--assume",
            metavar="PCT",
            help="Project index years nobody has published yet at PCT percent a year "
            "(shown apart, as estimates).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace --out even if iopctl did not make it."),
    ] = False,
    index_file: IndexFileOpt = None,
) -> None:
    """Write the portfolio as a static website in the output language (Swedish unless
    --lang en): overview, timeline, money, one page per agreement with its text and
    problems.

    The pages need no server and make no request (open index.html from a file share,
    or publish the folder on GitHub or GitLab Pages; `iopctl init` sets up both).
    Exit code 1 when a file has errors (the site is still written and shows them).

    Examples:

      iopctl site agreements/ --out site/

      iopctl site --out public/ --as-of 2022-05-15 --months 12
    """
    with guard():
        from pathlib import Path

        from iopctl.site.build import build_site

        if not out:
            raise UsageError(N_("--out DIR is required"), hint=N_("e.g. iopctl site --out site/"))
        if not 1 <= months <= 60:
            raise UsageError(
                N_("--months {months}: give 1 to 60"), hint=N_("e.g. --months 24"), months=months
            )
        assumed = None
        if assume is not None:
            from iopctl.cli.parsing import parse_number

            assumed = parse_number(assume, option="--assume", allow_negative=True, percent=True)
        built = build_site(
            agreement_paths(paths),
            Path(out),
            as_of=as_of_date(as_of),
            months=months,
            index_files=index_file or [],
            assume=assumed,
            force=force,
        )
        errors = [d for d in built.problems if d.is_error]
        write_problem_lines(errors)
        from iopctl.i18n import Plural, _, ngettext

        pages = Plural("{n} page", "{n} pages", built.pages)
        agreements = Plural("{n} agreement", "{n} agreements", built.agreements)
        sys.stderr.write(
            _("iopctl: wrote {pages} for {agreements} to {out}").format(
                pages=pages, agreements=agreements, out=out
            )
            + "\n"
        )
        if built.invalid:
            note = ngettext(
                "iopctl: {n} file with errors, shown on the site (iopctl validate lists it)",
                "iopctl: {n} files with errors, shown on the site (iopctl validate lists them)",
                built.invalid,
            )
            sys.stderr.write(note.format(n=built.invalid) + "\n")
        if errors or built.invalid:
            raise typer.Exit(int(ExitCode.PROBLEMS))
