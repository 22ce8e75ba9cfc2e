"""The agreement model: what one YAML file under ``agreements/`` may say.

The schema describes *shape*; what a given status requires (an active
agreement must have a period, org numbers, economy …) is checked in
:mod:`iopctl.checks.completeness`, so that a draft can leave anything unknown and every
missing piece is reported with its own code. Unknown means absent or
``null``: nothing is filled in for the user.

Every field carries a Swedish and an English description; they reach editors
through the JSON Schema (``iopctl schema``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from iopctl.model.types import (
    AgreementId,
    Count,
    Date,
    Duration,
    DurationText,
    Hours,
    Kronor,
    Month,
    OrgNumberText,
    Percent,
    PerYear,
    RoundingUnit,
    Slug,
    Text,
    Year,
)

__all__ = [
    "Agreement",
    "Amendment",
    "AmountChange",
    "AmountForYear",
    "Contribution",
    "Decision",
    "Economy",
    "Extension",
    "ExtensionTaken",
    "Figure",
    "FollowUpRecord",
    "FollowUpTerms",
    "InKindContribution",
    "Indexation",
    "MoneyContribution",
    "OneOff",
    "Organisation",
    "PartialAgreement",
    "Party",
    "PartyTotal",
    "Payment",
    "Period",
    "PeriodTotal",
    "Person",
    "Qualifier",
    "Report",
    "Responsibility",
    "RoundingRule",
    "Share",
    "Signature",
    "SourceDocument",
    "Termination",
    "TerminationRecord",
    "UnitPrice",
    "VolunteerContribution",
]

MAX_ITEMS = 100
"""Parties, contributions, reports and extensions each multiply the deadlines and payments
computed for every year; no agreement has a hundred of any of them."""
MAX_PERIOD_DAYS = 36_525
"""A period (with extensions taken) is at most 100 years."""

Status = Literal["draft", "active", "ended", "terminated"]
Sector = Literal["public", "idea_based"]


def d(sv: str, en: str) -> str:
    """A bilingual field description: Swedish first, the users' language."""
    return f"{sv} / {en}"


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=False,
        validate_default=False,
        use_attribute_docstrings=False,
    )


# --- parties and people ---------------------------------------------------------


class Contact(_Model):
    name: Text | None = Field(None, description=d("Kontaktpersonens namn.", "Contact name."))
    role: Text | None = Field(
        None,
        description=d(
            "Kontaktpersonens roll, t.ex. planeringsledare, firmatecknare.",
            "Contact's role, e.g. planning officer, authorised signatory.",
        ),
    )
    email: Text | None = Field(None, description=d("E-postadress.", "E-mail address."))
    phone: Text | None = Field(None, description=d("Telefonnummer.", "Phone number."))


class Party(_Model):
    id: Slug = Field(
        description=d(
            "Kort nyckel som andra fält hänvisar till, t.ex. resurspoolen.",
            "Short key that other fields refer to, e.g. resurspoolen.",
        )
    )
    name: Text = Field(description=d("Partens namn.", "The party's name."))
    sector: Sector = Field(
        description=d(
            "public = kommun/region/nämnd; idea_based = idéburen organisation.",
            "public = municipality/region/committee; idea_based = non-profit organisation.",
        )
    )
    organisation: Text | None = Field(
        None,
        description=d(
            "Juridisk person när parten är en nämnd, t.ex. Linköpings kommun.",
            "Legal entity when the party is a committee, e.g. Linköpings kommun.",
        ),
    )
    org_number: OrgNumberText | None = Field(
        None,
        description=d(
            "Organisationsnummer, NNNNNN-NNNN (kontrollsiffra kontrolleras).",
            "Swedish organisation number, NNNNNN-NNNN (check digit verified).",
        ),
    )
    role: Text | None = Field(
        None,
        description=d("Partens roll i överenskommelsen.", "The party's role in the agreement."),
    )
    description: Text | None = Field(
        None, description=d("Beskrivning av parten.", "Description of the party.")
    )
    contact: Contact | None = Field(None, description=d("Kontaktperson.", "Contact person."))
    confirmed: bool = Field(
        True,
        description=d(
            "false när parten ännu inte har bekräftat sitt deltagande.",
            "false while the party has not yet confirmed taking part.",
        ),
    )
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class Person(_Model):
    name: Text | None = Field(
        None, description=d("Namn (utelämna om okänt).", "Name (omit when unknown).")
    )
    party: Slug | None = Field(
        None, description=d("Parten personen företräder.", "The party the person represents.")
    )
    role: Text | None = Field(None, description=d("Roll.", "Role."))
    note: Text | None = Field(None, description=d("Anteckning, t.ex. 'ej klart'.", "Note."))


