""":class:`once`: ``functools.cached_property`` without the lock Python 3.11 takes.

Every fact of :class:`iopctl.facts.Facts` is computed on first use and stored in the
instance. Python 3.11's ``cached_property`` takes a lock on every first use (Python
3.12 dropped it: it serialised all instances); ten facts per file on every file made it
a measurable part of ``validate``. A :class:`Facts` belongs to one thread, so the
descriptor below is the 3.12 behaviour: compute, store in ``__dict__``, and from then on
the stored value is found before the descriptor is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["once"]

T = TypeVar("T")


class once(Generic[T]):  # lower case: a decorator, like cached_property
    """A value computed by the method on first access and kept in the instance."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        value = self.fn(instance)
        instance.__dict__[self.name] = value
        return value
