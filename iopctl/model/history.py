"""What happened: the dated history of an agreement, one entry per event, in date order.

A coordinator writes down what happened — a payment made, a report received, a decision,
an extension decided or declined, notice given, an early end, an amendment, a party
joining or leaving, a condition met — and iopctl reads it: ``due`` settles what the
history settles, the status follows from it, and the money follows amendments and
parties joining (``docs/history.md``). Follow-up meetings stay in ``follow_ups`` (they
carry minutes, figures and sections), so each fact has one place.

Dates may be known only in part (:data:`~iopctl.model.dates.When`); some entries may
leave the date out altogether where real records do (an early end "with no date on
record"). Every entry may name the document it comes from (``source``: the ``id`` of an
entry in ``sources``) and say that it is inferred, with the basis (``inferred``).
"""

from typing import Annotated, Literal

from pydantic import Field

from iopctl.model.base import Model, d
from iopctl.model.dates import When
from iopctl.model.types import Kronor, Slug, Text, Year

__all__ = [
    "AmendmentEntry",
    "AnyEntry",
    "ConditionMet",
    "DecisionEntry",
    "EndedEarly",
    "ExtensionDecided",
    "ExtensionDeclined",
    "HistoryEntry",
    "NoticeEntry",
    "PartyJoined",
    "PartyLeft",
    "PaymentEntry",
    "ReportReceived",
]

ContributionNumber = Annotated[int, Field(ge=1, le=100, strict=True)]
"""A contribution by its number in ``economy.contributions``, counting from 1."""


class _Entry(Model):
    date: When | None = Field(
        None,
        description=d(
            "När det hände: datum, eller månad (2015-05), halvår (2015-spring) eller år.",
            "When it happened: a date, or a month (2015-05), half year (2015-spring) or year.",
        ),
    )
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))
    source: Slug | None = Field(
        None,
        description=d(
            "Källdokumentets id (under sources).", "The id of the source document (in sources)."
        ),
    )
    inferred: Text | None = Field(
        None,
        description=d(
            "Grunden, när uppgiften är härledd och inte läst i en källa.",
            "The basis, when the entry is inferred rather than read in a source.",
        ),
    )


class _Dated(_Entry):
    date: When = Field(
        description=d(
            "När det hände: datum, eller månad (2015-05), halvår (2015-spring) eller år.",
            "When it happened: a date, or a month (2015-05), half year (2015-spring) or year.",
        )
    )


class _Decided(Model):
    body: Text | None = Field(None, description=d("Beslutande organ.", "Deciding body."))
    case_number: Text | None = Field(None, description=d("Diarienummer.", "Case number."))
    paragraph: Text | None = Field(
        None, description=d("Paragraf i protokollet, t.ex. '§ 12'.", "Minute, e.g. '§ 12'.")
    )


class PaymentEntry(_Dated):
    kind: Literal["payment"] = Field(description=d("Utbetalning gjord.", "Payment made."))
    amount: Kronor = Field(description=d("Utbetalt belopp.", "Amount paid."))
    contribution: ContributionNumber | None = Field(
        None,
        description=d(
            "Insatsens nummer under economy.contributions (1 = den första); behövs när "
            "parten har flera penninginsatser.",
            "The contribution's number in economy.contributions (1 = the first); needed "
            "when the party has more than one money contribution.",
        ),
    )
    by: Slug | None = Field(None, description=d("Betalande part.", "Paying party."))
    to: Slug | None = Field(None, description=d("Mottagande part.", "Receiving party."))


class ReportReceived(_Dated):
    kind: Literal["report_received"] = Field(description=d("Rapport mottagen.", "Report received."))
    report: Text = Field(
        description=d(
            "Rapportens namn, som under follow_up.reports.", "The report's title, as in reports."
        )
    )
    year: Year | None = Field(
        None,
        description=d(
            "Vilket års rapport (annars den äldsta som inte kommit in).",
            "Which year's report (else the oldest not yet received).",
        ),
    )


