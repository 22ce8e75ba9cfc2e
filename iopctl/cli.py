"""The command line: parse options, call one plain function, print, exit.

Only this module imports typer. Domain modules are imported inside the
commands so that ``iopctl --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

# iopctl uses no Pydantic plugins; looking them up through entry points costs
# start-up time on every run (docs/performance.md).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from iopctl import __version__
from iopctl.errors import ExitCode, IopctlError, UsageError

COMMAND_ORDER = (
    "validate",
    "due",
    "economy",
    "value",
    "render",
    "list",
    "show",
    "new",
    "init",
    "diff",
    "schema",
)


class _Group(typer.core.TyperGroup):
    """Commands in the order people use them, not the order they are defined."""

    def list_commands(self, ctx: Any) -> list[str]:  # typer vendors click's Context
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


app = typer.Typer(
    name="iopctl",
    cls=_Group,
    # Plain click help: rich's renderer doubles the start-up time of `--help`
    # (about 165 ms against 80 ms measured, docs/performance.md).
    rich_markup_mode=None,
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


class SchemaFormat(StrEnum):
    json = "json"
    markdown = "markdown"


@app.command()
def schema(
    output_format: Annotated[
        SchemaFormat,
        typer.Option("--format", "-f", help="json (JSON Schema) or markdown (field reference)."),
    ] = SchemaFormat.json,
) -> None:
    """Print the JSON Schema (draft 2020-12) of an agreement file.

    Editors use it through the `# yaml-language-server: $schema=…` comment at the top
    of each agreement; check-jsonschema can use it in CI. `--format markdown` prints
    the field reference (docs/fields.md).

    Examples:

      iopctl schema > schema/agreement.schema.json

      iopctl schema --format markdown > docs/fields.md
    """
    with guard():
        if output_format is SchemaFormat.markdown:
            from iopctl.fieldref import field_reference

            sys.stdout.write(field_reference() + "\n")
            return
        import json

        from iopctl.model import json_schema

        sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


# --- economy and value (issue 4) ---


class EconomyFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def economy(
    paths: PathsArg = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Show only this year.", show_default=False),
    ] = None,
    output_format: Annotated[
        EconomyFormat,
        typer.Option("--format", "-f", help="text (default), json, or csv."),
    ] = EconomyFormat.text,
    index_file: IndexFileOpt = None,
    assume: Annotated[
        str | None,
        typer.Option(
            "--assume",
            metavar="PCT",
            help="Project index years nobody has published yet at PCT percent a year; "
            "every figure built on it is marked as an estimate.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Year-by-year money: OPI indexation, volunteer hours, in-kind, totals and shares.

    One agreement gives a table per year and party; a folder gives the portfolio:
    money committed per year per deciding body. Index figures come from the bundled
    data, indices/*.yaml and --index-file. A missing index year is an error (exit 1)
    unless --assume gives a rate. Agreements that fail validation are reported on
    stderr (exit 1) and computed as far as possible.

    Examples:

      iopctl economy agreements/linkoping-resurspoolen-2020.yaml

      iopctl economy --format json > economy.json

      iopctl economy agreements/ --year 2022 --index-file opi-2024.yaml --assume 2.0
    """
    with guard():
        from iopctl import economy as econ
        from iopctl.validation import validate_paths

        assumed = (
            econ.parse_number(assume, option="--assume", allow_negative=True, percent=True)
            if assume is not None
            else None
        )
        result = validate_paths(_paths(paths), index_files=index_file or [])
        report = econ.economy_report(
            result.loaded, reference=result.reference, assume=assumed, year=year
        )
        if output_format is EconomyFormat.json:
            sys.stdout.write(econ.format_json(report))
        elif output_format is EconomyFormat.csv:
            sys.stdout.write(econ.format_csv(report))
        else:
            from iopctl.economy_text import text_blocks
            from iopctl.report import write_blocks

            write_blocks(text_blocks(report))
        sys.stdout.flush()
        failed = False
        for d in result.diagnostics:
            if d.is_error:
                sys.stderr.write(f"{d.location()}: error {d.code} {d.message}\n")
                failed = True
        shown: set[tuple[str, int]] = set()
        for problem in report.problems:
            sys.stderr.write(f"{problem.location()}: error {problem.code} {problem.message}\n")
            failed = True
            if (problem.index, problem.year) not in shown:
                shown.add((problem.index, problem.year))
                sys.stderr.write(econ.missing_index_hint(problem.index, problem.year))
        if failed:
            raise typer.Exit(int(ExitCode.PROBLEMS))


