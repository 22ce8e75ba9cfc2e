"""What the template lint knows about types: a model field's annotation as element classes.

:func:`annotation_type` reads a field's annotation (``list[Party] | None`` → ``Party``, a
list); :func:`member_type` says what ``cls.attr`` is, or that there is no such member;
:func:`narrow` keeps the classes of a union whose literal ``kind`` matches a test.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from iopctl.documents.sandbox import model_members
from iopctl.frozen import frozen

__all__ = [
    "NOT_FOUND",
    "LintProblem",
    "Ty",
    "annotation_type",
    "field_names",
    "is_record",
    "member_type",
    "narrow",
]


@frozen(order=True)
class LintProblem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


@frozen
class Ty:
    """What an expression is, as far as the lint knows: element classes, and a list flag."""

    classes: tuple[Any, ...]
    is_list: bool = False

    def describe(self) -> str:
        names = " | ".join(getattr(c, "__name__", str(c)) for c in self.classes)
        return f"list[{names}]" if self.is_list else names


NOT_FOUND = object()


def annotation_type(annotation: Any) -> Ty | None:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return annotation_type(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        parts = [annotation_type(a) for a in get_args(annotation) if a is not type(None)]
        if not parts or any(p is None for p in parts):
            return None
        known = [p for p in parts if p is not None]
        if len({p.is_list for p in known}) != 1:
            return None
        classes = tuple(dict.fromkeys(c for p in known for c in p.classes))
        return Ty(classes, known[0].is_list)
    if origin in (list, tuple, Sequence, typing.Sequence):
        args = get_args(annotation)
        inner = annotation_type(args[0]) if args else None
        if inner is None or inner.is_list:
            return None
        return Ty(inner.classes, True)
    if origin is Literal:
        return Ty((str,))
    if isinstance(annotation, type):
        return Ty((annotation,))
    return None


def _literal_values(annotation: Any) -> set[Any] | None:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _literal_values(get_args(annotation)[0])
    if origin is Literal:
        return set(get_args(annotation))
    return None


def is_record(cls: Any) -> bool:
    return (isinstance(cls, type) and issubclass(cls, BaseModel)) or (
        isinstance(cls, type) and dataclasses.is_dataclass(cls)
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def member_type(cls: Any, attr: str) -> tuple[object, bool]:
    """(type of ``cls.attr`` or None when unknown, is a model field) or (NOT_FOUND, False)."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        if attr in cls.model_fields:
            return annotation_type(cls.model_fields[attr].annotation), True
        if attr in model_members(cls):
            return _callable_type(getattr(cls, attr, None)), False
        return NOT_FOUND, False
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        names = {f.name for f in dataclasses.fields(cls)}
        if attr in names:
            return annotation_type(_hints(cls)[attr]), False
        member = getattr(cls, attr, None)
        if isinstance(member, property) and not attr.startswith("_"):
            return _callable_type(member), False
        return NOT_FOUND, False
    if isinstance(cls, type) and not attr.startswith("_") and hasattr(cls, attr):
        return None, False
    return NOT_FOUND, False


def _callable_type(member: Any) -> Ty | None:
    function = member.fget if isinstance(member, property) else member
    if function is None or not callable(function):
        return None
    try:
        hints = typing.get_type_hints(function)
    except (NameError, TypeError):  # pragma: no cover - unresolvable annotations
        return None
    return annotation_type(hints.get("return"))


def field_names(cls: Any) -> list[str]:
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return sorted(model_members(cls))
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return sorted(f.name for f in dataclasses.fields(cls))
    return []


def narrow(classes: tuple[Any, ...], attr: str, wanted: Any) -> tuple[Any, ...]:
    kept = []
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return ()
        info = cls.model_fields.get(attr)
        if info is None:
            return ()
        values = _literal_values(info.annotation)
        if values is None:
            return ()
        if wanted in values:
            kept.append(cls)
    return tuple(kept)
