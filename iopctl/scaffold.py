"""New files: one agreement (``iopctl new``) and a whole repository (``iopctl init``).

Plain functions, no typer or rich: the command line asks the questions, this
module turns the answers into a commented YAML file, checks it with the real
loader and checks, and writes it atomically.

What a new agreement still lacks for ``status: active`` is computed by running
:func:`iopctl.checks.domain.run_checks` on a copy with that status; the rules live in
:mod:`iopctl.checks.domain` only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from iopctl.errors import IopctlError, UsageError
from iopctl.model.load import Loaded, load_agreement_bytes
from iopctl.model.types import Duration, parse_duration, slugify
from iopctl.problems.diagnostic import Diagnostic

__all__ = [
    "SECTORS",
    "Checked",
    "NewAgreement",
    "PartySpec",
    "agreement_yaml",
    "check_new",
    "existing_files",
    "init_files",
    "missing_for_active",
    "parse_amount",
    "parse_date",
    "parse_id",
    "parse_notice",
    "parse_org_number",
    "parse_party",
    "parse_per_year",
    "schema_reference",
    "suggest_id",
    "write_files",
    "write_new_file",
]

SECTORS = ("public", "idea_based")
SCHEMA_PATH = "schema/agreement.schema.json"
INIT_DIR = Path(__file__).parent / "data" / "init"
EXAMPLE_ID = "exempel-motesplats-2027"
PROJECT_URL = "https://github.com/iopctl/iopctl"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --- what the user tells us ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartySpec:
    id: str
    name: str
    sector: str
    org_number: str | None = None
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class NewAgreement:
    """The essentials of a new agreement; ``None`` is unknown and stays out of the file."""

    id: str
    title: str
    parties: tuple[PartySpec, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    notice: Duration | None = None
    follow_ups_per_year: int | None = None
    amount: Decimal | None = None

    @property
    def paying_party(self) -> PartySpec | None:
        """The party whose money ``amount`` is: the first public party."""
        return next((p for p in self.parties if p.sector == "public"), None)


def suggest_id(title: str, fallback: str = "ny-overenskommelse") -> str:
    """An id made from a title (``types.slugify``), never empty."""
    return slugify(title) or fallback


def parse_id(value: str, *, title: str = "") -> str:
    """A valid id, or a usage error that suggests one."""
    from iopctl.model.types import WINDOWS_RESERVED

    text = value.strip()
    if text in WINDOWS_RESERVED:
        raise UsageError(
            f"{text!r} is not a valid id: Windows reserves it for a device, so {text}.yaml "
            "cannot be opened there",
            hint=f"use {text + '-' + (suggest_id(title, '2027') if title else '2027')!r}",
        )
    if _SLUG.match(text) and len(text) <= 80:
        return text
    suggestion = suggest_id(text or title)
    shown = repr(text) if text else "an empty id"
    raise UsageError(
        f"{shown} is not a valid id: use lowercase letters a–z, digits and single hyphens "
        "(at most 80 characters); it becomes the file name",
        hint=f"use {suggestion!r}",
    )


def parse_text(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise UsageError(f"the {what} is empty", hint=f"write the {what}")
    if any(ord(ch) < 32 for ch in text):
        raise UsageError(f"the {what} contains a control character", hint="type it on one line")
    return text


def parse_org_number(value: str) -> str | None:
    """``None`` for an empty answer (unknown); a usage error for a malformed number."""
    from iopctl.checks.domain import org_number_problem

    text = value.strip()
    if not text:
        return None
    problem = org_number_problem(text)
    if problem is not None:
        raise UsageError(problem[0], hint=problem[1])
    return text


def parse_sector(value: str) -> str:
    text = value.strip().lower().replace("-", "_")
    aliases = {"offentlig": "public", "ideburen": "idea_based", "idéburen": "idea_based"}
    text = aliases.get(text, text)
    if text not in SECTORS:
        raise UsageError(
            f"sector {value.strip()!r} is not public or idea_based",
            hint="public = kommun/region/nämnd; idea_based = idéburen organisation",
        )
    return text


_PARTY_KEYS = ("id", "name", "sector", "org_number", "organisation")
_PARTY_SPLIT = re.compile(r",\s*(?=(?:" + "|".join(_PARTY_KEYS) + r")\s*=)")


def parse_party(spec: str) -> PartySpec:
    """``id=…,name=…,sector=public,org_number=…``; a comma inside a value is kept.

    The text is split only at commas followed by a known key, so
    ``name=Föreningen Grannstöd, Linköping`` needs no quotes (quotes around a
    value are removed).
    """
    values: dict[str, str] = {}
    for item in _PARTY_SPLIT.split(spec.strip()):
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or key not in _PARTY_KEYS:
            raise UsageError(
                f"--party {spec!r}: {item.strip()!r} is not key=value with a key of "
                + ", ".join(_PARTY_KEYS),
                hint="write e.g. --party 'id=namnden,name=Äldrenämnden,sector=public,"
                "org_number=212000-0449'",
            )
        if key in values:
            raise UsageError(f"--party {spec!r}: {key} is given twice")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].strip()
        values[key] = value
    for required in ("name", "sector"):
        if not values.get(required):
            raise UsageError(
                f"--party {spec!r} has no {required}",
                hint="name and sector are required; id defaults to one made from the name",
            )
    name = parse_text(values["name"], "party name")
    party_id = parse_id(values["id"]) if values.get("id") else suggest_id(name, "part")
    organisation = values.get("organisation") or None
    return PartySpec(
        id=party_id,
        name=name,
        sector=parse_sector(values["sector"]),
        org_number=parse_org_number(values.get("org_number", "")),
        organisation=parse_text(organisation, "organisation") if organisation else None,
    )


def parse_date(value: str, what: str = "date") -> dt.date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what} {text!r} is not a date in the form YYYY-MM-DD", hint="write e.g. 2027-01-01"
        ) from None


def parse_notice(value: str) -> Duration | None:
    text = value.strip()
    if not text:
        return None
    duration = parse_duration(text)
    if duration is None:
        raise UsageError(
            f"notice period {text!r} is not a length of time",
            hint="write e.g. '6 months', '3 months', '90 days' (or '6 månader')",
        )
    return duration


def parse_per_year(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise UsageError(
            f"follow-ups per year {text!r} is not a whole number of at least 1",
            hint="write e.g. 1 or 2",
        )
    return int(text)


_AMOUNT = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


def parse_amount(value: str) -> Decimal | None:
    """Kronor as typed: ``933000``, ``933 000``, ``933 000 kr``, ``933000,50``."""
    text = value.strip()
    if not text:
        return None
    compact = re.sub(r"(?i)\s|\u00a0|\u202f|kr\.?$|sek$|:-$", "", text)
    if not _AMOUNT.match(compact):
        raise UsageError(
            f"amount {text!r} is not a number of kronor",
            hint="write e.g. 933000 or '933 000' (two decimals at most, no minus sign)",
        )
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above rules it out
        raise UsageError(f"amount {text!r} is not a number") from None


# --- the commented YAML file ------------------------------------------------------------


def _scalar(value: object) -> str:
    """One YAML scalar as PyYAML would write it: quoted only when it must be."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000, default_style=None)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _money(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}"


