"""The agreement model: what one YAML file under ``agreements/`` may say.

The schema describes *shape*; what a given status requires (an active
agreement must have a period, org numbers, economy …) is checked in
:mod:`iopctl.checks.completeness`, so that a draft can leave anything unknown and every
missing piece is reported with its own code. Unknown means absent or
``null``: nothing is filled in for the user.

Every field carries a Swedish and an English description; they reach editors
through the JSON Schema (``iopctl schema``).
"""

from typing import Any, Literal

from pydantic import Field

from iopctl.model.base import MAX_HISTORY, MAX_ITEMS, Model, Sector, Status, d, no_items
from iopctl.model.dates import When
from iopctl.model.economy import (
    AmountChange,
    AmountForYear,
    Contribution,
    Economy,
    Indexation,
    InKindContribution,
    MoneyContribution,
    OneOff,
    PartyTotal,
    Payment,
    PeriodTotal,
    Qualifier,
    RoundingRule,
    Share,
    UnitPrice,
    VolunteerContribution,
)
from iopctl.model.history import HistoryEntry
from iopctl.model.original import Original, OriginalSection
from iopctl.model.parties import Contact, Group, Organisation, Party, Person, Responsibility
from iopctl.model.records import (
    Acknowledgement,
    Amendment,
    Decision,
    Figure,
    FollowUpRecord,
    Inferred,
    Section,
    Signature,
    SourceDocument,
)
from iopctl.model.terms import (
    Extension,
    ExtensionTaken,
    FollowUpTerms,
    Period,
    Report,
    Termination,
    TerminationRecord,
)
from iopctl.model.types import (
    AgreementId,
    Duration,
    Slug,
    Text,
)

__all__ = [
    "Agreement",
    "Amendment",
    "AmountChange",
    "AmountForYear",
    "Contact",
    "Contribution",
    "Decision",
    "Economy",
    "Extension",
    "ExtensionTaken",
    "Figure",
    "FollowUpRecord",
    "FollowUpTerms",
    "Group",
    "InKindContribution",
    "Indexation",
    "MoneyContribution",
    "OneOff",
    "Organisation",
    "Original",
    "OriginalSection",
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
    "Section",
    "Share",
    "Signature",
    "SourceDocument",
    "Termination",
    "TerminationRecord",
    "UnitPrice",
    "VolunteerContribution",
]


class PartialAgreement(Model):
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
        default_factory=no_items, description=d("Diarienummer.", "Case numbers (diarienummer).")
    )
    document_date: When | None = Field(
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
        default_factory=no_items,
        description=d("Dokument som posten bygger på.", "Documents this record is based on."),
    )
    notes: Text | None = Field(
        None, description=d("Anteckningar om posten.", "Notes about this record.")
    )
    replaces: list[Slug] = Field(
        default_factory=no_items,
        description=d("Överenskommelser som denna ersätter.", "Agreements this one replaces."),
    )
    replaced_by: Slug | None = Field(
        None, description=d("Överenskommelse som ersatt denna.", "Agreement replacing this one.")
    )

    parties: list[Party] = Field(
        default_factory=no_items, max_length=MAX_ITEMS, description=d("Parterna.", "The parties.")
    )
    organisation: Organisation | None = Field(
        None, description=d("Partnerskapets organisation.", "Organisation of the partnership.")
    )
    contacts: list[Person] = Field(
        default_factory=no_items, description=d("Kontaktpersoner.", "Contact persons.")
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
        default_factory=no_items,
        description=d("Varje parts åtaganden.", "Each party's responsibilities."),
    )
    joint_responsibilities: list[Text] = Field(
        default_factory=no_items, description=d("Gemensamt ansvar.", "Joint responsibilities.")
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
        default_factory=no_items, description=d("Genomförda uppföljningar.", "Follow-ups held.")
    )
    amendments: list[Amendment] = Field(
        default_factory=no_items,
        description=d(
            "Ändringar och tillägg (äldre form: skriv dem under history).",
            "Amendments (older form: write them in history).",
        ),
    )
    history: list[HistoryEntry] = Field(
        default_factory=no_items,
        max_length=MAX_HISTORY,
        description=d(
            "Det som hänt, i datumordning: utbetalningar, rapporter, beslut, förlängningar, "
            "uppsägning, ändringar, parter som tillkommit eller lämnat.",
            "What happened, in date order: payments, reports, decisions, extensions, "
            "notice, amendments, parties joining or leaving.",
        ),
    )
    inferred: list[Inferred] = Field(
        default_factory=no_items,
        max_length=MAX_HISTORY,
        description=d(
            "Uppgifter som är härledda och inte lästa i en källa, med grund.",
            "Values that are inferred rather than read in a source, with the basis.",
        ),
    )
    acknowledged: list[Acknowledgement] = Field(
        default_factory=no_items,
        max_length=MAX_ITEMS,
        description=d(
            "Varningar som stämmer för överenskommelsen och godtas, med skäl.",
            "Warnings that are true of the agreement and accepted, with the reason.",
        ),
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
        default_factory=no_items, description=d("Underskrifter.", "Signatures.")
    )
    original: Original | None = Field(
        None,
        description=d(
            "Det undertecknade originalets text, avsnitt för avsnitt i originalets ordning "
            "(för en trogen återgivning: render -t reproduction).",
            "The signed original's text, section by section in the original's order "
            "(for a faithful reproduction: render -t reproduction).",
        ),
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
    """One IOP agreement.

    ``status`` may be left out: the status on any day is derived from the period, the
    history and the signatures (:mod:`iopctl.facts.status`); where it is kept, it is
    checked against what is derived.
    """

    id: AgreementId = _required("id")
    title: Text = _required("title")
    status: Status | None = Field(
        None, description=PartialAgreement.model_fields["status"].description
    )


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
