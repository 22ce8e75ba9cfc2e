"""``iopctl list`` and ``iopctl show``: the portfolio and one agreement at a glance.

Both are views over what the other commands already compute — validation
(:mod:`iopctl.checks.validate`), deadlines (:mod:`iopctl.views.due`) and money
(:mod:`iopctl.views.economy`) — so the numbers always agree with ``validate``, ``due`` and
``economy``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from iopctl.checks.validate import Validation
from iopctl.errors import UsageError
from iopctl.model.agreement import Agreement
from iopctl.model.load import Loaded
from iopctl.model.types import Duration
from iopctl.present.numbers import kronor
from iopctl.present.safe import csv_writer, json_text
from iopctl.problems.diagnostic import Diagnostic
from iopctl.views.due import DueItem, classify, collect
from iopctl.views.economy import AgreementEconomy, agreement_economy

__all__ = [
    "Overview",
    "Row",
    "find",
    "list_csv",
    "list_json",
    "overview",
    "show_json",
    "show_lines",
]

WINDOW = Duration(90, "days")


@dataclass(frozen=True)
class Row:
    """One agreement in the portfolio."""

    id: str
    file: str
    title: str
    status: str
    parties: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    next_item: DueItem | None
    money_this_year: Decimal | None
    money_estimate: bool
    money_complete: bool
    errors: int
    warnings: int

    @property
    def period(self) -> str:
        if self.start is None and self.end is None:
            return "not known"
        return f"{self.start or '?'} – {self.end or '?'}"

    @property
    def state(self) -> str:
        if self.errors:
            return f"{self.errors} error{'s' if self.errors != 1 else ''}"
        if self.warnings:
            return f"valid, {self.warnings} warning{'s' if self.warnings != 1 else ''}"
        return "valid"


@dataclass(frozen=True)
class Overview:
    as_of: dt.date
    rows: tuple[Row, ...]
    unreadable: tuple[Diagnostic, ...]


def _items(loaded: Loaded, validation: Validation, as_of: dt.date) -> list[DueItem]:
    events = collect([(loaded.file, loaded.agreement)], as_of=as_of, reference=validation.reference)
    return classify(events, as_of=as_of, within=WINDOW)


def _economy(loaded: Loaded, validation: Validation) -> AgreementEconomy | None:
    if loaded.agreement is None:
        return None
    return agreement_economy(
        loaded.agreement,
        file=loaded.file,
        reference=validation.reference,
        item=loaded,
        failed=loaded.failed,
    )


def _money_in(economy: AgreementEconomy | None, year: int) -> tuple[Decimal | None, bool, bool]:
    """Public parties' money in ``year``: (amount, estimate, every amount known)."""
    if economy is None:
        return None, False, True
    for row in economy.years:
        if row.year != year:
            continue
        money = [c for c in row.contributions if c.kind == "money" and c.public]
        if not money:
            return None, False, True
        known = [c.amount for c in money if c.amount is not None]
        total = sum(known, Decimal(0)) if known else None
        return total, any(c.estimate for c in money), len(known) == len(money)
    return None, False, True


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def overview(validation: Validation, *, as_of: dt.date) -> Overview:
    rows: list[Row] = []
    unreadable: list[Diagnostic] = []
    for loaded in validation.loaded:
        agreement = loaded.agreement
        if agreement is None or "id" in loaded.failed:
            unreadable.extend(d for d in loaded.diagnostics if d.is_error)
            continue
        items = _items(loaded, validation, as_of)
        money, estimate, complete = _money_in(_economy(loaded, validation), as_of.year)
        errors, warnings = _counts(loaded.diagnostics)
        period = agreement.period if "period" not in loaded.failed else None
        rows.append(
            Row(
                id=agreement.id,
                file=loaded.file,
                title=agreement.title if "title" not in loaded.failed else "",
                status=agreement.status if "status" not in loaded.failed else "?",
                parties=tuple(p.name for p in agreement.parties),
                start=period.start if period else None,
                end=agreement.end_date if period else None,
                next_item=items[0] if items else None,
                money_this_year=money,
                money_estimate=estimate,
                money_complete=complete,
                errors=errors,
                warnings=warnings,
            )
        )
    rows.sort(key=lambda r: r.id)
    return Overview(as_of, tuple(rows), tuple(unreadable))


