"""Text layout of ``iopctl economy`` and ``iopctl value``: lines and tables, no rich.

:func:`iopctl.present.terminal.write_blocks` prints the blocks (plain when piped, colour on a
terminal); their plain text is what the golden files under ``tests/golden/economy/`` hold.
One agreement is laid out here in detail; several are a portfolio
(:mod:`iopctl.present.economy_portfolio`). :func:`missing_index_hint` is the hint printed
under a missing index year.
"""

from __future__ import annotations

from collections.abc import Sequence

from iopctl.money.series import IndexValue
from iopctl.present.economy_parts import (
    QUALIFIER,
    Row,
    amount_cell,
    conditional_cell,
    estimate_lines,
    marked,
    note_blocks,
    rate,
    revision_table,
    total_cell,
)
from iopctl.present.economy_portfolio import portfolio_blocks
from iopctl.present.economy_words import amount_note, describe_rounding, note_text
from iopctl.present.history import period_text, status_word
from iopctl.present.indices import SKR_OPI_PAGE
from iopctl.present.numbers import grouped
from iopctl.present.terminal import Block, Cell, Table, percent
from iopctl.views.economy import AgreementEconomy, ContributionYear, EconomyReport
from iopctl.views.valuation import Valuation

__all__ = ["missing_index_hint", "text_blocks", "valuation_blocks"]

_KIND_LABEL = {"money": "money", "volunteer_hours": "volunteer hours", "in_kind": "in kind"}

SourceRefs = dict[tuple[str, int, str], int]
"""The number of each index figure in the list of sources, by (index, year, status)."""


def text_blocks(report: EconomyReport) -> list[Block]:
    """The ``--format text`` report: one agreement in detail, or the portfolio."""
    if not report.agreements:
        return ["No agreements could be read."]
    blocks = (
        portfolio_blocks(report)
        if report.portfolio
        else _agreement_blocks(report, report.agreements[0])
    )
    while blocks and blocks[-1] == "":
        blocks.pop()
    return blocks


# --- one agreement -------------------------------------------------------------------------


def _agreement_blocks(report: EconomyReport, a: AgreementEconomy) -> list[Block]:
    blocks: list[Block] = [
        (f"{a.agreement_id}: {a.title}", "heading"),
        f"File:     {a.file}",
        _period_line(a),
        _rounding_line(a),
        "",
    ]
    if a.years:
        blocks += _year_table(a)
        blocks += _party_totals(a)
    blocks += estimate_lines(report)
    blocks += _source_lines(a.index_values)
    blocks += revision_table(report, with_agreement=False)
    blocks += _volunteer_lines(a)
    blocks += note_blocks([f"  {note_text(note)}" for note in a.notes])
    return blocks


def _rounding_line(a: AgreementEconomy) -> str:
    origin = "economy.rounding" if a.rounding_from_agreement else "default"
    return f"Rounding: {describe_rounding(a.rounding)} ({origin}; see docs/money.md)"


def _period_line(a: AgreementEconomy) -> str:
    period = period_text(a.facts)
    if period is None:
        return f"Period:   not known ({status_word(a.status)})"
    if a.extensions:
        taken = ", ".join(f"to {e}" for e in a.extensions)
        extra = f"extended {taken}"
    else:
        extra = "no extensions taken"
    return f"Period:   {period} ({status_word(a.status)}; {extra})"


_YEAR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Year", "left"),
    ("Party", "left"),
    ("Kind", "left"),
    ("Base", "right"),
    ("Index", "left"),
    ("Change", "right"),
    ("Status", "left"),
    ("Amount", "right"),
    ("Src", "left"),
)


