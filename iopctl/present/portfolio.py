"""``iopctl list`` and ``iopctl show`` in words: the table, JSON, CSV and the summary."""

from __future__ import annotations

import datetime as dt
import io

from iopctl.model.dates import PartialDate
from iopctl.present.due import item_dict
from iopctl.present.economy_parts import amount_cell
from iopctl.present.economy_words import amount_note, note_text
from iopctl.present.events import full_title
from iopctl.present.history import (
    STATUS_WORDS,
    history_lines,
    last_day_text,
    period_text,
    status_text,
    when_text,
)
from iopctl.present.numbers import kronor
from iopctl.present.safe import csv_writer, json_text
from iopctl.views.due import DueItem
from iopctl.views.portfolio import Overview, Row, Summary

__all__ = ["list_csv", "list_json", "list_table", "show_json", "show_lines"]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _when(day: dt.date | PartialDate | None) -> str | None:
    return None if day is None else when_text(day)


def _period(row: Row) -> str:
    return period_text(row.facts) or "not known"


def _state(row: Row) -> str:
    if row.errors:
        return f"{row.errors} error{'s' if row.errors != 1 else ''}"
    if row.warnings:
        return f"valid, {row.warnings} warning{'s' if row.warnings != 1 else ''}"
    return "valid"


def _next_text(item: DueItem | None) -> str:
    if item is None:
        return "–"
    return f"{item.event.kind} {item.event.act_by} ({item.days_left:+d} d)"


def _money_text(row: Row) -> str:
    """Public money of the year: "–" when there is none, "unknown" when none is known,
    "about" when approximate, "+ ?" when part is unknown; conditional money beside it."""
    money = row.money
    if money is None:
        return "–"
    if money.amount is None and money.estimated is None:
        text = "unknown" if money.unknown else "–"
    else:
        parts = [kronor(money.amount)] if money.amount is not None else []
        if money.estimated is not None:
            parts.append(f"{kronor(money.estimated)} (estimate)")
        text = ("about " if money.approximate else "") + " + ".join(parts)
        text += " + ?" if money.unknown else ""
    if money.conditional is not None:
        text += f" (+ {kronor(money.conditional)} conditional)"
    elif money.conditional_unknown:
        text += " (+ conditional, amount unknown)"
    return text


def list_table(view: Overview) -> tuple[tuple[tuple[str, str], ...], list[tuple[str, ...]]]:
    """Columns and rows for the text table."""
    columns: tuple[tuple[str, str], ...] = (
        ("agreement", "left"),
        ("status", "left"),
        ("parties", "left"),
        ("period", "left"),
        ("next deadline", "left"),
        (f"money {view.as_of.year}", "right"),
        ("validation", "left"),
    )
    rows: list[tuple[str, ...]] = [
        (
            r.id,
            STATUS_WORDS[r.facts.status.status],
            ", ".join(p.name for p in r.agreement.parties),
            _period(r),
            _next_text(r.next_item),
            _money_text(r),
            _state(r),
        )
        for r in view.rows
    ]
    return columns, rows


