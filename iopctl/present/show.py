"""``iopctl show`` in words: one agreement, section by section, in the chosen language."""

from __future__ import annotations

import datetime as dt

from iopctl.i18n import N_, _, ngettext
from iopctl.present.calendar_words import length, long_date
from iopctl.present.due_text import date_and_act_by
from iopctl.present.due_text import status_word as due_status
from iopctl.present.economy_parts import amount_cell
from iopctl.present.economy_words import amount_note, category_word, note_text
from iopctl.present.events import full_title
from iopctl.present.field_labels import sector_word
from iopctl.present.history import history_lines, last_day_text, status_text, when_text
from iopctl.present.portfolio import show_json
from iopctl.views.portfolio import Summary

__all__ = ["show_json", "show_lines"]


def _party_name(summary: Summary, party_id: str | None) -> str:
    return summary.facts.name_of(party_id) or ""


_HEAD_LABELS = (N_("File"), N_("Status"), N_("Dnr"), N_("Decided"))


def _label(msgid: str) -> str:
    """``Fil:      `` — a label and its colon, padded so the values line up."""
    width = max(len(_(label)) for label in _HEAD_LABELS) + 2
    return (_(msgid) + ":").ljust(width)


def _head_lines(summary: Summary) -> list[str]:
    a = summary.agreement
    out = [
        f"{summary.facts.id}: {a.title or ''}",
        _label("File") + summary.facts.file,
        _label("Status") + status_text(summary.facts.status, a.status, on=True),
    ]
    if a.case_numbers:
        out.append(_label("Dnr") + ", ".join(a.case_numbers))
    if a.decision is not None and a.decision.body:
        decided = a.decision.body + (f", {a.decision.date}" if a.decision.date else "")
        out.append(_label("Decided") + decided)
    out += ["", _("Parties")]
    for p in a.parties:
        details = [sector_word(p.sector)]
        if p.org_number:
            details.append(_("org nr {number}").format(number=p.org_number))
        if not p.confirmed:
            details.append(_("not yet confirmed"))
        out.append(f"  {p.name} ({', '.join(details)})")
    return out


def _extension_option(summary: Summary) -> str | None:
    period = summary.agreement.period
    ext = period.extension if period is not None else None
    if ext is None:
        return None
    parts = [length(ext.length) if ext.length else _("length not stated")]
    if ext.times is not None:
        parts.append(ngettext("{n} time", "{n} times", ext.times).format(n=ext.times))
    if ext.unlimited:
        parts.append(_("no time limit"))
    return _("extension option: {terms}").format(terms=", ".join(parts))


def _period_lines(summary: Summary) -> list[str]:
    a, term = summary.agreement, summary.facts.term
    out = ["", _("Period")]
    period = a.period
    if period is None or (period.start is None and period.end is None):
        known = f" ({length(period.length)})" if period is not None and period.length else ""
        out.append("  " + _("dates not known") + known)
    else:
        start = when_text(period.start) if period.start is not None else "?"
        end = when_text(period.end) if period.end is not None else "?"
        out.append(f"  {start} – {end}")
        for taken in term.extensions:
            out.append("  " + _("extended to {end}").format(end=when_text(taken.new_end_when)))
        option = _extension_option(summary)
        if option is not None:
            out.append("  " + option)
    last = last_day_text(summary.facts)
    if term.ended_early and term.early is not None:
        out.append("  " + _("ended early: last day in force {day}").format(day=last))
    elif term.ended_early and term.notice is not None:
        out.append(
            "  "
            + _("ended by notice given by {party} on {day}: last day in force {last}").format(
                party=_party_name(summary, term.notice.given_by),
                day=when_text(term.notice.given_on),
                last=last,
            )
        )
    if a.termination is not None and a.termination.notice_period is not None:
        notice = length(a.termination.notice_period)
        out.append("  " + _("notice period: {length}").format(length=notice))
    return out


KIND_WORDS = {"money": N_("money"), "volunteer_hours": N_("volunteer hours")}


def _economy_lines(summary: Summary) -> list[str]:
    out = ["", _("Economy by year")]
    economy = summary.economy
    if not any(y.contributions for y in economy.years):
        if economy.notes:
            why = note_text(economy.notes[0])
            out.append("  " + _("not computed: {why}").format(why=why))
        else:
            out.append("  " + _("no contributions stated"))
        return out
    for year in economy.years:
        parts = []
        for c in year.contributions:
            cell = amount_cell(c.row, amount_note(c), unit=" kr")
            amount = cell if isinstance(cell, str) else cell[0]
            what = _(KIND_WORDS[c.kind]) if c.kind in KIND_WORDS else category_word(c.label)
            parts.append(f"{c.party_name} {what}: {amount}")
        out.append(f"  {year.year}: " + "; ".join(parts))
    return out


def _follow_up_lines(summary: Summary) -> list[str]:
    a = summary.agreement
    out = ["", _("Follow-ups held")]
    if not a.follow_ups:
        out.append("  " + _("none recorded"))
    for record in a.follow_ups:
        out.append(f"  {record.date}" + (f"  {record.title}" if record.title else ""))
        for figure in record.figures:
            approx = _("ca ") if figure.approximate else ""
            who = f" ({_party_name(summary, figure.party)})" if figure.party else ""
            out.append(f"    {figure.label}: {approx}{figure.value}{who}")
    return out


def show_lines(summary: Summary, *, as_of: dt.date) -> list[str]:
    """The text of ``iopctl show``."""
    a = summary.agreement
    out = _head_lines(summary) + _period_lines(summary) + _economy_lines(summary)
    out += ["", _("Deadlines as of {day}").format(day=long_date(as_of))]
    if not summary.items:
        out.append("  " + _("none"))
    width = max((len(due_status(i.status)) for i in summary.items), default=0)
    when = [date_and_act_by(i.event.date, i.event.reason, i.event.act_by) for i in summary.items]
    wide = max(map(len, when), default=0)
    for item, day in zip(summary.items, when, strict=True):
        status = due_status(item.status).ljust(max(width, 8))
        out.append(f"  {status} {day.ljust(wide)}  {full_title(item.event)}")
    out += _follow_up_lines(summary)
    if summary.facts.timeline.entries:
        out += ["", _("What happened"), *history_lines(summary.facts)]
    problems = [d for d in summary.loaded.diagnostics if d.acknowledged is None]
    out += ["", _("Problems")]
    if not problems:
        out.append("  " + _("none"))
    for d in sorted(problems, key=lambda d: (d.line, d.column, d.code)):
        out.append(f"  {d.line}:{d.column} {d.severity_word()} {d.code} {d.text()}")
    if a.acknowledged:
        out += ["", _("Acknowledged warnings")]
        for ack in a.acknowledged:
            where = " " + _("at {field}").format(field=ack.field) if ack.field else ""
            out.append(f"  {ack.code}{where}: {ack.reason}")
    return out
