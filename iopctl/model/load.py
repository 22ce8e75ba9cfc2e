"""Path → agreement plus diagnostics with file, line and column.

Validation runs once on the whole file. When it fails, each top-level field
is validated on its own so that the fields that *are* valid can still be
checked (see :mod:`iopctl.checks.run`): that is how every independent problem is
reported while checks that depend on a broken field are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from iopctl.errors import UsageError
from iopctl.model.agreement import Agreement, PartialAgreement
from iopctl.model.dates import earliest, latest
from iopctl.present.suggest import did_you_mean
from iopctl.problems.diagnostic import MAX_PROBLEMS, Diagnostic, Severity, limit_problems
from iopctl.reading.paths import (
    boundary_of,
    escapes,
    is_regular_file,
    link_refused,
    real,
    repository_root,
)
from iopctl.reading.source import Source, load, load_file

__all__ = ["Loaded", "convert_errors", "discover", "load_agreement", "load_agreement_bytes"]

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class Loaded:
    """One file's outcome.

    ``agreement`` is what the file says: an :class:`Agreement` when it validated, else a
    :class:`PartialAgreement` in which the top-level fields named in ``failed`` are left
    at their defaults (``None`` when the file is not a mapping at all).
    """

    file: str
    source: Source | None
    agreement: PartialAgreement | None
    failed: frozenset[str] = frozenset()
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def valid(self) -> Agreement | None:
        """The agreement when the whole file validated against the schema."""
        agreement = self.agreement
        return agreement if isinstance(agreement, Agreement) and not self.failed else None

    @property
    def valid_schema(self) -> bool:
        return self.valid is not None


def discover(paths: Iterable[str]) -> tuple[list[str], list[Diagnostic]]:
    """Files named, plus ``*.yaml``/``*.yml`` under directories, sorted and without repeats.

    A path that does not exist is a usage error (exit code 2), never silence. Nothing is
    read from outside the repository or the folder given (:mod:`iopctl.reading.paths`):
    a file or folder, named or found, that a symbolic link takes elsewhere is refused
    with IOP009, so a pull request cannot make CI print lines of ``/etc/passwd`` or a
    secret under a diagnostic. A folder that cannot be read is IOP001, never skipped in
    silence.

    Under a directory: every file whose suffix is .yaml or .yml, in no hidden
    folder and not hidden itself, found without entering symlinked folders (one that
    points outside is reported), sorted as paths (component by component). Repeats are
    judged by the resolved path.
    """
    found: list[str] = []
    refused: list[Diagnostic] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folder = str(path)
            boundary = boundary_of(folder, folder=True)
            target = escapes(folder, boundary)
            if target is not None:
                refused.append(link_refused(folder, target, "the folder (or a link on its way)"))
                continue
            real_root = str(real(folder))
            walk = _Walk(folder, boundary)
            for parts, is_link in sorted(walk.files(folder, ())):
                name = _joined(folder, parts)
                if is_link:
                    _take(Path(name), boundary, seen, found, refused)
                    continue
                # Neither the file nor a folder on the way is a link (the walk does
                # not enter linked folders): it resolves to the same place under the
                # resolved root, without a resolve per file.
                key = os.path.join(real_root, *parts)
                if key not in seen:
                    seen.add(key)
                    found.append(name)
            refused.extend(sorted(walk.problems, key=lambda d: d.file))
        elif path.exists():
            _take(path, boundary_of(raw, folder=False), seen, found, refused, named=True)
        else:
            raise UsageError(f"path does not exist: {raw}", hint="check the spelling")
    return found, refused


def _take(
    candidate: Path,
    boundary: Path,
    seen: set[str],
    found: list[str],
    refused: list[Diagnostic],
    *,
    named: bool = False,
) -> None:
    """Add one file unless it was seen, or refuse it if it resolves outside ``boundary``."""
    key = str(real(candidate))
    if key in seen:
        return
    seen.add(key)
    target = escapes(candidate, boundary)
    if target is not None:
        refused.append(link_refused(str(candidate), target))
        return
    if named and boundary == repository_root() and not is_regular_file(candidate):
        # Inside a repository only regular files are agreements: a pipe or a device
        # would block or never end.
        refused.append(
            Diagnostic(
                str(candidate),
                0,
                0,
                "IOP001",
                Severity.ERROR,
                "not a regular file (a pipe, socket or device); not read",
                "name the agreement file itself",
            )
        )
        return
    found.append(str(candidate))


def _suffix(name: str) -> str:
    # As pathlib.PurePath.suffix.
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


class _Walk:
    """Every visible YAML file under a folder, and the folders that could not be read."""

    def __init__(self, root: str, boundary: Path) -> None:
        self.root = root
        self.boundary = boundary
        self.problems: list[Diagnostic] = []

    def files(self, folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
        """(path components under the root, is a symlink) of every visible YAML file.

        Hidden entries are skipped, and symlinked folders are not entered, as the
        ``Path.rglob("*")`` walk this replaces did (it was slower: a resolve per file);
        one that points outside the boundary is reported (IOP009).
        """
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            self.problems.append(
                Diagnostic(
                    _joined(self.root, parts) if parts else self.root,
                    0,
                    0,
                    "IOP001",
                    Severity.ERROR,
                    f"cannot read folder: {exc.strerror or exc}; its files were not checked",
                    "check the folder's permissions (it must be readable and searchable)",
                )
            )
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir and not entry.is_symlink():
                yield from self.files(entry.path, (*parts, name))
            elif is_dir:
                target = escapes(entry.path, self.boundary)
                if target is not None:
                    self.problems.append(
                        link_refused(_joined(self.root, (*parts, name)), target, "folder link")
                    )
            if _suffix(name) in YAML_SUFFIXES and _is_file(entry):
                yield (*parts, name), entry.is_symlink()


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _joined(root: str, parts: tuple[str, ...]) -> str:
    """``str(Path(root).joinpath(*parts))`` for a root that is already a normalised path."""
    if root == ".":
        return "/".join(parts)
    if root.endswith("/"):
        return root + "/".join(parts)
    return root + "/" + "/".join(parts)


def load_agreement(path: str) -> Loaded:
    source, problems = load_file(path)
    return _validate(path, source, problems)


def load_agreement_bytes(raw: bytes | str, file: str) -> Loaded:
    source, problems = load(raw, file)
    return _validate(file, source, problems)


def _validate(file: str, source: Source | None, problems: list[Diagnostic]) -> Loaded:
    if source is None:
        return Loaded(file, None, None, frozenset(), limit_problems(problems, file))
    data = source.data
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)  # once: 480 000 of them are 300 MB
        diagnostics = problems + list(_convert_all(errors, source, Agreement))
        failed = _failed_fields(errors, source)
        del errors
        partial = _partial(data, failed)
        if partial is not None:
            partial, found = _schedule_bound(partial, source, failed)
            diagnostics += found
        return Loaded(file, source, partial, frozenset(failed), limit_problems(diagnostics, file))
    failed_by_yaml = {p[0] for p in source.reported if p and isinstance(p[0], str)}
    agreement, found = _schedule_bound(agreement, source, failed_by_yaml)
    return Loaded(
        file, source, agreement, frozenset(failed_by_yaml), limit_problems(problems + found, file)
    )


_A = TypeVar("_A", bound=PartialAgreement)

MAX_SCHEDULED = 10_000
"""Dates a file may schedule: payment months and reports, each in every year of the
period. Deadlines, calendars and payment tables are computed for each of them; 100
contributions paid monthly over a century were 120 000 events (a 36 s, 1.7 GB calendar)."""


def _schedule_bound(agreement: _A, source: Source, failed: set[str]) -> tuple[_A, list[Diagnostic]]:
    """Checked before any date arithmetic: if the payments and reports the file schedules
    over its period exceed :data:`MAX_SCHEDULED`, ``economy`` (or ``follow_up``) fails
    like a schema error (IOP004) and nothing is computed from it."""
    from iopctl.model.agreement import MoneyContribution

    period = getattr(agreement, "period", None) if "period" not in failed else None
    start = period.start if period is not None else None
    ends = [e.new_end for e in period.extensions_taken] if period is not None else []
    history = getattr(agreement, "history", None) if "history" not in failed else None
    ends += [latest(e.new_end) for e in history or () if e.kind == "extension"]
    if period is not None and period.end is not None:
        ends.append(latest(period.end))
    end = max(ends, default=None)  # the latest end written; no terms are derived here
    start = earliest(start) if start is not None else None
    if start is None or end is None or end < start:
        return agreement, []
    years = end.year - start.year + 1
    economy = getattr(agreement, "economy", None) if "economy" not in failed else None
    payments = 0
    for contribution in economy.contributions if economy is not None else ():
        if isinstance(contribution, MoneyContribution) and contribution.payment is not None:
            payment = contribution.payment
            months = len(set(payment.months))
            payments += months or (12 if payment.schedule == "monthly" else 0)
    terms = getattr(agreement, "follow_up", None) if "follow_up" not in failed else None
    reports = len(terms.reports) if terms is not None else 0
    if (payments + reports) * years <= MAX_SCHEDULED:
        return agreement, []
    field, path = ("economy", ("economy", "contributions")) if payments else ("follow_up", ())
    if not payments:
        path = ("follow_up", "reports")
    failed.add(field)
    found = source.diagnostic(
        path,
        "IOP004",
        f"{payments} payment dates and {reports} reports a year over {years} years are "
        f"{(payments + reports) * years:,} dates; at most {MAX_SCHEDULED:,} are computed",
        "check the period and the payment months (a century of monthly payments?)",
    )
    return agreement.model_copy(update={field: None}), [found]


def _failed_fields(errors: list[Any], source: Source) -> set[str]:
    failed = {str(err["loc"][0]) for err in errors if err["loc"]}
    if any(not err["loc"] for err in errors):
        failed.add("")
    failed.update(str(p[0]) for p in source.reported if p)
    return failed


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    info = Agreement.model_fields[name]
    assert info.annotation is not None
    return TypeAdapter(info.annotation)


def _partial(data: Any, failed: set[str]) -> PartialAgreement | None:
    """What the file says, from the top-level fields that validated on their own."""
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name in Agreement.model_fields:
        if name in failed or name not in data:
            continue
        try:
            values[name] = _adapter(name).validate_python(data[name])
        except ValidationError:
            failed.add(name)
    return PartialAgreement.model_construct(**values)


# --- Pydantic errors → diagnostics -------------------------------------------------

_KINDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "decimal_type": "a number",
    "date_type": "a date",
}


def _describe(value: Any) -> str:
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | Decimal):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"text ({shown!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _yaml_path(loc: tuple[int | str, ...], data: Any) -> tuple[str | int, ...]:
    """Pydantic's ``loc`` without the tags it inserts for discriminated unions."""
    path: list[str | int] = []
    current = data
    for item in loc:
        if isinstance(current, dict):
            if item not in current and current.get("kind") == item:
                continue  # union tag, not a key
            path.append(item)
            current = current.get(item) if isinstance(item, str) else None
        elif isinstance(current, list) and isinstance(item, int):
            path.append(item)
            current = current[item] if 0 <= item < len(current) else None
        else:
            path.append(item)
            current = None
    return tuple(path)


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for item in path:
        if isinstance(item, str) and len(item) > 40:
            item = item[:39] + "…"  # a key of 80 000 characters is shown by its start
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else item)
    return text or "(top level)"


