"""What each party contributes: money (in every shape a real agreement states it), volunteer
hours and in-kind contributions, and the rules for rounding and party totals.

The *shape* is here; what a year's amount is follows from the rules in
:mod:`iopctl.facts.amounts` (``docs/money.md``)."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from iopctl.model.base import MAX_ITEMS, Model, d, no_items
from iopctl.model.types import (
    Count,
    Date,
    Hours,
    Kronor,
    Month,
    Percent,
    RoundingUnit,
    Slug,
    Text,
    Year,
)

# --- economy -------------------------------------------------------------------


class Payment(Model):
    schedule: Literal["yearly", "half_yearly", "quarterly", "monthly", "once", "other"] = Field(
        description=d("Hur ofta utbetalning sker.", "How often payment is made.")
    )
    months: list[Month] = Field(
        default_factory=no_items,
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


class AmountForYear(Model):
    year: Year = Field(description=d("Året beloppet gäller.", "The year the amount is for."))
    amount: Kronor = Field(description=d("Beloppet det året.", "The amount that year."))
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class PeriodTotal(Model):
    amount: Kronor = Field(
        description=d("Beloppet för hela perioden.", "The amount for the whole period.")
    )
    years: list[Year] = Field(
        default_factory=no_items,
        description=d(
            "År som totalen gäller; tomt = hela perioden.",
            "Years the total is for; empty = the whole period.",
        ),
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class OneOff(Model):
    amount: Kronor = Field(description=d("Engångsbeloppet.", "The one-off amount."))
    year: Year = Field(description=d("Året det gäller.", "The year it is for."))
    date: Date | None = Field(
        None, description=d("Utbetalningsdag, om angiven.", "Payment date, if stated.")
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class Share(Model):
    percent: Percent = Field(description=d("Andel i procent.", "Share in percent."))
    of: Text = Field(
        description=d(
            "Vad andelen avser, ordagrant, t.ex. 'kostnaden för verksamheten'.",
            "What it is a share of, as written, e.g. 'the cost of the activity'.",
        )
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)


class UnitPrice(Model):
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


class AmountChange(Model):
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


class Indexation(Model):
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


class _Contribution(Model):
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
        default_factory=no_items,
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
        default_factory=no_items,
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


class RoundingRule(Model):
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


class PartyTotal(Model):
    party: Slug = Field(description=d("Parten.", "The party."))
    amount_per_year: Kronor = Field(
        description=d(
            "Partens totala insats per år enligt texten.",
            "The party's total contribution per year as the text declares it.",
        )
    )
    qualifier: Qualifier | None = Field(None, description=_QUALIFIER)
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class Economy(Model):
    declared_total_per_year: Kronor | None = Field(
        None,
        description=d(
            "Överenskommelsens totala ekonomiska omfattning per år enligt texten.",
            "The agreement's total per year as the text declares it.",
        ),
    )
    contributions: list[Contribution] = Field(
        default_factory=no_items,
        max_length=MAX_ITEMS,
        description=d("Parternas insatser.", "The parties' contributions."),
    )
    party_totals: list[PartyTotal] = Field(
        default_factory=no_items,
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
