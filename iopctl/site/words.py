"""Every word the site shows, in Swedish, in one dictionary.

The rest of iopctl speaks English for now; a later issue brings Swedish and English to
every command (gettext). Until then the site's words live here and nowhere else, as
``str.format`` patterns keyed by a stable name, so that moving them to a message
catalogue is a change of this module only: the templates print ``w.<key>`` and
:mod:`iopctl.site.phrases` fills the patterns from the facts. Keys never name a
``dict`` method (``items``, ``keys`` …): templates read them as attributes.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = ["LANG", "MONTHS", "WORDS"]

LANG: Final = "sv"

_PAGES = {
    "site_name": "IOP-överenskommelser",
    "skip_link": "Hoppa till innehållet",
    "nav_label": "Webbplatsens delar",
    "nav_overview": "Översikt",
    "nav_timeline": "Tidslinje",
    "nav_history": "Historik",
    "nav_money": "Pengar",
    "footer": "Skapad av iopctl {version} ur överenskommelsernas YAML-filer, läget den {as_of}.",
    "as_of": "Läget den {as_of}.",
    "back_to_overview": "Tillbaka till översikten",
}

_OVERVIEW = {
    "overview_title": "Översikt",
    "overview_intro": (
        "Alla överenskommelser om idéburet offentligt partnerskap, med status, nästa "
        "tidsgräns och kommunens pengar i år. Status räknas fram ur perioden och "
        "uppsägningar, inte ur vad filen anger."
    ),
    "overview_count": "{count} överenskommelser.",
    "overview_caption": "Alla överenskommelser ({count})",
    "overview_status_counts": "Antal per status",
    "col_agreement": "Överenskommelse",
    "col_status": "Status",
    "col_parties": "Parter",
    "col_period": "Period",
    "col_next": "Nästa tidsgräns (agera senast)",
    "col_days": "Dagar kvar",
    "col_money_year": "Pengar {year}",
    "col_validation": "Kontroll",
    "filter_text": "Sök",
    "filter_status": "Visa status",
    "filter_all": "Alla",
    "filter_shown": "Visar {shown} av {total}.",
    "unreadable_title": "Filer som inte kunde läsas",
    "unreadable_intro": (
        "Filerna nedan saknar ett läsbart id och syns därför inte i tabellen. "
        "Rätta felen, så kommer de med nästa gång webbplatsen byggs."
    ),
    "other_problems_title": "Andra problem",
    "other_problems_intro": "Problem i indexfiler och sökvägar som inte gäller en enskild fil.",
    "period_unknown": "okänd",
    "period": "{start} – {end}",
    "unknown_date": "?",
    "nothing": "–",
    "days": "{days} d",
    "valid": "Godkänd",
    "valid_warnings": "Godkänd, {count} varningar",
    "valid_warning": "Godkänd, 1 varning",
    "errors": "{count} fel",
}

_TIMELINE = {
    "timeline_title": "Tidslinje",
    "timeline_intro": (
        "Tidsgränser från {as_of} till {end}, för alla överenskommelser. "
        "Datum i avtalet är dagen som avtalet anger; agera senast är sista bankdagen "
        "på eller före den dagen, aldrig senare."
    ),
    "overdue_title": "Försenat",
    "overdue_caption": "Försenat: sista dag att agera har passerat ({count})",
    "overdue_none": "Inget är försenat.",
    "due_title": "Inom 90 dagar",
    "due_caption": "Att göra inom 90 dagar ({count})",
    "due_none": "Inget ska göras inom 90 dagar.",
    "months_title": "Per månad",
    "months_intro": "Alla tidsgränser fram till {end}, en sida per månad.",
    "month_link": "{month}: {count} tidsgränser",
    "month_title": "Tidsgränser {month}",
    "month_caption": "Tidsgränser {month} ({count})",
    "month_none": "Inga tidsgränser fram till {end}.",
    "col_act_by": "Agera senast",
    "col_date": "Datum i avtalet",
    "col_what": "Vad",
    "col_description": "Beskrivning",
    "col_amount": "Belopp",
    "col_deadline_status": "Läge",
    "date_reason": "{date} ({reason})",
}

_HISTORY = {
    "history_title": "Historik",
    "history_intro": (
        "Allt som skulle ha gjorts, år för år, och om det gjordes i tid, sent eller inte "
        "alls, enligt det som förts in i filerna: uppföljningar, rapporter, "
        "utbetalningar som förs in och beslut om förlängning (samma som "
        "iopctl due --history)."
    ),
    "history_year": "{year}",
    "history_caption": "Det som skulle göras {year} ({count})",
    "history_none": "Inget har hunnit förfalla.",
    "record_follow_up": "Uppföljning {n}",
    "record_report": "Rapport: {title}",
    "record_payment": "Utbetalning {due}",
    "record_payment_differs": "Utbetalning {due}, betalt {paid}",
    "record_decision": "Beslut om förlängning",
    "record_amount_unknown": "belopp okänt",
    "met_on_time": "I tid",
    "met_late": "Sent, {days} dagar",
    "met_missed": "Missad",
    "met_unknown": "Gjord (dagen okänd)",
    "col_due_day": "Sista dag",
    "col_done_day": "Gjort",
    "col_met": "Hur",
    "acknowledged_title": "Godtagna varningar",
    "acknowledged_intro": "Varningar som stämmer för överenskommelsen och som godtas, med skäl.",
}

_MONEY = {
    "money_title": "Pengar",
    "money_intro": (
        "Pengar som offentliga parter har åtagit sig att betala, år för år, "
        "indexerade så som avtalen anger. Utkast räknas inte. Belopp som bygger på "
        "ett antaget index (uppskattningar) och pengar som villkoras av ett beslut "
        "som inte är fattat redovisas för sig och ingår aldrig i de beslutade beloppen."
    ),
    "money_none": "Inga beslutade pengar att redovisa.",
    "money_years_title": "Per år",
    "money_years_caption": "Pengar per år",
    "money_bodies_title": "Per beslutande organ",
    "money_bodies_caption": "Beslutade pengar per beslutande organ och år",
    "money_organisations_title": "Per organisation",
    "money_organisations_caption": "Beslutade pengar per mottagande organisation och år",
    "money_estimated_caption": "Uppskattade pengar (antaget index) per {group} och år",
    "money_conditional_caption": "Villkorade pengar per {group} och år",
    "group_body": "beslutande organ",
    "group_organisation": "organisation",
    "col_year": "År",
    "col_committed": "Beslutat",
    "col_estimated": "Uppskattat",
    "col_conditional": "Villkorat",
    "col_body": "Beslutande organ",
    "col_organisation": "Organisation",
    "no_body": "(ingen offentlig part)",
    "no_organisation": "(ingen mottagare angiven)",
    "chart_years_label": (
        "Stapeldiagram: beslutade pengar per år, från {first} till {last}. Störst år "
        "{top_year}: {top}. Siffrorna finns i tabellen under diagrammet."
    ),
    "chart_matrix_label": (
        "Diagram: beslutade pengar per {group} och år, en rad per {group} och en "
        "stapel per år. Siffrorna finns i tabellen under diagrammet."
    ),
    "chart_legend_committed": "Beslutat",
    "chart_legend_estimated": "Uppskattat (antaget index)",
    "chart_legend_conditional": "Villkorat",
    "chart_note": "Diagrammet visar beslutade pengar; okända belopp kan inte ritas.",
    "sum_unknown": "okänt",
    "sum_about": "ca {amount}",
    "sum_plus_unknown": "{amount} + okänt belopp",
    "sum_plus_unknowns": "{amount} + {count} okända belopp",
}

_AGREEMENT = {
    "agreement_id": "Id: {id}. Fil: {file}.",
    "facts_title": "I korthet",
    "fact_status": "Status",
    "fact_stated_status": "Status enligt filen",
    "fact_body": "Beslutande organ",
    "fact_decided": "Beslutat",
    "fact_case_numbers": "Diarienummer",
    "fact_period": "Period",
    "fact_last_day": "Sista dag i kraft",
    "fact_extended_to": "Förlängd till",
    "fact_extension_option": "Möjlig förlängning",
    "fact_notice_period": "Uppsägningstid",
    "fact_notice_given": "Uppsägning",
    "fact_next": "Nästa tidsgräns",
    "fact_validation": "Kontroll",
    "extension_option": "{length}, {times}",
    "extension_unlimited": "{length}, utan begränsning",
    "extension_length_unknown": "längd anges inte",
    "notice_given": "Uppsagd av {party} den {given_on}; sista dag i kraft {last_day}",
    "parties_title": "Parter",
    "parties_caption": "Parter i överenskommelsen",
    "col_party": "Part",
    "col_sector": "Sektor",
    "col_legal_entity": "Juridisk person",
    "col_org_number": "Organisationsnummer",
    "not_confirmed": "har inte bekräftat sitt deltagande",
    "economy_title": "Ekonomi per år",
    "economy_caption": "Bidrag per år och part",
    "economy_none": "Inga bidrag att räkna fram.",
    "col_kind": "Slag",
    "col_note": "Anmärkning",
    "col_total": "Summa {year}",
    "deadlines_title": "Tidsgränser",
    "deadlines_caption": "Tidsgränser från {as_of}",
    "deadlines_none": "Inga kommande tidsgränser.",
    "history_section": "Historik",
    "follow_ups_caption": "Uppföljningar som hållits",
    "follow_ups_none": "Inga uppföljningar är registrerade.",
    "col_follow_up": "Uppföljning",
    "col_figures": "Uppgifter",
    "figure": "{label}: {value}",
    "figure_about": "{label}: ca {value}",
    "figure_party": "{label}: {value} ({party})",
    "figure_about_party": "{label}: ca {value} ({party})",
    "extensions_caption": "Förlängningar",
    "extension_taken": "Förlängning {number} till {new_end}",
    "extension_decided": "Förlängning {number} till {new_end}, beslutad {decided_on}",
    "record_caption": "Det som skulle göras",
    "record_none": "Inget har hunnit förfalla.",
    "problems_title": "Problem i filen",
    "problems_intro": (
        "Det som iopctl validate rapporterar för filen (meddelandena är på engelska)."
    ),
    "problems_none": "Inga problem: filen är godkänd.",
    "problems_caption": "Problem i {file}",
    "col_place": "Rad:kolumn",
    "col_severity": "Allvar",
    "col_code": "Kod",
    "col_message": "Meddelande",
    "col_hint": "Tips",
    "severity_error": "fel",
    "severity_warning": "varning",
    "text_title": "Avtalstext",
    "text_intro": (
        "Texten är återgiven ur filen med iopctl render; den avgörande texten är det "
        "undertecknade avtalet."
    ),
    "text_gaps": "Filen saknar uppgifter som texten behöver; de är markerade [SAKNAS: …].",
    "text_failed": "Texten kunde inte återges: {reason}",
    "image_alt": "[bild: {alt}]",
}

_STATUS = {
    "status_draft": "Utkast",
    "status_decided": "Beslutad, ej undertecknad",
    "status_decided_conditionally": "Beslutad med villkor",
    "status_signed": "Undertecknad, ej påbörjad",
    "status_in_force": "Gäller",
    "status_ended": "Avslutad",
    "status_ended_early": "Avslutad i förtid",
    "status_unknown": "Okänd",
    "stated_draft": "utkast",
    "stated_active": "aktiv",
    "stated_ended": "avslutad",
    "stated_terminated": "uppsagd",
    "stated_unknown": "anges inte",
    "due_overdue": "Försenad",
    "due_due": "Snart",
    "due_upcoming": "Kommande",
    "due_done": "Klar",
    "due_withdrawn": "Utgår",
    "sector_public": "offentlig",
    "sector_idea_based": "idéburen",
}

_KINDS = {
    "kind_follow_up": "Uppföljning",
    "kind_notice_deadline": "Uppsägning",
    "kind_extension_decision": "Förlängning",
    "kind_expiry": "Upphör",
    "kind_payment": "Utbetalning",
    "kind_report": "Rapport",
    "kind_signature": "Underskrift",
    "kind_index_needed": "Indextal",
    "kind_incomplete": "Uppgifter saknas",
    "contribution_money": "pengar",
    "contribution_volunteer_hours": "ideellt arbete",
    "contribution_in_kind": "i natura",
    "contribution_labelled": "{kind}: {label}",
    "category_premises": "lokaler",
    "category_staff": "personal",
    "category_training": "utbildning",
    "category_marketing": "marknadsföring",
    "category_equipment": "utrustning",
    "category_other": "annat",
}

_AMOUNTS = {
    "kronor": "{amount}\u00a0kr",
    "amount_about": "ca",
    "amount_at_least": "minst",
    "amount_at_most": "högst",
    "mark_estimate": "uppskattning (antaget index)",
    "mark_conditional": "villkorat av beslut",
    "mark_part": "{units} av {of} {unit}",
    "mark_preliminary": "preliminärt index",
    "mark_index": "{index} {percent}\u00a0%",
    "unit_months": "månader",
    "unit_days": "dagar",
    "unknown_not_stated": "beloppet anges inte",
    "unknown_no_figure": "indextal saknas för {year}",
    "unknown_unknown_index": "okänt index {index}",
    "unknown_not_after_base": "indexering före basåret",
    "unknown_share": "en andel av en kostnad, inget belopp",
    "unknown_no_quantity": "pris per enhet; mängden anges inte",
    "unknown_part_unknown": "okänd del av året (ett datum är bara delvis känt)",
    "note_economy_failed": "Ekonomin i filen är inte godkänd; bidragen räknas inte fram.",
    "note_period_failed": "Perioden i filen är inte godkänd; åren räknas inte fram.",
    "note_no_dates": "Perioden saknar start- eller slutdatum; åren kan inte räknas fram.",
    "note_no_contributions": "Inga bidrag anges.",
    "note_not_stated": "{party}: värdet anges inte ({what}).",
    "note_not_stated_money": "{party}: beloppet anges inte.",
    "note_unknown_index": "{party}: okänt index {index}; indexerade år räknas inte fram.",
    "note_not_after_base": (
        "{party}: indexering från {first} är inte efter basåret {base}; indexerade år "
        "räknas inte fram."
    ),
}

_DURATIONS = {
    "duration_days_1": "{count} dag",
    "duration_days": "{count} dagar",
    "duration_weeks_1": "{count} vecka",
    "duration_weeks": "{count} veckor",
    "duration_months_1": "{count} månad",
    "duration_months": "{count} månader",
    "duration_years_1": "{count} år",
    "duration_years": "{count} år",
    "times_1": "en gång",
    "times": "{count} gånger",
}

_EVENTS = {
    "event_follow_up": "Uppföljning nr {ordinal}: {why}",
    "event_follow_up_interval": "{interval} efter {anchor}",
    "event_follow_up_anchor_record": "förra uppföljningen ({day})",
    "event_follow_up_anchor_start": "starten ({day})",
    "event_follow_up_per_year": "{held} av {per_year} hållna {year}",
    "event_follow_up_none": "ingen hållen {year} (minst {per_year} per år)",
    "event_follow_up_assumed": (
        "påminnelse om uppföljning (villkoren anges inte, en årlig påminnelse antas)"
    ),
    "event_follow_up_on_request": "eller när en part begär det",
    "event_follow_up_convened": "kallas av {who}",
    "event_notice": "Sista dag för en uppsägning att nå motparten för att överenskommelsen "
    "ska upphöra senast {end}",
    "event_notice_last": "gäller då till och med {last}",
    "event_notice_effect": "uppsägning som når motparten {as_of}: gäller till och med {effect}",
    "event_notice_late": "uppsägning som når motparten {as_of}: uppsägningstiden skulle "
    "löpa ut {effect}, efter slutet",
    "event_extension_stated": "Beslut om ändring, förlängning eller avslut",
    "event_extension": "Beslut om förlängning {length} (option {option} av {times})",
    "event_extension_open": "Beslut om förlängning {length}",
    "event_extension_by": "med {length}",
    "event_expiry_period": "Överenskommelsen upphör (sista dag i kraft)",
    "event_expiry_early": "Överenskommelsen upphörde i förtid (sista dag i kraft)",
    "event_expiry_early_by": "{party} avslutade överenskommelsen i förtid (sista dag i kraft)",
    "event_incomplete": (
        "Utkast utan startdatum: inga tidsfrister kan räknas; ej undertecknat av {names}"
    ),
    "event_incomplete_signed": "Utkast utan startdatum: inga tidsfrister kan räknas",
    "season_spring": "våren {year}",
    "season_autumn": "hösten {year}",
    "event_expiry_inferred": "Överenskommelsen upphör (räknat från start och längd)",
    "event_expiry_initial": "Första perioden slutar (förlängd till {day})",
    "event_expiry_extension": "Förlängning {number} slutar",
    "event_expiry_extension_last": "Förlängning {number} slutar (sista dag i kraft)",
    "event_expiry_notice": "Upphör efter uppsägning från {party} den {given_on}",
    "event_report": "Rapport: {title}",
    "event_report_by": "från {who}",
    "event_report_to": "till {who}",
    "event_payment": "Utbetalning {year} från {party}: {amount}",
    "event_payment_of": "Utbetalning {number} av {count} {year} från {party}: {amount}",
    "event_payment_latest": "{amount} (beloppet för {year}; indextal för {missing} saknas)",
    "event_payment_not_stated": "beloppet anges inte",
    "event_payment_unknown": "beloppet är okänt",
    "event_payment_conditional": "{amount}, villkorat av ett beslut som inte är fattat",
    "event_signature": "Underskrift saknas: {party}",
    "event_signature_unconfirmed": "Underskrift saknas: {party} (har inte bekräftat deltagande)",
    "event_signature_no_start": "{text}; inget startdatum, visas som att göra nu",
    "event_index_preliminary": (
        "{index} {year} är preliminärt ({percent}\u00a0%): det slutliga talet kan ändra "
        "beloppet för {year}"
    ),
    "event_index_unknown": "Index {index} är okänt för iopctl (tal för {year} behövs)",
    "event_index_unpublished": "{index} {year} var inte publicerat den {as_of}",
    "event_index_missing": "Indextal {index} {year} saknas: lägg till det (iopctl index add)",
}

WORDS: Final = MappingProxyType(
    {
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
)
"""Key → Swedish pattern (``str.format`` fields name what is filled in)."""

MONTHS: Final = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
"""Month names, for the timeline's month pages ("maj 2022")."""
