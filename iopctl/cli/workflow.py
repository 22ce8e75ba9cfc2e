"""``iopctl new``, ``iopctl init`` and ``iopctl diff`` (issue 7)."""

import datetime as dt
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from iopctl.cli.common import DEFAULT_PATH, app, guard
from iopctl.errors import ExitCode, IopctlError, UsageError

__all__ = ["DiffFormat", "diff", "init", "new"]

T = TypeVar("T")


def _say(text: str) -> None:
    """A line for the person at the keyboard (stderr, beside the prompts)."""
    typer.echo(text, err=True)


def _ask(label: str, parse: Callable[[str], T], *, default: str = "") -> T:
    """Prompt until ``parse`` accepts the answer; its usage error is shown and asked again."""
    while True:
        answer: str = typer.prompt(label, default=default, show_default=bool(default), err=True)
        try:
            return parse(answer)
        except UsageError as exc:
            _say(f"  {exc.message}")
            if exc.hint:
                _say(f"  hint: {exc.hint}")


def _ask_parties() -> list[Any]:
    from iopctl import scaffold

    parties: list[scaffold.PartySpec] = []
    _say("Parties: at least one public (kommun, region, nämnd) and one idea_based (idéburen).")
    while True:
        n = len(parties) + 1
        taken = {p.id for p in parties}

        def party_id(text: str, taken: set[str] = taken) -> str:
            value = scaffold.parse_id(text)
            if value in taken:
                raise UsageError(f"id {value!r} is already used by another party")
            return value

        name = _ask(f"Party {n} name", lambda text: scaffold.parse_text(text, "party name"))
        sector = _ask(
            f"Party {n} sector (public/idea_based)",
            scaffold.parse_sector,
            default="public" if n == 1 else "idea_based",
        )
        default_id = scaffold.suggest_id(name, f"part-{n}")
        if default_id in taken:
            default_id = f"{default_id}-{n}"
        pid = _ask(f"Party {n} id", party_id, default=default_id)
        org = _ask(
            f"Party {n} organisationsnummer (NNNNNN-NNNN, empty if not known)",
            scaffold.parse_org_number,
        )
        parties.append(scaffold.PartySpec(pid, name, sector, org))
        sectors = {p.sector for p in parties}
        if len(parties) >= 2 and sectors == set(scaffold.SECTORS):
            if not typer.confirm("Add another party?", default=False, err=True):
                return parties
        elif len(parties) >= 2:
            _say("  an IOP needs at least one public and one idea_based party; add one more")


def _end_after(start: dt.date | None) -> Callable[[str], dt.date | None]:
    from iopctl import scaffold

    def parse(text: str) -> dt.date | None:
        end = scaffold.parse_date(text, "end")
        if end is not None and start is not None and end < start:
            raise UsageError(
                f"the end {end} is before the start {start}",
                hint="end is the last day the agreement is in force",
            )
        return end

    return parse


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
            help="A party as 'id=…,name=…,sector=public|idea_based,org_number=NNNNNN-NNNN' "
            "(organisation=… optional; commas inside a name are fine). Repeat for each party.",
            show_default=False,
        ),
    ] = None,
    start: Annotated[str | None, typer.Option(help="First day in force, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Last day in force, YYYY-MM-DD.")] = None,
    notice: Annotated[
        str | None, typer.Option(help="Notice period, e.g. '6 months'.", show_default=False)
    ] = None,
    follow_ups_per_year: Annotated[
        str | None,
        typer.Option("--follow-ups-per-year", help="Least number of follow-ups per year."),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option(help="Money per year from the first public party, in kronor."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt: take everything from the options.")
    ] = False,
    directory: Annotated[
        str, typer.Option("--dir", help="Folder to write <id>.yaml into.")
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
        --party 'id=namnden,name=Äldrenämnden,sector=public,org_number=212000-0449' \\
        --party 'id=foreningen,name=Föreningen Grannstöd,sector=idea_based' \\
        --start 2027-01-01 --end 2029-12-31 --notice '6 months' \\
        --follow-ups-per-year 1 --amount 450000 --no-input
    """
    with guard():
        from pathlib import Path

        from iopctl import scaffold

        ask = not no_input
        if title is not None:
            the_title = scaffold.parse_text(title, "title")
        elif ask:
            the_title = _ask("Title", lambda text: scaffold.parse_text(text, "title"))
        else:
            raise UsageError("--title is required with --no-input", hint='add --title "…"')

        folder = Path(directory)
        exists_hint = "choose another id, or pass --force to overwrite it"

        def parse_id(text: str) -> str:
            return scaffold.parse_id(text, title=the_title)

        def parse_new_id(text: str) -> str:
            """A prompted id: one whose file exists is asked for again."""
            value = parse_id(text)
            if not force and os.path.lexists(folder / f"{value}.yaml"):
                raise UsageError(f"{folder / value}.yaml already exists", hint=exists_hint)
            other = scaffold.file_using_id(folder, value, besides=folder / f"{value}.yaml")
            if other is not None:
                raise UsageError(f"the id {value!r} is already used by {other}")
            return value

        suggestion = scaffold.suggest_id(the_title)
        if agreement_id is not None:
            try:
                the_id = parse_id(agreement_id)
            except UsageError as exc:
                if not ask:
                    raise
                _say(f"  {exc.message}")
                retry = scaffold.suggest_id(agreement_id)
                the_id = _ask("Id (file name)", parse_new_id, default=retry)
        elif ask:
            the_id = _ask("Id (file name)", parse_new_id, default=suggestion)
        else:
            raise UsageError(
                "no id given", hint=f"give one as the first argument, e.g. iopctl new {suggestion}"
            )
        path = folder / f"{the_id}.yaml"
        if os.path.lexists(path) and not force:
            raise IopctlError(f"file already exists: {path}", hint=exists_hint)
        other = scaffold.file_using_id(folder, the_id, besides=path)
        if other is not None:
            raise IopctlError(
                f"the id {the_id!r} is already used by {other}",
                hint="choose another id: every agreement needs its own (IOP401)",
            )

        if party:
            parties = [scaffold.parse_party(spec) for spec in party]
        elif ask:
            parties = _ask_parties()
        else:
            raise UsageError(
                "no parties given",
                hint="add --party for each party: at least one sector=public and one "
                "sector=idea_based",
            )

        def option(value: str | None, label: str, parse: Callable[[str], T]) -> T | None:
            if value is not None:
                return parse(value)
            return _ask(label, parse) if ask else None

        if ask and None in (start, end, notice, follow_ups_per_year, amount):
            _say("Leave a question empty when the answer is not known yet.")
        the_start = option(
            start, "Start date, first day in force (YYYY-MM-DD)", scaffold.parse_date
        )
        the_end = option(end, "End date, last day in force (YYYY-MM-DD)", _end_after(the_start))
        the_notice = option(notice, "Notice period (e.g. 6 months)", scaffold.parse_notice)
        per_year = option(
            follow_ups_per_year, "Follow-ups per year (e.g. 1)", scaffold.parse_per_year
        )
        payer = next((p for p in parties if p.sector == "public"), None)
        money = None
        if payer is not None:
            money = option(
                amount,
                f"Money per year from {payer.name} (kronor)",
                scaffold.parse_amount,
            )
        elif amount is not None:
            raise UsageError(
                "--amount needs a public party to pay it", hint="add a party with sector=public"
            )

        spec = scaffold.NewAgreement(
            id=the_id,
            title=the_title,
            parties=tuple(parties),
            start=the_start,
            end=the_end,
            notice=the_notice,
            follow_ups_per_year=per_year,
            amount=money,
        )
        text = scaffold.agreement_yaml(spec, schema_ref=scaffold.schema_reference(folder))
        checked = scaffold.check_new(text, str(path))
        if checked.errors:
            listing = "; ".join(f"{d.code} {d.message}" for d in checked.errors)
            raise UsageError(
                f"the new agreement would not validate, so nothing was written: {listing}",
                hint=checked.errors[0].hint,
            )
        scaffold.write_new_file(path, text, force=force)
        out = [f"Created {path} (status: draft)."]
        if checked.problems:
            out += ["", "Warnings:"]
            out += [f"  {d.severity:<7} {d.code} {d.message}" for d in checked.problems]
        if checked.missing:
            out += ["", "Missing for status: active:"]
            out += [f"  {d.severity:<7} {d.code} {d.message}" for d in checked.missing]
        else:
            out += ["", "Nothing is missing for status: active."]
        out += ["", f"Edit the file, then check it: iopctl validate {path}"]
        sys.stdout.write("\n".join(out) + "\n")


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

        from iopctl import scaffold

        root = Path(directory)
        files = scaffold.init_files()
        present = scaffold.existing_files(root, files)
        if present and not force:
            shown = ", ".join((root / name).as_posix() for name in present)
            noun = "file already exists" if len(present) == 1 else "files already exist"
            raise IopctlError(
                f"{len(present)} {noun}, so nothing was written: {shown}",
                hint="pass --force to overwrite them, or choose an empty folder",
            )
        scaffold.write_files(root, files, force=True)
        where = "this folder" if directory in (".", "./") else f"{root.as_posix()}/"
        out = [f"Wrote {len(files)} files in {where}:"]
        out += [f"  {name}" for name in files]
        out += [
            "",
            "Next steps:",
        ]
        if directory not in (".", "./"):
            out.append(f"  cd {root.as_posix()}")
        out += [
            "  git init && git add . && git commit -m 'IOP agreements'",
            "  pre-commit install        # check agreements before every commit",
            "  iopctl validate           # the example agreement is clean",
            "  iopctl new                # start your first agreement",
        ]
        sys.stdout.write("\n".join(out) + "\n")


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The old version: a file, or REV:path from git (HEAD:agreements/x.yaml).",
        ),
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new version: a file or REV:path.")],
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text (default), markdown (PR comment), or json."),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit with 1 when there are changes (like git diff)."),
    ] = False,
) -> None:
    """Show what changed in meaning between two versions of an agreement.

    Compares the agreements, not the text: the period, amounts per contribution,
    parties and organisationsnummer, notice period, status, follow-up terms, clauses,
    texts (with the words that changed), follow-ups and signatures. Comments, key
    order and line wrapping do not count. REV:path reads a version from git, with the
    path relative to the repository root as in `git show`.

    Exit code 0 whether or not there are changes (1 with --exit-code when there are),
    1 when a version has schema errors (listed on stderr), 2 for a usage error such
    as an unknown revision.

    Examples:

      iopctl diff HEAD:agreements/x.yaml agreements/x.yaml

      iopctl diff main:agreements/x.yaml agreements/x.yaml --format markdown > comment.md

      iopctl diff old.yaml new.yaml --format json --exit-code
    """
    with guard():
        from iopctl.checks.validate import rare_full_collections
        from iopctl.present import diff as diff_formats
        from iopctl.present.safe import printable
        from iopctl.views import diff as diffing
        from iopctl.views.versions import load_version

        with rare_full_collections():  # two large files: no full collection per thousand objects
            sides = [load_version(old), load_version(new)]
        broken = [s for s in sides if not s.valid_schema or any(d.is_error for d in s.diagnostics)]
        if broken:
            for side in broken:
                for d in side.diagnostics:
                    sys.stderr.write(f"{d.brief()}\n")
                    if d.hint:
                        sys.stderr.write(f"    hint: {printable(d.hint)}\n")
            names = " and ".join(s.file for s in broken)
            raise IopctlError(
                f"cannot compare: {names} {'has' if len(broken) == 1 else 'have'} schema errors",
                hint="fix them first; `iopctl validate FILE` shows them with the source lines",
            )
        a, b = sides[0].agreement, sides[1].agreement
        assert a is not None and b is not None
        with rare_full_collections():
            changes = diffing.diff_agreements(a, b)
        labels = {"old_name": old, "new_name": new, "old_id": a.id, "new_id": b.id}
        if output_format is DiffFormat.json:
            sys.stdout.write(diff_formats.format_json(changes))
        elif output_format is DiffFormat.markdown:
            sys.stdout.write(diff_formats.format_markdown(changes, **labels))
        else:
            sys.stdout.write(diff_formats.format_text(changes, **labels))
        if exit_code and changes:
            raise typer.Exit(int(ExitCode.PROBLEMS))