def _year_table(a: AgreementEconomy) -> list[Block]:
    """Every contribution in every year, with the index figure it used and a total a year.

    A "Paid" column appears when payments fall in other years than the money they pay
    for (``payment.per: agreement_year``); a "conditional" row when money depends on a
    decision not yet taken (it is not in the total).
    """
    refs = _source_refs(a.index_values)
    paid = any(
        c.paid is not None and c.paid.amount != c.amount for y in a.years for c in y.contributions
    )
    columns = _YEAR_COLUMNS + ((("Paid in year", "right"),) if paid else ())
    extra: tuple[Cell, ...] = ("",) if paid else ()
    rows: list[Row] = []
    for y in a.years:
        for c in y.contributions:
            row = _contribution_row(y.year, c, refs)
            assert row is not None
            rows.append(row + ((total_cell(c.paid) if c.paid else "",) if paid else ()))
        total = y.total
        rows.append(("", "Total", "", "", "", "", "", total_cell(total), "", *extra))
        if total.conditional is not None or total.conditional_unknown:
            cell = conditional_cell(total)
            rows.append(("", "Conditional", "", "", "", "", "", cell, "", *extra))
        rows.append(None)
    blocks: list[Block] = [Table(columns, tuple(rows[:-1]))]
    if any(not y.complete for y in a.years):
        blocks.append("+ ? = some amounts are not stated; totals and shares count the known ones.")
    if any(y.total.conditional is not None or y.total.conditional_unknown for y in a.years):
        blocks.append(
            "Conditional money depends on a decision not yet taken; it is not in the totals."
        )
    blocks.append("")
    return blocks


def _contribution_row(year: int, c: ContributionYear, refs: SourceRefs) -> Row:
    v = c.index_value
    kind = _KIND_LABEL[c.kind] + (f" ({c.label})" if c.kind == "in_kind" else "")
    return (
        str(year),
        c.party_name,
        kind,
        grouped(c.base) if c.base is not None else "",
        _index_cell(c),
        percent(v.percent) if v is not None else "",
        v.status if v is not None else "",
        amount_cell(c.row, amount_note(c)),
        f"[{refs[(v.index, v.year, v.status)]}]" if v is not None else "",
    )


def _index_cell(c: ContributionYear) -> str:
    """The index figure used; for an unknown amount, the index whose figure is missing."""
    v = c.index_value
    if v is not None:
        return f"{v.index} {v.year}"
    return (c.index or "") if c.amount is None else ""


def _party_totals(a: AgreementEconomy) -> list[Block]:
    """Each party's total over the years shown and its share of the known committed money;
    a party whose money is not known shows "unknown", never 0 and 0.0 %."""
    span = f"{a.years[0].year}–{a.years[-1].year}" if len(a.years) > 1 else str(a.years[0].year)
    parties = a.party_totals()
    grand = a.grand_total()
    starred = grand.estimate
    totals: list[Row] = []
    for p in parties:
        share = f"{p.share:f} %" if p.share is not None else ""
        totals.append(
            (
                p.party_name,
                total_cell(p.total),
                marked(share + ("*" if starred and share else ""), starred),
            )
        )
    totals.append(None)
    totals.append(("All parties", total_cell(grand), "100.0 %" if grand.amount else ""))
    blocks: list[Block] = [
        (f"Totals {span}", "heading"),
        Table((("Party", "left"), ("Total", "right"), ("Share", "right")), tuple(totals)),
    ]
    if grand.conditional is not None or grand.conditional_unknown:
        blocks.append(f"Conditional, not in the totals: {conditional_cell(grand)} kr")
    economy = a.facts.agreement.economy
    for stated in economy.party_totals if economy is not None else ():
        party = a.facts.agreement.party(stated.party)
        name = party.name if party is not None else stated.party
        about = QUALIFIER.get(stated.qualifier or "", "")
        blocks.append(
            f"Stated by the agreement: {name} {about}{grouped(stated.amount_per_year)} kr a year"
        )
    blocks.append("")
    return blocks


def _source_refs(values: Sequence[IndexValue]) -> SourceRefs:
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


def _volunteer_lines(a: AgreementEconomy) -> list[Block]:
    """What each volunteer contribution promised, and the hours follow-ups recorded."""
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


# --- iopctl value ----------------------------------------------------------------------------


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
    """How to add a missing index figure, shown once per index and year (indented).

    The placeholder cannot be mistaken for a figure: it names the index and the year and
    says where the figure is published.
    """
    return (
        f"  hint: iopctl has no {index} {year} figure. Add it, with its source, when it is\n"
        f"        published (SKR publishes OPI each December: {SKR_OPI_PAGE}):\n"
        f"          iopctl index add {index} {year} <{index} {year} IN PERCENT> "
        f'--status preliminary --source "<who published it, when>"\n'
        f"        or pass --assume PCT to project {year} and later years as estimates.\n"
    )