def schema_reference(directory: Path) -> str:
    """The ``$schema`` path from ``directory`` to the repository's schema copy.

    The repository is the nearest folder above (or at) ``directory`` that has
    ``schema/agreement.schema.json``; without one, the layout ``iopctl init``
    makes is assumed (``../schema/…`` from ``agreements/``).
    """
    start = directory.resolve()
    for folder in (start, *start.parents):
        if (folder / SCHEMA_PATH).is_file():
            return Path(os.path.relpath(folder / SCHEMA_PATH, start)).as_posix()
    return "../" + SCHEMA_PATH


def agreement_yaml(new: NewAgreement, *, schema_ref: str = "../" + SCHEMA_PATH) -> str:
    """The new agreement as a commented YAML file (Swedish and English comments)."""
    ids = [p.id for p in new.parties] or ["kommunen", "foreningen"]
    public = new.paying_party
    first_id = public.id if public is not None else ids[0]
    other_id = next((p.id for p in new.parties if p.id != first_id), ids[-1])
    out: list[str] = [
        f"# yaml-language-server: $schema={schema_ref}",
        "#",
        "# Utkast skapat med `iopctl new`. Fyll i resten och sätt `status: active` när",
        "# överenskommelsen är beslutad och undertecknad; kontrollera med `iopctl validate`.",
        "# Draft made with `iopctl new`. Fill in the rest and set `status: active` once the",
        "# agreement is decided and signed; check it with `iopctl validate`.",
        "# Alla fält / every field: `iopctl schema --format markdown` (docs/fields.md).",
        "# Det som är okänt lämnas bort. / Leave out what is not known.",
        "",
        "# Identitet: id är filens namn; ändra det inte när filen väl används.",
        "# Identity: the id is the file name; keep it once the file is in use.",
        f"id: {_scalar(new.id)}",
        f"title: {_scalar(new.title)}",
        "# draft = utkast, active = gäller, ended = har löpt ut, terminated = uppsagd",
        "# draft, active = in force, ended = expired, terminated = ended by notice",
        "status: draft",
        "language: sv",
        "",
        "# Parter: minst en offentlig part (public) och en idéburen organisation",
        "# (idea_based), med organisationsnummer NNNNNN-NNNN.",
        "# Parties: at least one public party and one non-profit (idea_based), with",
        "# their organisation numbers (organisationsnummer, NNNNNN-NNNN).",
    ]
    if new.parties:
        out.append("parties:")
        for party in new.parties:
            out.append(f"  - id: {_scalar(party.id)}")
            out.append(f"    name: {_scalar(party.name)}")
            if party.organisation is not None:
                out.append(f"    organisation: {_scalar(party.organisation)}")
            out.append(f"    sector: {party.sector}")
            if party.org_number is not None:
                out.append(f"    org_number: {_scalar(party.org_number)}")
            else:
                out.append("    # org_number: NNNNNN-NNNN")
    else:
        out += [
            "# parties:",
            "#   - id: kommunen",
            "#     name: Kommunen",
            "#     sector: public",
            "#     org_number: NNNNNN-NNNN",
            "#   - id: foreningen",
            "#     name: Föreningen",
            "#     sector: idea_based",
            "#     org_number: NNNNNN-NNNN",
        ]
    out += [
        "",
        "# Utmaning, syfte och mål (Markdown tillåten).",
        "# Shared challenge, purpose and goals (Markdown allowed).",
        "# challenge: Den gemensamma samhällsutmaningen …",
        "# purpose: Överenskommelsen syftar till …",
        "# goals: Målet är att …",
        "",
        "# Varje parts åtaganden och det gemensamma ansvaret.",
        "# Each party's responsibilities and the joint ones.",
        "# responsibilities:",
    ]
    for party_id in ids:
        out += [f"#   - party: {party_id}", "#     clauses:", "#       - …"]
    out += [
        "# joint_responsibilities:",
        "#   - …",
        "",
        "# Ekonomi: belopp per år i kronor som rena tal, utan mellanslag eller 'kr'.",
        "# Economy: amounts per year in kronor as plain numbers, without spaces or 'kr'.",
    ]
    base_year = new.start.year if new.start is not None else None
    index_year = (base_year + 1) if base_year is not None else "YYYY"
    if new.amount is not None and public is not None:
        out += [
            "economy:",
            "  contributions:",
            "    - kind: money",
            f"      party: {public.id}",
            f"      amount_per_year: {_money(new.amount)}",
        ]
        if base_year is not None:
            out.append(f"      base_year: {base_year}")
        out += [
            "      # payment: {schedule: yearly, months: [1]}",
            f"      # indexation: {{index: OPI, from_date: {index_year}-01-01}}",
            "    # - kind: volunteer_hours",
            f"    #   party: {other_id}",
            "    #   hours_per_year: 1000",
            "    #   hourly_rate: 214",
            "    #   value_per_year: 214000",
        ]
    else:
        out += [
            "# economy:",
            "#   contributions:",
            "#     - kind: money",
            f"#       party: {first_id}",
            "#       amount_per_year: 100000",
            "#       base_year: YYYY",
            "#     - kind: volunteer_hours",
            f"#       party: {other_id}",
            "#       hours_per_year: 1000",
            "#       hourly_rate: 214",
            "#       value_per_year: 214000",
        ]
    out += [
        "",
        "# Avtalstid: första och sista giltiga dag, och möjlig förlängning.",
        "# Period: first and last day in force, and any extension option.",
    ]
    if new.start is not None or new.end is not None:
        out.append("period:")
        out.append(f"  start: {new.start.isoformat()}" if new.start else "  # start: YYYY-MM-DD")
        out.append(f"  end: {new.end.isoformat()}" if new.end else "  # end: YYYY-MM-DD")
        out.append("  # extension: {length: 2 years, times: 1}")
    else:
        out += ["# period:", "#   start: YYYY-MM-DD", "#   end: YYYY-MM-DD"]
    out += [
        "",
        "# Uppsägning: uppsägningstid och form. / Termination: notice period and form.",
    ]
    if new.notice is not None:
        out += ["termination:", f"  notice_period: {new.notice}", "  # form: written"]
    else:
        out += ["# termination:", "#   notice_period: 6 months", "#   form: written"]
    out += [
        "",
        "# Uppföljning: minsta antal per kalenderår. / Follow-up: least number per year.",
    ]
    if new.follow_ups_per_year is not None:
        out += ["follow_up:", f"  per_year: {new.follow_ups_per_year}"]
    else:
        out += ["# follow_up:", "#   per_year: 1"]
    out += [
        "",
        "# Organisation, ändringar, tvister och underskrifter.",
        "# Organisation, changes, disputes and signatures.",
        "# organisation:",
        "#   steering_group:",
        "#     meeting_frequency: fyra gånger per år",
        "#     meetings_per_year: 4",
        "# changes: Ändringar görs skriftligen och undertecknas av båda parter.",
        "# disputes: Tvister löses i första hand genom dialog mellan parterna.",
        "# signatures:",
    ]
    for party_id in ids:
        out += [f"#   - party: {party_id}", "#     name: …", "#     date: YYYY-MM-DD"]
    return "\n".join(out) + "\n"


