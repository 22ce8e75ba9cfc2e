"""``iopctl new`` (issue 7): a commented draft agreement that validates."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from iopctl.cli.common import DEFAULT_PATH, app, guard

if TYPE_CHECKING:
    from pathlib import Path

    from iopctl.scaffold.new import Checked

__all__ = ["new"]


# Long only for its signature: typer reads each option from a parameter of its own.
@app.command()
def new(
    agreement_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Id and file name, e.g. linkoping-motesplats-2027 (suggested from the title).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the agreement.")] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            metavar="PARTY",
            help="A party as 'id=…,name=…,sector=public|idea_based,org_number=NNNNNN-NNNN', "
            "and for a nämnd organisation=… (the municipality or region, the legal person, "
            "whose org_number it is); commas inside a name are fine. Repeat for each party.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="First day in force, YYYY-MM-DD.")
    ] = None,
    end: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="Last day in force, YYYY-MM-DD.")
    ] = None,
    notice: Annotated[
        str | None,
        typer.Option(metavar="LENGTH", help="Notice period, e.g. '6 months'.", show_default=False),
    ] = None,
    follow_ups_per_year: Annotated[
        str | None,
        typer.Option(
            "--follow-ups-per-year", metavar="N", help="Least number of follow-ups per year."
        ),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option(
            metavar="KRONOR", help="Money per year from the first public party, in kronor."
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt: take everything from the options.")
    ] = False,
    directory: Annotated[
        str, typer.Option("--dir", metavar="DIR", help="Folder to write <id>.yaml into.")
    ] = DEFAULT_PATH,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Start a new agreement: a commented YAML draft that validates.

    Asks for the essentials (title, parties with organisationsnummer, period, notice
    period, follow-ups per year, money per year); options answer the questions for
    scripts, and --no-input never asks. Writes <dir>/<id>.yaml with status: draft and
    prints what is still missing before it can be status: active. An existing file is
    never overwritten without --force (exit code 1).

    Examples:

      iopctl new

      iopctl new linkoping-motesplats-2027 --title "Mötesplats för äldre" \\
        --party 'name=Äldrenämnden,organisation=Linköpings kommun,sector=public' \\
        --party 'name=Föreningen Grannstöd,sector=idea_based' \\
        --start 2027-01-01 --end 2029-12-31 --notice '6 months' \\
        --follow-ups-per-year 1 --amount 450000 --no-input
    """
    with guard():
        from pathlib import Path

        from iopctl.cli.prompts import NewOptions, new_agreement
        from iopctl.scaffold.new import create_agreement

        options = NewOptions(
            agreement_id=agreement_id,
            title=title,
            parties=tuple(party or ()),
            start=start,
            end=end,
            notice=notice,
            follow_ups_per_year=follow_ups_per_year,
            amount=amount,
            folder=Path(directory),
            ask=not no_input,
            force=force,
        )
        path, checked = create_agreement(new_agreement(options), options.folder, force=force)
        _report(path, checked)


def _report(path: "Path", checked: "Checked") -> None:
    """What was written, what the checks warn about and what is missing for ``active``."""
    from iopctl.i18n import _

    out = [_("Created {path} (status: draft).").format(path=path)]
    if checked.problems:
        out += ["", _("Warnings:")]
        out += [f"  {d.severity:<7} {d.code} {d.text()}" for d in checked.problems]
    if checked.missing:
        out += ["", _("Missing for status: active:")]
        out += [f"  {d.severity:<7} {d.code} {d.text()}" for d in checked.missing]
    else:
        out += ["", _("Nothing is missing for status: active.")]
    out += ["", _("Edit the file, then check it: iopctl validate {path}").format(path=path)]
    sys.stdout.write("\n".join(out) + "\n")
