"""What was written down about the agreement: follow-ups held, decisions, amendments,
signatures and the documents the record is based on."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from iopctl.model.base import Model, d
from iopctl.model.types import (
    Date,
    Hours,
    Slug,
    Text,
    Year,
)


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


class Decision(Model):
    body: Text | None = Field(
        None, description=d("Beslutande nämnd.", "Deciding body (committee).")
    )
    date: Date | None = Field(None, description=d("Beslutsdatum.", "Decision date."))
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
    date: Date | None = Field(None, description=d("Datum.", "Date."))


class SourceDocument(Model):
    title: Text = Field(description=d("Dokumentets namn.", "Document title."))
    date: Date | None = Field(None, description=d("Dokumentets datum.", "Document date."))
    reference: Text | None = Field(
        None, description=d("Fil, URL eller diarienummer.", "File, URL or case number.")
    )
    note: Text | None = Field(None, description=d("Anteckning.", "Note."))