# --- checking what was made -------------------------------------------------------------


@dataclass(slots=True)
class Checked:
    """A new file as the loader and the checks see it."""

    loaded: Loaded
    problems: list[Diagnostic] = field(default_factory=list)
    missing: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.is_error]


def missing_for_active(loaded: Loaded) -> list[Diagnostic]:
    """What the checks report for a copy with ``status: active`` and not for the file itself."""
    from iopctl.checks.domain import run_checks

    agreement = loaded.agreement
    if agreement is None or loaded.source is None or "status" in loaded.failed:
        return []
    now = {(d.code, d.message) for d in run_checks(loaded)}
    copy = Loaded(
        loaded.file,
        loaded.source,
        agreement.model_copy(update={"status": "active"}),
        loaded.failed,
    )
    return [d for d in run_checks(copy) if (d.code, d.message) not in now]


def check_new(text: str, file: str) -> Checked:
    """Load ``text`` as the file ``file`` would be loaded, and run the checks."""
    from iopctl.checks.domain import run_checks

    loaded = load_agreement_bytes(text, file)
    problems = list(loaded.diagnostics)
    problems += run_checks(loaded)
    return Checked(loaded, problems, missing_for_active(loaded))


def file_using_id(folder: Path, agreement_id: str, *, besides: Path) -> str | None:
    """The agreement file under ``folder`` (other than ``besides``) whose id is
    ``agreement_id``: ``new`` must not make a second one (IOP401 afterwards)."""
    from iopctl.model.load import discover
    from iopctl.reading.source import load_file

    if not folder.is_dir():
        return None
    files, _ = discover([str(folder)])
    for file in files:
        if os.path.realpath(file) == os.path.realpath(besides):
            continue
        source, _ = load_file(file)
        if source is not None and source.data.get("id") == agreement_id:
            return file
    return None