class Group(_Model):
    description: Text | None = Field(
        None, description=d("Gruppens uppdrag.", "What the group is for.")
    )
    members: list[Person] = Field(default_factory=list, description=d("Ledamöter.", "Members."))
    meeting_frequency: Text | None = Field(
        None,
        description=d(
            "Hur ofta gruppen möts, ordagrant.", "How often the group meets, as written."
        ),
    )
    meetings_per_year: PerYear | None = Field(
        None, description=d("Möten per år.", "Meetings per year.")
    )


class Organisation(_Model):
    steering_group: Group | None = Field(
        None, description=d("Styrgrupp / ledningsgrupp.", "Steering group.")
    )
    working_group: Group | None = Field(None, description=d("Arbetsgrupp.", "Working group."))
    responsible: Person | None = Field(
        None,
        description=d(
            "Ansvarig person hos den offentliga parten.",
            "Responsible person at the public party.",
        ),
    )
    description: Text | None = Field(
        None,
        description=d(
            "Organisation för partnerskapet, ordagrant.",
            "Organisation of the partnership, as written.",
        ),
    )


class Responsibility(_Model):
    party: Slug = Field(description=d("Parten.", "The party."))
    clauses: list[Text] = Field(
        min_length=1, description=d("Partens åtaganden.", "The party's commitments.")
    )


# --- economy -------------------------------------------------------------------


class Payment(_Model):
    schedule: Literal["yearly", "half_yearly", "quarterly", "monthly", "once", "other"] = Field(
        description=d("Hur ofta utbetalning sker.", "How often payment is made.")
    )
    months: list[Month] = Field(
        default_factory=list,
        max_length=12,
        description=d("Månader då utbetalning sker (1–12).", "Months of payment (1–12)."),
    )
    day: Annotated[int, Field(ge=1, le=31)] | None = Field(
        None, description=d("Dag i månaden, om angiven.", "Day of month, if stated.")
    )
    per: Literal["calendar_year", "agreement_year"] = Field(
        "calendar_year",
        description=d(
            "calendar_year = varje utbetalning betalar sitt kalenderårs belopp; "
            "agreement_year = avtalsåret (från startdagen) betalas, t.ex. oktober–september.",
            "calendar_year = each payment pays its calendar year's amount; agreement_year = "
            "the agreement year (from the start date) is paid, e.g. October–September.",
        ),
    )
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


Qualifier = Literal["about", "at_least", "at_most"]
"""How exact a stated amount is: "ca" (about), "minst"/"drygt" (at least), "högst" (at most)."""

_QUALIFIER = d(
    "about = ca/omkring; at_least = minst/drygt/mer än; at_most = högst/upp till.",
    "about = approximately; at_least = at least/just over; at_most = at most/up to.",
)


