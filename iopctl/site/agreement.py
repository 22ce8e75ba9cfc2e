"""One agreement's page as data for ``templates/agreement.html.j2``: the facts of
``iopctl show``, the economy by year, the deadlines, the history, the problems
``iopctl validate`` reports and the rendered text.

Everything shown is read from :class:`~iopctl.views.site.AgreementData` (the facts and
the views) and put in words by :mod:`iopctl.site.phrases`; nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from iopctl.present.due_text import date_and_act_by
from iopctl.site import phrases
from iopctl.site.phrases import day, t
from iopctl.site.portfolio import deadline_row, record_row
from iopctl.site.text import AgreementText
from iopctl.site.words import WORDS
from iopctl.views.economy import AgreementEconomy, EconomyNote
from iopctl.views.site import AgreementData

__all__ = ["agreement_context"]

Fact = tuple[str, str]


def _decision(data: AgreementData) -> list[Fact]:
    a = data.facts.agreement
    facts: list[Fact] = []
    if data.facts.body:
        facts.append((WORDS["fact_body"], data.facts.body))
    if a.decision is not None and a.decision.date is not None:
        facts.append((WORDS["fact_decided"], day(a.decision.date)))
    if a.case_numbers:
        facts.append((WORDS["fact_case_numbers"], ", ".join(a.case_numbers)))
    return facts


def _period(data: AgreementData) -> list[Fact]:
    a, term = data.facts.agreement, data.facts.term
    facts: list[Fact] = []
    if term.start is not None or term.initial_end is not None:
        period = t("period", start=day(term.start), end=day(term.initial_end))
        facts.append((WORDS["fact_period"], period))
    elif a.period is not None and a.period.length is not None:
        facts.append((WORDS["fact_period"], phrases.duration(a.period.length)))
    for taken in term.extensions:
        facts.append((WORDS["fact_extended_to"], day(taken.new_end)))
    extension = a.period.extension if a.period is not None else None
    if extension is not None:
        length = (
            phrases.duration(extension.length)
            if extension.length
            else WORDS["extension_length_unknown"]
        )
        if extension.unlimited or extension.times is None:
            text = t("extension_unlimited", length=length)
        else:
            text = t("extension_option", length=length, times=phrases.times(extension.times))
        facts.append((WORDS["fact_extension_option"], text))
    if a.termination is not None and a.termination.notice_period is not None:
        facts.append((WORDS["fact_notice_period"], phrases.duration(a.termination.notice_period)))
    notice = term.notice
    if notice is not None:
        text = t(
            "notice_given",
            party=data.facts.name_of(notice.given_by),
            given_on=day(notice.given_on),
            last_day=day(term.last_day),
        )
        facts.append((WORDS["fact_notice_given"], text))
    if term.last_day is not None:
        facts.append((WORDS["fact_last_day"], day(term.last_day)))
    return facts


def _facts(data: AgreementData) -> list[Fact]:
    a, facts = data.facts.agreement, data.facts
    status = WORDS[f"status_{facts.status_on(facts.as_of)}"]
    stated = WORDS[f"stated_{a.status or 'unknown'}"]
    row = data.row
    found = [(WORDS["fact_status"], status), (WORDS["fact_stated_status"], stated)]
    found += _decision(data) + _period(data)
    if data.items:  # the row's next deadline, with its event
        e = data.items[0].event
        title = phrases.event_title(e)
        when = date_and_act_by(e.date, e.reason, e.act_by)
        found.append((WORDS["fact_next"], f"{when}: {title}"))
    found.append((WORDS["fact_validation"], phrases.validation_text(row.errors, row.warnings)))
    return found


def _parties(data: AgreementData) -> list[dict[str, str]]:
    return [
        {
            "name": p.name,
            "sector": WORDS[f"sector_{p.sector}"],
            "organisation": p.organisation or "",
            "org_number": p.org_number or WORDS["not_stated"],
            "note": "" if p.confirmed else WORDS["not_confirmed"],
        }
        for p in data.facts.agreement.parties
    ]


def _economy(economy: AgreementEconomy | None) -> dict[str, Any]:
    if economy is None:
        return {"years": [], "notes": [WORDS["note_economy_failed"]]}
    years = []
    for year in economy.years:
        rows = []
        for c in year.contributions:
            amount, marks = phrases.year_amount(c)
            category = getattr(c.contribution, "category", None)
            kind = phrases.contribution_kind(c.kind, category)
            rows.append({"party": c.party_name, "kind": kind, "amount": amount, "marks": marks})
        total = year.total
        extra = []
        if total.estimated is not None:
            extra.append(f"{WORDS['col_estimated']}: {phrases.kronor(total.estimated)}")
        if total.conditional is not None:
            extra.append(f"{WORDS['col_conditional']}: {phrases.kronor(total.conditional)}")
        years.append(
            {
                "year": year.year,
                "rows": rows,
                "total": phrases.sum_text(total),
                "total_extra": extra,
            }
        )
    notes = [_note(economy, n) for n in economy.notes]
    return {"years": years, "notes": notes}


def _note(economy: AgreementEconomy, note: EconomyNote) -> str:
    name = note.party
    if note.note == "not_stated":
        if note.kind == "money":
            return t("note_not_stated_money", party=name)
        what = phrases.contribution_kind(note.kind or "in_kind", note.category or None)
        return t("note_not_stated", party=name, what=what)
    return t(
        f"note_{note.note}",
        party=name,
        index=note.index,
        first=note.first_year,
        base=note.base_year,
    )


def _history(data: AgreementData, page: str) -> dict[str, Any]:
    a = data.facts.agreement
    follow_ups = []
    for record in a.follow_ups:
        figures = []
        for figure in record.figures:
            key = "figure_about" if figure.approximate else "figure"
            fields = {"label": figure.label, "value": phrases.number(figure.value)}
            if figure.party:
                key += "_party"
                fields["party"] = data.facts.name_of(figure.party)
            figures.append(t(key, **fields))
        follow_ups.append(
            {"date": day(record.date), "title": record.title or "", "figures": figures}
        )
    extensions = [
        t(
            "extension_decided",
            number=e.number,
            new_end=day(e.new_end_when),
            decided_on=day(e.decided_on),
        )
        if e.decided_on is not None
        else t("extension_taken", number=e.number, new_end=day(e.new_end_when))
        for e in data.facts.term.extensions
    ]
    rows = sorted((record_row(o, data, page) for o in data.record), key=lambda r: r.sort_key)
    acknowledged = [
        {"code": a.code, "field": a.field or "", "reason": a.reason}
        for a in data.facts.agreement.acknowledged
    ]
    return {
        "follow_ups": follow_ups,
        "extensions": extensions,
        "record": rows,
        "acknowledged": acknowledged,
    }


def agreement_context(data: AgreementData, page: str, text: AgreementText) -> dict[str, Any]:
    """What the agreement template shows, as words and rows."""
    facts = data.facts
    return {
        "title": facts.agreement.title or facts.id,
        "id": facts.id,
        "file": facts.file,
        "facts": _facts(data),
        "parties": _parties(data),
        "economy": _economy(data.economy),
        "deadlines": [deadline_row(item, data, page) for item in data.items],
        "history": _history(data, page),
        "problems": [phrases.problem_row(d) for d in data.diagnostics],
        "text": text,
    }
