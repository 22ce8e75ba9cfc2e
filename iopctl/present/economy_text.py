"""Text layout of ``iopctl economy`` and ``iopctl value``: lines and tables, no rich.

:func:`iopctl.present.terminal.write_blocks` prints the blocks (plain when piped, colour on a
terminal); their plain text is what the golden files under ``tests/golden/economy/`` hold.
One agreement is laid out here in detail; several are a portfolio
(:mod:`iopctl.present.economy_portfolio`). :func:`missing_index_hint` is the hint printed
under a missing index year.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from iopctl.i18n import N_, _
from iopctl.money.series import IndexValue
from iopctl.present.economy_parts import (
    Row,
    amount_cell,
    columns,
    conditional_cell,
    estimate_lines,
    index_source,
    index_status,
    marked,
    note_blocks,
    qualified,
    revision_table,
    total_cell,
)
from iopctl.present.economy_portfolio import portfolio_blocks
from iopctl.present.economy_words import (
    amount_note,
    category_word,
    describe_rounding,
    note_text,
)
from iopctl.present.history import period_text, status_word
from iopctl.present.indices import SKR_OPI_PAGE
from iopctl.present.numbers import grouped, kronor, percent
from iopctl.present.numbers import rate as hourly
from iopctl.present.terminal import Block, Cell, Table
from iopctl.views.economy import AgreementEconomy, ContributionYear, EconomyReport
from iopctl.views.valuation import Valuation

__all__ = ["missing_index_hint", "text_blocks", "valuation_blocks"]

_KIND_LABEL = {
    "money": N_("money"),
    "volunteer_hours": N_("volunteer hours"),
    "in_kind": N_("in kind"),
}

SourceRefs = dict[tuple[str, int, str], int]
"""The number of each index figure in the list of sources, by (index, year, status)."""


def text_blocks(report: EconomyReport) -> list[Block]:
    """The ``--format text`` report: one agreement in detail, or the portfolio."""
    if not report.lines:
        return [_("No agreements could be read.")]
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
        _label("File") + a.file,
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
    if a.rounding_from_agreement:
        origin = _("{field}; see docs/money.md").format(field="economy.rounding")
    else:
        origin = _("default; see docs/money.md")
    return _label("Rounding") + f"{describe_rounding(a.rounding)} ({origin})"


_LABELS = (N_("File"), N_("Period"), N_("Rounding"))


def _label(msgid: str) -> str:
    """``Avrundning: ``: a label padded so that the values line up."""
    return (_(msgid) + ":").ljust(max(len(_(label)) for label in _LABELS) + 2)


def _period_line(a: AgreementEconomy) -> str:
    period = period_text(a.facts)
    if period is None:
        return _label("Period") + f"{_('not known')} ({status_word(a.status)})"
    said = [status_word(a.status)]
    stated = a.facts.agreement.period
    if a.extensions:
        taken = ", ".join(_("to {end}").format(end=e) for e in a.extensions)
        said.append(_("extended {taken}").format(taken=taken))
    elif stated is not None and stated.extension is not None:
        # Recorded, not "taken": a file may not know (Resurspoolen 2020's sources do not say).
        said.append(_("no extension recorded"))
    return _label("Period") + f"{period} ({'; '.join(said)})"


_YEAR_COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Year"), "left"),
    (N_("Party"), "left"),
    (N_("Kind"), "left"),
    (N_("Base"), "right"),
    (N_("Index"), "left"),
    (N_("Change"), "right"),
    (N_("Status"), "left"),
    (N_("Amount"), "right"),
    (N_("Src"), "left"),
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
    heads = _YEAR_COLUMNS + (((N_("Paid in year"), "right"),) if paid else ())
    extra: tuple[Cell, ...] = ("",) if paid else ()
    rows: list[Row] = []
    for y in a.years:
        for c in y.contributions:
            row = _contribution_row(y.year, c, refs)
            assert row is not None
            rows.append(row + ((total_cell(c.paid) if c.paid else "",) if paid else ()))
        total = y.total
        rows.append(("", _("Total"), "", "", "", "", "", total_cell(total), "", *extra))
        if total.conditional is not None or total.conditional_unknown:
            cell = conditional_cell(total)
            rows.append(("", _("Conditional"), "", "", "", "", "", cell, "", *extra))
        rows.append(None)
    blocks: list[Block] = [Table(columns(heads), tuple(rows[:-1]))]
    if any(not y.complete for y in a.years):
        blocks.append(
            _("+ ? = some amounts are not stated; totals and shares count the known ones.")
        )
    if any(y.total.conditional is not None or y.total.conditional_unknown for y in a.years):
        blocks.append(
            _("Conditional money depends on a decision not yet taken; it is not in the totals.")
        )
    blocks.append("")
    return blocks


def _contribution_row(year: int, c: ContributionYear, refs: SourceRefs) -> Row:
    v = c.index_value
    kind = _(_KIND_LABEL[c.kind]) + (f" ({category_word(c.label)})" if c.kind == "in_kind" else "")
    return (
        str(year),
        c.party_name,
        kind,
        grouped(c.base) if c.base is not None else "",
        _index_cell(c),
        percent(v.percent) if v is not None else "",
        index_status(v.status) if v is not None else "",
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
        share = percent(p.share) if p.share is not None else ""
        totals.append(
            (
                p.party_name,
                total_cell(p.total),
                marked(share + ("*" if starred and share else ""), starred),
            )
        )
    totals.append(None)
    hundred = percent(Decimal("100.0")) if grand.amount else ""
    totals.append((_("All parties"), total_cell(grand), hundred))
    heads = ((N_("Party"), "left"), (N_("Total"), "right"), (N_("Share"), "right"))
    blocks: list[Block] = [
        (_("Totals {years}").format(years=span), "heading"),
        Table(columns(heads), tuple(totals)),
    ]
    if grand.conditional is not None or grand.conditional_unknown:
        cell = conditional_cell(grand)
        amount = _("{amount} kr").format(amount=cell if isinstance(cell, str) else cell[0])
        blocks.append(_("Conditional, not in the totals: {amount}").format(amount=amount))
    economy = a.facts.agreement.economy
    for stated in economy.party_totals if economy is not None else ():
        name = a.facts.name_of(stated.party)
        amount = qualified(stated.qualifier, kronor(stated.amount_per_year))
        blocks.append(
            _("Stated by the agreement: {party} {amount} a year").format(party=name, amount=amount)
        )
    blocks.append("")
    return blocks


def _source_refs(values: Sequence[IndexValue]) -> SourceRefs:
    return {(v.index, v.year, v.status): n for n, v in enumerate(values, 1)}


def _source_lines(values: Sequence[IndexValue]) -> list[Block]:
    if not values:
        return []
    lines: list[Block] = [(_("Index figures used"), "heading")]
    for n, v in enumerate(values, 1):
        status = index_status(v.status)
        if v.published:
            status += ", " + _("published {day}").format(day=v.published.isoformat())
        lines.append(
            f"  [{n}] {v.index} {v.year} {percent(v.percent)} ({status}): {index_source(v)}"
        )
    lines.append("")
    return lines


def _volunteer_lines(a: AgreementEconomy) -> list[Block]:
    """What each volunteer contribution promised, and the hours follow-ups recorded."""
    if not a.volunteers:
        return []
    lines: list[Block] = [(_("Volunteer hours"), "heading")]
    for v in a.volunteers:
        if v.hours_per_year is not None:
            hours = _("{hours} h/year").format(hours=grouped(v.hours_per_year))
            hours = (_("ca ") + hours) if v.approximate else hours
        else:
            hours = _("hours not stated")
        if v.rate is not None:
            per_hour = f"{hourly(v.rate)} ({v.rate_source})"
        else:
            per_hour = _("rate not stated")
        value = (
            _("{amount} kr/year").format(amount=grouped(v.value_per_year))
            if v.value_per_year is not None
            else _("value not stated")
        )
        lines.append(
            "  "
            + _("{party}: promised {hours} × {rate} = {value}").format(
                party=v.party_name, hours=hours, rate=per_hour, value=value
            )
        )
        if not v.recorded:
            lines.append(
                "    "
                + _("no hours recorded in follow-ups ({where})").format(
                    where="follow_ups[].figures, kind: volunteer_hours"
                )
            )
        for r in v.recorded:
            value_text = kronor(r.value) if r.value is not None else _("not valued")
            diff = r.difference
            versus = (
                "; "
                + _("{difference} against the promise").format(
                    difference=("+" if diff > 0 else "") + kronor(diff)
                )
                if diff is not None
                else ""
            )
            recorded = _("recorded {hours} h = {value}").format(
                hours=grouped(r.hours), value=value_text
            )
            lines.append(f"    {r.year}: {recorded}{versus}")
    lines.append("")
    return lines


# --- iopctl value ----------------------------------------------------------------------------


def valuation_blocks(v: Valuation) -> list[Block]:
    """``iopctl value``: the working, line by line."""
    lines: list[Block] = []
    width = max(len(_("Rate")), len(_("Value"))) + 2
    rate_label, value_label = (_("Rate") + ":").ljust(width), (_("Value") + ":").ljust(width)
    if v.wage is not None and v.contribution_percent is not None:
        lines.append(
            rate_label
            + _(
                "{wage} wage × (1 + {percent} arbetsgivaravgift {year}) = {rate} "
                "(rounded to öre, half up)"
            ).format(
                wage=hourly(v.wage),
                percent=percent(v.contribution_percent),
                year=v.year,
                rate=hourly(v.rate),
            )
        )
        lines.append(" " * width + f"arbetsgivaravgift {v.year}: {v.contribution_source}")
    else:
        lines.append(rate_label + _("{rate} (given with --rate)").format(rate=hourly(v.rate)))
    working = value_label + _("{hours} h × {rate} = {value}").format(
        hours=grouped(v.hours), rate=hourly(v.rate), value=kronor(v.exact)
    )
    if v.exact != v.value:
        working += f" → {kronor(v.value)} ({describe_rounding(v.rounding).split(';')[0]})"
    lines.append(working)
    return lines


def missing_index_hint(index: str, year: int) -> str:
    """How to add a missing index figure, shown once per index and year (indented).

    The placeholder cannot be mistaken for a figure: it names the index and the year and
    says where the figure is published.
    """
    return _(
        "  hint: iopctl has no {index} {year} figure. Add it, with its source, when it is\n"
        "        published (SKR publishes OPI each December: {page}):\n"
        "          iopctl index add {index} {year} <{index} {year} IN PERCENT> "
        '--status preliminary --source "<who published it, when>"\n'
        "        or pass --assume PCT to project {year} and later years as estimates.\n"
    ).format(index=index, year=year, page=SKR_OPI_PAGE)
