"""``@frozen``: a dataclass frozen for the type checker and made at a plain dataclass's speed.

Python 3.11's frozen dataclass sets every field in ``__init__`` through
``object.__setattr__``: about four times a plain assignment (2.8 against 0.7 µs for
twelve fields), and the derived facts make hundreds of values an agreement — 10 % of
``due``'s and 11 % of ``list``'s instructions per file went there (issue #17,
docs/performance.md). A frozen class also compiles two more methods when it is made
(``__setattr__``, ``__delattr__``), at every start.

So iopctl's values are declared ``@frozen`` (or ``@frozen(slots=True)``): to mypy, which
checks the whole package in strict mode, it is ``dataclass(frozen=True)`` — an assignment
to a field is a type error, as before; at run time it is ``dataclass(unsafe_hash=True)``,
with the same fields, equality, hash, ordering, ``dataclasses.replace`` and pickling
(``tests/test_frozen.py`` holds both sides). Nothing outside the checked code can assign
either: templates run in a sandbox whose language has no attribute assignment. The
model's dataclasses (:mod:`iopctl.model`), which Pydantic also reads, stay
``dataclass(frozen=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["frozen"]

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, slots: bool = False, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True)
def frozen(cls: type[Any] | None = None, /, *, slots: bool = False, order: bool = False) -> Any:
    """``dataclass(frozen=True, …)`` to the type checker, ``dataclass(unsafe_hash=True,
    …)`` at run time (see the module's docstring)."""

    def make(c: type[T]) -> type[T]:
        return dataclass(c, unsafe_hash=True, slots=slots, order=order)

    return make if cls is None else make(cls)