class AmountForYear(_Model):
    year: Year = Field(description=d("Året beloppet gäller.", "The year the amount is for."))
    amount: Kronor = Field(description=d("Beloppet det året.", "The amount that year."))
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class PeriodTotal(_Model):
    amount: Kronor = Field(
        description=d("Beloppet för hela perioden.", "The amount for the whole period.")
    )
    years: list[Year] = Field(
        default_factory=list,
        description=d(
            "År som totalen gäller; tomt = hela perioden.",
            "Years the total is for; empty = the whole period.",
        ),
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class OneOff(_Model):
    amount: Kronor = Field(description=d("Engångsbeloppet.", "The one-off amount."))
    year: Year = Field(description=d("Året det gäller.", "The year it is for."))
    date: Date | None = Field(
        None, description=d("Utbetalningsdag, om angiven.", "Payment date, if stated.")
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class Share(_Model):
    percent: Percent = Field(description=d("Andel i procent.", "Share in percent."))
    of: Text = Field(
        description=d(
            "Vad andelen avser, ordagrant, t.ex. 'kostnaden för verksamheten'.",
            "What it is a share of, as written, e.g. 'the cost of the activity'.",
        )
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class UnitPrice(_Model):
    amount: Kronor = Field(description=d("Pris per enhet.", "Price per unit."))
    unit: Text = Field(
        description=d("Enheten, t.ex. 'plats och dygn'.", "The unit, e.g. 'place and day'.")
    )
    quantity_per_year: Hours | None = Field(
        None,
        description=d(
            "Förväntat antal enheter per år, om angivet.", "Expected units per year, if stated."
        ),
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class AmountChange(_Model):
    from_date: Date = Field(
        description=d("Nytt belopp gäller från och med.", "The new amount applies from.")
    )
    amount_per_year: Kronor = Field(description=d("Nytt belopp per år.", "New amount per year."))
    amendment: Text | None = Field(
        None,
        description=d(
            "Ändringen eller beslutet, t.ex. diarienummer.",
            "The amendment or decision, e.g. case number.",
        ),
    )


class Indexation(_Model):
    index: Text = Field(
        description=d(
            "Indexets namn, t.ex. OPI (omsorgsprisindex) eller PKV.",
            "Index name, e.g. OPI (SKR's care price index) or PKV.",
        )
    )
    from_date: Date = Field(
        description=d(
            "Uppräkning sker från och med detta datum; dess år är första uppräknade år.",
            "Indexation applies from this date; its year is the first indexed year.",
        )
    )
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class _Contribution(_Model):
    party: Slug = Field(description=d("Bidragande part.", "Contributing party."))
    description: Text | None = Field(
        None, description=d("Vad bidraget avser.", "What the contribution is.")
    )
    part_years: Literal["prorate", "full"] = Field(
        "prorate",
        description=d(
            "prorate = ett år som bara delvis ingår får sin del av årsbeloppet; "
            "full = hela årsbeloppet även för del av år.",
            "prorate = a year only partly in force gets its part of the yearly amount; "
            "full = the whole yearly amount even for part of a year.",
        ),
    )
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class MoneyContribution(_Contribution):
    kind: Literal["money"] = Field(description=d("Pengar.", "Money."))
    to: Slug | None = Field(
        None,
        description=d(
            "Mottagande part, om inte den första idéburna parten.",
            "Receiving party, when not the first idea-based party.",
        ),
    )
    amount_per_year: Kronor | None = Field(
        None, description=d("Belopp per år i kronor.", "Amount per year in kronor.")
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)
    amounts: list[AmountForYear] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description=d(
            "Belopp för namngivna år (gäller före amount_per_year för de åren).",
            "Amounts for named years (they take precedence over amount_per_year).",
        ),
    )
    total: PeriodTotal | None = Field(
        None,
        description=d(
            "Belopp för hela perioden eller för namngivna år, t.ex. '2,1 miljoner på tre år'.",
            "Amount for the whole period or named years, e.g. '2.1 million over three years'.",
        ),
    )
    one_off: OneOff | None = Field(
        None, description=d("Engångsbelopp ett visst år.", "A one-off amount in a given year.")
    )
    share: Share | None = Field(
        None,
        description=d(
            "Andel av en kostnad i stället för ett belopp.", "A share of a cost, not an amount."
        ),
    )
    unit_price: UnitPrice | None = Field(
        None, description=d("Pris per enhet, t.ex. per plats och dygn.", "A price per unit.")
    )
    changes: list[AmountChange] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description=d(
            "Ändrat belopp per år från ett datum (genom ändring av överenskommelsen).",
            "A changed amount per year from a date (by amendment).",
        ),
    )
    base_year: Year | None = Field(
        None,
        description=d(
            "Året beloppet avser (före uppräkning).", "The year the amount is for (unindexed)."
        ),
    )
    payment: Payment | None = Field(None, description=d("Utbetalningsplan.", "Payment schedule."))
    indexation: Indexation | None = Field(
        None, description=d("Indexuppräkning.", "Indexation clause.")
    )
    conditional_on: Text | None = Field(
        None,
        description=d(
            "Villkor, t.ex. kommande politiskt beslut om budget.",
            "Condition, e.g. a later political budget decision.",
        ),
    )


class VolunteerContribution(_Contribution):
    kind: Literal["volunteer_hours"] = Field(description=d("Ideella timmar.", "Volunteer hours."))
    hours_per_year: Hours | None = Field(
        None, description=d("Ideella timmar per år.", "Volunteer hours per year.")
    )
    volunteers: Count | None = Field(
        None, description=d("Antal aktiva volontärer.", "Number of active volunteers.")
    )
    hourly_rate: Kronor | None = Field(
        None, description=d("Värde per timme i kronor.", "Value per hour in kronor.")
    )
    value_per_year: Kronor | None = Field(
        None,
        description=d("Timmarnas värde per år i kronor.", "Value of the hours per year in kronor."),
    )
    approximate: bool = Field(
        False,
        description=d(
            "true när texten säger 'ca' om timmar eller antal.",
            "true when the text says 'about' for hours or volunteers.",
        ),
    )


class InKindContribution(_Contribution):
    kind: Literal["in_kind"] = Field(description=d("Övrig insats.", "In-kind contribution."))
    category: Literal["premises", "staff", "training", "marketing", "equipment", "other"] = Field(
        description=d(
            "Slag: lokaler, personal, utbildning, marknadsföring, utrustning, annat.",
            "Category: premises, staff, training, marketing, equipment, other.",
        )
    )
    value_per_year: Kronor | None = Field(
        None, description=d("Värde per år i kronor, om angivet.", "Value per year, if stated.")
    )


Contribution = Annotated[
    MoneyContribution | VolunteerContribution | InKindContribution,
    Field(discriminator="kind"),
]


class RoundingRule(_Model):
    mode: Literal["unit", "exact"] = Field(
        "unit",
        description=d(
            "unit = avrunda varje års belopp (halvt uppåt); exact = ingen avrundning.",
            "unit = round each year's amount (half up); exact = no rounding.",
        ),
    )
    unit: RoundingUnit = Field(
        default=Decimal(1),
        description=d("Avrundningsenhet i kronor (standard 1).", "Rounding unit in kronor."),
    )


class PartyTotal(_Model):
    party: Slug = Field(description=d("Parten.", "The party."))
    amount_per_year: Kronor = Field(
        description=d(
            "Partens totala insats per år enligt texten.",
            "The party's total contribution per year as the text declares it.",
        )
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class Economy(_Model):
    declared_total_per_year: Kronor | None = Field(
        None,
        description=d(
            "Överenskommelsens totala ekonomiska omfattning per år enligt texten.",
            "The agreement's total per year as the text declares it.",
        ),
    )
    contributions: list[Contribution] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description=d("Parternas insatser.", "The parties' contributions."),
    )
    party_totals: list[PartyTotal] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description=d(
            "En parts totala insats per år, när texten anger den (t.ex. 'en miljon årligen').",
            "A party's total per year, when the text states it (e.g. 'a million a year').",
        ),
    )
    rounding: RoundingRule | None = Field(
        None,
        description=d(
            "Avrundning vid indexuppräkning (standard: hela kronor, halvt uppåt).",
            "Rounding for indexation (default: whole kronor, half up).",
        ),
    )
    other_funding: Text | None = Field(
        None, description=d("Om annan finansiering.", "On other funding.")
    )
    text: Text | None = Field(None, description=d("Avsnittet ordagrant.", "Section as written."))


# --- period, termination, follow-up -----------------------------------------------


class Extension(_Model):
    length: DurationText | None = Field(
        None,
        description=d("Förlängningens längd, t.ex. '3 years'.", "Length of an extension."),
    )
    times: Count | None = Field(
        None,
        description=d("Hur många gånger förlängning får ske.", "How many extensions are allowed."),
    )
    unlimited: bool = Field(
        False,
        description=d(
            "true när förlängning får ske utan tidsbegränsning (upphandlingsrisk, HFD 2020:15).",
            "true when extension has no time limit (a procurement risk, HFD 2020:15).",
        ),
    )
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class ExtensionTaken(_Model):
    decided_on: Date | None = Field(None, description=d("Beslutsdatum.", "Decision date."))
    new_end: Date = Field(description=d("Nytt slutdatum.", "New end date."))
    decision: Text | None = Field(
        None, description=d("Beslut, t.ex. diarienummer.", "Decision, e.g. case number.")
    )


class Period(_Model):
    start: Date | None = Field(None, description=d("Startdatum.", "Start date."))
    end: Date | None = Field(
        None, description=d("Slutdatum (sista giltiga dag).", "End date (last day in force).")
    )
    length: DurationText | None = Field(
        None,
        description=d(
            "Längd när datumen är okända, t.ex. '3 years'.", "Length when dates are unknown."
        ),
    )
    decision_deadline: Date | None = Field(
        None,
        description=d(
            "Datum då ställning senast ska tas till förändring, förlängning eller upphörande.",
            "Date by which change, extension or ending must be decided.",
        ),
    )
    extension: Extension | None = Field(
        None, description=d("Möjlighet till förlängning.", "Extension option.")
    )
    extensions_taken: list[ExtensionTaken] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description=d("Beslutade förlängningar.", "Extensions decided."),
    )
    text: Text | None = Field(None, description=d("Avsnittet ordagrant.", "Section as written."))

    @model_validator(mode="after")
    def _at_most_a_century(self) -> Period:
        """Deadlines and payments are computed for every year of the period: a period of
        three centuries with a hundred monthly payments was 360 000 events (106 s, 8 GB)."""
        if self.start is None:
            return self
        ends = [e.new_end for e in self.extensions_taken]
        if self.end is not None:
            ends.append(self.end)
        last = max(ends, default=None)
        if last is not None and (last - self.start).days > MAX_PERIOD_DAYS:
            raise PydanticCustomError(
                "IOP214",
                "{message}",
                {
                    "message": f"the period runs from {self.start} to {last}: more than 100 years",
                    "hint": "check the years of start, end and extensions_taken",
                },
            )
        return self


