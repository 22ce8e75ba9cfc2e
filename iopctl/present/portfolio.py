"""``iopctl list`` and ``iopctl show`` in words: the table, JSON, CSV and the summary."""

from __future__ import annotations

import datetime as dt
import io

from iopctl.i18n import N_, _, ngettext
from iopctl.model.dates import PartialDate
from iopctl.present.calendar_words import long_date
from iopctl.present.columns import csv_header
from iopctl.present.due import item_dict
from iopctl.present.history import period_text, status_word, when_text
from iopctl.present.numbers import kronor
from iopctl.present.safe import csv_writer, excel_dialect, json_text
from iopctl.present.terminal import Rows
from iopctl.views.portfolio import Overview, Row, Summary
from iopctl.views.rows import NextDeadline

__all__ = ["KIND_WORDS", "list_csv", "list_heading", "list_json", "list_table", "show_json"]

KIND_WORDS = {
    "follow_up": N_("follow-up"),
    "notice_deadline": N_("notice"),
    "extension_decision": N_("extension decision"),
    "expiry": N_("end"),
    "payment": N_("payment"),
    "report": N_("report"),
    "signature": N_("signature"),
    "index_needed": N_("index figure"),
    "incomplete": N_("incomplete"),
}
"""Event kinds in the ``next deadline`` column (the kind codes stay in JSON and CSV)."""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _when(day: dt.date | PartialDate | None) -> str | None:
    return None if day is None else when_text(day)


def _period(row: Row) -> str:
    return period_text(row) or _("not known")


def _state(row: Row) -> str:
    if row.errors:
        return ngettext("{n} error", "{n} errors", row.errors).format(n=row.errors)
    if row.warnings:
        warnings = ngettext("{n} warning", "{n} warnings", row.warnings)
        return _("valid, {warnings}").format(warnings=warnings.format(n=row.warnings))
    return _("valid")


def _next_text(item: NextDeadline | None) -> str:
    if item is None:
        return "–"
    return next_deadline_text(item)


def _money_text(row: Row) -> str:
    """Public money of the year: "–" when there is none, "unknown" when none is known,
    "about" when approximate, "+ ?" when part is unknown; conditional money beside it."""
    money = row.money
    if money is None:
        return "–"
    if money.amount is None and money.estimated is None:
        text = _("unknown") if money.unknown else "–"
    else:
        parts = [kronor(money.amount)] if money.amount is not None else []
        if money.estimated is not None:
            parts.append(_("{amount} (estimate)").format(amount=kronor(money.estimated)))
        text = " + ".join(parts)
        if money.approximate:
            text = _("about {amount}").format(amount=text)
        text += " + ?" if money.unknown else ""
    if money.conditional is not None:
        text += " " + _("(+ {amount} conditional)").format(amount=kronor(money.conditional))
    elif money.conditional_unknown:
        text += " " + _("(+ conditional, amount unknown)")
    return text


def list_table(view: Overview) -> tuple[tuple[tuple[str, str], ...], Rows]:
    """Columns and rows for the text table (the rows are made as they are written)."""
    columns: tuple[tuple[str, str], ...] = (
        (_("agreement"), "left"),
        (_("status"), "left"),
        (_("parties"), "left"),
        (_("period"), "left"),
        (_("next deadline (act by)"), "left"),
        (_("money {year}").format(year=view.as_of.year), "right"),
        (_("validation"), "left"),
    )
    return columns, Rows(lambda: (_cells(r) for r in view.rows))


def _cells(r: Row) -> tuple[str, ...]:
    return (
        r.id,
        status_word(r.status),
        ", ".join(r.parties),
        _period(r),
        _next_text(r.next_item),
        _money_text(r),
        _state(r),
    )


