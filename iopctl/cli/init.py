"""``iopctl init`` (issue 7): a new agreements repository."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from iopctl.cli.common import app, guard

if TYPE_CHECKING:
    from iopctl.scaffold.source import Source

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
        from iopctl.i18n import N_
        from iopctl.scaffold.init import CI_FILES, create_repository
        from iopctl.scaffold.source import Source, installed_source, plain_requirement

        if source is not None and not plain_requirement(source.strip()):
            raise UsageError(
                N_("--source {value!r} is not one pip requirement iopctl can write into files"),
                hint=N_('e.g. --source "iopctl @ git+https://git.example.se/iopctl@v0.1.0"'),
                value=source,
            )
        chosen = (
            Source(source.strip(), reachable=True)
            if source is not None
            else installed_source() or Source(f"iopctl=={__version__}", reachable=False)
        )
        root = Path(directory)
        written = create_repository(root, chosen, force=force)
        sys.stdout.write(_report(directory, written, chosen, list(CI_FILES)))


def _report(directory: str, written: list[str], source: "Source", ci_files: list[str]) -> str:
    """What init wrote, why CI files are missing (if they are), and what to do next."""
    from pathlib import Path

    from iopctl.i18n import _

    root = Path(directory)
    here = directory in (".", "./")
    where = _("this folder") if here else f"{root.as_posix()}/"
    out = [_("Wrote {count} files in {where}:").format(count=len(written), where=where)]
    out += [f"  {name}" for name in written]
    if not source.reachable:
        out += [
            "",
            _("No CI files ({files}) were written:").format(files=", ".join(ci_files)),
            _("iopctl was installed from {source}, which CI cannot reach.").format(
                source=source.requirement
            ),
            _(
                'Run init again with --source "iopctl @ git+https://…", an address CI\n'
                "can reach, to write them."
            ),
        ]
    out += ["", _("Next steps:")]
    if not here:
        out.append(f"  cd {root.as_posix()}")
    out += [
        "  git init && git add . && git commit -m 'IOP agreements'",
        "  pre-commit install        # " + _("check agreements before every commit"),
        "  iopctl validate           # " + _("the example agreement is clean"),
        "  iopctl new                # " + _("start your first agreement"),
    ]
    return "\n".join(out) + "\n"
