"""``iopctl list`` and ``iopctl show``: the portfolio and one agreement at a glance.

Both read the derived facts (:class:`iopctl.facts.Facts`): the term, the money of the
year, the deadlines (classified as ``due`` classifies them) and the economy table, so
the numbers are the ones ``due`` and ``economy`` show. The words are in
:mod:`iopctl.present.portfolio`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from iopctl.checks.validate import Validation, validate_each
from iopctl.facts import Facts, Sum, facts_of
from iopctl.facts.status import StatusOn
from iopctl.frozen import frozen
from iopctl.model.agreement import PartialAgreement
from iopctl.model.load import Loaded
from iopctl.model.types import Duration
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import Diagnostic
from iopctl.views.due import DueItem, deadlines_of
from iopctl.views.economy import AgreementEconomy, agreement_economy
from iopctl.views.rows import Describe, NextDeadline, Period, intern
from iopctl.views.spill import SortedRows

__all__ = [
    "WINDOW",
    "Overview",
    "Row",
    "Summary",
    "find",
    "items_of",
    "overview",
    "row_of",
    "summarise",
]

WINDOW = Duration(90, "days")
"""What counts as "due" for the next deadline in ``list`` and ``show`` (as ``due``)."""


@frozen(slots=True)
class Row:
    """One agreement in the portfolio: only what ``list`` shows of it, no model and no
    facts (:mod:`iopctl.views.rows`), so a portfolio of 100 000 stays small."""

    id: str
    file: str
    title: str
    status: StatusOn
    """Derived on the day (:mod:`iopctl.facts.status`)."""
    status_stated: str | None
    parties: tuple[str, ...]
    term: Period
    next_item: NextDeadline | None
    money: Sum | None
    errors: int
    warnings: int


@frozen
class Overview:
    """The portfolio on ``as_of``: :attr:`rows` by id (read from ``sorted_rows``, kept on
    disk beyond a few thousand: :mod:`iopctl.views.spill`), and the errors of the files
    that could not be listed."""

    as_of: dt.date
    sorted_rows: SortedRows[Row]
    unreadable: tuple[Diagnostic, ...]
    problems: Mapping[str, Sequence[Diagnostic]]
    """Each file's problems, the cross-file ones included (they are known only once every
    file was read, after its row was put away)."""

    def __len__(self) -> int:
        return len(self.sorted_rows)

    @property
    def rows(self) -> Iterator[Row]:
        """Every row, sorted by id, with its file's problems counted (may be read again)."""
        for row in self.sorted_rows:
            counts = _counts(self.problems.get(row.file, ()))
            if counts != (row.errors, row.warnings):  # cross-file problems: a new row
                row = replace(row, errors=counts[0], warnings=counts[1])
            yield row


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def _facts(loaded: Loaded, reference: ReferenceData, as_of: dt.date) -> Facts:
    facts = facts_of(loaded, as_of=as_of, reference=reference)
    assert facts is not None  # the agreement was read
    return facts


def items_of(facts: Facts) -> list[DueItem]:
    """The agreement's deadlines on ``facts.as_of``, classified as ``due`` does (due:
    within :data:`WINDOW`)."""
    return deadlines_of(facts, as_of=facts.as_of, last_due=WINDOW.add_to(facts.as_of))


def row_of(
    facts: Facts,
    diagnostics: Sequence[Diagnostic],
    items: Sequence[DueItem],
    describe: Describe | None = None,
) -> Row:
    """One agreement's row: its first deadline, its public money this year, its problems.

    ``describe`` gives the first deadline's title in words, for an output that shows it.
    """
    errors, warnings = _counts(diagnostics)
    agreement = facts.agreement
    return Row(
        id=facts.id,
        file=facts.file,
        title=agreement.title or "",
        status=facts.status.status,
        status_stated=intern(agreement.status) if agreement.status is not None else None,
        parties=tuple(intern(p.name) for p in agreement.parties),
        term=Period.of(facts.term),
        next_item=NextDeadline.of(items[0], describe) if items else None,
        money=facts.money_in(facts.as_of.year),
        errors=errors,
        warnings=warnings,
    )


@frozen(slots=True)
class _RowStep:
    """One file's row, made as the file is read (``None``: no id, nothing to list)."""

    as_of: dt.date
    describe: Describe | None

    def __call__(self, loaded: Loaded, reference: ReferenceData) -> Row | None:
        if loaded.agreement is None or loaded.agreement.id is None:
            return None
        facts = _facts(loaded, reference, self.as_of)
        return row_of(facts, loaded.diagnostics, items_of(facts), self.describe)


_PUT_AWAY = Row(
    "", "", "", "unknown", None, (), Period(None, None, None, None, None), None, None, 0, 0
)
"""What stays of a file whose row was put away with the others (:func:`overview`)."""


def overview(
    paths: Sequence[str],
    *,
    as_of: dt.date,
    index_files: Sequence[str] = (),
    jobs: int = 1,
    describe: Describe | None = None,
) -> tuple[Overview, Validation]:
    """``iopctl list``: a row per agreement, sorted by id, and the validation behind it.

    A row's problem counts include the cross-file ones, known once every file was read.
    ``describe``: the next deadline's title in words, for the outputs that show it.
    """
    step = _RowStep(as_of, describe)
    rows: SortedRows[Row] = SortedRows()

    def put_away(row: Row | None) -> Row | None:  # in file order, as each comes back
        if row is None:
            return None
        rows.add(row.id, row)
        return _PUT_AWAY

    validation, kept = validate_each(paths, step, index_files=index_files, jobs=jobs, fold=put_away)
    unreadable: list[Diagnostic] = []
    for file, listed in zip(validation.files, kept, strict=True):
        if listed is None:
            problems = validation.by_file.get(file, [])
            unreadable.extend(d for d in problems if d.is_error)
    view = Overview(as_of, rows, tuple(unreadable), validation.by_file)
    return view, validation


@frozen(slots=True)
class _Find:
    """The file whose id is wanted, whole; of the others, their id."""

    wanted: str

    def __call__(self, loaded: Loaded, reference: ReferenceData) -> Loaded | str | None:
        found = loaded.agreement.id if loaded.agreement is not None else None
        return loaded if found == self.wanted else found


def find(
    paths: Sequence[str], agreement_id: str, *, index_files: Sequence[str] = ()
) -> tuple[Loaded | None, list[str], Validation]:
    """The loaded file whose id is ``agreement_id`` (or None), the ids found before it
    (every id, sorted, when there is none), and the validation of every file."""
    validation, kept = validate_each(paths, _Find(agreement_id), index_files=index_files)
    ids: list[str] = []
    for file, found in zip(validation.files, kept, strict=True):
        if isinstance(found, Loaded):
            found.diagnostics = list(validation.by_file.get(file, []))
            return found, ids, validation
        if found is not None:
            ids.append(found)
    return None, sorted(ids), validation


@frozen
class Summary:
    loaded: Loaded
    facts: Facts
    items: tuple[DueItem, ...]
    economy: AgreementEconomy

    @property
    def agreement(self) -> PartialAgreement:
        return self.facts.agreement


def summarise(validation: Validation, loaded: Loaded, *, as_of: dt.date) -> Summary:
    facts = _facts(loaded, validation.reference, as_of)
    return Summary(loaded, facts, tuple(items_of(facts)), agreement_economy(facts, loaded))