@app.command()
def value(
    hours: Annotated[
        str,
        typer.Option(
            "--hours", metavar="H", help="Volunteer hours, e.g. 18000.", show_default=False
        ),
    ],
    rate: Annotated[
        str | None,
        typer.Option("--rate", metavar="KR", help="Value per hour in kronor.", show_default=False),
    ] = None,
    wage: Annotated[
        str | None,
        typer.Option(
            "--wage",
            metavar="KR",
            help="Hourly wage in kronor; the rate adds the year's arbetsgivaravgift.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Year of the arbetsgivaravgift (with --wage). Default: this year.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Value volunteer hours outside any agreement: hours × rate, with the working.

    The rate is given (--rate), or a wage plus the full statutory arbetsgivaravgift
    of the year (--wage, --year), rounded to öre. The value is rounded to whole kronor.

    Examples:

      iopctl value --hours 18000 --rate 214

      iopctl value --hours 18000 --wage 200 --year 2020
    """
    with guard():
        from iopctl import economy as econ
        from iopctl.economy_text import valuation_blocks
        from iopctl.report import write_blocks

        valuation = econ.quick_value(
            hours=econ.parse_number(hours, option="--hours"),
            rate=econ.parse_number(rate, option="--rate") if rate is not None else None,
            wage=econ.parse_number(wage, option="--wage") if wage is not None else None,
            year=year,
        )
        write_blocks(valuation_blocks(valuation))


# --- due (issue 3) ---


class DueFormat(StrEnum):
    text = "text"
    json = "json"
    ics = "ics"
    csv = "csv"


class FailOn(StrEnum):
    overdue = "overdue"
    due = "due"


@app.command()
def due(
    paths: PathsArg = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Count from this date instead of today (Europe/Stockholm).",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        str,
        typer.Option(
            "--within",
            metavar="LENGTH",
            help="What counts as due: act-by date within this length (90d, 2w, 6m, 1y).",
        ),
    ] = "90d",
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help=(
                "Only these kinds; may be repeated: follow_up, notice_deadline, "
                "extension_decision, expiry, payment, report, signature, index_needed."
            ),
            show_default=False,
        ),
    ] = None,
    agreement: Annotated[
        list[str] | None,
        typer.Option(
            "--agreement",
            metavar="ID",
            help="Only this agreement id; may be repeated.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DueFormat,
        typer.Option("--format", "-f", help="text (default), json, ics (iCalendar) or csv."),
    ] = DueFormat.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when anything is overdue, or (due) due within the window or overdue.",
            show_default=False,
        ),
    ] = None,
    index_file: IndexFileOpt = None,
) -> None:
    """List deadlines: follow-ups, notice, extension decisions, expiry, payments, reports.

    Each deadline shows its contractual date and an act-by date, the last Swedish
    business day on or before it. Overdue first, then due within --within, then upcoming.

    Exit code 0, or 1 when a file does not validate (its deadlines are still shown
    where they can be computed) or --fail-on matches; 2 for a usage error.

    Examples:

      iopctl due

      iopctl due --as-of 2022-05-15 --within 6m

      iopctl due --format ics > iop.ics

      iopctl due --fail-on overdue   # nightly in CI
    """
    with guard():
        from iopctl import due as duelib
        from iopctl.clock import today_stockholm
        from iopctl.validation import validate_paths

        today = duelib.parse_as_of(as_of) if as_of is not None else today_stockholm()
        length = duelib.parse_within(within)
        last_due = duelib.window_end(today, length)
        kinds = duelib.parse_kinds(kind or [])
        result = validate_paths(_paths(paths), index_files=index_file or [])
        pairs = [(item.file, item.agreement) for item in result.loaded]
        ids = {getattr(a, "id", None) for _, a in pairs if a is not None}
        wanted = frozenset(agreement or [])
        unknown = sorted(wanted - ids)
        if unknown:
            import difflib

            known = sorted(i for i in ids if isinstance(i, str))
            close = difflib.get_close_matches(unknown[0], known, n=1)
            raise UsageError(
                f"unknown --agreement {unknown[0]!r}",
                hint=(f"did you mean {close[0]!r}? " if close else "")
                + f"ids found: {', '.join(known) or 'none'}",
            )
        events = duelib.collect(pairs, as_of=today, reference=result.reference)
        items = duelib.select(
            duelib.classify(events, as_of=today, within=length), kinds=kinds, agreements=wanted
        )

        # Problems: errors only (warnings are for `iopctl validate`), on stderr.
        selected_files = {f for f, a in pairs if not wanted or getattr(a, "id", None) in wanted}
        agreement_files = set(result.files)
        errors = [
            d
            for d in result.diagnostics
            if d.is_error and (d.file in selected_files or d.file not in agreement_files)
        ]
        if errors:
            from iopctl import diagnostics as diag
            from iopctl.report import write_segments

            write_segments(
                diag.text_segments(errors, line_text=result.line_text, files=len(result.files)),
                stream=sys.stderr,
            )

        if output_format is DueFormat.json:
            sys.stdout.write(duelib.to_json(items, as_of=today))
        elif output_format is DueFormat.csv:
            sys.stdout.write(duelib.to_csv(items))
        elif output_format is DueFormat.ics:
            from iopctl.ical import to_ics

            sys.stdout.write(to_ics(items, as_of=today))
        else:
            from iopctl.report import write_due_table

            write_due_table(items, as_of=today, window_end=last_due, within=str(length))

        failing = {"overdue"} if fail_on is FailOn.overdue else {"overdue", "due"}
        if errors or (fail_on is not None and any(i.status in failing for i in items)):
            raise typer.Exit(int(ExitCode.PROBLEMS))


# --- list and show (issue 7) ---


class ListFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Count from this date instead of today (Europe/Stockholm).",
        show_default=False,
    ),
]


def _as_of(text: str | None) -> dt.date:
    from iopctl.clock import today_stockholm
    from iopctl.due import parse_as_of

    return parse_as_of(text) if text is not None else today_stockholm()


@app.command("list")
def list_agreements(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="text (default), json or csv.")
    ] = ListFormat.text,
    index_file: IndexFileOpt = None,
) -> None:
    """The portfolio at a glance: one row per agreement.

    Status, parties, period, the next deadline and days to it, the public parties'
    money this year (OPI-indexed), and whether the file validates.

    Examples:

      iopctl list

      iopctl list --as-of 2021-06-01 --format csv > portfolio.csv
    """
    with guard():
        from iopctl import portfolio
        from iopctl.validation import validate_paths

        today = _as_of(as_of)
        result = validate_paths(_paths(paths), index_files=index_file or [])
        view = portfolio.overview(result, as_of=today)
        if output_format is ListFormat.json:
            sys.stdout.write(portfolio.list_json(view))
        elif output_format is ListFormat.csv:
            sys.stdout.write(portfolio.list_csv(view))
        else:
            from iopctl.report import Table, write_blocks

            columns, rows = portfolio.list_table(view)
            write_blocks(
                [
                    f"Agreements as of {today} ({len(view.rows)})",
                    Table(columns=columns, rows=tuple(rows)),
                ]
            )
        for d in view.unreadable:
            sys.stderr.write(f"{d.location()}: error {d.code} {d.message}\n")
        if view.unreadable:
            raise typer.Exit(int(ExitCode.PROBLEMS))


@app.command()
def show(
    agreement_id: Annotated[str, typer.Argument(metavar="ID", help="The agreement's id.")],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="text (default) or json.")
    ] = ListFormat.text,
    index_file: IndexFileOpt = None,
) -> None:
    """One agreement summarised: parties, period, economy by year, deadlines, history.

    Exit code 1 when the agreement's file has errors (they are listed under Problems).

    Examples:

      iopctl show linkoping-resurspoolen-2020

      iopctl show linkoping-resurspoolen-2020 --as-of 2022-05-15 --format json
    """
    with guard():
        from iopctl import portfolio
        from iopctl.validation import validate_paths

        if output_format is ListFormat.csv:
            raise UsageError("show has no csv format", hint="use --format text or json")
        today = _as_of(as_of)
        result = validate_paths(_paths(paths), index_files=index_file or [])
        loaded = portfolio.find(result, agreement_id)
        summary = portfolio.summarise(result, loaded, as_of=today)
        if output_format is ListFormat.json:
            sys.stdout.write(portfolio.show_json(summary, as_of=today))
        else:
            sys.stdout.write("\n".join(portfolio.show_lines(summary, as_of=today)) + "\n")
        if any(d.is_error for d in loaded.diagnostics):
            raise typer.Exit(int(ExitCode.PROBLEMS))


# --- new, init, diff (issue 7) ---

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
            if not force and (folder / f"{value}.yaml").exists():
                raise UsageError(f"{folder / value}.yaml already exists", hint=exists_hint)
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
        if path.exists() and not force:
            raise IopctlError(f"file already exists: {path}", hint=exists_hint)

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
        from iopctl import diffing

        sides = [diffing.load_version(old), diffing.load_version(new)]
        broken = [s for s in sides if not s.valid_schema or any(d.is_error for d in s.diagnostics)]
        if broken:
            for side in broken:
                for d in side.diagnostics:
                    sys.stderr.write(f"{d.location()}: {d.severity} {d.code} {d.message}\n")
                    if d.hint:
                        sys.stderr.write(f"    hint: {d.hint}\n")
            names = " and ".join(s.file for s in broken)
            raise IopctlError(
                f"cannot compare: {names} {'has' if len(broken) == 1 else 'have'} schema errors",
                hint="fix them first; `iopctl validate FILE` shows them with the source lines",
            )
        a, b = sides[0].agreement, sides[1].agreement
        assert a is not None and b is not None
        changes = diffing.diff_agreements(a, b)
        labels = {"old_name": old, "new_name": new, "old_id": a.id, "new_id": b.id}
        if output_format is DiffFormat.json:
            sys.stdout.write(diffing.format_json(changes))
        elif output_format is DiffFormat.markdown:
            sys.stdout.write(diffing.format_markdown(changes, **labels))
        else:
            sys.stdout.write(diffing.format_text(changes, **labels))
        if exit_code and changes:
            raise typer.Exit(int(ExitCode.PROBLEMS))


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
        from iopctl import render_output

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
        fmt = render_output.choose_format(output_format.value if output_format else None, out)
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
        outputs = render_output.plan_outputs(rendered, fmt, out, reference_doc=reference)
        for item in rendered:
            if item.placeholders:
                sys.stderr.write(
                    f"iopctl: draft: {item.file}: {len(item.placeholders)} missing field(s): "
                    f"{', '.join(item.placeholders)}\n"
                )
        if check:
            changed = render_output.check_outputs(outputs)
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
        for line in render_output.write_outputs(outputs, force=force):
            sys.stderr.write(f"iopctl: {line}\n")


def main() -> None:
    app()
