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
    source: Annotated[
        str | None,
        typer.Option(
            metavar="REQUIREMENT",
            help="Where pip installs iopctl from, in the README and the CI files "
            "(default: where this iopctl was installed from).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite files that exist.")] = False,
) -> None:
    """Set up a new agreements repository.

    Writes agreements/ with one made-up example agreement, the schema copy for
    editors, VS Code settings, iopctl.toml (the repository's language), a pre-commit
    configuration that runs the installed iopctl, a GitHub Actions workflow and a
    GitLab CI file (validate on pull requests, `iopctl due --fail-on overdue`
    nightly), and a README in Swedish and English that says what to install. CI
    installs iopctl from --source, by default from where this iopctl came from; when
    that is a folder on this computer, which CI cannot reach, the CI files are left
    out. Existing files are listed and nothing is written unless --force is given
    (exit code 1).

    Examples:

      iopctl init iop-avtal

      iopctl init . --force

      iopctl init iop-avtal --source "iopctl @ git+https://git.example.se/iopctl@v0.1.0"
    """
    with guard():
        from pathlib import Path

        from iopctl import __version__
        from iopctl.errors import UsageError
        from iopctl.scaffold.init import CI_FILES, create_repository
        from iopctl.scaffold.source import Source, installed_source, plain_requirement

        if source is not None and not plain_requirement(source.strip()):
            raise UsageError(
                f"--source {source!r} is not one pip requirement iopctl can write into files",
                hint='e.g. --source "iopctl @ git+https://git.example.se/iopctl@v0.1.0"',
            )
        chosen = (
            Source(source.strip(), reachable=True)
            if source is not None
            else installed_source() or Source(f"iopctl=={__version__}", reachable=False)
        )
        root = Path(directory)
        written = create_repository(root, chosen, force=force)
        here = directory in (".", "./")
        where = "this folder" if here else f"{root.as_posix()}/"
        out = [f"Wrote {len(written)} files in {where}:"]
        out += [f"  {name}" for name in written]
        if not chosen.reachable:
            out += [
                "",
                f"No CI files ({', '.join(CI_FILES)}) were written:",
                f"iopctl was installed from {chosen.requirement}, which CI cannot reach.",
                'Run init again with --source "iopctl @ git+https://…", an address CI',
                "can reach, to write them.",
            ]
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
