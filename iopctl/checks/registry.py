"""How domain checks are declared: :func:`check` registers one in :data:`CHECKS`.

A check is a function of a :class:`Context` that yields diagnostics, registered with the
top-level fields it reads (``needs``). :data:`CHECKS` is the single registry, and
:func:`iopctl.checks.domain.run_checks` runs the checks in the order they were registered: those
of :mod:`iopctl.checks.domain`, then those of :mod:`iopctl.checks.completeness`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from iopctl.facts.term import Term, term_of
from iopctl.model.agreement import PartialAgreement
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.reading.source import Path, Source

__all__ = ["CHECKS", "CheckFn", "Context", "check"]


@dataclass(frozen=True, slots=True)
class Context:
    agreement: PartialAgreement
    source: Source
    known_indices: frozenset[str]
    cache: dict[str, Any] = field(default_factory=dict)  # facts several checks share

    @property
    def term(self) -> Term:
        """The agreement's term (:func:`iopctl.facts.term.term_of`), derived once."""
        term = self.cache.get("term")
        if term is None:
            term = self.cache["term"] = term_of(self.agreement)
        assert isinstance(term, Term)
        return term

    def error(self, path: Path, code: str, message: str, hint: str = "") -> Diagnostic:
        return self.source.diagnostic(path, code, message, hint)

    def warning(self, path: Path, code: str, message: str, hint: str = "") -> Diagnostic:
        return self.source.diagnostic(path, code, message, hint, severity=Severity.WARNING)


CheckFn = Callable[[Context], Iterator[Diagnostic]]
CHECKS: list[tuple[frozenset[str], CheckFn]] = []


def check(*needs: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS.append((frozenset(needs), fn))
        return fn

    return register
