"""What every part of the agreement model shares: strict, frozen models with bilingual
descriptions, and the bounds that keep what reaches date arithmetic small.

The modules that define the models do without ``from __future__ import annotations``:
Python evaluates each annotation once, when the class is made, and Pydantic reads the
objects instead of evaluating every field's annotation from its text again at each start
(issue #17; ``tests/test_startup.py``). A method returning its own model says ``Self``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "MAX_HISTORY",
    "MAX_ITEMS",
    "MAX_PERIOD_DAYS",
    "Model",
    "Sector",
    "Status",
    "d",
    "no_items",
]

MAX_ITEMS = 100
"""Parties, contributions, reports and extensions each multiply the deadlines and payments
computed for every year; no agreement has a hundred of any of them."""
MAX_HISTORY = 5_000
"""Entries in ``history``: a century of monthly payments is 1 200."""
MAX_PERIOD_DAYS = 36_525
"""A period (with extensions taken) is at most 100 years."""

Status = Literal["draft", "active", "ended", "terminated"]
Sector = Literal["public", "idea_based"]


def no_items() -> list[Any]:
    """A new empty list, for ``Field(default_factory=no_items)``.

    Not ``default_factory=list``: Pydantic asks ``inspect`` for the factory's signature,
    and a built-in's is parsed from text with the tokenizer — about 4 ms of every start
    for the model's 28 list fields (issue #17, docs/performance.md).
    """
    return []


def d(sv: str, en: str) -> str:
    """A bilingual field description: Swedish first, the users' language."""
    return f"{sv} / {en}"


class Model(BaseModel):
    """Unknown keys are errors, values are frozen, and nothing is coerced by default."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=False,
        validate_default=False,
        use_attribute_docstrings=False,
        defer_build=True,
    )