# --- writing -------------------------------------------------------------------------------


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file is kept unless ``force``."""
    from iopctl.atomic import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if not force and os.path.lexists(path):
        raise _exists([path])
    try:
        write_atomic(path, text.encode("utf-8"), exclusive=not force)
    except FileExistsError:
        raise _exists([path]) from None


def _cannot_write(path: Path, exc: OSError) -> IopctlError:
    return IopctlError(
        f"cannot write {path}: {exc.strerror or exc}",
        hint="check that the folder exists, is a folder and is writable",
    )


def _exists(paths: Sequence[Path]) -> IopctlError:
    shown = ", ".join(str(p) for p in paths)
    noun = "file already exists" if len(paths) == 1 else "files already exist"
    return IopctlError(f"{noun}: {shown}", hint="nothing was written; pass --force to overwrite")


# --- a new repository ------------------------------------------------------------------------

# target path in the new repository → template under iopctl/data/init/
_INIT_TEMPLATES: dict[str, str] = {
    "README.md": "README.md",
    f"agreements/{EXAMPLE_ID}.yaml": "example-agreement.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/iopctl.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
}


def schema_text() -> str:
    """``iopctl schema`` output: the JSON Schema with a final newline."""
    from iopctl.model.agreement import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def init_files() -> dict[str, str]:
    """Every file ``iopctl init`` writes: relative POSIX path → text, in a fixed order."""
    from iopctl import __version__

    files: dict[str, str] = {}
    for target, template in _INIT_TEMPLATES.items():
        text = (INIT_DIR / template).read_text(encoding="utf-8")
        files[target] = text.replace("@VERSION@", __version__).replace("@URL@", PROJECT_URL)
    files[SCHEMA_PATH] = schema_text()
    return dict(sorted(files.items()))


def existing_files(root: Path, relative: Iterable[str]) -> list[str]:
    """The files that are there already; a symbolic link counts, even a dangling one."""
    return [name for name in relative if os.path.lexists(root / name)]


def _blocked(root: Path, relative: Iterable[str]) -> list[str]:
    """Why a file cannot be written where it belongs, before anything is written: a
    folder on its way that is a file (``agreements`` as a file), or a link that would
    take the write out of ``root``; a target that is a folder."""
    problems: list[str] = []
    real_root = os.path.realpath(root)
    for name in relative:
        target = root / name
        for parent in reversed(target.relative_to(root).parents[:-1]):
            folder = root / parent
            if os.path.lexists(folder) and not folder.is_dir():
                problems.append(f"{folder.as_posix()} is not a folder")
            elif not Path(os.path.realpath(folder)).is_relative_to(real_root):
                problems.append(f"{folder.as_posix()} links out of {root.as_posix()}")
        if target.is_dir() and not target.is_symlink():
            problems.append(f"{target.as_posix()} is a folder")
    return sorted(set(problems))


def write_files(root: Path, files: dict[str, str], *, force: bool = False) -> None:
    """Write every file under ``root``, or none.

    Nothing is written when a file exists (unless ``force``) or when a file cannot go
    where it belongs (:func:`_blocked`); if a write still fails half-way (a full disk),
    the files this call created are removed again.
    """
    blocked = _blocked(root, files)
    if blocked:
        raise IopctlError(
            f"cannot set up {root.as_posix()}: {'; '.join(blocked)}; nothing was written",
            hint="move or remove what is in the way, or choose another folder",
        )
    present = existing_files(root, files)
    if present and not force:
        raise _exists([Path(name) for name in present])
    created: list[Path] = []
    try:
        for name, text in files.items():
            target = root / name
            new = not os.path.lexists(target)
            folders = [p for p in reversed(target.parents) if not os.path.lexists(p)]
            write_new_file(target, text, force=True)
            created += [*folders, target] if new else folders
    except IopctlError:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise
