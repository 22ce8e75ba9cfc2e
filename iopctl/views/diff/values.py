"""Values as data for ``iopctl diff``: JSON-ready values, a field's default, and when two
texts mean the same. No words: :mod:`iopctl.present.words` makes those."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration

__all__ = ["default_value", "same_text", "to_json"]


def to_json(value: Any) -> Any:
    """JSON-ready data: Decimal → decimal string, dates → ISO, lengths → '6 months'."""
    if isinstance(value, BaseModel):
        return {
            name: to_json(getattr(value, name))
            for name, info in type(value).model_fields.items()
            if getattr(value, name) != default_value(info)
        }
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Duration | PartialDate):
        return str(value)
    return value


def default_value(info: Any) -> Any:
    if info.default_factory is not None:
        return info.default_factory()
    if info.default is PydanticUndefined:
        return None
    return info.default


def same_text(old: str, new: str) -> bool:
    """Texts mean the same when their words are the same (wrapping does not count)."""
    return old.split() == new.split()
