"""Text layout of ``iopctl economy`` and ``iopctl value``: lines and tables, no rich.

:func:`iopctl.present.terminal.write_blocks` prints the blocks (plain when piped, colour on a
terminal); their plain text is what the golden files under ``tests/golden/economy/`` hold.
:func:`missing_index_hint` is the hint printed under a missing index year.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from iopctl.money.arithmetic import IndexValue
from iopctl.present.economy_words import (
    amount_note,
    common_rounding,
    describe_rounding,
    note_text,
)
from iopctl.present.numbers import grouped
from iopctl.present.terminal import Block, Cell, Table, percent
from iopctl.views.economy import AgreementEconomy, EconomyReport
from iopctl.views.valuation import Valuation

__all__ = ["missing_index_hint", "text_blocks", "valuation_blocks"]

_ORE = Decimal("0.01")

_KIND_LABEL = {"money": "money", "volunteer_hours": "volunteer hours", "in_kind": "in kind"}


def _amount_cell(amount: Decimal | None, estimate: bool, note: str = "") -> Cell:
    if amount is None:
        return (f"({note or 'unknown'})", "warning")
    text = grouped(amount) + ("*" if estimate else "")
    return (text, "estimate") if estimate else text


def _marked(text: str, estimate: bool) -> Cell:
    return (text, "estimate") if estimate else text


def rate(amount: Decimal) -> str:
    """Kronor per hour, always with öre: 214 → '214.00'."""
    return f"{amount.quantize(_ORE):,}".replace(",", " ")


def _total_cell(amount: Decimal, estimate: bool, incomplete: bool) -> Cell:
    text = grouped(amount) + (" + ?" if incomplete else "") + ("*" if estimate else "")
    return (text, "estimate") if estimate else text


def _rounding_line(a: AgreementEconomy) -> str:
    origin = "economy.rounding" if a.rounding_from_agreement else "default"
    return f"Rounding: {describe_rounding(a.rounding)} ({origin}; see docs/money.md)"


def _period_line(a: AgreementEconomy) -> str:
    if a.start is None or a.end is None:
        return f"Period:   not known ({a.status})"
    if a.extensions:
        taken = ", ".join(f"to {e.isoformat()}" for e in a.extensions)
        extra = f"extended {taken}"
    else:
        extra = "no extensions taken"
    return f"Period:   {a.start.isoformat()} – {a.end.isoformat()} ({a.status}; {extra})"


def _source_refs(values: Sequence[IndexValue]) -> dict[tuple[str, int, str], int]:
    return {(v.index, v.year, v.status): n for n, v in enumerate(values, 1)}


def _source_lines(values: Sequence[IndexValue]) -> list[Block]:
    if not values:
        return []
    lines: list[Block] = [("Index figures used", "heading")]
    for n, v in enumerate(values, 1):
        published = f", published {v.published.isoformat()}" if v.published else ""
        lines.append(
            f"  [{n}] {v.index} {v.year} {percent(v.percent)} ({v.status}{published}): {v.source}"
        )
    lines.append("")
    return lines


def _estimate_lines(report: EconomyReport) -> list[Block]:
    assumed = sorted(
        {
            (a.agreement_id, v.index, v.year)
            for a in report.agreements
            for y in a.years
            for c in y.contributions
            if (v := c.index_value) is not None and v.status == "assumed"
        }
    )
    if not assumed:
        return []
    by_index: dict[str, list[int]] = {}
    for _, index, year in assumed:
        if year not in by_index.setdefault(index, []):
            by_index[index].append(year)
    which = "; ".join(f"{index} {', '.join(map(str, years))}" for index, years in by_index.items())
    assume = f"{report.assume:f}" if report.assume is not None else "?"
    return [
        (
            f"* estimate: no published value for {which}; assumed {assume} % a year "
            f"(--assume {assume}). Later years build on it and are estimates too.",
            "estimate",
        ),
        "",
    ]


def _revision_table(report: EconomyReport, *, with_agreement: bool) -> list[Block]:
    rows = [(a, r) for a in report.agreements for r in a.revisions]
    if not rows:
        return []
    columns: tuple[tuple[str, str], ...] = (("Agreement", "left"),) if with_agreement else ()
    columns += (
        ("Year", "left"),
        ("Party", "left"),
        ("Base", "right"),
        ("Preliminary", "right"),
        ("Paid", "right"),
        ("Definitive", "right"),
        ("Gives", "right"),
        ("Difference", "right"),
    )
    body: list[tuple[Cell, ...] | None] = []
    for a, r in rows:
        rev = r.revision
        sign = "+" if rev.difference > 0 else ""
        first: tuple[Cell, ...] = (a.agreement_id,) if with_agreement else ()
        body.append(
            (
                *first,
                str(rev.year),
                r.party_name,
                grouped(rev.previous),
                f"{r.index} {percent(rev.preliminary.percent)}",
                grouped(rev.paid),
                f"{r.index} {percent(rev.definitive.percent)}",
                grouped(rev.final),
                sign + grouped(rev.difference),
            )
        )
    return [
        ("Revisions: paid on the preliminary index vs what the definitive one gives", "heading"),
        Table(columns, tuple(body)),
        "A positive difference is owed to the organisation; a negative one is to be repaid.",
        "",
    ]


def _volunteer_lines(a: AgreementEconomy) -> list[Block]:
    if not a.volunteers:
        return []
    lines: list[Block] = [("Volunteer hours", "heading")]
    for v in a.volunteers:
        about = "ca " if v.approximate else ""
        hours = (
            f"{about}{grouped(v.hours_per_year)} h/year"
            if v.hours_per_year is not None
            else "hours not stated"
        )
        if v.rate is not None:
            per_hour = f"{rate(v.rate)} kr/h ({v.rate_source})"
        else:
            per_hour = "rate not stated"
        value = (
            f"{grouped(v.value_per_year)} kr/year"
            if v.value_per_year is not None
            else "value not stated"
        )
        lines.append(f"  {v.party_name}: promised {hours} × {per_hour} = {value}")
        if not v.recorded:
            lines.append(
                "    no hours recorded in follow-ups (follow_ups[].figures, kind: volunteer_hours)"
            )
        for r in v.recorded:
            value_text = f"{grouped(r.value)} kr" if r.value is not None else "not valued"
            diff = r.difference
            versus = (
                f"; {'+' if diff > 0 else ''}{grouped(diff)} kr against the promise"
                if diff is not None
                else ""
            )
            lines.append(f"    {r.year}: recorded {grouped(r.hours)} h = {value_text}{versus}")
    lines.append("")
    return lines


def _agreement_blocks(report: EconomyReport, a: AgreementEconomy) -> list[Block]:
    blocks: list[Block] = [
        (f"{a.agreement_id}: {a.title}", "heading"),
        f"File:     {a.file}",
        _period_line(a),
        _rounding_line(a),
        "",
    ]
    refs = _source_refs(a.index_values)
    rows: list[tuple[Cell, ...] | None] = []
    for y in a.years:
        for c in y.contributions:
            v = c.index_value
            kind = _KIND_LABEL[c.kind] + (f" ({c.label})" if c.kind == "in_kind" else "")
            rows.append(
                (
                    str(y.year),
                    c.party_name,
                    kind,
                    grouped(c.base) if c.base is not None else "",
                    f"{v.index} {v.year}"
                    if v is not None
                    else (c.index or "")
                    if c.amount is None
                    else "",
                    percent(v.percent) if v is not None else "",
                    v.status if v is not None else "",
                    _amount_cell(c.amount, c.estimate, amount_note(c)),
                    f"[{refs[(v.index, v.year, v.status)]}]" if v is not None else "",
                )
            )
        rows.append(
            ("", "Total", "", "", "", "", "", _total_cell(y.total, y.estimate, not y.complete), "")
        )
        rows.append(None)
    if rows:
        blocks.append(
            Table(
                (
                    ("Year", "left"),
                    ("Party", "left"),
                    ("Kind", "left"),
                    ("Base", "right"),
                    ("Index", "left"),
                    ("Change", "right"),
                    ("Status", "left"),
                    ("Amount", "right"),
                    ("Src", "left"),
                ),
                tuple(rows[:-1]),
            )
        )
        if any(not y.complete for y in a.years):
            blocks.append(
                "+ ? = some amounts are not stated; totals and shares count the known ones."
            )
        blocks.append("")
        span = f"{a.years[0].year}–{a.years[-1].year}" if len(a.years) > 1 else str(a.years[0].year)
        totals: list[tuple[Cell, ...] | None] = []
        grand = Decimal(0)
        parties = a.party_totals()
        any_estimate = any(p.estimate for p in parties)
        any_unknown = any(p.unknown > 0 for p in parties)
        for p in parties:
            grand += p.total
            share = f"{p.share:f} %" if p.share is not None else ""
            totals.append(
                (
                    p.party_name,
                    _total_cell(p.total, p.estimate, p.unknown > 0),
                    _marked(share + ("*" if any_estimate and share else ""), any_estimate),
                )
            )
        totals.append(None)
        totals.append(
            (
                "All parties",
                _total_cell(grand, any_estimate, any_unknown),
                "100.0 %" if grand else "",
            )
        )
        blocks.append((f"Totals {span}", "heading"))
        blocks.append(
            Table((("Party", "left"), ("Total", "right"), ("Share", "right")), tuple(totals))
        )
        blocks.append("")
    blocks += _estimate_lines(report)
    blocks += _source_lines(a.index_values)
    blocks += _revision_table(report, with_agreement=False)
    blocks += _volunteer_lines(a)
    if a.notes:
        blocks.append(("Notes", "heading"))
        blocks += [f"  {note_text(note)}" for note in a.notes]
        blocks.append("")
    return blocks


def _portfolio_blocks(report: EconomyReport) -> list[Block]:
    n = len(report.agreements)
    counted = len(report.counted)
    blocks: list[Block] = [
        (
            f"Portfolio: {n} agreement{'s' if n != 1 else ''}, {counted} counted (drafts are not)",
            "heading",
        ),
        f"Rounding: {common_rounding(report)} (see docs/money.md)",
        "",
    ]
    bodies = report.bodies
    years = sorted({b.year for b in bodies})
    if bodies:
        columns: tuple[tuple[str, str], ...] = (("Deciding body", "left"),)
        columns += (*((str(y), "right") for y in years), ("Total", "right"))
        rows: list[tuple[Cell, ...] | None] = []
        for body in sorted({b.body for b in bodies}, key=lambda b: b or ""):
            cells: list[Cell] = [body or "(no public party)"]
            total, est, unknown = Decimal(0), False, False
            found = {b.year: b for b in bodies if b.body == body}
            for y in years:
                b = found.get(y)
                if b is None:
                    cells.append("")
                    continue
                cells.append(_total_cell(b.amount, b.estimate, b.unknown > 0))
                total += b.amount
                est = est or b.estimate
                unknown = unknown or b.unknown > 0
            cells.append(_total_cell(total, est, unknown))
            rows.append(tuple(cells))
        rows.append(None)
        money = {t.year: t for t in report.money_totals}
        cells = ["Total"]
        for y in years:
            incomplete = any(b.unknown for b in bodies if b.year == y)
            cells.append(_total_cell(money[y].amount, money[y].estimate, incomplete))
        grand = sum((t.amount for t in money.values()), Decimal(0))
        cells.append(
            _total_cell(
                grand,
                any(t.estimate for t in money.values()),
                any(b.unknown for b in bodies),
            )
        )
        rows.append(tuple(cells))
        blocks.append(
            (
                "Money committed per year and deciding body (kind: money of public parties)",
                "heading",
            )
        )
        blocks.append(Table(columns, tuple(rows)))
        blocks.append("")
    totals = report.totals
    if totals:
        blocks.append(
            (
                "All contributions per year (money, volunteer hours and in kind, as valued)",
                "heading",
            )
        )
        blocks.append(
            Table(
                (("Year", "left"), ("Amount", "right")),
                tuple((str(t.year), _total_cell(t.amount, t.estimate, False)) for t in totals),
            )
        )
        blocks.append("")
    agreement_rows: list[tuple[Cell, ...] | None] = []
    for a in report.agreements:
        period = (
            f"{a.start.isoformat()} – {a.end.isoformat()}" if a.start and a.end else "not known"
        )
        money_years = [
            c.amount
            for y in a.years
            for c in y.contributions
            if c.kind == "money" and c.amount is not None
        ]
        agreement_rows.append(
            (
                a.agreement_id,
                a.status,
                a.body or "(no public party)",
                period,
                grouped(sum(money_years, Decimal(0))) if money_years else "",
                "yes" if a.counted else "no",
            )
        )
    blocks.append(("Agreements", "heading"))
    blocks.append(
        Table(
            (
                ("Agreement", "left"),
                ("Status", "left"),
                ("Deciding body", "left"),
                ("Period", "left"),
                ("Money, all years", "right"),
                ("Counted", "left"),
            ),
            tuple(agreement_rows),
        )
    )
    blocks.append("")
    blocks += _estimate_lines(report)
    blocks += _revision_table(report, with_agreement=True)
    notes = [(a.agreement_id, note) for a in report.agreements for note in a.notes]
    if notes:
        blocks.append(("Notes", "heading"))
        blocks += [f"  {agreement}: {note_text(note)}" for agreement, note in notes]
        blocks.append("")
    return blocks


def text_blocks(report: EconomyReport) -> list[Block]:
    """The ``--format text`` report: one agreement in detail, or the portfolio."""
    if not report.agreements:
        return ["No agreements could be read."]
    blocks = (
        _portfolio_blocks(report)
        if report.portfolio
        else _agreement_blocks(report, report.agreements[0])
    )
    while blocks and blocks[-1] == "":
        blocks.pop()
    return blocks


def valuation_blocks(v: Valuation) -> list[Block]:
    """``iopctl value``: the working, line by line."""
    lines: list[Block] = []
    if v.wage is not None and v.contribution_percent is not None:
        lines.append(
            f"Rate:  {rate(v.wage)} kr/h wage × "
            f"(1 + {percent(v.contribution_percent)} arbetsgivaravgift {v.year}) "
            f"= {rate(v.rate)} kr/h (rounded to öre, half up)"
        )
        lines.append(f"       arbetsgivaravgift {v.year}: {v.contribution_source}")
    else:
        lines.append(f"Rate:  {rate(v.rate)} kr/h (given with --rate)")
    working = f"Value: {grouped(v.hours)} h × {rate(v.rate)} kr/h = {grouped(v.exact)} kr"
    if v.exact != v.value:
        working += f" → {grouped(v.value)} kr ({describe_rounding(v.rounding).split(';')[0]})"
    lines.append(working)
    return lines


def missing_index_hint(index: str, year: int) -> str:
    """How to add a missing index value, as shown under the error (indented, one block)."""
    return (
        f"  hint: add {index} {year} to an index file (indices/*.yaml, or --index-file PATH):\n"
        f"    indices:\n"
        f"      {index}:\n"
        f"        values:\n"
        f"          - year: {year}\n"
        f"            percent: <percent as published, e.g. 2.8>\n"
        f"            status: preliminary   # or definitive\n"
        f'            source: "<publisher, circular, date, URL>"\n'
        f"  or pass --assume PCT to project {year} and later years as estimates.\n"
    )
