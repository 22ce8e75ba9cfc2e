"""``iopctl migrate`` (issue 12): extensions, notice and amendments into ``history``."""

import sys
from typing import Annotated

import typer

from iopctl.cli.common import PathsArg, agreement_paths, app, guard, write_problem_lines
from iopctl.errors import ExitCode

__all__ = ["migrate"]


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def migrate(
    paths: PathsArg = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if a file would change (for CI)."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print the changes as a unified diff; write nothing."),
    ] = False,
) -> None:
    """Move extensions, notice and amendments from their older places into history.

    Files written before `history` existed keep extensions decided in
    period.extensions_taken, notice given in termination.record and amendments in
    amendments (`iopctl validate` warns: IOP231). Each becomes a history entry
    (kind: extension, notice or amendment), placed in date order among the entries
    already there; everything else in the file stays as it was: comments, quoting,
    key order and blank lines. A comment next to a record moves with it.

    A file is only written when the result validates and says the same as before
    (the derived dates do not change); otherwise it is left alone and the reason is
    shown. Files without older places are not touched, so running it twice changes
    nothing the second time.

    Exit code 0 when done, 1 when a file could not be migrated (or, with --check,
    when a file would change), 2 for a usage error.

    Examples:

      iopctl migrate --diff       # review what would change

      iopctl migrate              # agreements/; then commit

      iopctl migrate agreements/x.yaml

      iopctl migrate --check      # CI: exit 1 while a file needs it
    """
    with guard():
        from iopctl.cli.common import as_of_date
        from iopctl.migrate.run import plan, write
        from iopctl.model.load import discover
        from iopctl.present import migrate as words

        files, refused_paths = discover(agreement_paths(paths))
        write_problem_lines(refused_paths, hints=True)
        as_of = as_of_date(None)
        dry = check or diff
        changed = unchanged = 0
        refused = len([d for d in refused_paths if d.is_error])
        for file in files:
            migration = plan(file, as_of=as_of)
            refusal = migration.refusal
            if refusal is None and migration.changed:
                if diff:
                    sys.stdout.writelines(words.unified_diff(migration))
                if not dry:
                    refusal = write(migration)
            if refusal is not None:
                line, hint = words.refusal_line(file, refusal)
                from iopctl.i18n import _

                sys.stderr.write(f"{line}\n    " + _("hint: {hint}").format(hint=hint) + "\n")
                write_problem_lines(refusal.problems, hints=True)
                refused += 1
            elif migration.changed:
                changed += 1
                if not diff:
                    sys.stdout.write(words.file_line(migration, written=not dry) + "\n")
            else:
                unchanged += 1
        out = sys.stderr if diff else sys.stdout
        out.writelines(
            f"{line}\n" for line in words.summary(changed, unchanged, refused, written=not dry)
        )
        if refused or (check and changed):
            raise typer.Exit(int(ExitCode.PROBLEMS))
