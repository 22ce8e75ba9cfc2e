"""``iopctl due --format json`` and ``--format csv``: the documented contracts."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from iopctl.present.events import full_title
from iopctl.present.safe import csv_writer
from iopctl.views.due import DueItem

__all__ = ["FIELDS", "decimal_text", "item_dict", "to_csv", "to_json"]

FIELDS: Final = ("agreement", "file", "kind", "date", "act_by", "status", "title", "amount")
"""Fields of one event in ``--format json`` and the columns of ``--format csv``."""


def decimal_text(amount: Decimal) -> str:
    """An amount as a plain decimal string: ``946995``, ``77750.50``."""
    if amount == amount.to_integral_value():
        return f"{amount.quantize(Decimal(1)):f}"
    return f"{amount:f}"


def item_dict(item: DueItem) -> dict[str, str | None]:
    e = item.event
    return {
        "agreement": e.agreement,
        "file": e.file,
        "kind": e.kind,
        "date": e.date.isoformat(),
        "act_by": e.act_by.isoformat(),
        "status": item.status,
        "title": full_title(e),
        "amount": decimal_text(e.amount) if e.amount is not None else None,
    }


def to_json(items: Sequence[DueItem], *, as_of: dt.date) -> str:
    doc = {"as_of": as_of.isoformat(), "events": [item_dict(item) for item in items]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_csv(items: Sequence[DueItem]) -> str:
    """Header row and one row per event, the JSON fields in the same order; UTF-8 text."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for item in items:
        row = item_dict(item)
        writer.writerow(["" if row[name] is None else row[name] for name in FIELDS])
    return buffer.getvalue()