def _next_text(item: DueItem | None) -> str:
    if item is None:
        return "–"
    return f"{item.event.kind} {item.event.act_by} ({item.days_left:+d} d)"


def _money_text(row: Row) -> str:
    if row.money_this_year is None:
        return "–"
    text = kronor(row.money_this_year)
    if not row.money_complete:
        text += " + ?"
    if row.money_estimate:
        text += " (estimate)"
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
            r.status,
            ", ".join(r.parties),
            r.period,
            _next_text(r.next_item),
            _money_text(r),
            r.state,
        )
        for r in view.rows
    ]
    return columns, rows


def _row_dict(r: Row) -> dict[str, object]:
    item = r.next_item
    return {
        "id": r.id,
        "file": r.file,
        "title": r.title,
        "status": r.status,
        "parties": list(r.parties),
        "start": r.start.isoformat() if r.start else None,
        "end": r.end.isoformat() if r.end else None,
        "next_deadline": None
        if item is None
        else {
            "kind": item.event.kind,
            "date": item.event.date.isoformat(),
            "act_by": item.event.act_by.isoformat(),
            "status": item.status,
            "days_left": item.days_left,
            "title": item.event.full_title,
        },
        "money_this_year": f"{r.money_this_year:f}" if r.money_this_year is not None else None,
        "money_complete": r.money_complete,
        "estimate": r.money_estimate,
        "errors": r.errors,
        "warnings": r.warnings,
    }


def list_json(view: Overview) -> str:
    doc = {"as_of": view.as_of.isoformat(), "agreements": [_row_dict(r) for r in view.rows]}
    return json_text(doc)


def list_csv(view: Overview) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            "status",
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
        ]
    )
    for r in view.rows:
        item = r.next_item
        writer.writerow(
            [
                r.id,
                r.status,
                "; ".join(r.parties),
                r.start.isoformat() if r.start else "",
                r.end.isoformat() if r.end else "",
                item.event.kind if item else "",
                item.event.act_by.isoformat() if item else "",
                item.days_left if item else "",
                f"{r.money_this_year:f}" if r.money_this_year is not None else "",
                "yes" if r.money_estimate else "",
                r.errors,
                r.warnings,
                r.file,
            ]
        )
    return buffer.getvalue()


# --- show ---------------------------------------------------------------------------------


