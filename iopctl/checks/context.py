"""What a domain check is given (:class:`Context`) and how one is declared (:func:`check`).

A check is a function of a :class:`Context` that yields diagnostics. :func:`check` wraps
it in a :class:`Check` that also records the top-level fields it reads (``needs``), so a
check whose fields did not validate is skipped instead of piling follow-on errors onto a
schema error. Declaring a check does not make it run: :data:`iopctl.checks.run.CHECKS`
lists every check in run order, explicitly, so the order of the diagnostics is visible
in one place and never depends on which module happened to be imported first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import field
from typing import TYPE_CHECKING, Any

from iopctl.facts import Facts, facts_of
from iopctl.facts.term import Term
from iopctl.frozen import frozen
from iopctl.model.agreement import PartialAgreement
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.reading.source import Path, Source

if TYPE_CHECKING:
    from iopctl.model.load import Loaded
    from iopctl.money.reference import ReferenceData

__all__ = ["Check", "CheckFn", "Context", "check"]


@frozen(slots=True)
class Context:
    """One agreement as the checks see it, with its derived facts (built on first use).

    ``as_of`` is the day the checks judge by: what the status should be, which history
    entries are known. ``reference`` holds the index figures, for checks that compare an
    amount paid with the amount due.
    """

    agreement: PartialAgreement
    source: Source
    known_indices: frozenset[str]
    loaded: Loaded
    """The file the agreement was loaded from: its facts are kept there for the command
    that reads the file after the checks (:func:`iopctl.facts.facts_of`)."""
    as_of: dt.date = field(default_factory=dt.date.today)
    reference: ReferenceData | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # the facts, built once

    @property
    def facts(self) -> Facts:
        """The derived facts (:class:`iopctl.facts.Facts`), the same every command reads."""
        facts = self.cache.get("facts")
        if facts is None:
            facts = self.cache["facts"] = facts_of(
                self.loaded, as_of=self.as_of, reference=self.reference
            )
        assert isinstance(facts, Facts)
        return facts

    @property
    def term(self) -> Term:
        """The agreement's term with everything the file records, whatever ``as_of``
        (:attr:`iopctl.facts.Facts.recorded_term`): checks of the file's own consistency."""
        return self.facts.recorded_term

    def error(self, path: Path, code: str, message: str, hint: str = "", **args: Any) -> Diagnostic:
        """An error at ``path``: ``message`` and ``hint`` are ids (``N_``), ``args`` fill them."""
        return self.source.diagnostic(path, code, message, hint, **args)

    def warning(
        self, path: Path, code: str, message: str, hint: str = "", **args: Any
    ) -> Diagnostic:
        return self.source.diagnostic(path, code, message, hint, severity=Severity.WARNING, **args)


CheckFn = Callable[[Context], Iterator[Diagnostic]]


@frozen(slots=True)
class Check:
    """A check and the top-level fields it reads: it runs only if all of them validated."""

    name: str
    needs: frozenset[str]
    run: CheckFn


def check(*needs: str) -> Callable[[CheckFn], Check]:
    """Declare a check that reads the top-level fields ``needs`` (list it in ``CHECKS``)."""

    def declare(fn: CheckFn) -> Check:
        return Check(fn.__name__, frozenset(needs), fn)

    return declare
