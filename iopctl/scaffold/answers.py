"""What the user tells ``iopctl new``: typed answers parsed into a :class:`NewAgreement`.

The same parsers serve the prompts and the options, so an answer means the same however
it is given. A bad answer is a :class:`~iopctl.errors.UsageError` whose message and hint
are shown beside the prompt (which then asks again) or as the command's error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from iopctl.errors import UsageError
from iopctl.model.types import Duration, parse_duration, slugify

__all__ = [
    "SECTORS",
    "NewAgreement",
    "PartySpec",
    "parse_amount",
    "parse_date",
    "parse_id",
    "parse_notice",
    "parse_org_number",
    "parse_per_year",
    "parse_sector",
    "parse_text",
    "suggest_id",
]

SECTORS = ("public", "idea_based")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class PartySpec:
    id: str
    name: str
    sector: str
    org_number: str | None = None
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class NewAgreement:
    """The essentials of a new agreement; ``None`` is unknown and stays out of the file."""

    id: str
    title: str
    parties: tuple[PartySpec, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    notice: Duration | None = None
    follow_ups_per_year: int | None = None
    amount: Decimal | None = None

    @property
    def paying_party(self) -> PartySpec | None:
        """The party whose money ``amount`` is: the first public party."""
        return next((p for p in self.parties if p.sector == "public"), None)


def suggest_id(title: str, fallback: str = "ny-overenskommelse") -> str:
    """An id made from a title (``types.slugify``), never empty."""
    return slugify(title) or fallback


def parse_id(value: str, *, title: str = "") -> str:
    """A valid id, or a usage error that suggests one."""
    from iopctl.model.types import WINDOWS_RESERVED

    text = value.strip()
    if text in WINDOWS_RESERVED:
        raise UsageError(
            f"{text!r} is not a valid id: Windows reserves it for a device, so {text}.yaml "
            "cannot be opened there",
            hint=f"use {text + '-' + (suggest_id(title, '2027') if title else '2027')!r}",
        )
    if _SLUG.match(text) and len(text) <= 80:
        return text
    suggestion = suggest_id(text or title)
    shown = repr(text) if text else "an empty id"
    raise UsageError(
        f"{shown} is not a valid id: use lowercase letters a–z, digits and single hyphens "
        "(at most 80 characters); it becomes the file name",
        hint=f"use {suggestion!r}",
    )


def parse_text(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise UsageError(f"the {what} is empty", hint=f"write the {what}")
    if any(ord(ch) < 32 for ch in text):
        raise UsageError(f"the {what} contains a control character", hint="type it on one line")
    return text


def parse_org_number(value: str) -> str | None:
    """``None`` for an empty answer (unknown); a usage error for a malformed number."""
    from iopctl.checks.parties import org_number_problem

    text = value.strip()
    if not text:
        return None
    problem = org_number_problem(text)
    if problem is not None:
        raise UsageError(str(problem[0]), hint=str(problem[1]))
    return text


def parse_sector(value: str) -> str:
    text = value.strip().lower().replace("-", "_")
    aliases = {"offentlig": "public", "ideburen": "idea_based", "idéburen": "idea_based"}
    text = aliases.get(text, text)
    if text not in SECTORS:
        raise UsageError(
            f"sector {value.strip()!r} is not public or idea_based",
            hint="public = kommun/region/nämnd; idea_based = idéburen organisation",
        )
    return text


def parse_date(value: str, what: str = "date") -> dt.date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what} {text!r} is not a date in the form YYYY-MM-DD", hint="write e.g. 2027-01-01"
        ) from None


def parse_notice(value: str) -> Duration | None:
    text = value.strip()
    if not text:
        return None
    duration = parse_duration(text)
    if duration is None:
        raise UsageError(
            f"notice period {text!r} is not a length of time",
            hint="write e.g. '6 months', '3 months', '90 days' (or '6 månader')",
        )
    return duration


def parse_per_year(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise UsageError(
            f"follow-ups per year {text!r} is not a whole number of at least 1",
            hint="write e.g. 1 or 2",
        )
    return int(text)


_AMOUNT = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


def parse_amount(value: str) -> Decimal | None:
    """Kronor as typed: ``933000``, ``933 000``, ``933 000 kr``, ``933000,50``."""
    text = value.strip()
    if not text:
        return None
    compact = re.sub(r"(?i)\s|\u00a0|\u202f|kr\.?$|sek$|:-$", "", text)
    if not _AMOUNT.match(compact):
        raise UsageError(
            f"amount {text!r} is not a number of kronor",
            hint="write e.g. 933000 or '933 000' (two decimals at most, no minus sign)",
        )
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above rules it out
        raise UsageError(f"amount {text!r} is not a number") from None