def find(validation: Validation, agreement_id: str) -> Loaded:
    """The loaded file whose id is ``agreement_id``; a usage error naming close ids."""
    ids: list[str] = []
    for loaded in validation.loaded:
        if loaded.agreement is not None and "id" not in loaded.failed:
            if loaded.agreement.id == agreement_id:
                return loaded
            ids.append(loaded.agreement.id)
    import difflib

    close = [i for i in sorted(ids) if i.startswith(agreement_id)]
    close = close or difflib.get_close_matches(agreement_id, ids, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "`iopctl list` shows the ids"
    raise UsageError(f"no agreement with id {agreement_id!r}", hint=hint)


@dataclass(frozen=True)
class Summary:
    loaded: Loaded
    agreement: Agreement
    items: tuple[DueItem, ...]
    economy: AgreementEconomy | None


def summarise(validation: Validation, loaded: Loaded, *, as_of: dt.date) -> Summary:
    assert loaded.agreement is not None
    return Summary(
        loaded,
        loaded.agreement,
        tuple(_items(loaded, validation, as_of)),
        _economy(loaded, validation),
    )


def _party_line(agreement: Agreement, party_id: str | None) -> str:
    party = agreement.party(party_id) if party_id else None
    return party.name if party else (party_id or "")


def show_lines(summary: Summary, *, as_of: dt.date) -> list[str]:
    """The text of ``iopctl show``."""
    a = summary.agreement
    failed = summary.loaded.failed
    out = [f"{a.id}: {a.title}", f"File:    {summary.loaded.file}", f"Status:  {a.status}"]
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
    out += ["", "Period"]
    period = a.period if "period" not in failed else None
    if period is None or (period.start is None and period.end is None):
        length = f" ({period.length})" if period is not None and period.length else ""
        out.append(f"  dates not known{length}")
    else:
        out.append(f"  {period.start or '?'} – {period.end or '?'}")
        for taken in period.extensions_taken:
            out.append(f"  extended to {taken.new_end}")
        if period.extension is not None:
            ext = period.extension
            parts = [str(ext.length) if ext.length else "length not stated"]
            if ext.times is not None:
                parts.append(f"{ext.times} time{'s' if ext.times != 1 else ''}")
            if ext.unlimited:
                parts.append("no time limit")
            out.append(f"  extension option: {', '.join(parts)}")
    if a.termination is not None and a.termination.notice_period is not None:
        out.append(f"  notice period: {a.termination.notice_period}")
    out += ["", "Economy by year"]
    economy = summary.economy
    if economy is None or not any(y.contributions for y in economy.years):
        if economy is not None and economy.notes:
            out.append(f"  not computed: {economy.notes[0]}")
        else:
            out.append("  no contributions stated")
    else:
        for year in economy.years:
            parts = []
            for c in year.contributions:
                amount = kronor(c.amount) if c.amount is not None else "?"
                marker = " (estimate)" if c.estimate else ""
                what = {"money": "money", "volunteer_hours": "volunteer hours"}.get(c.kind, c.label)
                parts.append(f"{c.party_name} {what}: {amount}{marker}")
            out.append(f"  {year.year}: " + "; ".join(parts))
    out += ["", f"Deadlines as of {as_of}"]
    if not summary.items:
        out.append("  none")
    for item in summary.items:
        e = item.event
        out.append(f"  {item.status:<8} {e.act_by}  {e.full_title}")
    out += ["", "Follow-ups held"]
    if not a.follow_ups:
        out.append("  none recorded")
    for record in a.follow_ups:
        out.append(f"  {record.date}" + (f"  {record.title}" if record.title else ""))
        for figure in record.figures:
            approx = "ca " if figure.approximate else ""
            who = f" ({_party_line(a, figure.party)})" if figure.party else ""
            out.append(f"    {figure.label}: {approx}{figure.value}{who}")
    problems = summary.loaded.diagnostics
    out += ["", "Problems"]
    if not problems:
        out.append("  none")
    for d in sorted(problems, key=lambda d: (d.line, d.column, d.code)):
        out.append(f"  {d.line}:{d.column} {d.severity.value} {d.code} {d.message}")
    return out


def show_json(summary: Summary, *, as_of: dt.date) -> str:
    a = summary.agreement
    economy = summary.economy
    doc = {
        "as_of": as_of.isoformat(),
        "id": a.id,
        "file": summary.loaded.file,
        "title": a.title,
        "status": a.status,
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
        "start": a.period.start.isoformat() if a.period and a.period.start else None,
        "end": a.end_date.isoformat() if a.end_date else None,
        "years": [
            {
                "year": y.year,
                "contributions": [
                    {
                        "party": c.party,
                        "kind": c.kind,
                        "amount": f"{c.amount:f}" if c.amount is not None else None,
                        "estimate": c.estimate,
                    }
                    for c in y.contributions
                ],
            }
            for y in (economy.years if economy else ())
        ],
        "deadlines": [item.to_dict() for item in summary.items],
        "follow_ups": [{"date": r.date.isoformat(), "title": r.title} for r in a.follow_ups],
        "problems": [d.to_dict() for d in summary.loaded.diagnostics],
    }
    return json_text(doc)