class TerminationRecord(_Model):
    given_by: Slug = Field(description=d("Part som sade upp.", "Party that gave notice."))
    given_on: Date = Field(description=d("Dag för uppsägning.", "Date notice was given."))
    effective: Date | None = Field(
        None, description=d("Dag då uppsägningen får verkan.", "Date the notice takes effect.")
    )


class Termination(_Model):
    notice_period: DurationText | None = Field(
        None, description=d("Uppsägningstid, t.ex. '6 months'.", "Notice period.")
    )
    form: Literal["written", "any"] | None = Field(
        None,
        description=d("written = skriftlig uppsägning.", "written = notice must be in writing."),
    )
    repayment: Text | None = Field(
        None, description=d("Återbetalningsklausul.", "Repayment clause.")
    )
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))
    record: TerminationRecord | None = Field(
        None,
        description=d("Given uppsägning (status terminated).", "Notice given (status terminated)."),
    )


class Report(_Model):
    title: Text = Field(description=d("Rapportens namn.", "Name of the report."))
    by: Slug | None = Field(None, description=d("Part som rapporterar.", "Reporting party."))
    due_month: Month = Field(description=d("Månad då rapporten ska lämnas.", "Month due."))
    due_day: Annotated[int, Field(ge=1, le=31)] = Field(description=d("Dag.", "Day of month."))
    to: Text | None = Field(None, description=d("Mottagare.", "Recipient."))
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class FollowUpTerms(_Model):
    frequency: Text | None = Field(
        None,
        description=d(
            "Hur ofta uppföljning sker, ordagrant, t.ex. 'minst en (1) gång per år'.",
            "How often follow-up happens, as written.",
        ),
    )
    per_year: PerYear | None = Field(
        None,
        description=d(
            "Minsta antal uppföljningar per kalenderår.", "Minimum follow-ups per calendar year."
        ),
    )
    interval: DurationText | None = Field(
        None,
        description=d(
            "Längsta tid mellan två uppföljningar (standard 12 months / per_year).",
            "Longest time between two follow-ups (default 12 months / per_year).",
        ),
    )
    on_request: bool = Field(
        False,
        description=d(
            "true när en part också kan påkalla uppföljning.", "true when a party may also ask."
        ),
    )
    convened_by: Text | None = Field(
        None, description=d("Vem som bjuder in.", "Who convenes the follow-up.")
    )
    convening_party: Slug | None = Field(
        None, description=d("Part som bjuder in.", "Party that convenes.")
    )
    purpose: Text | None = Field(None, description=d("Syftet.", "What the follow-up is for."))
    reports: list[Report] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description=d("Rapporter som ska lämnas.", "Reports required."),
    )
    text: Text | None = Field(None, description=d("Avsnittet ordagrant.", "Section as written."))


