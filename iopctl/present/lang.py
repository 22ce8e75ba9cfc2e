"""The language of what the commands print: ``_()`` for a sentence, Swedish by default.

A stand-in with the interface of the message catalogue (``iopctl.i18n``: ``_``, ``N_``,
``ngettext``, ``language``, ``use_language``) so that the text output is written once,
with English message ids and ``{name}`` placeholders filled after translation; when the
catalogue is on main this module only re-exports it and :data:`SV` moves into the
Swedish ``.po`` file. A leaf: it imports nothing from iopctl.
"""

from __future__ import annotations

import os
from typing import Final

__all__ = ["N_", "SV", "_", "language", "ngettext", "use_language"]

LANGUAGES: Final = ("sv", "en")
_chosen: list[str] = []


def language() -> str:
    """``sv`` or ``en``: the one chosen, else the locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``: ``en_GB.UTF-8`` is English), else Swedish."""
    if _chosen:
        return _chosen[-1]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.startswith("en") else "sv"
    return "sv"


def use_language(lang: str | None) -> None:
    """Print in ``lang`` from now on (``None``: back to the default)."""
    _chosen.clear()
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"language {lang!r}: sv or en")
        _chosen.append(lang)


def N_(msgid: str) -> str:
    """Marks a message for the catalogue; translated where it is shown."""
    return msgid


def _(msgid: str) -> str:
    return SV.get(msgid, msgid) if language() == "sv" else msgid


def ngettext(singular: str, plural: str, n: int) -> str:
    if language() == "sv" and singular in SV_PLURAL:
        return SV_PLURAL[singular][0 if n == 1 else 1]
    if language() == "sv":
        return SV.get(singular if n == 1 else plural, singular if n == 1 else plural)
    return singular if n == 1 else plural


SV_PLURAL: dict[str, tuple[str, str]] = {}
"""Singular message id → Swedish (one, several)."""

SV: dict[str, str] = {}
"""English message id → Swedish (moves into ``sv/LC_MESSAGES/iopctl.po``)."""

SV.update(
    {
        "{amount} kr": "{amount} kr",
        "{number}%": "{number} %",
        "{amount} kr/h": "{amount} kr/tim",
    }
)

SV_PLURAL.update(
    {
        "{n} day": ("{n} dag", "{n} dagar"),
        "{n} week": ("{n} vecka", "{n} veckor"),
        "{n} month": ("{n} månad", "{n} månader"),
        "{n} year": ("{n} år", "{n} år"),
        "{n} time": ("{n} gång", "{n} gånger"),
        "late by {n} day": ("{n} dag sent", "{n} dagar sent"),
        "{n} overdue": ("{n} försenad", "{n} försenade"),
        "{n} due": ("{n} aktuell", "{n} aktuella"),
        "{n} upcoming": ("{n} kommande", "{n} kommande"),
        "{n} done": ("{n} klar", "{n} klara"),
        "{n} withdrawn": ("{n} utgången", "{n} utgångna"),
        "month": ("månad", "månader"),
        "day": ("dag", "dagar"),
        "quarter": ("kvartal", "kvartal"),
    }
)

