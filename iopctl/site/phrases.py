"""The site's facts in the run's language: the patterns of :mod:`iopctl.site.words` filled in.

Like :mod:`iopctl.present.events` for the terminal, this is the one place that turns the
site's data into sentences; every word comes from :data:`~iopctl.site.words.WORDS`, so the
module holds grammar, not vocabulary. Values are never computed here: amounts, dates
and statuses come from :class:`iopctl.facts.Facts` and the views, and are only shown.
What is returned is plain text; the templates escape it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from iopctl.facts import Sum
from iopctl.facts.compliance import Obligation
from iopctl.facts.events import (
    Event,
    ExpiryDetail,
    ExtensionDecisionDetail,
    FollowUpDetail,
    IncompleteDetail,
    IndexNeededDetail,
    NoticeDeadlineDetail,
    PaymentDetail,
    ReportDetail,
    SignatureDetail,
)
from iopctl.i18n import language
from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration
from iopctl.present.calendar_words import MONTHS
from iopctl.present.numbers import grouped
from iopctl.problems.diagnostic import Diagnostic
from iopctl.site.words import WORDS
from iopctl.views.economy import ContributionYear

__all__ = [
    "contribution_kind",
    "day",
    "duration",
    "event_title",
    "kronor",
    "month_name",
    "number",
    "problem_row",
    "sum_text",
    "t",
    "times",
    "validation_text",
    "year_amount",
]

NBSP = "\u00a0"


def t(key: str, **fields: object) -> str:
    """The pattern ``key`` with its fields filled in."""
    return WORDS[key].format(**fields)


def number(value: Decimal | int) -> str:
    """``946 995``, ``12,5`` (Swedish; ``946,995``, ``12.5`` English): groups of three
    by the language, never broken across lines, every digit kept (nothing is rounded
    for show)."""
    return grouped(Decimal(value)).replace(" ", NBSP)


def kronor(amount: Decimal) -> str:
    """``946 995 kr``; öre with two digits (``77 750,50 kr``), as everywhere in iopctl,
    with no-break spaces so that an amount is never broken across lines."""
    from iopctl.present.numbers import kronor as words

    return words(amount).replace(" ", NBSP)


def day(value: dt.date | PartialDate | None) -> str:
    """ISO 8601, the Swedish standard date format (SS-ISO 8601); a date known only in part
    as written (``2015-05``, ``2020-spring`` is ``våren 2020``)."""
    if value is None:
        return WORDS["unknown_date"]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value.season is not None:
        return t(f"season_{value.season}", year=value.year)
    return str(value)


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[language()][month - 1]} {year}"


def duration(value: Duration) -> str:
    key = f"duration_{value.unit}" + ("_1" if value.count == 1 else "")
    return t(key, count=value.count)


def times(count: int) -> str:
    return WORDS["times_1"] if count == 1 else t("times", count=count)


def validation_text(errors: int, warnings: int) -> str:
    if errors:
        return t("errors", count=errors)
    if warnings == 1:
        return WORDS["valid_warning"]
    return t("valid_warnings", count=warnings) if warnings else WORDS["valid"]


def problem_row(d: Diagnostic) -> dict[str, str]:
    """A problem as ``iopctl validate`` reports it, in the run's language."""
    return {
        "place": f"{d.line}:{d.column}",
        "severity": WORDS[f"severity_{d.severity.value}"],
        "severity_class": d.severity.value,
        "code": d.code,
        "message": d.text(),
        "hint": d.hint_text(),
    }


def sum_text(total: Sum) -> str:
    """The committed part of a sum: the known amount, marked when it is approximate or
    when some amounts are unknown; estimated and conditional money are shown apart."""
    if total.amount is None:
        return WORDS["sum_unknown"] if total.unknown else WORDS["nothing"]
    text = kronor(total.amount)
    if total.approximate:
        text = t("sum_about", amount=text)
    if total.unknown == 1:
        return t("sum_plus_unknown", amount=text)
    if total.unknown:
        return t("sum_plus_unknowns", amount=text, count=total.unknown)
    return text


