"""``iopctl site`` as data, one agreement at a time.

A site of 10 000 agreements is drawn without holding them: :class:`AgreementStream`
loads, checks and derives one agreement, hands it over (:class:`AgreementData`: what its
page and the portfolio pages need), and lets it go before the next. What the portfolio
pages keep is small: the money per deciding body and organisation
(:class:`~iopctl.views.economy.portfolio.Totals`, sums only) and what the site package
keeps of each row.

The checks are ``validate``'s: each file on its own (:func:`~iopctl.checks.validate.check_file`),
then, after the pass, the cross-file checks on the few files that can have such a problem
(:func:`~iopctl.checks.repository.cross_file_problems`, which ``validate`` runs too); each
file they find a problem in is handed over once more with ``revised`` set. Every file thus
ends with exactly the problems ``iopctl validate`` reports for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from iopctl.checks.repository import Keys, cross_file_problems, keys_of
from iopctl.checks.validate import check_file, rare_full_collections
from iopctl.facts import Facts, facts_of
from iopctl.facts.compliance import Obligation, obligations
from iopctl.frozen import frozen
from iopctl.model.load import Loaded, discover
from iopctl.money.reference import ReferenceData, load_reference
from iopctl.problems.diagnostic import Diagnostic, sort_key
from iopctl.views.due import DueItem
from iopctl.views.economy import (
    AgreementEconomy,
    agreement_economy,
)
from iopctl.views.portfolio import Row, items_of, row_of

__all__ = [
    "AgreementData",
    "AgreementStream",
    "Unreadable",
    "agreement_data",
    "within",
]


@frozen(slots=True)
class AgreementData:
    """One agreement, as its page and the portfolio pages need it.

    ``items`` are its deadlines classified as ``due`` does (overdue, due within 90 days,
    upcoming to the end); ``economy`` is ``None`` when its parties or id did not
    validate (no amount could be attributed to anyone); ``record`` is what was due by
    ``as_of`` and how it was met (:func:`iopctl.facts.compliance.obligations`, the same
    as ``due --history``). ``revised``: handed over again after the cross-file checks.
    """

    loaded: Loaded
    facts: Facts
    row: Row
    items: tuple[DueItem, ...]
    economy: AgreementEconomy | None
    record: tuple[Obligation, ...]
    diagnostics: tuple[Diagnostic, ...]
    revised: bool = False

    @property
    def id(self) -> str:
        return self.facts.id


@frozen(slots=True)
class Unreadable:
    """A file with no agreement id that could be read: only its problems can be shown."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    revised: bool = False


def within(items: Sequence[DueItem], last: dt.date) -> tuple[DueItem, ...]:
    """Overdue items, and the others whose act-by date is on or before ``last``."""
    return tuple(i for i in items if i.status == "overdue" or i.event.act_by <= last)


def agreement_data(
    loaded: Loaded,
    *,
    as_of: dt.date,
    reference: ReferenceData,
    assume: Decimal | None = None,
    revised: bool = False,
) -> AgreementData | Unreadable:
    """The derived facts of one checked file (as ``list``, ``show`` and ``economy``)."""
    diagnostics = tuple(sorted(loaded.diagnostics, key=sort_key))
    agreement = loaded.agreement
    if agreement is None or agreement.id is None:
        return Unreadable(loaded.file, diagnostics, revised)
    facts = facts_of(loaded, as_of=as_of, reference=reference, assume=assume)
    assert facts is not None  # the agreement was read
    items = items_of(facts)
    economy = None
    if "" not in loaded.failed and not {"id", "parties"} & loaded.failed:
        economy = agreement_economy(facts, loaded)
    return AgreementData(
        loaded=loaded,
        facts=facts,
        row=row_of(facts, diagnostics, items),
        items=tuple(items),
        economy=economy,
        record=tuple(obligations(facts)),
        diagnostics=diagnostics,
        revised=revised,
    )


@dataclass
class AgreementStream:
    """Every agreement under ``paths``, one at a time (iterate once).

    ``problems`` are those of inputs that are not agreements (index files, refused
    links), known before the first agreement is read.
    """

    paths: Sequence[str]
    as_of: dt.date
    index_files: Sequence[str] = ()
    assume: Decimal | None = None
    files: list[str] = field(init=False)
    reference: ReferenceData = field(init=False)
    problems: list[Diagnostic] = field(init=False)

    def __post_init__(self) -> None:
        from iopctl.reading.root import find_root

        self.files, refused = discover(self.paths)
        self.reference, problems = load_reference(
            self.index_files, search_dir=str(find_root(self.paths))
        )
        self.problems = sorted([*problems, *refused], key=sort_key)

    def _data(self, loaded: Loaded, revised: bool = False) -> AgreementData | Unreadable:
        return agreement_data(
            loaded, as_of=self.as_of, reference=self.reference, assume=self.assume, revised=revised
        )

    def __iter__(self) -> Iterator[AgreementData | Unreadable]:
        # Checked as of today, as `validate` checks them: the status a file states is about
        # now, not about the day the site is drawn for (`as_of`). One day for the run.
        from iopctl.clock import today_stockholm

        today = today_stockholm()
        keys: list[Keys] = []
        with rare_full_collections():
            for file in self.files:
                loaded = check_file(file, self.reference, as_of=today)
                found = keys_of(loaded)
                if found is not None:
                    keys.append(found)
                yield self._data(loaded)
                del loaded
        yield from self._cross_file(keys, today)

    def _cross_file(self, keys: list[Keys], today: dt.date) -> Iterator[AgreementData | Unreadable]:
        """The files with a cross-file problem (:func:`cross_file_problems`, as
        ``validate`` finds them), handed over again with it."""
        checked: dict[str, Loaded] = {}

        def load(file: str) -> Loaded:
            checked[file] = check_file(file, self.reference, as_of=today)
            return checked[file]

        across = cross_file_problems(keys, load)
        for k in keys:  # in the order read
            extra = across.get(k.file)
            if extra:
                item = checked[k.file]
                item.diagnostics.extend(extra)
                yield self._data(item, revised=True)