def convert_errors(
    exc: ValidationError, source: Source, root: type[BaseModel]
) -> Iterator[Diagnostic]:
    """Pydantic errors as located diagnostics, without repeats; no more than one past
    :data:`~iopctl.problems.diagnostic.MAX_PROBLEMS` (which then says there were more)."""
    return _convert_all(exc.errors(include_url=False), source, root)


def _convert_all(errors: list[Any], source: Source, root: type[BaseModel]) -> Iterator[Diagnostic]:
    seen: set[tuple[int, int, str, str]] = set()
    for err in errors:
        if len(seen) > MAX_PROBLEMS:
            return
        diagnostic = _convert(err, source, root)
        if diagnostic is None:
            continue
        key = (diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
        if key not in seen:
            seen.add(key)
            yield diagnostic


def _convert(err: Any, source: Source, root: type[BaseModel]) -> Diagnostic | None:
    path = _yaml_path(tuple(err["loc"]), source.data)
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    where = _dotted(path)
    if path in source.reported:
        return None  # the YAML reader already explained this value
    if kind.startswith("IOP"):
        return source.diagnostic(path, kind, f"{where}: {err['msg']}", str(ctx.get("hint", "")))
    if kind == "missing":
        name = path[-1]
        parent = _dotted(path[:-1])
        where_text = "at the top level" if not path[:-1] else f"in {parent}"
        return source.diagnostic(
            path[:-1],
            "IOP101",
            f"missing required field {name!r} {where_text}",
            f"add `{name}:`; see `iopctl schema` or docs/fields.md for what it holds",
        )
    if kind == "extra_forbidden":
        name = str(path[-1])
        allowed = _allowed_keys(path[:-1], source.data, root)
        hint = did_you_mean(name, allowed) or "remove it or check the spelling"
        return source.diagnostic(path, "IOP102", f"unknown field {where!r}", hint, at_key=True)
    scalar = source.scalars.get(path)
    if (
        kind == "string_type"
        and path
        and path[-1] == "org_number"
        and isinstance(value, int)
        and not isinstance(value, bool)
        and len(str(value)) == 10
    ):
        digits = str(value)
        return source.diagnostic(
            path,
            "IOP201",
            f"{where}: organisationsnummer {digits} is not written as NNNNNN-NNNN "
            "(YAML read it as a number)",
            f"write {digits[:6]}-{digits[6:]}",
        )
    if kind in _KINDS and scalar is not None and kind == "string_type":
        reading = {
            "boolean": f"the boolean {str(value).lower()}",
            "number": f"the number {value}",
            "date": "a date",
            "timestamp": "a date and time",
        }.get(scalar.kind, scalar.kind)
        return source.diagnostic(
            path,
            "IOP107",
            f"{where}: YAML read {scalar.text!r} as {reading}, but text was expected",
            f"put it in quotes: '{scalar.text}'",
        )
    if kind in _KINDS:
        return source.diagnostic(
            path,
            "IOP103",
            f"{where}: expected {_KINDS[kind]}, found {_describe(value)}",
            _type_hint(kind),
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return source.diagnostic(
            path,
            "IOP104",
            f"{where}: {_describe(value)} is not allowed; expected {expected}",
            "use one of the listed values exactly as written",
        )
    if kind == "union_tag_invalid":
        expected = ctx.get("expected_tags", "")
        return source.diagnostic(
            (*path, "kind"),
            "IOP104",
            f"{where}.kind: {ctx.get('tag')!r} is not a kind of contribution; expected {expected}",
            "use money, volunteer_hours or in_kind",
        )
    if kind == "union_tag_not_found":
        return source.diagnostic(
            path,
            "IOP101",
            f"missing required field 'kind' in {where}",
            "add `kind: money`, `kind: volunteer_hours` or `kind: in_kind`",
        )
    if kind in ("too_short", "too_long"):
        return source.diagnostic(path, "IOP104", f"{where}: {err['msg']}", "")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return source.diagnostic(
            path, "IOP104", f"{where}: {err['msg']} (found {_describe(value)})", ""
        )
    return source.diagnostic(path, "IOP104", f"{where}: {err['msg']}", "")


def _type_hint(kind: str) -> str:
    return {
        "string_type": "write text; quote values that YAML could read otherwise",
        "int_type": "write a whole number without quotes",
        "bool_type": "write true or false",
        "list_type": "write a list: one `- item` per line",
        "dict_type": "write a mapping of `key: value` lines",
        "model_type": "write a mapping of `key: value` lines",
        "model_attributes_type": "write a mapping of `key: value` lines",
        "decimal_type": "write a plain number",
        "date_type": "write a date as YYYY-MM-DD",
    }.get(kind, "")


def _allowed_keys(path: tuple[str | int, ...], data: Any, root: type[BaseModel]) -> list[str]:
    """Field names the model accepts at ``path`` (for did-you-mean hints)."""
    cls: Any = root
    current = data
    for item in path:
        if isinstance(item, int):
            current = current[item] if isinstance(current, list) else None
            continue
        current = current.get(item) if isinstance(current, dict) else None
        info = cls.model_fields.get(item) if cls is not None else None
        cls = _model_of(info.annotation, current) if info is not None else None
    if cls is None:
        return []
    return list(cls.model_fields)


def _model_of(annotation: Any, value: Any) -> Any:
    import typing

    candidates: list[Any] = []
    pending = [annotation]
    while pending:
        current = pending.pop(0)
        candidates.append(current)
        pending.extend(typing.get_args(current))
    sample = value[0] if isinstance(value, list) and value else value
    kind = sample.get("kind") if isinstance(sample, dict) else None
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            kind_field = candidate.model_fields.get("kind")
            if kind is not None and kind_field is not None:
                if kind in typing.get_args(kind_field.annotation):
                    return candidate
                continue
            return candidate
    return None


__all__ += ["YAML_SUFFIXES"]
