"""The terms in time: period and extension options, notice, follow-up and reports.

What these terms mean for a given day (the end, the last day to give notice, the next
follow-up) is derived in :mod:`iopctl.facts` (``docs/deadlines.md``)."""

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from iopctl.i18n import N_
from iopctl.model.base import MAX_ITEMS, MAX_PERIOD_DAYS, Model, d, no_items
from iopctl.model.dates import When, earliest, latest
from iopctl.model.types import (
    Count,
    Date,
    DurationText,
    Month,
    PerYear,
    Slug,
    Text,
    custom_error,
)

# --- period, termination, follow-up -----------------------------------------------


class Extension(Model):
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


class ExtensionTaken(Model):
    decided_on: Date | None = Field(None, description=d("Beslutsdatum.", "Decision date."))
    new_end: Date = Field(description=d("Nytt slutdatum.", "New end date."))
    decision: Text | None = Field(
        None, description=d("Beslut, t.ex. diarienummer.", "Decision, e.g. case number.")
    )


class Period(Model):
    start: When | None = Field(
        None,
        description=d(
            "Startdatum, eller månad/halvår/år när inte mer är känt.",
            "Start date, or the month/half year/year when no more is known.",
        ),
    )
    end: When | None = Field(
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
        default_factory=no_items,
        max_length=MAX_ITEMS,
        description=d("Beslutade förlängningar.", "Extensions decided."),
    )
    text: Text | None = Field(None, description=d("Avsnittet ordagrant.", "Section as written."))

    @model_validator(mode="after")
    def _at_most_a_century(self) -> Self:
        """Deadlines and payments are computed for every year of the period: a period of
        three centuries with a hundred monthly payments was 360 000 events (106 s, 8 GB)."""
        if self.start is None:
            return self
        ends = [e.new_end for e in self.extensions_taken]
        if self.end is not None:
            ends.append(latest(self.end))
        last = max(ends, default=None)
        if last is not None and (last - earliest(self.start)).days > MAX_PERIOD_DAYS:
            raise custom_error(
                "IOP214",
                N_("the period runs from {start} to {last}: more than 100 years"),
                N_("check the years of start, end and extensions_taken"),
                start=self.start,
                last=last,
            )
        return self


class TerminationRecord(Model):
    given_by: Slug = Field(description=d("Part som sade upp.", "Party that gave notice."))
    given_on: Date = Field(description=d("Dag för uppsägning.", "Date notice was given."))
    effective: Date | None = Field(
        None, description=d("Dag då uppsägningen får verkan.", "Date the notice takes effect.")
    )


class Termination(Model):
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


class Report(Model):
    title: Text = Field(description=d("Rapportens namn.", "Name of the report."))
    by: Slug | None = Field(None, description=d("Part som rapporterar.", "Reporting party."))
    due_month: Month = Field(description=d("Månad då rapporten ska lämnas.", "Month due."))
    due_day: Annotated[int, Field(ge=1, le=31)] = Field(description=d("Dag.", "Day of month."))
    to: Text | None = Field(None, description=d("Mottagare.", "Recipient."))
    text: Text | None = Field(None, description=d("Klausulen ordagrant.", "Clause as written."))


class FollowUpTerms(Model):
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
        default_factory=no_items,
        max_length=MAX_ITEMS,
        description=d("Rapporter som ska lämnas.", "Reports required."),
    )
    text: Text | None = Field(None, description=d("Avsnittet ordagrant.", "Section as written."))
