"""``iopctl due --format json`` and ``--format csv``: the documented contracts."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from iopctl.facts.compliance import Obligation
from iopctl.i18n import N_, _, ngettext
from iopctl.model.dates import PartialDate
from iopctl.present.columns import csv_header
from iopctl.present.events import full_title
from iopctl.present.numbers import kronor
from iopctl.present.safe import csv_writer, excel_dialect, json_text
from iopctl.views.due import DueItem

__all__ = [
    "FIELDS",
    "HISTORY_FIELDS",
    "decimal_text",
    "history_csv",
    "history_dict",
    "history_json",
    "history_rows",
    "history_summary",
    "history_text",
    "item_dict",
    "to_csv",
    "to_json",
]

FIELDS: Final = (
    "agreement",
    "file",
    "kind",
    "date",
    "act_by",
    "status",
    "title",
    "amount",
    "settled_on",
)
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
        "settled_on": _when(e.settled.on) if e.settled is not None else None,
    }


def _when(day: dt.date | PartialDate | None) -> str | None:
    if day is None:
        return None
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def to_json(items: Sequence[DueItem], *, as_of: dt.date) -> str:
    doc = {"as_of": as_of.isoformat(), "events": [item_dict(item) for item in items]}
    return json_text(doc)


def to_csv(items: Sequence[DueItem], *, excel: bool | None = None) -> str:
    """Header row and one row per event, the JSON fields in the same order; UTF-8 text
    (Swedish Excel's dialect when ``excel``, or by default in Swedish)."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n", excel=excel_dialect(excel))
    writer.writerow(csv_header(FIELDS))
    for item in items:
        row = item_dict(item)
        writer.writerow(["" if row[name] is None else row[name] for name in FIELDS])
    return buffer.getvalue()


# --- the record of what was due (``due --history``) ---------------------------------------

_KIND_WORDS: Final = {
    "follow_up": N_("follow-up"),
    "report": N_("report"),
    "payment": N_("payment"),
    "extension_decision": N_("decision on extension"),
}
_MET_WORDS: Final = {
    "on_time": N_("on time"),
    "late": N_("late"),
    "missed": N_("missed"),
    "unknown": N_("done (day not known)"),
}
_MET_COUNTS: Final = {
    "on_time": N_("{n} on time"),
    "late": N_("{n} late"),
    "missed": N_("{n} missed"),
    "unknown": N_("{n} done (day not known)"),
}
HISTORY_FIELDS: Final = (
    "agreement",
    "year",
    "kind",
    "what",
    "due",
    "done",
    "met",
    "days_late",
    "amount_due",
    "amount_paid",
)


def _what(o: Obligation) -> str:
    if o.kind == "follow_up":
        return _("follow-up {what}").format(what=o.what)
    if o.kind == "report":
        return _("report {title}").format(title=repr(o.what))
    if o.kind == "payment":
        shown = _("payment (contribution {what})").format(what=o.what)
        if o.amount_due is not None:
            shown += f" {kronor(o.amount_due)}"
        if o.amount_differs and o.amount_paid is not None:
            shown += ", " + _("paid {amount}").format(amount=kronor(o.amount_paid))
        return shown
    return _(_KIND_WORDS[o.kind])


def history_rows(obligations: Sequence[Obligation]) -> list[tuple[str, ...]]:
    """Rows of the ``--history`` table: agreement, year, what, due, done, how."""
    rows: list[tuple[str, ...]] = []
    for o in obligations:
        how = _(_MET_WORDS[o.met])
        if o.met == "late" and o.days_late is not None:
            how = ngettext("late by {n} day", "late by {n} days", o.days_late).format(n=o.days_late)
        rows.append(
            (o.agreement, str(o.year), _what(o), o.due.isoformat(), _when(o.done) or "–", how)
        )
    return rows


def history_summary(obligations: Sequence[Obligation]) -> str:
    """``12 due: 9 on time, 2 late, 1 missed``."""
    counts = {met: sum(1 for o in obligations if o.met == met) for met in _MET_WORDS}
    parts = [_(_MET_COUNTS[met]).format(n=n) for met, n in counts.items() if n]
    return _("{n} due: {counts}").format(
        n=len(obligations), counts=", ".join(parts) if parts else _("none")
    )


def history_text(obligations: Sequence[Obligation], *, as_of: dt.date, rule: str) -> str:
    """The ``due --history`` table with its heading and the count, as text."""
    from iopctl.present.due_text import HISTORY_COLUMNS, history_heading, nothing_was_due
    from iopctl.present.terminal import plain_table

    columns = [(_(c), "left") for c in HISTORY_COLUMNS]
    lines = plain_table(columns, history_rows(obligations), rule=rule)
    body = "\n".join(lines) if obligations else nothing_was_due()
    return f"{history_heading(as_of)}\n{body}\n{history_summary(obligations)}\n"


def history_dict(o: Obligation) -> dict[str, object]:
    return {
        "agreement": o.agreement,
        "year": o.year,
        "kind": o.kind,
        "what": o.what,
        "due": o.due.isoformat(),
        "done": _when(o.done),
        "met": o.met,
        "days_late": o.days_late,
        "amount_due": decimal_text(o.amount_due) if o.amount_due is not None else None,
        "amount_paid": decimal_text(o.amount_paid) if o.amount_paid is not None else None,
    }


def history_json(obligations: Sequence[Obligation], *, as_of: dt.date) -> str:
    doc = {"as_of": as_of.isoformat(), "obligations": [history_dict(o) for o in obligations]}
    return json_text(doc)


def history_csv(obligations: Sequence[Obligation], *, excel: bool | None = None) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n", excel=excel_dialect(excel))
    writer.writerow(csv_header(HISTORY_FIELDS))
    for o in obligations:
        row = history_dict(o)
        writer.writerow(["" if row[name] is None else row[name] for name in HISTORY_FIELDS])
    return buffer.getvalue()
