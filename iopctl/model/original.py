"""The signed original as written: its sections, in its order, under its own headings.

The structured fields (``parties``, ``economy``, ``period`` …) say what an agreement
*means*, arranged the way iopctl needs them; the agreement template prints them in its
customary order. A signed agreement is also a document, and a copy that reorders or
renames its parts can be mistaken for it. ``original`` keeps the text the parties
signed, section by section, so ``iopctl render -t reproduction`` can reprint it
faithfully. It is optional: a file without it means what it meant before.

Apparent errors in the signed text are kept as written and listed in ``sic``; the
reproduction marks each with "[sic]" rather than correcting the original
(docs/render.md, "A faithful reproduction").
"""

from typing import Self

from pydantic import Field, model_validator

from iopctl.model.base import MAX_ITEMS, Model, d, no_items
from iopctl.model.types import Slug, Text

__all__ = ["Original", "OriginalSection"]


class OriginalSection(Model):
    """One section of the signed document, with the heading it has there."""

    heading: Text = Field(
        description=d(
            "Rubriken som den står i originalet.", "The heading as it stands in the original."
        )
    )
    text: Text | None = Field(
        None,
        description=d(
            "Avsnittets text ordagrant (Markdown), med originalets stavning.",
            "The section's text word for word (Markdown), spelt as in the original.",
        ),
    )
    signatures: bool = Field(
        False,
        description=d(
            "true där underskrifterna (fältet signatures) står i originalet.",
            "true where the signatures (the signatures field) stand in the original.",
        ),
    )


class Original(Model):
    """The signed text, for a reproduction that keeps the original's order and wording."""

    source: Slug | None = Field(
        None,
        description=d(
            "Källdokumentets id (under sources) som texten är avskriven från.",
            "The id of the source document (under sources) the text is copied from.",
        ),
    )
    front: Text | None = Field(
        None,
        description=d(
            "Det som står mellan rubriken och första avsnittet, t.ex. datum och dnr.",
            "What stands between the title and the first section, e.g. date and case number.",
        ),
    )
    sections: list[OriginalSection] = Field(
        default_factory=no_items,
        max_length=MAX_ITEMS,
        description=d(
            "Originalets avsnitt i originalets ordning.",
            "The original's sections, in the original's order.",
        ),
    )
    sic: list[Text] = Field(
        default_factory=no_items,
        max_length=MAX_ITEMS,
        description=d(
            "Ställen som står så i originalet trots att de ser felskrivna ut; "
            "återgivningen markerar dem [sic].",
            "Passages that stand so in the original although they look mistyped; "
            "the reproduction marks them [sic].",
        ),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        """A [sic] that matches nothing would mark nothing; two signature places are one
        too many (the reproduction prints the signatures once)."""
        if sum(1 for s in self.sections if s.signatures) > 1:
            raise ValueError("only one section can hold the signatures")
        texts = [self.front or ""] + [s.text or "" for s in self.sections]
        for passage in self.sic:
            if not any(passage in text for text in texts):
                raise ValueError(f"sic passage {passage!r} does not occur in the original text")
        return self