# due: the table, the statuses, the record (present/due_text.py, present/due.py)
SV.update(
    {
        "New Year's Day": "nyårsdagen",
        "Epiphany": "trettondedag jul",
        "Good Friday": "långfredagen",
        "Easter Sunday": "påskdagen",
        "Easter Monday": "annandag påsk",
        "May Day": "första maj",
        "Ascension Day": "kristi himmelsfärdsdag",
        "Whit Sunday": "pingstdagen",
        "Whit Monday": "annandag pingst",
        "National Day": "nationaldagen",
        "Midsummer Day": "midsommardagen",
        "All Saints' Day": "alla helgons dag",
        "Christmas Day": "juldagen",
        "Boxing Day": "annandag jul",
        "Midsummer Eve": "midsommarafton",
        "Christmas Eve": "julafton",
        "New Year's Eve": "nyårsafton",
        "Saturday": "lördag",
        "Sunday": "söndag",
        " and ": " och ",
        "follow-up": "uppföljning",
        "report": "rapport",
        "payment": "utbetalning",
        "decision on extension": "beslut om förlängning",
        "on time": "i tid",
        "late": "sent",
        "missed": "missad",
        "done (day not known)": "gjord (dag okänd)",
        "{n} on time": "{n} i tid",
        "{n} late": "{n} sent",
        "{n} missed": "{n} missade",
        "{n} done (day not known)": "{n} gjorda (dag okänd)",
        "{n} due: {counts}": "{n} skulle göras: {counts}",
        "follow-up {what}": "uppföljning {what}",
        "report {title}": "rapport {title}",
        "payment (contribution {what})": "utbetalning (insats {what})",
        "none": "inga",
        "paid {amount}": "betalt {amount}",
        "status": "status",
        "agreement": "avtal",
        "event": "händelse",
        "date": "datum",
        "act by": "senast",
        "days": "dagar",
        "clause": "villkor",
        "year": "år",
        "what": "vad",
        "due date": "förfallodag",
        "done on": "gjord",
        "how": "hur",
        "No deadlines.": "Inga tidsfrister.",
        "Nothing was due.": "Inget var att göra.",
        "overdue": "försenad",
        "due": "aktuell",
        "upcoming": "kommande",
        "done": "klar",
        "withdrawn": "utgången",
        "Deadlines as of {day} (due = act by {end}, within {length})": (
            "Tidsfrister per {day} (aktuell = senast {end}, inom {length})"
        ),
        "What was due up to {day}": "Vad som skulle göras till och med {day}",
    }
)

