"""The parties and the people of an agreement: who is in it, who speaks for whom."""

from pydantic import Field

from iopctl.model.base import Model, Sector, d, no_items
from iopctl.model.types import (
    OrgNumberText,
    PerYear,
    Slug,
    Text,
)

# --- parties and people ---------------------------------------------------------


class Contact(Model):
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


class Party(Model):
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
    postal_address: Text | None = Field(
        None,
        description=d(
            "Postadress för brev till parten (uppsägning), t.ex. 'Box 123, 581 81 Linköping'.",
            "Postal address for letters to the party (notice), e.g. 'Box 123, 581 81 Linköping'.",
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


class Person(Model):
    name: Text | None = Field(
        None, description=d("Namn (utelämna om okänt).", "Name (omit when unknown).")
    )
    party: Slug | None = Field(
        None, description=d("Parten personen företräder.", "The party the person represents.")
    )
    role: Text | None = Field(None, description=d("Roll.", "Role."))
    note: Text | None = Field(None, description=d("Anteckning, t.ex. 'ej klart'.", "Note."))


class Group(Model):
    description: Text | None = Field(
        None, description=d("Gruppens uppdrag.", "What the group is for.")
    )
    members: list[Person] = Field(default_factory=no_items, description=d("Ledamöter.", "Members."))
    meeting_frequency: Text | None = Field(
        None,
        description=d(
            "Hur ofta gruppen möts, ordagrant.", "How often the group meets, as written."
        ),
    )
    meetings_per_year: PerYear | None = Field(
        None, description=d("Möten per år.", "Meetings per year.")
    )


class Organisation(Model):
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


class Responsibility(Model):
    party: Slug = Field(description=d("Parten.", "The party."))
    clauses: list[Text] = Field(
        min_length=1, description=d("Partens åtaganden.", "The party's commitments.")
    )
