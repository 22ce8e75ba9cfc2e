"""``iopctl init`` (issue 7): a new agreements repository."""

import sys
from typing import Annotated

import typer

from iopctl.cli.common import app, guard

__all__ = ["init"]


@app.command()
def init(
    directory: Annotated[
        str,
        typer.Argument(metavar="DIR", help="Folder for the new repository (default: here)."),
    ] = ".",
    force: Annotated[bool, typer.Option(help="Overwrite files that exist.")] = False,
) -> None:
    """Set up a new agreements repository.

    Writes agreements/ with one made-up example agreement, the schema copy for
    editors, VS Code settings, a pre-commit configuration with iopctl's hook, a
    GitHub Actions workflow and a GitLab CI file (validate on pull requests, `iopctl
    due --fail-on overdue` nightly), and a README in Swedish and English. Existing
    files are listed and nothing is written unless --force is given (exit code 1).

    Examples:

      iopctl init iop-avtal

      iopctl init . --force
    """
    with guard():
        from pathlib import Path

        from iopctl.scaffold.init import create_repository

        root = Path(directory)
        written = create_repository(root, force=force)
        here = directory in (".", "./")
        where = "this folder" if here else f"{root.as_posix()}/"
        out = [f"Wrote {len(written)} files in {where}:"]
        out += [f"  {name}" for name in written]
        out += ["", "Next steps:"]
        if not here:
            out.append(f"  cd {root.as_posix()}")
        out += [
            "  git init && git add . && git commit -m 'IOP agreements'",
            "  pre-commit install        # check agreements before every commit",
            "  iopctl validate           # the example agreement is clean",
            "  iopctl new                # start your first agreement",
        ]
        sys.stdout.write("\n".join(out) + "\n")
