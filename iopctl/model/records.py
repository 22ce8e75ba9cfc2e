"""What was written down about the agreement: follow-ups held, decisions, amendments,
signatures and the documents the record is based on."""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from iopctl.model.base import Model, d, no_items
from iopctl.model.dates import When
from iopctl.model.types import (
    Date,
    Hours,
    Slug,
    Text,
    Year,
)

FieldPath = Annotated[
    str,
    StringConstraints(strict=True, max_length=200, pattern=r"^[a-z_]+(\[[0-9]+\]|\.[a-z_]+)*$"),
]
"""A field as diagnostics name it: ``period.start``, ``signatures[0].date``."""
DiagnosticCode = Annotated[str, StringConstraints(strict=True, pattern=r"^IOP[0-9]{3}$")]


class Figure(Model):
    label: Text = Field(description=d("Vad som räknats.", "What was counted."))
    kind: Literal["visitors", "participants", "volunteers", "volunteer_hours", "other"] = Field(
        "other", description=d("Slag av uppgift.", "Kind of figure.")
    )
    value: Hours = Field(description=d("Värdet.", "The value."))
    approximate: bool = Field(False, description=d("true för 'ca'.", "true for 'about'."))
    party: Slug | None = Field(None, description=d("Part som rapporterat.", "Reporting party."))
    year: Year | None = Field(None, description=d("År som avses.", "Year it refers to."))
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class Section(Model):
    heading: Text = Field(description=d("Rubrik.", "Heading."))
    text: Text = Field(description=d("Text (Markdown).", "Text (Markdown)."))
    party: Slug | None = Field(None, description=d("Part som avses.", "Party concerned."))


class FollowUpRecord(Model):
    date: Date = Field(description=d("Datum för uppföljningen.", "Date of the follow-up."))
    title: Text | None = Field(None, description=d("Rubrik.", "Title."))
    participants: list[Slug] = Field(
        default_factory=no_items, description=d("Deltagande parter.", "Parties taking part.")
    )
    sections: list[Section] = Field(
        default_factory=no_items, description=d("Rapportens avsnitt.", "The report's sections.")
    )
    figures: list[Figure] = Field(
        default_factory=no_items, description=d("Redovisade siffror.", "Reported figures.")
    )
    source: Text | None = Field(None, description=d("Källdokument.", "Source document."))


# --- identity, changes, signatures ---------------------------------------------------


class Decision(Model):
    body: Text | None = Field(
        None, description=d("Beslutande nämnd.", "Deciding body (committee).")
    )
    date: When | None = Field(None, description=d("Beslutsdatum.", "Decision date."))
    case_number: Text | None = Field(None, description=d("Diarienummer.", "Case number."))
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class Amendment(Model):
    date: Date = Field(description=d("Datum för ändringen.", "Date of the change."))
    description: Text = Field(description=d("Vad som ändrades.", "What changed."))
    decision: Text | None = Field(None, description=d("Beslut.", "Decision."))


class Signature(Model):
    party: Slug = Field(description=d("Part som undertecknar.", "Signing party."))
    on_behalf: Text | None = Field(
        None, description=d("'För …' som i texten.", "'For …' as in the text.")
    )
    name: Text | None = Field(None, description=d("Namn.", "Name."))
    title: Text | None = Field(None, description=d("Befattning.", "Title."))
    place: Text | None = Field(None, description=d("Ort.", "Place."))
    date: When | None = Field(None, description=d("Datum.", "Date."))


class SourceDocument(Model):
    id: Slug | None = Field(
        None,
        description=d(
            "Id som history och inferred hänvisar till (source: …).",
            "Id that history entries and inferred facts refer to (source: …).",
        ),
    )
    title: Text = Field(description=d("Dokumentets namn.", "Document title."))
    date: When | None = Field(None, description=d("Dokumentets datum.", "Document date."))
    reference: Text | None = Field(
        None, description=d("Fil, URL eller diarienummer.", "File, URL or case number.")
    )
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))


class Inferred(Model):
    """A value in the file that is inferred rather than read in a source, and why."""

    field: FieldPath = Field(
        description=d(
            "Fältet, t.ex. signatures[0].date eller period.start.",
            "The field, e.g. signatures[0].date or period.start.",
        )
    )
    basis: Text = Field(
        description=d(
            "Grunden, t.ex. 'undertecknat 2018, av beslutsdatum att döma'.",
            "The basis, e.g. 'signed in 2018, judging by the decision date'.",
        )
    )
    source: Slug | None = Field(
        None, description=d("Källdokumentets id (under sources).", "The source document's id.")
    )


class Acknowledgement(Model):
    """A warning that is true of the agreement and accepted, with the reason."""

    code: DiagnosticCode = Field(description=d("Varningens kod, t.ex. IOP211.", "Code."))
    reason: Text = Field(
        description=d(
            "Varför varningen stämmer och godtas, t.ex. 'förlängningen saknar tidsgräns "
            "i originalet'.",
            "Why the warning is true and accepted, e.g. 'the original sets no time limit'.",
        )
    )
    field: FieldPath | None = Field(
        None,
        description=d(
            "Fältet varningen gäller (annars varje sådan varning i filen).",
            "The field the warning is about (else every such warning in the file).",
        ),
    )