def contribution_kind(kind: str, category: str | None = None) -> str:
    """``pengar``, ``ideellt arbete``, ``i natura: lokaler``."""
    text = WORDS[f"contribution_{kind}"]
    if category:
        return t("contribution_labelled", kind=text, label=WORDS[f"category_{category}"])
    return text


def year_amount(c: ContributionYear) -> tuple[str, list[str]]:
    """One contribution's amount in one year, and the marks that go with it."""
    row = c.row
    marks: list[str] = []
    if row.amount is None:
        text = WORDS["sum_unknown"]
        reason = row.unknown or "not_stated"
        marks.append(t(f"unknown_{reason}", year=row.missing_year, index=c.index or ""))
    else:
        text = kronor(row.amount)
        if row.qualifier is not None:
            text = f"{WORDS['amount_' + row.qualifier]} {text}"
    if row.portion is not None and not row.portion.whole:
        unit = WORDS[f"unit_{row.portion.unit}"]
        marks.append(t("mark_part", units=row.portion.units, of=row.portion.of, unit=unit))
    if row.index is not None:
        marks.append(t("mark_index", index=row.index.index, percent=number(row.index.percent)))
        if row.preliminary:
            marks.append(WORDS["mark_preliminary"])
    if row.estimate:
        marks.append(WORDS["mark_estimate"])
    if row.conditional:
        marks.append(WORDS["mark_conditional"])
    return text, marks


# --- events ---------------------------------------------------------------------------------


def event_title(event: Event) -> str:
    """What is due, in one line."""
    detail = event.detail
    if isinstance(detail, ExpiryDetail):
        return _expiry(detail)
    if isinstance(detail, NoticeDeadlineDetail):
        return _notice(detail)
    if isinstance(detail, ExtensionDecisionDetail):
        return _extension(detail)
    if isinstance(detail, FollowUpDetail):
        return _follow_up(detail)
    if isinstance(detail, ReportDetail):
        parts = [t("event_report", title=detail.title)]
        if detail.by:
            parts.append(t("event_report_by", who=detail.by))
        if detail.to:
            parts.append(t("event_report_to", who=detail.to))
        return " ".join(parts)
    if isinstance(detail, PaymentDetail):
        return _payment(detail)
    if isinstance(detail, SignatureDetail):
        key = "event_signature" if detail.confirmed else "event_signature_unconfirmed"
        text = t(key, party=detail.party_name)
        return text if detail.start is not None else t("event_signature_no_start", text=text)
    if isinstance(detail, IncompleteDetail):
        names = ", ".join(detail.unsigned)
        return t("event_incomplete", names=names) if names else WORDS["event_incomplete_signed"]
    return _index(detail)


def _expiry(detail: ExpiryDetail) -> str:
    if detail.stage == "period":
        if detail.extended_to is not None:
            return t("event_expiry_initial", day=day(detail.extended_to))
        return WORDS["event_expiry_inferred" if detail.inferred else "event_expiry_period"]
    if detail.stage == "extension":
        key = "event_expiry_extension_last" if detail.last else "event_expiry_extension"
        return t(key, number=detail.number)
    if detail.stage == "early":
        if detail.given_by:
            return t("event_expiry_early_by", party=detail.given_by)
        return WORDS["event_expiry_early"]
    return t(
        "event_expiry_notice",
        party=detail.given_by,
        given_on=day(detail.given_on),
    )


def _notice(detail: NoticeDeadlineDetail) -> str:
    text = t("event_notice", end=day(detail.end))
    if detail.last_day is not None:
        text = f"{text} ({t('event_notice_last', last=day(detail.last_day))})"
    effect = detail.as_of_effect
    if effect is None:
        return text
    key = "event_notice_effect" if effect <= detail.end else "event_notice_late"
    return f"{text}; {t(key, as_of=day(detail.as_of), effect=day(effect))}"