# the events (present/events.py)
SV.update(
    {
        "received": "mottagen",
        "paid": "betald",
        "extension decided": "förlängning beslutad",
        "extension declined": "förlängning avböjd",
        "notice given": "uppsägning lämnad",
        "ended early": "avslutat i förtid",
        "start date": "startdatum",
        "parties": "parter",
        "agreement ends (last day in force)": "avtalet upphör (sista giltiga dag)",
        "ended early (last day in force)": "avslutat i förtid (sista giltiga dag)",
        "decide on change, extension or ending of the agreement": (
            "besluta om ändring, förlängning eller avslut av avtalet"
        ),
        "extension option": "förlängningsoption",
        "allowed": "tillåten",
        "draft without {what}: no deadlines can be computed": (
            "utkast utan {what}: inga tidsfrister kan beräknas"
        ),
        "notice given {day} would take effect {effect}, after the end": (
            "uppsägning {day} skulle gälla från {effect}, efter avtalets slut"
        ),
        "agreement ends (last day in force; from the start and the length)": (
            "avtalet upphör (sista giltiga dag; beräknad från start och längd)"
        ),
        "ends by notice given by {party} on {day}": "upphör efter uppsägning från {party} {day}",
        "decide whether to extend ({option}): last day to give notice": (
            "besluta om förlängning ({option}): sista dag för uppsägning"
        ),
        "none recorded": "ingen registrerad",
        "{length} after the last one ({day})": "{length} efter den senaste ({day})",
        "{length} after the start ({day})": "{length} efter starten ({day})",
        "or when a party asks": "eller när en part begär det",
        "follow-up no. {n} – {why}": "uppföljning nr {n} – {why}",
        "not stated (iopctl reminder policy)": "inte angivet (iopctls påminnelseregel)",
        "(conditional on a decision not yet taken)": "(villkorat av ett beslut som inte är fattat)",
        "payment {year} from {party}: {amount} ({when})": (
            "utbetalning {year} från {party}: {amount} ({when})"
        ),
        "{units} of {of} {unit} of {year}": "{units} av {of} {unit} {year}",
        "{missing} – add it ({command}) to compute the {year} amount": (
            "{missing} – lägg till det ({command}) för att beräkna beloppet för {year}"
        ),
        "last day to give notice to end the agreement on {end}": (
            "sista dag att säga upp avtalet till {end}"
        ),
        "(has not confirmed taking part)": "(har inte bekräftat sitt deltagande)",
        "signature missing: {party}; before the period starts ({start})": (
            "underskrift saknas: {party}; före avtalsperiodens start ({start})"
        ),
        "notice given {day} takes effect {effect}": "uppsägning {day} gäller från {effect}",
        "{index} from {day}": "{index} från {day}",
        "extension {n} ends": "förlängning {n} upphör",
        "extension option {n} of {times}": "förlängningsoption {n} av {times}",
        "decide whether to extend by {length} ({option}): last day to give notice": (
            "besluta om förlängning med {length} ({option}): sista dag för uppsägning"
        ),
        "follow-up reminder (terms not stated – yearly reminder assumed, at the latest "
        "by the end; {since})": (
            "påminnelse om uppföljning (villkor saknas – årlig påminnelse antagen, senast "
            "vid avtalets slut; {since})"
        ),
        "amount not stated": "belopp inte angivet",
        "amount not known": "belopp okänt",
        "no scheduled date in force in {year}: shown on the first day in force": (
            "inget planerat datum gäller {year}: visas på första giltiga dag"
        ),
        "payment {n} of {count} {year} from {party}: {amount} ({when})": (
            "utbetalning {n} av {count} {year} från {party}: {amount} ({when})"
        ),
        "{index} {year} is preliminary ({percent}): the definitive figure may change "
        "the {year} amount": (
            "{index} {year} är preliminärt ({percent}): det definitiva värdet kan ändra "
            "beloppet för {year}"
        ),
        "index {index} is not known to iopctl ({year} figure needed)": (
            "indexet {index} är okänt för iopctl (värdet för {year} behövs)"
        ),
        "a day from {first} to {last}; the exact day is not known": (
            "en dag från {first} till {last}; exakt dag är okänd"
        ),
        "not yet signed by {parties}": "ännu inte undertecknat av {parties}",
        "done: {what}": "klart: {what}",
        "due {month_day}": "senast {month_day}",
        "no entry for party {party}": "ingen rad för parten {party}",
        "not stated": "inte angivet",
        "initial period ends (extended to {end})": "första perioden upphör (förlängd till {end})",
        "extension {n} ends (last day in force)": "förlängning {n} upphör (sista giltiga dag)",
        "ended early by {party} (last day in force)": (
            "avslutat i förtid av {party} (sista giltiga dag)"
        ),
        "last recorded {day}": "senast registrerad {day}",
        "{held} of {n} recorded in {year} (at least {n} per calendar year)": (
            "{held} av {n} registrerade {year} (minst {n} per kalenderår)"
        ),
        "none recorded in {year} (at least {n} per calendar year)": (
            "ingen registrerad {year} (minst {n} per kalenderår)"
        ),
        "convened by {party}": "sammankallande: {party}",
        "on {day}": "den {day}",
        "in {month}: by {day}": "i {month}: senast {day}",
        "in {n} payments": "i {n} utbetalningar",
        "for {part}": "för {part}",
        "months {months}": "månader {months}",
        "day {n}": "dag {n}",
        "{index} {year} was not published by {day}: the {year} amount follows when it is": (
            "{index} {year} var inte publicerat {day}: beloppet för {year} följer när det är det"
        ),
        "iopctl has no {index} figure for {year}": "iopctl har inget {index}-värde för {year}",
        "by {party}": "från {party}",
        "to {party}": "till {party}",
        "interval {length} (default)": "intervall {length} (standard)",
        "the {year} amount: no index figure for {missing} yet": (
            "beloppet för {year}: inget indexvärde för {missing} ännu"
        ),
        "{amount} for {part}": "{amount} för {part}",
        "{amount} for the agreement year {first} – {last}": (
            "{amount} för avtalsåret {first} – {last}"
        ),
        "{amount} a year in {n} payments": "{amount} per år i {n} utbetalningar",
    }
)

# the calendar (present/ical.py)
SV_PLURAL.update({"In {n} day: {what}": ("Om {n} dag: {what}", "Om {n} dagar: {what}")})
SV.update(
    {
        "IOP deadlines (iopctl)": "IOP-tidsfrister (iopctl)",
        "Done: {what}": "Klart: {what}",
        "Withdrawn: no longer a deadline (the agreement's record changed)": (
            "Utgången: inte längre en tidsfrist (avtalets uppgifter har ändrats)"
        ),
        "Withdrawn: {what}": "Utgången: {what}",
        "Amount: {amount}": "Belopp: {amount}",
        "Contractual date: {day}": "Datum enligt avtalet: {day}",
        "Act by: {day} (last business day on or before it)": (
            "Senast: {day} (sista vardagen på eller före den dagen)"
        ),
        "Clause: {clause}": "Villkor: {clause}",
        "Agreement: {id} ({file})": "Avtal: {id} ({file})",
        "(contractual date {day})": "(datum enligt avtalet {day})",
    }
)

