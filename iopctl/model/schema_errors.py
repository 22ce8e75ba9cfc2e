"""Pydantic's validation errors as located diagnostics in words a coordinator reads.

Each error becomes one :class:`~iopctl.problems.diagnostic.Diagnostic` at the line of the
value (or key) it is about, with a catalogue message (IOP101–IOP107) and a hint; repeats
are dropped and the count is bounded (:data:`~iopctl.problems.diagnostic.MAX_PROBLEMS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from iopctl.i18n import N_, Bilingual, Words
from iopctl.model.field_words import (
    SWEDISH_VALUES,
    field_in_words,
    is_model,
    label,
    swedish_key,
    walk,
)
from iopctl.present.suggest import closest, maybe_meant
from iopctl.problems.diagnostic import HINT, MAX_PROBLEMS, WORDS, Diagnostic
from iopctl.reading.source import Source

__all__ = ["convert_all", "convert_errors"]


_KINDS = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "bool_type": N_("true or false"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "model_attributes_type": N_("a mapping"),
    "decimal_type": N_("a number"),
    "date_type": N_("a date"),
}


def _describe(value: Any) -> Words:
    """What the file holds, in words ("a number (12)")."""
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return Words(N_("nothing (null)"))
    if isinstance(value, bool):
        return Words(N_("a boolean ({value})"), {"value": str(value).lower()})
    if isinstance(value, int | Decimal):
        return Words(N_("a number ({value})"), {"value": value})
    if isinstance(value, dt.date):
        return Words(N_("a date ({value})"), {"value": value.isoformat()})
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return Words(N_("text ({value!r})"), {"value": shown})
    if isinstance(value, list):
        return Words(N_("a list"))
    if isinstance(value, dict):
        return Words(N_("a mapping"))
    return Words(type(value).__name__)


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


def convert_errors(
    exc: ValidationError, source: Source, root: type[BaseModel]
) -> Iterator[Diagnostic]:
    """Pydantic errors as located diagnostics, without repeats; no more than one past
    :data:`~iopctl.problems.diagnostic.MAX_PROBLEMS` (which then says there were more)."""
    return convert_all(exc.errors(include_url=False), source, root)


def convert_all(errors: list[Any], source: Source, root: type[BaseModel]) -> Iterator[Diagnostic]:
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
    if path in source.reported:
        return None  # the YAML reader already explained this value
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    where = field_in_words(path, source.data, root)
    if kind.startswith("IOP"):
        return source.diagnostic(
            path,
            kind,
            N_("{where}: {problem}"),
            HINT,
            where=where,
            problem=ctx.get("words") or Words("{message}", {"message": err["msg"]}),
            hint_words=ctx.get("hint_words") or Words(str(ctx.get("hint", ""))),
        )
    if kind == "missing":
        return _missing(path, source, root)
    if kind == "extra_forbidden":
        return _unknown_key(path, source, root)
    found = _special(kind, path, source, value, where)
    if found is not None:
        return found
    if kind in _KINDS:
        return source.diagnostic(
            path,
            "IOP103",
            N_("{where}: expected {expected}, found {found}"),
            _type_hint(kind),
            where=where,
            expected=Words(_KINDS[kind]),
            found=_describe(value),
        )
    if kind == "literal_error":
        return _not_allowed(path, source, value, where, str(ctx.get("expected", "")))
    return _other(kind, err, path, source, value, where, ctx)


def _missing(path: tuple[str | int, ...], source: Source, root: type[BaseModel]) -> Diagnostic:
    name = path[-1]
    parent = path[:-1]
    info = _fields_at(parent, source.data, root).get(str(name))
    words = label(info.description) if info is not None else None
    return source.diagnostic(
        parent,
        "IOP101",
        (
            N_("missing required field {name!r} at the top level")
            if not parent
            else N_("missing required field {name!r} in {parent}")
        ),
        (
            N_("add `{name}:` ({words}); see `iopctl schema` or docs/fields.md for what it holds")
            if words is not None
            else N_("add `{name}:`; see `iopctl schema` or docs/fields.md for what it holds")
        ),
        name=name,
        parent=field_in_words(parent, source.data, root),
        words=words,
    )


def _unknown_key(path: tuple[str | int, ...], source: Source, root: type[BaseModel]) -> Diagnostic:
    """IOP102, with the field meant: by its English spelling, else by its Swedish words
    ("uppsägningstid" → ``termination.notice_period``)."""
    name = str(path[-1])
    allowed = list(_fields_at(path[:-1], source.data, root))
    hint: Words | None = maybe_meant(name, allowed)
    if hint is None:
        meant = swedish_key(name, allowed, root)
        if meant is not None:
            hint = Words(
                N_("{key!r} is {words}: write it as `{field}`"),
                {"key": name, "words": meant[1], "field": meant[0]},
            )
    parent = path[:-1]
    return source.diagnostic(
        path,
        "IOP102",
        N_("unknown field {key!r} in {parent}")
        if parent
        else N_("unknown field {key!r} at the top level"),
        WORDS,
        at_key=True,
        key=name if len(name) <= 40 else name[:39] + "…",
        parent=field_in_words(parent, source.data, root),
        words=hint or Words(N_("remove it or check the spelling")),
    )


def _special(
    kind: str, path: tuple[str | int, ...], source: Source, value: Any, where: Bilingual
) -> Diagnostic | None:
    """IOP201 for an organisationsnummer YAML read as a number; IOP107 for text YAML
    read as something else."""
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
            N_(
                "{where}: organisationsnummer {digits} is not written as NNNNNN-NNNN (YAML "
                "read it as a number)"
            ),
            N_("write {written}"),
            where=where,
            digits=digits,
            written=f"{digits[:6]}-{digits[6:]}",
        )
    if kind == "string_type" and scalar is not None:
        reading = {
            "boolean": Words(N_("the boolean {value}"), {"value": str(value).lower()}),
            "number": Words(N_("the number {value}"), {"value": value}),
            "date": Words(N_("a date")),
            "timestamp": Words(N_("a date and time")),
        }.get(scalar.kind, Words(scalar.kind))
        return source.diagnostic(
            path,
            "IOP107",
            N_("{where}: YAML read {text!r} as {reading}, but text was expected"),
            N_("put it in quotes: '{text}'"),
            where=where,
            text=scalar.text,
            reading=reading,
        )
    return None


def _not_allowed(
    path: tuple[str | int, ...], source: Source, value: Any, where: Bilingual, expected: str
) -> Diagnostic:
    """IOP104 for a value outside a fixed list, with the one meant (``aktiv`` → ``active``)."""
    choices = re.findall(r"'([^']*)'", expected)
    meant = None
    if isinstance(value, str):
        typed = value.strip().casefold()
        meant = SWEDISH_VALUES.get(typed)
        meant = meant if meant in choices else closest(typed, choices)
    return source.diagnostic(
        path,
        "IOP104",
        N_("{where}: {found} is not allowed; expected {expected}"),
        N_("write {meant!r}") if meant else N_("use one of the listed values exactly as written"),
        where=where,
        found=_describe(value),
        expected=", ".join(repr(choice) for choice in choices) if choices else expected,
        meant=meant,
    )


def _other(
    kind: str,
    err: Any,
    path: tuple[str | int, ...],
    source: Source,
    value: Any,
    where: Bilingual,
    ctx: Any,
) -> Diagnostic:
    if kind == "union_tag_invalid":
        return source.diagnostic(
            (*path, "kind"),
            "IOP104",
            N_("{where}: kind {tag!r} is not a kind of contribution; expected {expected}"),
            N_("use money, volunteer_hours or in_kind"),
            where=where,
            tag=ctx.get("tag"),
            expected=ctx.get("expected_tags", ""),
        )
    if kind == "union_tag_not_found":
        return source.diagnostic(
            path,
            "IOP101",
            N_("missing required field 'kind' in {where}"),
            N_("add `kind: money`, `kind: volunteer_hours` or `kind: in_kind`"),
            where=where,
        )
    if kind in ("too_short", "too_long"):
        return source.diagnostic(
            path,
            "IOP104",
            N_("{where}: {count} items; at least {low}")
            if kind == "too_short"
            else N_("{where}: {count} items; at most {high}"),
            "",
            where=where,
            count=ctx.get("actual_length", "?"),
            low=ctx.get("min_length", "?"),
            high=ctx.get("max_length", "?"),
        )
    if kind in _BOUNDS:
        return source.diagnostic(
            path,
            "IOP104",
            _BOUNDS[kind],
            "",
            where=where,
            limit=next(iter(ctx.values()), "?"),
            found=_describe(value),
        )
    # Pydantic's own sentence, quoted in English: a kind of error no file has shown yet.
    return source.diagnostic(
        path, "IOP104", N_("{where}: {detail}"), "", where=where, detail=err["msg"]
    )


_BOUNDS = {
    "greater_than_equal": N_("{where}: must be at least {limit} (found {found})"),
    "less_than_equal": N_("{where}: must be at most {limit} (found {found})"),
    "greater_than": N_("{where}: must be more than {limit} (found {found})"),
    "less_than": N_("{where}: must be less than {limit} (found {found})"),
}


def _type_hint(kind: str) -> str:
    return {
        "string_type": N_("write text; quote values that YAML could read otherwise"),
        "int_type": N_("write a whole number without quotes"),
        "bool_type": N_("write true or false"),
        "list_type": N_("write a list: one `- item` per line"),
        "dict_type": N_("write a mapping of `key: value` lines"),
        "model_type": N_("write a mapping of `key: value` lines"),
        "model_attributes_type": N_("write a mapping of `key: value` lines"),
        "decimal_type": N_("write a plain number"),
        "date_type": N_("write a date as YYYY-MM-DD"),
    }.get(kind, "")


def _fields_at(path: tuple[str | int, ...], data: Any, root: type[BaseModel]) -> dict[str, Any]:
    """The fields (name → Pydantic ``FieldInfo``) the model accepts at ``path``."""
    cls: Any = root
    for step in walk(path, data, root):
        if isinstance(step.item, str) and step.info is None:
            return {}
        cls = step.cls
    return dict(cls.model_fields) if is_model(cls) else {}