def _extension(detail: ExtensionDecisionDetail) -> str:
    if detail.stated:
        return WORDS["event_extension_stated"]
    length = t("event_extension_by", length=duration(detail.length)) if detail.length else ""
    if not detail.unlimited and detail.times is not None:
        text = t("event_extension", length=length, option=detail.option, times=detail.times)
    else:
        text = t("event_extension_open", length=length)
    return " ".join(text.split())


def _follow_up(detail: FollowUpDetail) -> str:
    if detail.reason == "assumed":
        return WORDS["event_follow_up_assumed"]
    if detail.reason == "interval":
        key = (
            "event_follow_up_anchor_record"
            if detail.anchor_is_record
            else "event_follow_up_anchor_start"
        )
        interval = duration(detail.interval) if detail.interval is not None else ""
        why = t(
            "event_follow_up_interval", interval=interval, anchor=t(key, day=day(detail.anchor))
        )
    elif detail.held:
        why = t(
            "event_follow_up_per_year", held=detail.held, per_year=detail.per_year, year=detail.year
        )
    else:
        why = t("event_follow_up_none", per_year=detail.per_year, year=detail.year)
    parts = [t("event_follow_up", ordinal=detail.ordinal, why=why)]
    if detail.on_request:
        parts.append(WORDS["event_follow_up_on_request"])
    if detail.convened_by:
        parts.append(t("event_follow_up_convened", who=detail.convened_by))
    return "; ".join(parts)


def _payment(detail: PaymentDetail) -> str:
    p = detail.payment
    row = p.year_amount
    if p.amount is not None:
        amount = kronor(p.amount)
    elif p.latest_share is not None and row.latest_year is not None:
        amount = t(
            "event_payment_latest",
            amount=kronor(p.latest_share),
            year=row.latest_year,
            missing=row.missing_year,
        )
    elif row.unknown == "not_stated":
        amount = WORDS["event_payment_not_stated"]
    else:
        amount = WORDS["event_payment_unknown"]
    if row.conditional:
        amount = t("event_payment_conditional", amount=amount)
    party = p.party_name
    if p.count > 1:
        return t(
            "event_payment_of",
            number=p.number,
            count=p.count,
            year=p.year,
            party=party,
            amount=amount,
        )
    return t("event_payment", year=p.year, party=party, amount=amount)


def _index(detail: IndexNeededDetail) -> str:
    if detail.reason == "preliminary":
        percent = number(detail.percent) if detail.percent is not None else "?"
        return t("event_index_preliminary", index=detail.index, year=detail.year, percent=percent)
    if detail.reason == "unknown_index":
        return t("event_index_unknown", index=detail.index, year=detail.year)
    if detail.reason == "not_yet_published":
        return t(
            "event_index_unpublished", index=detail.index, year=detail.year, as_of=day(detail.as_of)
        )
    return t("event_index_missing", index=detail.index, year=detail.year)


def obligation_what(o: Obligation) -> str:
    """What was due: "Rapport: Verksamhetsberättelse", "Uppföljning 1 av 1" …"""
    if o.kind == "follow_up":
        return t("record_follow_up", n=o.what)
    if o.kind == "report":
        return t("record_report", title=o.what)
    if o.kind == "payment":
        due = kronor(o.amount_due) if o.amount_due is not None else WORDS["record_amount_unknown"]
        if o.amount_differs and o.amount_paid is not None:
            return t("record_payment_differs", due=due, paid=kronor(o.amount_paid))
        return t("record_payment", due=due)
    return WORDS["record_decision"]


def met_text(o: Obligation) -> str:
    """How it was met: "i tid", "sent, 7 dagar", "missad", "gjord (dagen okänd)"."""
    if o.met == "late" and o.days_late is not None:
        return t("met_late", days=o.days_late)
    return WORDS[f"met_{o.met}"]
