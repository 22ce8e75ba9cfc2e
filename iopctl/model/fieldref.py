"""The field reference (docs/fields.md), generated from the model so it cannot drift."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from iopctl.model.agreement import Agreement

__all__ = ["field_reference"]

_NAMES = {
    "Text": "text",
    "str": "text",
    "bool": "true/false",
    "int": "integer",
    "Decimal": "number",
    "date": "date (YYYY-MM-DD)",
    "Duration": "length ('6 months')",
}


def _integer_bounds(metadata: tuple[Any, ...]) -> str:
    """``integer 1–12`` or ``integer ≥ 0`` from an integer type's published JSON Schema."""
    from pydantic import WithJsonSchema

    for item in metadata:
        schema = item.json_schema if isinstance(item, WithJsonSchema) else None
        if isinstance(schema, dict) and schema.get("type") == "integer":
            low, high = schema.get("minimum"), schema.get("maximum")
            if low is not None and high is not None:
                return f"integer {low}–{high}"
            if low is not None:
                return f"integer ≥ {low}"
    return ""


def _type_name(annotation: Any, models: list[type[BaseModel]]) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base = args[0]
        metadata = " ".join(repr(a) for a in args[1:])
        if "_rounding_unit" in metadata:
            return "kronor > 0"
        if "_kronor" in metadata:
            return "kronor"
        if "_slug" in metadata:
            return "id"
        if "_hours" in metadata:
            return "number ≥ 0"
        if "_percent" in metadata:
            return "percent"
        bounds = _integer_bounds(args[1:])
        if bounds:
            return bounds
        if "discriminator" in metadata:
            return " \\| ".join(_type_name(a, models) for a in typing.get_args(base))
        return _type_name(base, models)
    if origin in (typing.Union, types.UnionType):
        parts = [_type_name(a, models) for a in args if a is not type(None)]
        return " \\| ".join(parts)
    if origin is list:
        return f"list of {_type_name(args[0], models)}"
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in models:
            models.append(annotation)
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    name = getattr(annotation, "__name__", str(annotation))
    return _NAMES.get(name, name)


def field_reference() -> str:
    """Markdown: one table per model, fields in declaration order."""
    models: list[type[BaseModel]] = [Agreement]
    out = [
        "# Agreement file fields",
        "",
        "Generated from `iopctl/model/agreement.py` by `iopctl schema --format markdown`; "
        "do not edit.",
        "Each description is given in Swedish / English. Fields that a document does not",
        "state are left out (or `null`): iopctl never fills them in. What an `active`",
        "agreement must state is checked by `iopctl validate` (codes IOP301–IOP305).",
        "",
        "Bounds (the JSON Schema publishes them and `iopctl validate` enforces them): dates",
        "from 1900-01-01 to 2199-12-31; lengths of time at most 100 years; kronor from 0 to",
        "below 10^12 with at most two decimals (a rounding unit above 0); hours and figures",
        "from 0 to below 10^9; percents above -100 and at most 100; at most 12 payment",
        "months. Any number is written in at most 32 characters.",
        "",
    ]
    done = 0
    while done < len(models):
        model = models[done]
        done += 1
        out += [f"## {model.__name__}", ""]
        if model.__doc__ and model is Agreement:
            out += [model.__doc__.strip(), ""]
        out += ["| field | type | required | description |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            annotation: Any = info.annotation
            if info.metadata:  # pydantic moves a bare Annotated's metadata here
                annotation = typing.Annotated[(annotation, *info.metadata)]
            kind = _type_name(annotation, models)
            required = "yes" if info.is_required() else ""
            description = (info.description or "").replace("|", "\\|")
            out.append(f"| `{name}` | {kind} | {required} | {description} |")
        out.append("")
    return "\n".join(out)