# list and show (present/portfolio.py, present/show.py, present/history.py)
SV_PLURAL.update(
    {
        "{n} warning": ("{n} varning", "{n} varningar"),
        "{n} error": ("{n} fel", "{n} fel"),
    }
)
SV.update(
    {
        "public": "offentlig",
        "idea-based": "idéburen",
        "private": "privat",
        "money": "pengar",
        "volunteer hours": "ideella timmar",
        "Parties": "Parter",
        "Period": "Period",
        "Economy by year": "Ekonomi per år",
        "Follow-ups held": "Genomförda uppföljningar",
        "Problems": "Problem",
        "length not stated": "längd inte angiven",
        "no time limit": "ingen tidsgräns",
        "extension option: {terms}": "förlängningsoption: {terms}",
        "What happened": "Vad som hänt",
        "Acknowledged warnings": "Godtagna varningar",
        "File": "Fil",
        "Status": "Status",
        "not yet confirmed": "ännu inte bekräftad",
        "ca ": "ca ",
        "Deadlines as of {day}": "Tidsfrister per {day}",
        "Dnr": "Dnr",
        "Decided": "Beslutat",
        "dates not known": "datum okända",
        "no contributions stated": "inga insatser angivna",
        "org nr {number}": "org.nr {number}",
        "ended early: last day in force {day}": "avslutat i förtid: sista giltiga dag {day}",
        "notice period: {length}": "uppsägningstid: {length}",
        "extended to {end}": "förlängt till {end}",
        "ended by notice given by {party} on {day}: last day in force {last}": (
            "uppsagt av {party} {day}: sista giltiga dag {last}"
        ),
        "not computed: {why}": "inte beräknad: {why}",
        "at {field}": "vid {field}",
        "notice": "uppsägning",
        "extension decision": "förlängningsbeslut",
        "end": "avtalsslut",
        "signature": "underskrift",
        "index figure": "indexvärde",
        "incomplete": "ofullständigt",
        "valid": "giltig",
        "not known": "okänd",
        "unknown": "okänt",
        "period": "period",
        "next deadline": "nästa tidsfrist",
        "validation": "validering",
        "Agreements as of {day} ({n})": "Avtal per {day} ({n})",
        "d": "d",
        "valid, {warnings}": "giltig, {warnings}",
        "(+ conditional, amount unknown)": "(+ villkorat, belopp okänt)",
        "about {amount}": "cirka {amount}",
        "(+ {amount} conditional)": "(+ {amount} villkorat)",
        "money {year}": "pengar {year}",
        "{amount} (estimate)": "{amount} (uppskattning)",
        "draft": "utkast",
        "decided, not signed": "beslutat, inte undertecknat",
        "decided on a condition": "beslutat med villkor",
        "signed, not started": "undertecknat, inte påbörjat",
        "in force": "gäller",
        "ended": "avslutat",
        "proposal": "förslag",
        "decision to adopt": "beslut att anta",
        "decision on financing": "beslut om finansiering",
        "decision": "beslut",
        "date not on record": "datum saknas",
        "condition met": "villkoret uppfyllt",
        "between {first} and {last}": "mellan {first} och {last}",
        "decided not to extend": "beslut att inte förlänga",
        "{party} left": "{party} lämnade",
        "{status} on {day}": "{status} per {day}",
        "payment of {amount}": "utbetalning av {amount}",
        "report received: {report}": "rapport mottagen: {report}",
        "extension decided to {end}": "förlängning beslutad till {end}",
        "notice given by {party}": "uppsägning från {party}",
        "{party} joined": "{party} anslöt",
        "nothing recorded": "inget registrerat",
        "not yet signed by {n} of the parties": "ännu inte undertecknat av {n} av parterna",
        "condition: {condition}": "villkor: {condition}",
        "the file says: {status}": "filen anger: {status}",
        "report received: {report} for {year}": "rapport mottagen: {report} för {year}",
        "condition met (contribution {n})": "villkoret uppfyllt (insats {n})",
        "ended early by {party}": "avslutat i förtid av {party}",
        "amendment: {what}": "ändring: {what}",
        "effective {day}": "gäller från {day}",
        "inferred: {how}": "härlett: {how}",
    }
)