def _row_dict(r: Row) -> dict[str, object]:
    item = r.next_item
    money = r.money
    return {
        "id": r.id,
        "file": r.file,
        "title": r.title,
        "status": r.status,
        "status_stated": r.status_stated,
        "parties": list(r.parties),
        "start": _when(r.term.start_when),
        "end": _iso(r.term.last_day),
        "next_deadline": None
        if item is None
        else {
            "kind": item.kind,
            "date": item.date.isoformat(),
            "act_by": item.act_by.isoformat(),
            "status": item.status,
            "days_left": item.days_left,
            "title": item.title,
        },
        "money_this_year": f"{money.amount:f}"
        if money is not None and money.amount is not None
        else None,
        "money_complete": money.complete if money is not None else None,
        "money_approximate": money.approximate if money is not None else None,
        "money_conditional": f"{money.conditional:f}"
        if money is not None and money.conditional is not None
        else None,
        "estimate": money.estimate if money is not None else False,
        "money_estimated": f"{money.estimated:f}"
        if money is not None and money.estimated is not None
        else None,
        "errors": r.errors,
        "warnings": r.warnings,
    }


def list_heading(view: Overview) -> str:
    """``Avtal per 1 juni 2021 (5)``."""
    return _("Agreements as of {day} ({n})").format(day=long_date(view.as_of), n=len(view))


def next_deadline_text(item: NextDeadline) -> str:
    """``uppföljning 2020-12-30 (-153 d)``: the kind in words, the act-by day, days left."""
    kind = _(KIND_WORDS.get(item.kind, item.kind))
    return f"{kind} {item.act_by} ({item.days_left:+d} " + _("d") + ")"


def list_json(view: Overview) -> str:
    doc = {"as_of": view.as_of.isoformat(), "agreements": [_row_dict(r) for r in view.rows]}
    return json_text(doc)


LIST_CSV_COLUMNS = (
    "id",
    "status",
    "status_stated",
    "parties",
    "start",
    "end",
    "next_kind",
    "next_act_by",
    "days_left",
    "money_this_year",
    "estimate",
    "errors",
    "warnings",
    "file",
)


def list_csv(view: Overview, *, excel: bool | None = None) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n", excel=excel_dialect(excel))
    writer.writerow(csv_header(LIST_CSV_COLUMNS))
    for r in view.rows:
        d = _row_dict(r)
        item = r.next_item
        writer.writerow(
            [
                r.id,
                d["status"],
                r.status_stated or "",
                "; ".join(r.parties),
                d["start"] or "",
                d["end"] or "",
                item.kind if item else "",
                item.act_by.isoformat() if item else "",
                item.days_left if item else "",
                d["money_this_year"] or "",
                "yes" if d["estimate"] else "",
                r.errors,
                r.warnings,
                r.file,
            ]
        )
    return buffer.getvalue()


def show_json(summary: Summary, *, as_of: dt.date) -> str:
    a, term = summary.agreement, summary.facts.term
    doc = {
        "as_of": as_of.isoformat(),
        "id": summary.facts.id,
        "file": summary.facts.file,
        "title": a.title or "",
        "status": summary.facts.status.status,
        "status_stated": a.status,
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "sector": p.sector,
                "org_number": p.org_number,
                "confirmed": p.confirmed,
            }
            for p in a.parties
        ],
        "start": _when(term.start_when),
        "end": _iso(term.last_day),
        "years": [
            {
                "year": y.year,
                "contributions": [
                    {
                        "party": c.party,
                        "kind": c.kind,
                        "amount": f"{c.amount:f}" if c.amount is not None else None,
                        "estimate": c.estimate,
                        "qualifier": c.row.qualifier,
                        "conditional": c.row.conditional,
                    }
                    for c in y.contributions
                ],
            }
            for y in summary.economy.years
        ],
        "deadlines": [item_dict(item) for item in summary.items],
        "follow_ups": [{"date": r.date.isoformat(), "title": r.title} for r in a.follow_ups],
        "history": [
            {"date": _when(r.entry.date), "kind": r.entry.kind, "path": list(r.path)}
            for r in summary.facts.timeline.entries
        ],
        "acknowledged": [
            {"code": ack.code, "field": ack.field, "reason": ack.reason} for ack in a.acknowledged
        ],
        "problems": [d.to_dict() for d in summary.loaded.diagnostics],
    }
    return json_text(doc)
