"""Path → agreement plus diagnostics with file, line and column.

Finding the files is :mod:`iopctl.model.discover`; turning Pydantic's errors into
diagnostics is :mod:`iopctl.model.schema_errors`.

Validation runs once on the whole file. When it fails, each top-level field
is validated on its own so that the fields that *are* valid can still be
checked (see :mod:`iopctl.checks.run`): that is how every independent problem is
reported while checks that depend on a broken field are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from iopctl.i18n import N_
from iopctl.model.agreement import Agreement, PartialAgreement
from iopctl.model.compiled import validator
from iopctl.model.dates import earliest, latest
from iopctl.model.discover import YAML_SUFFIXES, discover
from iopctl.model.schema_errors import convert_all, convert_errors
from iopctl.problems.diagnostic import Diagnostic, limit_problems
from iopctl.reading.source import Source, load, load_file

__all__ = [
    "YAML_SUFFIXES",
    "Loaded",
    "convert_errors",
    "discover",
    "load_agreement",
    "load_agreement_bytes",
]


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
    derived: object = field(default=None, repr=False, compare=False)
    """What :func:`iopctl.facts.facts_of` last derived from the file (its facts), so the
    checks and the command that reads the file after them share one derivation. Not
    pickled: a worker process sends back what a command keeps, never the derivation."""

    def __getstate__(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "derived"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.derived = None

    @property
    def valid(self) -> Agreement | None:
        """The agreement when the whole file validated against the schema."""
        agreement = self.agreement
        return agreement if isinstance(agreement, Agreement) and not self.failed else None

    @property
    def valid_schema(self) -> bool:
        return self.valid is not None


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
        agreement = validator()(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)  # once: 480 000 of them are 300 MB
        diagnostics = problems + list(convert_all(errors, source, Agreement))
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
        N_(
            "{payments} payment dates and {reports} reports a year over {years} years are "
            "{value:,} dates; at most {MAX_SCHEDULED:,} are computed"
        ),
        N_("check the period and the payment months (a century of monthly payments?)"),
        payments=payments,
        reports=reports,
        years=years,
        value=(payments + reports) * years,
        MAX_SCHEDULED=MAX_SCHEDULED,
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