class DecisionEntry(_Entry, _Decided):
    kind: Literal["decision"] = Field(description=d("Beslut.", "Decision."))
    decision: Literal["proposal", "adoption", "financing", "other"] = Field(
        "adoption",
        description=d(
            "proposal = förslag till beslut; adoption = beslut om överenskommelsen; "
            "financing = beslut om finansiering; other = annat.",
            "proposal; adoption of the agreement; financing; other.",
        ),
    )
    condition: Text | None = Field(
        None,
        description=d(
            "Villkor i beslutet, t.ex. att budget beslutas.",
            "A condition of the decision, e.g. a budget decision.",
        ),
    )
    description: Text | None = Field(None, description=d("Vad som beslutades.", "What."))


class ConditionMet(_Entry):
    kind: Literal["condition_met"] = Field(description=d("Villkor uppfyllt.", "Condition met."))
    contribution: ContributionNumber | None = Field(
        None,
        description=d(
            "Den villkorade insatsens nummer (annars beslutets villkor).",
            "The conditional contribution's number (else the decision's condition).",
        ),
    )


class ExtensionDecided(_Entry, _Decided):
    kind: Literal["extension"] = Field(description=d("Förlängning beslutad.", "Extension decided."))
    new_end: When = Field(description=d("Nytt slutdatum.", "New end date."))


class ExtensionDeclined(_Entry, _Decided):
    kind: Literal["extension_declined"] = Field(
        description=d(
            "Beslut att inte förlänga: överenskommelsen upphör vid periodens slut.",
            "Decision not to extend: the agreement ends at the end of its period.",
        )
    )


class NoticeEntry(_Dated, _Decided):
    kind: Literal["notice"] = Field(
        description=d("Uppsägning given (datum = dagen den gavs).", "Notice given (date = given).")
    )
    by: Slug = Field(description=d("Part som sade upp.", "Party that gave notice."))
    effective: When | None = Field(
        None,
        description=d(
            "Sista dag överenskommelsen gäller, om den anges (annars räknas den ut).",
            "The last day in force, when stated (else it is computed).",
        ),
    )


class EndedEarly(_Entry, _Decided):
    kind: Literal["ended_early"] = Field(
        description=d(
            "Överenskommelsen upphörde i förtid (datum = sista dag den gällde, om känt).",
            "The agreement ended early (date = its last day in force, when known).",
        )
    )
    by: Slug | None = Field(None, description=d("Part som avslutade.", "Party that ended it."))
    decided_on: When | None = Field(
        None, description=d("När det beslutades.", "When it was decided.")
    )


class AmendmentEntry(_Entry, _Decided):
    kind: Literal["amendment"] = Field(description=d("Ändring eller tillägg.", "Amendment."))
    description: Text = Field(description=d("Vad som ändras.", "What changes."))
    effective: When | None = Field(
        None,
        description=d(
            "Från när ändringen gäller (annars från date).", "From when it applies (else date)."
        ),
    )
    contribution: ContributionNumber | None = Field(
        None,
        description=d(
            "Insats vars årsbelopp ändras (nummer, 1 = den första).",
            "The contribution whose yearly amount changes (number, 1 = the first).",
        ),
    )
    amount_per_year: Kronor | None = Field(
        None,
        description=d(
            "Nytt belopp per år för insatsen från effective.",
            "The contribution's new amount per year from effective.",
        ),
    )


class PartyJoined(_Dated, _Decided):
    kind: Literal["party_joined"] = Field(description=d("Ny part.", "A party joined."))
    party: Slug = Field(description=d("Partens id (under parties).", "The party's id."))


class PartyLeft(_Dated, _Decided):
    kind: Literal["party_left"] = Field(
        description=d("Part lämnade (datum = sista dag).", "A party left (date = last day).")
    )
    party: Slug = Field(description=d("Partens id (under parties).", "The party's id."))


AnyEntry = (
    PaymentEntry
    | ReportReceived
    | DecisionEntry
    | ConditionMet
    | ExtensionDecided
    | ExtensionDeclined
    | NoticeEntry
    | EndedEarly
    | AmendmentEntry
    | PartyJoined
    | PartyLeft
)
"""Every kind of ``history`` entry: a new kind is added here, and the model, the
timeline (:mod:`iopctl.facts.history`) and the checks know it."""

HistoryEntry = Annotated[AnyEntry, Field(discriminator="kind")]
"""One entry of ``history``, told apart by its ``kind``."""