def _row_dict(r: Row) -> dict[str, object]:
    item = r.next_item
    money = r.money
    return {
        "id": r.id,
        "file": r.facts.file,
        "title": r.agreement.title or "",
        "status": r.facts.status.status,
        "status_stated": r.agreement.status,
        "parties": [p.name for p in r.agreement.parties],
        "start": _when(r.facts.term.start_when),
        "end": _iso(r.facts.term.last_day),
        "next_deadline": None
        if item is None
        else {
            "kind": item.event.kind,
            "date": item.event.date.isoformat(),
            "act_by": item.event.act_by.isoformat(),
            "status": item.status,
            "days_left": item.days_left,
            "title": full_title(item.event),
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


def list_csv(view: Overview) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(LIST_CSV_COLUMNS)
    for r in view.rows:
        d = _row_dict(r)
        item = r.next_item
        writer.writerow(
            [
                r.id,
                d["status"],
                r.agreement.status or "",
                "; ".join(p.name for p in r.agreement.parties),
                d["start"] or "",
                d["end"] or "",
                item.event.kind if item else "",
                item.event.act_by.isoformat() if item else "",
                item.days_left if item else "",
                d["money_this_year"] or "",
                "yes" if d["estimate"] else "",
                r.errors,
                r.warnings,
                r.facts.file,
            ]
        )
    return buffer.getvalue()


# --- show ---------------------------------------------------------------------------------


def _party_name(summary: Summary, party_id: str | None) -> str:
    party = summary.agreement.party(party_id) if party_id else None
    return party.name if party else (party_id or "")


def _head_lines(summary: Summary) -> list[str]:
    a = summary.agreement
    out = [
        f"{summary.facts.id}: {a.title or ''}",
        f"File:    {summary.facts.file}",
        f"Status:  {status_text(summary.facts.status, a.status, on=True)}",
    ]
    if a.case_numbers:
        out.append(f"Dnr:     {', '.join(a.case_numbers)}")
    if a.decision is not None and a.decision.body:
        out.append(
            f"Decided: {a.decision.body}" + (f", {a.decision.date}" if a.decision.date else "")
        )
    out += ["", "Parties"]
    for p in a.parties:
        details = [p.sector.replace("_", "-")]
        if p.org_number:
            details.append(f"org nr {p.org_number}")
        if not p.confirmed:
            details.append("not yet confirmed")
        out.append(f"  {p.name} ({', '.join(details)})")
    return out


def _period_lines(summary: Summary) -> list[str]:
    a, term = summary.agreement, summary.facts.term
    out = ["", "Period"]
    period = a.period
    if period is None or (period.start is None and period.end is None):
        length = f" ({period.length})" if period is not None and period.length else ""
        out.append(f"  dates not known{length}")
    else:
        start = when_text(period.start) if period.start is not None else "?"
        end = when_text(period.end) if period.end is not None else "?"
        out.append(f"  {start} – {end}")
        for taken in term.extensions:
            out.append(f"  extended to {when_text(taken.new_end_when)}")
        if period.extension is not None:
            ext = period.extension
            parts = [str(ext.length) if ext.length else "length not stated"]
            if ext.times is not None:
                parts.append(f"{ext.times} time{'s' if ext.times != 1 else ''}")
            if ext.unlimited:
                parts.append("no time limit")
            out.append(f"  extension option: {', '.join(parts)}")
    if term.ended_early and term.early is not None:
        out.append(f"  ended early: last day in force {last_day_text(summary.facts)}")
    elif term.ended_early and term.notice is not None:
        out.append(
            f"  ended by notice given by {_party_name(summary, term.notice.given_by)} on "
            f"{when_text(term.notice.given_on)}: last day in force {last_day_text(summary.facts)}"
        )
    if a.termination is not None and a.termination.notice_period is not None:
        out.append(f"  notice period: {a.termination.notice_period}")
    return out


def _economy_lines(summary: Summary) -> list[str]:
    out = ["", "Economy by year"]
    economy = summary.economy
    if not any(y.contributions for y in economy.years):
        if economy.notes:
            out.append(f"  not computed: {note_text(economy.notes[0])}")
        else:
            out.append("  no contributions stated")
        return out
    for year in economy.years:
        parts = []
        for c in year.contributions:
            cell = amount_cell(c.row, amount_note(c), unit=" kr")
            amount = cell if isinstance(cell, str) else cell[0]
            marker = ""
            what = {"money": "money", "volunteer_hours": "volunteer hours"}.get(
                c.kind, c.label or c.kind
            )
            parts.append(f"{c.party_name} {what}: {amount}{marker}")
        out.append(f"  {year.year}: " + "; ".join(parts))
    return out


def show_lines(summary: Summary, *, as_of: dt.date) -> list[str]:
    """The text of ``iopctl show``."""
    a = summary.agreement
    out = _head_lines(summary) + _period_lines(summary) + _economy_lines(summary)
    out += ["", f"Deadlines as of {as_of}"]
    if not summary.items:
        out.append("  none")
    for item in summary.items:
        out.append(f"  {item.status:<8} {item.event.act_by}  {full_title(item.event)}")
    out += ["", "Follow-ups held"]
    if not a.follow_ups:
        out.append("  none recorded")
    for record in a.follow_ups:
        out.append(f"  {record.date}" + (f"  {record.title}" if record.title else ""))
        for figure in record.figures:
            approx = "ca " if figure.approximate else ""
            who = f" ({_party_name(summary, figure.party)})" if figure.party else ""
            out.append(f"    {figure.label}: {approx}{figure.value}{who}")
    if summary.facts.timeline.entries:
        out += ["", "What happened", *history_lines(summary.facts)]
    problems = [d for d in summary.loaded.diagnostics if d.acknowledged is None]
    out += ["", "Problems"]
    if not problems:
        out.append("  none")
    for d in sorted(problems, key=lambda d: (d.line, d.column, d.code)):
        out.append(f"  {d.line}:{d.column} {d.severity_word()} {d.code} {d.text()}")
    if a.acknowledged:
        out += ["", "Acknowledged warnings"]
        for ack in a.acknowledged:
            where = f" at {ack.field}" if ack.field else ""
            out.append(f"  {ack.code}{where}: {ack.reason}")
    return out


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
