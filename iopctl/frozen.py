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

Python 3.11's ``dataclass`` also writes and compiles each method it makes separately,
about 0.45 M instructions each, and iopctl makes 140 of these classes as its modules are
imported. So only ``__init__`` is generated per class (a one-file ``validate`` went from
984 to 900 M instructions, a one-file ``due`` from 1 067 to 953 M); equality, the hash
and the ``repr`` are three shared functions that read the class's fields through one
``operator.attrgetter`` (the fields with ``compare``, as ``dataclass`` compares and
hashes them; with ``repr``, as it shows them). A class that defines one of them keeps its
own; ``order=True`` takes the full ``dataclass``.

A value pickles as its class and its fields, in ``__init__``'s order, and is made again
by ``__init__`` (a shared ``__reduce__``): not as a generic object whose state (a dict, or
its slots one by one) is written and set back attribute by attribute. ``due``, ``economy``
and ``list`` pickle their rows when they sort them on disk past 10 000 and when
``--jobs`` sends them between processes: an ``economy`` line is a quarter smaller (321
bytes, not 429), written in about four fifths of the time and read in about three fifths,
and ``economy`` with its lines spilled runs 7.03 → 6.88 M instructions a file
(``benchmarks/instructions.py``). A class with a field ``__init__`` does not take, or its
own pickling methods, pickles as before.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform, overload

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
        if order:
            return dataclass(c, unsafe_hash=True, slots=slots, order=True)
        body = vars(c)
        own = {name for name in ("__eq__", "__hash__", "__repr__") if name in body}
        pickles = not _PICKLING.isdisjoint(body)
        if body.get("__hash__", 0) is None and "__eq__" in own:
            own.discard("__hash__")  # None only because the class defines __eq__
        made = dataclass(c, eq=False, repr=False, slots=slots)
        every = fields(cast(Any, made))
        names = [f.name for f in every]
        compared = [f.name for f in every if f.compare]
        getter = staticmethod(_getter(compared))
        shared = {
            "__compared__": getter,
            "__shown__": tuple(f.name for f in every if f.repr),
            "__eq__": _eq,
            "__hash__": _hash,
            "__repr__": _repr,
        }
        if not pickles and all(f.init for f in every):
            shared["__made__"] = getter if compared == names else staticmethod(_getter(names))
            shared["__reduce__"] = _reduce
        for name, value in shared.items():
            if name not in own:
                setattr(made, name, value)
        return made

    return make if cls is None else make(cls)


_PICKLING = frozenset(
    {"__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__getnewargs__"}
)
"""A class that defines one of these pickles its own way."""


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the named fields, as ``dataclass``'s methods build it."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self.__compared__(self) == other.__compared__(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__compared__(self))


def _reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    return self.__class__, self.__made__(self)


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__shown__)
    return f"{self.__class__.__qualname__}({shown})"
