"""Every word the site shows, in one place: a stable key → a catalogue message id.

The templates print ``w.<key>`` and :mod:`iopctl.site.phrases` fills the patterns from the
facts; the words themselves are messages of iopctl's catalogue (English ids, Swedish in
``locale/sv``), so the site speaks the run's language like every command: Swedish by
default, English with ``--lang en`` (docs/i18n.md). :data:`WORDS` translates a key when it
is read, not at import. Keys never name a ``Mapping`` method (``items``, ``get`` …):
templates read them as attributes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from iopctl.i18n import N_, NP_, _, pgettext
from iopctl.present.field_labels import SECTORS
from iopctl.present.history import STATED_WORDS

__all__ = ["WORDS"]

_PAGES: dict[str, str | tuple[str, str]] = {
    "site_name": N_("IOP agreements"),
    "skip_link": N_("Skip to the content"),
    "nav_label": N_("Parts of the site"),
    "nav_overview": N_("Overview"),
    "nav_timeline": N_("Timeline"),
    "nav_history": N_("History"),
    "nav_money": N_("Money"),
    "footer": N_("Made by iopctl {version} from the agreements' YAML files, as of {as_of}."),
    "as_of": N_("As of {as_of}."),
    "back_to_overview": N_("Back to the overview"),
}

_OVERVIEW: dict[str, str | tuple[str, str]] = {
    "overview_title": N_("Overview"),
    "overview_intro": N_(
        "Every agreement on an idea-based public partnership, with its status, next "
        "deadline and the municipality's money this year. The status is worked out from "
        "the period and notices, not from what the file states."
    ),
    "overview_count": N_("{count} agreements."),
    "overview_caption": N_("All agreements ({count})"),
    "overview_status_counts": N_("Number per status"),
    "col_agreement": N_("Agreement"),
    "col_status": N_("Status"),
    "col_parties": N_("Parties"),
    "col_period": N_("Period"),
    "col_next": N_("Next deadline (act by)"),
    "col_days": N_("Days left"),
    "col_money_year": N_("Money {year}"),
    "col_validation": N_("Check"),
    "filter_text": N_("Search"),
    "filter_status": N_("Show status"),
    "filter_all": N_("All"),
    "filter_shown": N_("Showing {shown} of {total}."),
    "unreadable_title": N_("Files that could not be read"),
    "unreadable_intro": N_(
        "The files below have no readable id and so are not in the table. Correct the "
        "errors and they will be included the next time the site is built."
    ),
    "other_problems_title": N_("Other problems"),
    "other_problems_intro": N_(
        "Problems in index files and paths that do not concern a single file."
    ),
    "period_unknown": NP_("period", "unknown"),
    "period": N_("{start} – {end}"),
    "unknown_date": "?",  # not words: the mark of a date not known
    "nothing": "–",  # not words: the mark of an empty cell
    "days": N_("{days} d"),
    "valid": N_("Passed"),
    "valid_warnings": N_("Passed, {count} warnings"),
    "valid_warning": N_("Passed, 1 warning"),
    "errors": N_("{count} errors"),
}

_TIMELINE: dict[str, str | tuple[str, str]] = {
    "timeline_title": N_("Timeline"),
    "timeline_intro": N_(
        "Deadlines from {as_of} to {end}, for every agreement. The date in the agreement "
        "is the day the agreement states; act by is the last banking day on or before "
        "that day, never later."
    ),
    "overdue_title": NP_("heading", "Overdue"),
    "overdue_caption": N_("Overdue: the last day to act has passed ({count})"),
    "overdue_none": N_("Nothing is overdue."),
    "due_title": N_("Within 90 days"),
    "due_caption": N_("To do within 90 days ({count})"),
    "due_none": N_("Nothing is to be done within 90 days."),
    "months_title": N_("By month"),
    "months_intro": N_("Every deadline up to {end}, one page per month."),
    "month_link": N_("{month}: {count} deadlines"),
    "month_link_1": N_("{month}: {count} deadline"),
    "month_title": N_("Deadlines {month}"),
    "month_caption": N_("Deadlines {month} ({count})"),
    "month_none": N_("No deadlines up to {end}."),
    "col_act_by": N_("Act by"),
    "col_date": N_("Date in the agreement"),
    "col_what": N_("What"),
    "col_description": N_("Description"),
    "col_amount": N_("Amount"),
    "col_deadline_status": N_("State"),
    "date_reason": N_("{date} ({reason})"),
}

_HISTORY: dict[str, str | tuple[str, str]] = {
    "history_title": N_("History"),
    "history_intro": N_(
        "Everything that was to be done, year by year, and whether it was done on time, "
        "late or not at all, according to what the files record: follow-ups, reports, "
        "payments that are recorded and decisions on extension (the same as "
        "iopctl due --history)."
    ),
    "history_year": "{year}",  # not words: the year alone
    "history_caption": N_("What was to be done in {year} ({count})"),
    "history_none": N_("Nothing has fallen due yet."),
    "record_follow_up": N_("Follow-up {n}"),
    "record_report": N_("Report: {title}"),
    "record_payment": N_("Payment {due}"),
    "record_payment_differs": N_("Payment {due}, paid {paid}"),
    "record_decision": N_("Decision on extension"),
    "record_amount_unknown": N_("amount unknown"),
    "met_on_time": N_("On time"),
    "met_late": N_("Late, {days} days"),
    "met_missed": N_("Missed"),
    "met_unknown": N_("Done (day unknown)"),
    "col_due_day": N_("Last day"),
    "col_done_day": NP_("column", "Done"),
    "col_met": N_("How"),
    "acknowledged_title": N_("Accepted warnings"),
    "acknowledged_intro": N_(
        "Warnings that are true of the agreement and are accepted, with the reason."
    ),
}

_MONEY: dict[str, str | tuple[str, str]] = {
    "money_title": N_("Money"),
    "money_intro": N_(
        "Money that public parties have committed to pay, year by year, indexed as the "
        "agreements state. Drafts are not counted. Amounts that rest on an assumed index "
        "(estimates) and money conditional on a decision not yet taken are shown apart "
        "and never included in the decided amounts."
    ),
    "money_none": N_("No decided money to show."),
    "money_years_title": N_("By year"),
    "money_years_caption": N_("Money by year"),
    "money_bodies_title": N_("By deciding body"),
    "money_bodies_caption": N_("Decided money by deciding body and year"),
    "money_organisations_title": N_("By organisation"),
    "money_organisations_caption": N_("Decided money by receiving organisation and year"),
    "money_estimated_caption": N_("Estimated money (assumed index) by {group} and year"),
    "money_conditional_caption": N_("Conditional money by {group} and year"),
    "group_body": N_("deciding body"),
    "group_organisation": N_("organisation"),
    "col_year": N_("Year"),
    "col_committed": N_("Decided"),
    "col_estimated": N_("Estimated"),
    "col_conditional": N_("Conditional"),
    "col_body": N_("Deciding body"),
    "col_organisation": N_("Organisation"),
    "no_body": N_("(no public party)"),
    "no_organisation": N_("(no recipient stated)"),
    "chart_years_label": N_(
        "Bar chart: decided money by year, from {first} to {last}. Largest year "
        "{top_year}: {top}. The figures are in the table below the chart."
    ),
    "chart_matrix_label": N_(
        "Chart: decided money by {group} and year, one row per {group} and one bar per "
        "year. The figures are in the table below the chart."
    ),
    "chart_legend_committed": N_("Decided"),
    "chart_legend_estimated": N_("Estimated (assumed index)"),
    "chart_legend_conditional": N_("Conditional"),
    "chart_note": N_("The chart shows decided money; unknown amounts cannot be drawn."),
    "sum_unknown": NP_("amount", "unknown"),
    "sum_about": N_("about {amount}"),
    "sum_plus_unknown": N_("{amount} + an unknown amount"),
    "sum_plus_unknowns": N_("{amount} + {count} unknown amounts"),
}

_AGREEMENT: dict[str, str | tuple[str, str]] = {
    "agreement_id": N_("Id: {id}. File: {file}."),
    "facts_title": N_("In brief"),
    "fact_status": N_("Status"),
    "fact_stated_status": N_("Status according to the file"),
    "fact_body": N_("Deciding body"),
    "fact_decided": N_("Decided"),
    "fact_case_numbers": N_("Case numbers"),
    "fact_period": N_("Period"),
    "fact_last_day": N_("Last day in force"),
    "fact_extended_to": N_("Extended to"),
    "fact_extension_option": N_("Possible extension"),
    "fact_notice_period": N_("Notice period"),
    "fact_notice_given": N_("Notice"),
    "fact_next": N_("Next deadline"),
    "fact_validation": N_("Check"),
    "extension_option": N_("{length}, {times}"),
    "extension_unlimited": N_("{length}, without limit"),
    "extension_length_unknown": N_("length not stated"),
    "notice_given": N_("Notice given by {party} on {given_on}; last day in force {last_day}"),
    "parties_title": N_("Parties"),
    "parties_caption": N_("Parties to the agreement"),
    "col_party": N_("Party"),
    "col_sector": N_("Sector"),
    "col_legal_entity": N_("Legal person"),
    "col_org_number": N_("Organisation number"),
    "not_confirmed": N_("has not confirmed taking part"),
    "not_stated": N_("not stated"),  # an organisationsnummer the file does not give
    "economy_title": N_("Economy by year"),
    "economy_caption": N_("Contributions by year and party"),
    "economy_none": N_("No contributions to work out."),
    "col_kind": N_("Kind"),
    "col_note": N_("Note"),
    "col_total": N_("Total {year}"),
    "deadlines_title": N_("Deadlines"),
    "deadlines_caption": N_("Deadlines from {as_of}"),
    "deadlines_none": N_("No coming deadlines."),
    "history_section": N_("History"),
    "follow_ups_caption": N_("Follow-ups held"),
    "follow_ups_none": N_("No follow-ups are recorded."),
    "col_follow_up": N_("Follow-up"),
    "col_figures": N_("Figures"),
    "figure": N_("{label}: {value}"),
    "figure_about": N_("{label}: about {value}"),
    "figure_party": N_("{label}: {value} ({party})"),
    "figure_about_party": N_("{label}: about {value} ({party})"),
    "extensions_caption": N_("Extensions"),
    "extension_taken": N_("Extension {number} to {new_end}"),
    "extension_decided": N_("Extension {number} to {new_end}, decided {decided_on}"),
    "record_caption": N_("What was to be done"),
    "record_none": N_("Nothing has fallen due yet."),
    "problems_title": N_("Problems in the file"),
    "problems_intro": N_("What iopctl validate reports for the file."),
    "problems_none": N_("No problems: the file passes."),
    "problems_caption": N_("Problems in {file}"),
    "col_place": N_("Line:column"),
    "col_severity": N_("Severity"),
    "col_code": N_("Code"),
    "col_message": N_("Message"),
    "col_hint": N_("Hint"),
    "severity_error": N_("error"),
    "severity_warning": N_("warning"),
    "text_title": N_("The agreement's text"),
    "text_intro": N_(
        "The text is rendered from the file with iopctl render; the text that counts is "
        "the signed agreement."
    ),
    "text_gaps": N_("The file lacks details the text needs; they are marked [MISSING: …]."),
    "text_failed": N_("The text could not be rendered: {reason}"),
    "image_alt": N_("[image: {alt}]"),
}

_STATUS: dict[str, str | tuple[str, str]] = {
    "status_draft": N_("Draft"),
    "status_decided": N_("Decided, not signed"),
    "status_decided_conditionally": N_("Decided with conditions"),
    "status_signed": N_("Signed, not started"),
    "status_in_force": N_("In force"),
    "status_ended": N_("Ended"),
    "status_ended_early": N_("Ended early"),
    "status_unknown": N_("Unknown"),
    # The status a file states: the words ``show`` uses (one map, :mod:`iopctl.present.history`).
    **{f"stated_{status}": words for status, words in STATED_WORDS.items()},
    "stated_unknown": N_("not stated"),
    "due_overdue": NP_("deadline", "Overdue"),
    "due_due": N_("Soon"),
    "due_upcoming": N_("Coming"),
    "due_done": NP_("deadline", "Done"),
    "due_withdrawn": N_("Withdrawn"),
    **{f"sector_{code}": words for code, words in SECTORS.items()},
}

_KINDS: dict[str, str | tuple[str, str]] = {
    "kind_follow_up": N_("Follow-up"),
    "kind_notice_deadline": N_("Notice"),
    "kind_extension_decision": N_("Extension"),
    "kind_expiry": N_("Expiry"),
    "kind_payment": N_("Payment"),
    "kind_report": N_("Report"),
    "kind_signature": N_("Signature"),
    "kind_index_needed": N_("Index figure"),
    "kind_incomplete": N_("Details missing"),
    "contribution_money": N_("money"),
    "contribution_volunteer_hours": N_("volunteer work"),
    "contribution_in_kind": NP_("contribution", "in kind"),
    "contribution_labelled": N_("{kind}: {label}"),
    "category_premises": N_("premises"),
    "category_staff": N_("staff"),
    "category_training": N_("training"),
    "category_marketing": N_("marketing"),
    "category_equipment": N_("equipment"),
    "category_other": N_("other"),
}

_AMOUNTS: dict[str, str | tuple[str, str]] = {
    "amount_about": N_("about"),
    "amount_at_least": N_("at least"),
    "amount_at_most": N_("at most"),
    "mark_estimate": N_("estimate (assumed index)"),
    "mark_conditional": N_("conditional on a decision"),
    "mark_part": N_("{units} of {of} {unit}"),
    "mark_preliminary": N_("preliminary index"),
    "mark_index": N_("{index} {percent}%"),
    "unit_months": N_("months"),
    "unit_days": N_("days"),
    "unknown_not_stated": N_("the amount is not stated"),
    "unknown_no_figure": N_("index figure missing for {year}"),
    "unknown_unknown_index": N_("unknown index {index}"),
    "unknown_not_after_base": N_("indexing before the base year"),
    "unknown_share": N_("a share of a cost, no amount"),
    "unknown_no_quantity": N_("price per unit; the quantity is not stated"),
    "unknown_part_unknown": N_("unknown part of the year (a date is only partly known)"),
    "note_economy_failed": N_(
        "The economy in the file does not pass; the contributions are not worked out."
    ),
    "note_economy_not_stated": N_(
        "The file states no economy; the amounts are unknown, not nothing."
    ),
    "note_period_failed": N_("The period in the file does not pass; the years are not worked out."),
    "note_no_dates": N_("The period lacks a start or end date; the years cannot be worked out."),
    "note_no_contributions": N_("No contributions are stated."),
    "note_not_stated": N_("{party}: the value is not stated ({what})."),
    "note_not_stated_money": N_("{party}: the amount is not stated."),
    "note_unknown_index": N_("{party}: unknown index {index}; indexed years are not worked out."),
    "note_not_after_base": N_(
        "{party}: indexing from {first} is not after the base year {base}; indexed years "
        "are not worked out."
    ),
}

_DURATIONS: dict[str, str | tuple[str, str]] = {
    "duration_days_1": N_("{count} day"),
    "duration_days": N_("{count} days"),
    "duration_weeks_1": N_("{count} week"),
    "duration_weeks": N_("{count} weeks"),
    "duration_months_1": N_("{count} month"),
    "duration_months": N_("{count} months"),
    "duration_years_1": N_("{count} year"),
    "duration_years": N_("{count} years"),
    "times_1": N_("once"),
    "times": N_("{count} times"),
}

_EVENTS: dict[str, str | tuple[str, str]] = {
    "event_follow_up": N_("Follow-up no. {ordinal}: {why}"),
    "event_follow_up_interval": N_("{interval} after {anchor}"),
    "event_follow_up_anchor_record": N_("the last follow-up ({day})"),
    "event_follow_up_anchor_start": N_("the start ({day})"),
    "event_follow_up_per_year": N_("{held} of {per_year} held in {year}"),
    "event_follow_up_none": N_("none held in {year} (at least {per_year} a year)"),
    "event_follow_up_assumed": N_(
        "reminder of a follow-up (the terms are not stated; a yearly reminder is assumed)"
    ),
    "event_follow_up_on_request": N_("or when a party asks for one"),
    "event_follow_up_convened": N_("convened by {who}"),
    "event_notice": N_(
        "Last day for a notice to reach the other party for the agreement to end by {end}"
    ),
    "event_notice_last": N_("it is then in force up to and including {last}"),
    "event_notice_effect": N_(
        "a notice that reaches the other party on {as_of}: in force up to and including {effect}"
    ),
    "event_notice_late": N_(
        "a notice that reaches the other party on {as_of}: the notice period would run "
        "out on {effect}, after the end"
    ),
    "event_extension_stated": N_("Decision on change, extension or ending"),
    "event_extension": N_("Decision on extension {length} (option {option} of {times})"),
    "event_extension_open": N_("Decision on extension {length}"),
    "event_extension_by": N_("by {length}"),
    "event_expiry_period": N_("The agreement ends (last day in force)"),
    "event_expiry_early": N_("The agreement ended early (last day in force)"),
    "event_expiry_early_by": N_("{party} ended the agreement early (last day in force)"),
    "event_incomplete": N_(
        "Start date missing: no deadlines can be worked out; not signed by {names}"
    ),
    "event_incomplete_signed": N_("Start date missing: no deadlines can be worked out"),
    "season_spring": N_("spring {year}"),
    "season_autumn": N_("autumn {year}"),
    "event_expiry_inferred": N_("The agreement ends (worked out from the start and length)"),
    "event_expiry_initial": N_("The first period ends (extended to {day})"),
    "event_expiry_extension": N_("Extension {number} ends"),
    "event_expiry_extension_last": N_("Extension {number} ends (last day in force)"),
    "event_expiry_notice": N_("Ends after notice from {party} on {given_on}"),
    "event_report": N_("Report: {title}"),
    "event_report_by": N_("from {who}"),
    "event_report_to": N_("to {who}"),
    "event_payment": N_("Payment {year} from {party}: {amount}"),
    "event_payment_of": N_("Payment {number} of {count} in {year} from {party}: {amount}"),
    "event_payment_latest": N_(
        "{amount} (the amount for {year}; index figures for {missing} are missing)"
    ),
    "event_payment_not_stated": N_("the amount is not stated"),
    "event_payment_unknown": N_("the amount is unknown"),
    "event_payment_conditional": N_("{amount}, conditional on a decision not yet taken"),
    "event_signature": N_("Signature missing: {party}"),
    "event_signature_unconfirmed": N_("Signature missing: {party} (has not confirmed taking part)"),
    "event_signature_no_start": N_("{text}; no start date, shown as to do now"),
    "event_index_preliminary": N_(
        "{index} {year} is preliminary ({percent}%): the final figure can change the "
        "amount for {year}"
    ),
    "event_index_unknown": N_("Index {index} is unknown to iopctl (figures for {year} are needed)"),
    "event_index_unpublished": N_("{index} {year} was not published on {as_of}"),
    "event_index_missing": N_("Index figure {index} {year} is missing: add it (iopctl index add)"),
}

_IDS: Final[dict[str, str | tuple[str, str]]] = {
    **_PAGES,
    **_OVERVIEW,
    **_TIMELINE,
    **_HISTORY,
    **_MONEY,
    **_AGREEMENT,
    **_STATUS,
    **_KINDS,
    **_AMOUNTS,
    **_DURATIONS,
    **_EVENTS,
}


class _Words(Mapping[str, str]):
    """Key → the pattern in the current language (``str.format`` fields name what is
    filled in), translated when read so that one process can build either language."""

    __slots__ = ()

    def __getitem__(self, key: str) -> str:
        found = _IDS[key]
        return _(found) if isinstance(found, str) else pgettext(*found)

    def __iter__(self) -> Iterator[str]:
        return iter(_IDS)

    def __len__(self) -> int:
        return len(_IDS)


WORDS: Final[Mapping[str, str]] = _Words()
"""Key → pattern in the run's language."""