class Figure(_Model):
    label: Text = Field(description=d("Vad som räknats.", "What was counted."))
    kind: Literal["visitors", "participants", "volunteers", "volunteer_hours", "other"] = Field(
        "other", description=d("Slag av uppgift.", "Kind of figure.")
    )
    value: Hours = Field(description=d("Värdet.", "The value."))
    approximate: bool = Field(False, description=d("true för 'ca'.", "true for 'about'."))
    party: Slug | None = Field(None, description=d("Part som rapporterat.", "Reporting party."))
    year: Year | None = Field(None, description=d("År som avses.", "Year it refers to."))
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class Section(_Model):
    heading: Text = Field(description=d("Rubrik.", "Heading."))
    text: Text = Field(description=d("Text (Markdown).", "Text (Markdown)."))
    party: Slug | None = Field(None, description=d("Part som avses.", "Party concerned."))


class FollowUpRecord(_Model):
    date: Date = Field(description=d("Datum för uppföljningen.", "Date of the follow-up."))
    title: Text | None = Field(None, description=d("Rubrik.", "Title."))
    participants: list[Slug] = Field(
        default_factory=list, description=d("Deltagande parter.", "Parties taking part.")
    )
    sections: list[Section] = Field(
        default_factory=list, description=d("Rapportens avsnitt.", "The report's sections.")
    )
    figures: list[Figure] = Field(
        default_factory=list, description=d("Redovisade siffror.", "Reported figures.")
    )
    source: Text | None = Field(None, description=d("Källdokument.", "Source document."))