# economy, value and index list (present/economy_*.py, present/indices.py)
SV_PLURAL.update({"{n} agreement": ("{n} avtal", "{n} avtal")})
SV.update(
    {
        "about {amount}": "ca {amount}",
        "at least {amount}": "minst {amount}",
        "at most {amount}": "högst {amount}",
        "preliminary": "preliminärt",
        "definitive": "definitivt",
        "assumed": "antaget",
        "Year": "År",
        "Party": "Part",
        "Base": "Bas",
        "Preliminary": "Preliminärt",
        "Paid": "Betalt",
        "Definitive": "Definitivt",
        "Gives": "Ger",
        "Difference": "Skillnad",
        "A positive difference is owed to the organisation; a negative one is to be repaid.": (
            "En positiv skillnad ska betalas till organisationen; en negativ ska betalas tillbaka."
        ),
        "(conditional)": "(villkorat)",
        "Revisions: paid on the preliminary index vs what the definitive one gives": (
            "Omräkningar: betalt enligt preliminärt index mot vad det definitiva ger"
        ),
        "Notes": "Anmärkningar",
        "Agreement": "Avtal",
        "* estimate: no published value for {which}; assumed {percent} a year ({flag}). "
        "Later years build on it and are estimates too.": (
            "* uppskattning: inget publicerat värde för {which}; antaget {percent} per år "
            "({flag}). Senare år bygger på det och är också uppskattningar."
        ),
        "(no public party)": "(ingen offentlig part)",
        "Total": "Summa",
        "Deciding body": "Beslutande organ",
        "Money, all years": "Pengar, alla år",
        "Counted": "Räknas",
        "Money committed per year and deciding body (kind: money of public parties)": (
            "Utlovade pengar per år och beslutande organ (slag: offentliga parters pengar)"
        ),
        "Conditional money (not in the totals above)": (
            "Villkorade pengar (inte med i summorna ovan)"
        ),
        "All contributions per year (money, volunteer hours and in kind, as valued)": (
            "Alla insatser per år (pengar, ideella timmar och naturainsatser, som värderade)"
        ),
        "Agreements": "Avtal",
        "yes": "ja",
        "no": "nej",
        "Rounding: {rule} (see docs/money.md)": "Avrundning: {rule} (se docs/money.md)",
        "Portfolio: {agreements}, {counted} counted (not those unsigned)": (
            "Portfölj: {agreements}, {counted} räknas (inte de ej undertecknade)"
        ),
        "Amount": "Belopp",
        "in kind": "natura",
        "Rounding": "Avrundning",
        "default; see docs/money.md": "standard; se docs/money.md",
        "no extensions taken": "inga förlängningar gjorda",
        "Kind": "Slag",
        "Index": "Index",
        "Change": "Ändring",
        "Src": "Källa",
        "No agreements could be read.": "Inga avtal kunde läsas.",
        "+ ? = some amounts are not stated; totals and shares count the known ones.": (
            "+ ? = vissa belopp är inte angivna; summor och andelar räknar de kända."
        ),
        "Conditional money depends on a decision not yet taken; it is not in the totals.": (
            "Villkorade pengar beror på ett beslut som inte är fattat; de är inte med i summorna."
        ),
        "All parties": "Alla parter",
        "Share": "Andel",
        "Index figures used": "Indexvärden som används",
        "Volunteer hours": "Ideella timmar",
        "hours not stated": "timmar inte angivna",
        "rate not stated": "timvärde inte angivet",
        "value not stated": "värde inte angivet",
        "  hint: iopctl has no {index} {year} figure. Add it, with its source, when it is\n"
        "        published (SKR publishes OPI each December: {page}):\n"
        "          iopctl index add {index} {year} <{index} {year} IN PERCENT> "
        '--status preliminary --source "<who published it, when>"\n'
        "        or pass --assume PCT to project {year} and later years as estimates.\n": (
            "  tips: iopctl har inget värde för {index} {year}. Lägg till det, med källa, när det\n"
            "        publiceras (SKR publicerar OPI varje december: {page}):\n"
            "          iopctl index add {index} {year} <{index} {year} I PROCENT> "
            '--status preliminary --source "<vem som publicerade det, när>"\n'
            "        eller ange --assume PCT för att skatta {year} och senare år.\n"
        ),
        "{field}; see docs/money.md": "{field}; se docs/money.md",
        "extended {taken}": "förlängt {taken}",
        "not valued": "inte värderat",
        "Rate": "Timvärde",
        "Value": "Värde",
        "{hours} h × {rate} = {value}": "{hours} tim × {rate} = {value}",
        "Paid in year": "Betalt under året",
        "Conditional": "Villkorat",
        "Totals {years}": "Summor {years}",
        "Conditional, not in the totals: {amount}": "Villkorat, inte med i summorna: {amount}",
        "Stated by the agreement: {party} {amount} a year": (
            "Enligt avtalet: {party} {amount} per år"
        ),
        "{hours} h/year": "{hours} tim/år",
        "{amount} kr/year": "{amount} kr/år",
        "recorded {hours} h = {value}": "registrerat {hours} tim = {value}",
        "to {end}": "till {end}",
        "published {day}": "publicerat {day}",
        "{party}: promised {hours} × {rate} = {value}": (
            "{party}: utlovat {hours} × {rate} = {value}"
        ),
        "{wage} wage × (1 + {percent} arbetsgivaravgift {year}) = {rate} "
        "(rounded to öre, half up)": (
            "{wage} lön × (1 + {percent} arbetsgivaravgift {year}) = {rate} "
            "(avrundat till öre, uppåt vid hälften)"
        ),
        "{rate} (given with --rate)": "{rate} (angivet med --rate)",
        "no hours recorded in follow-ups ({where})": (
            "inga timmar registrerade i uppföljningar ({where})"
        ),
        "{difference} against the promise": "{difference} mot det utlovade",
        "money amount": "penningbelopp",
        "value of volunteer hours": "värde av ideella timmar",
        "value of in-kind contribution": "värde av naturainsats",
        "per agreement (see agreements[].rounding)": "per avtal (se agreements[].rounding)",
        "exact (no rounding); each year from the previous year's exact amount": (
            "exakt (ingen avrundning); varje år från föregående års exakta belopp"
        ),
        "whole kronor": "hela kronor",
        "a price per unit; the quantity is not stated": (
            "ett pris per enhet; antalet är inte angivet"
        ),
        "part of the year not known (a date known only in part)": (
            "del av året okänd (ett datum som bara delvis är känt)"
        ),
        "economy did not validate; contributions not computed": (
            "ekonomin validerade inte; insatserna är inte beräknade"
        ),
        "period did not validate; years not computed": (
            "perioden validerade inte; åren är inte beräknade"
        ),
        "no period dates (start and end); years cannot be laid out": (
            "inga periodsdatum (start och slut); åren kan inte läggas ut"
        ),
        "{unit}, half up; each year from the previous year's rounded amount": (
            "{unit}, uppåt vid hälften; varje år från föregående års avrundade belopp"
        ),
        "indexation from {first} is not after the base year {base}": (
            "indexering från {first} ligger inte efter basåret {base}"
        ),
        "a share of a cost, not an amount": "en andel av en kostnad, inte ett belopp",
        "no {index} value for {year}": "inget {index}-värde för {year}",
        "{percent} of {what}": "{percent} av {what}",
        "{party}: {why}; indexed years not computed": (
            "{party}: {why}; indexerade år är inte beräknade"
        ),
        "premises": "lokaler",
        "staff": "personal",
        "training": "utbildning",
        "marketing": "marknadsföring",
        "equipment": "utrustning",
        "other": "övrigt",
        "multiples of {amount}": "multipler av {amount}",
        "unknown index {index}": "okänt index {index}",
        "indexation from {year} is not after the base year": (
            "indexering från {year} ligger inte efter basåret"
        ),
        "{party}: {what} not stated": "{party}: {what} inte angivet",
        "Add a figure with its source, e.g.:": "Lägg till ett värde med källa, t.ex.:",
        "Index figures known to iopctl": "Indexvärden som iopctl känner till",
        "Every figure the agreements need is known.": "Alla värden som avtalen behöver är kända.",
        "Needed by agreements, not known to iopctl": "Behövs av avtal, okända för iopctl",
        'iopctl index add OPI <YEAR> <PERCENT> --status preliminary --source "SKR cirkulär …"': (
            'iopctl index add OPI <ÅR> <PROCENT> --status preliminary --source "SKR cirkulär …"'
        ),
        "SKR publishes OPI each December: {page}": "SKR publicerar OPI varje december: {page}",
        "bundled": "medföljer",
        "index": "index",
        "change": "ändring",
        "published": "publicerat",
        "from": "från",
        "(iopctl knows no index called {index})": "(iopctl känner inget index som heter {index})",
    }
)