# --- identity, changes, signatures ---------------------------------------------------


class Decision(_Model):
    body: Text | None = Field(
        None, description=d("Beslutande nämnd.", "Deciding body (committee).")
    )
    date: Date | None = Field(None, description=d("Beslutsdatum.", "Decision date."))
    case_number: Text | None = Field(None, description=d("Diarienummer.", "Case number."))
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class Amendment(_Model):
    date: Date = Field(description=d("Datum för ändringen.", "Date of the change."))
    description: Text = Field(description=d("Vad som ändrades.", "What changed."))
    decision: Text | None = Field(None, description=d("Beslut.", "Decision."))


class Signature(_Model):
    party: Slug = Field(description=d("Part som undertecknar.", "Signing party."))
    on_behalf: Text | None = Field(
        None, description=d("'För …' som i texten.", "'For …' as in the text.")
    )
    name: Text | None = Field(None, description=d("Namn.", "Name."))
    title: Text | None = Field(None, description=d("Befattning.", "Title."))
    place: Text | None = Field(None, description=d("Ort.", "Place."))
    date: Date | None = Field(None, description=d("Datum.", "Date."))


class SourceDocument(_Model):
    title: Text = Field(description=d("Dokumentets namn.", "Document title."))
    date: Date | None = Field(None, description=d("Dokumentets datum.", "Document date."))
    reference: Text | None = Field(
        None, description=d("Fil, URL eller diarienummer.", "File, URL or case number.")
    )
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class PartialAgreement(_Model):
    """What a file says, even when it did not validate: every top-level field is optional.

    :mod:`iopctl.model.load` builds one from the top-level fields that validated on their
    own (a failed field is left at its default: ``None`` or an empty list), so commands
    can still show what is known, and the type says which parts may be missing.
    :class:`Agreement` is the same with ``id``, ``title`` and ``status`` required.
    """

    id: AgreementId | None = Field(
        None,
        description=d(
            "Stabilt id, unikt i förrådet och säkert som filnamn.",
            "Stable id, unique in the repository and safe as a file name.",
        ),
    )
    title: Text | None = Field(
        None, description=d("Överenskommelsens rubrik.", "Title of the agreement.")
    )
    status: Status | None = Field(
        None,
        description=d(
            "draft = utkast; active = gäller; ended = löpt ut; terminated = uppsagd.",
            "draft; active = in force; ended = expired; terminated = ended by notice.",
        ),
    )
    language: Literal["sv", "en"] = Field(
        "sv", description=d("Dokumentets språk.", "Language of the document.")
    )
    case_numbers: list[Text] = Field(
        default_factory=list, description=d("Diarienummer.", "Case numbers (diarienummer).")
    )
    document_date: Date | None = Field(
        None, description=d("Dokumentets datum.", "Date on the document.")
    )
    decision: Decision | None = Field(
        None, description=d("Beslut om överenskommelsen.", "Decision on the agreement.")
    )
    partnership_model: (
        Literal["classic", "shared_financing", "buy_out", "bridge_builder"] | None
    ) = Field(
        None,
        description=d(
            "Partnerskapsmodell (VIVE 2019): klassisk, delad finansiering, friköp, brobyggare.",
            "Partnership model (VIVE 2019): classic, shared financing, buy-out, bridge-builder.",
        ),
    )
    sources: list[SourceDocument] = Field(
        default_factory=list,
        description=d("Dokument som posten bygger på.", "Documents this record is based on."),
    )
    notes: Text | None = Field(
        None, description=d("Anteckningar om posten.", "Notes about this record.")
    )
    replaces: list[Slug] = Field(
        default_factory=list,
        description=d("Överenskommelser som denna ersätter.", "Agreements this one replaces."),
    )
    replaced_by: Slug | None = Field(
        None, description=d("Överenskommelse som ersatt denna.", "Agreement replacing this one.")
    )

    parties: list[Party] = Field(
        default_factory=list, max_length=MAX_ITEMS, description=d("Parterna.", "The parties.")
    )
    organisation: Organisation | None = Field(
        None, description=d("Partnerskapets organisation.", "Organisation of the partnership.")
    )
    contacts: list[Person] = Field(
        default_factory=list, description=d("Kontaktpersoner.", "Contact persons.")
    )

    background: Text | None = Field(
        None, description=d("Bakgrund (Markdown).", "Background (Markdown).")
    )
    values: Text | None = Field(None, description=d("Värdegrund.", "Shared values."))
    starting_points: Text | None = Field(
        None, description=d("Överenskommelsens utgångspunkter.", "Starting points.")
    )
    challenge: Text | None = Field(
        None,
        description=d("Gemensam samhällsutmaning och syfte.", "Shared social challenge, purpose."),
    )
    purpose: Text | None = Field(None, description=d("Syfte.", "Purpose."))
    goals: Text | None = Field(None, description=d("Mål / målsättning.", "Goals."))
    target_group: Text | None = Field(None, description=d("Målgrupp.", "Target group."))
    activities: Text | None = Field(None, description=d("Insatser.", "Activities."))
    responsibilities: list[Responsibility] = Field(
        default_factory=list,
        description=d("Varje parts åtaganden.", "Each party's responsibilities."),
    )
    joint_responsibilities: list[Text] = Field(
        default_factory=list, description=d("Gemensamt ansvar.", "Joint responsibilities.")
    )

    economy: Economy | None = Field(None, description=d("Ekonomi.", "Economy."))
    period: Period | None = Field(None, description=d("Avtalstid.", "Period of the agreement."))
    termination: Termination | None = Field(
        None, description=d("Uppsägning.", "Termination and notice.")
    )
    follow_up: FollowUpTerms | None = Field(
        None, description=d("Villkor för uppföljning.", "Follow-up terms.")
    )
    follow_ups: list[FollowUpRecord] = Field(
        default_factory=list, description=d("Genomförda uppföljningar.", "Follow-ups held.")
    )
    amendments: list[Amendment] = Field(
        default_factory=list, description=d("Ändringar och tillägg.", "Amendments.")
    )
    changes: Text | None = Field(
        None,
        description=d(
            "Klausul om ändringar och omförhandling.", "Clause on changes and renegotiation."
        ),
    )
    disputes: Text | None = Field(
        None, description=d("Klausul om hävning och tvist.", "Clause on rescission and disputes.")
    )
    signatures: list[Signature] = Field(
        default_factory=list, description=d("Underskrifter.", "Signatures.")
    )

    def party(self, party_id: str) -> Party | None:
        """The party with this id (``None`` when there is none)."""
        for party in self.parties:
            if party.id == party_id:
                return party
        return None


def _required(name: str) -> Any:
    """The same field as on :class:`PartialAgreement`, without a default."""
    return Field(description=PartialAgreement.model_fields[name].description)


class Agreement(PartialAgreement):
    """One IOP agreement."""

    id: AgreementId = _required("id")
    title: Text = _required("title")
    status: Status = _required("status")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an agreement file."""
    schema = Agreement.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    """The JSON Schema as ``iopctl schema`` prints it and ``iopctl init`` writes it."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


__all__ += ["Duration", "Sector", "Status", "json_schema", "schema_text"]
