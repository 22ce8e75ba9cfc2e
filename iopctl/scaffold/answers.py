"""What the user tells ``iopctl new``: typed answers parsed into a :class:`NewAgreement`.

The same parsers serve the prompts and the options, so an answer means the same however
it is given. A bad answer is a :class:`~iopctl.errors.UsageError` whose message and hint
are shown beside the prompt (which then asks again) or as the command's error.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Final

from iopctl.clock import typed_date
from iopctl.errors import UsageError
from iopctl.frozen import frozen
from iopctl.i18n import N_, Words
from iopctl.model.types import Duration, parse_duration, slugify
from iopctl.problems.diagnostic import HINT, WORDS

__all__ = [
    "END_DATE",
    "SECTORS",
    "START_DATE",
    "NewAgreement",
    "PartySpec",
    "parse_amount",
    "parse_date",
    "parse_id",
    "parse_notice",
    "parse_org_number",
    "parse_per_year",
    "parse_sector",
    "parse_start",
    "parse_text",
    "suggest_id",
]

SECTORS = ("public", "idea_based")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@frozen(slots=True)
class PartySpec:
    id: str
    name: str
    sector: str
    org_number: str | None = None
    organisation: str | None = None


@frozen(slots=True)
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
            N_(
                "{text!r} is not a valid id: Windows reserves it for a device, so {text}.yaml "
                "cannot be opened there"
            ),
            hint=N_("use {suggestion!r}"),
            text=text,
            suggestion=text + "-" + (suggest_id(title, "2027") if title else "2027"),
        )
    if _SLUG.match(text) and len(text) <= 80:
        return text
    suggestion = suggest_id(text or title)
    raise UsageError(
        N_(
            "{text!r} is not a valid id: use lowercase letters a–z, digits and single hyphens "
            "(at most 80 characters); it becomes the file name"
        )
        if text
        else N_(
            "an empty id is not a valid id: use lowercase letters a–z, digits and single "
            "hyphens (at most 80 characters); it becomes the file name"
        ),
        hint=N_("use {suggestion!r}"),
        text=text,
        suggestion=suggestion,
    )


_EMPTY = {
    "title": (N_("the title is empty"), N_("write the title")),
    "party name": (N_("the party name is empty"), N_("write the party name")),
    "organisation": (N_("the organisation is empty"), N_("write the organisation")),
    "municipality or region": (
        N_("the municipality or region is empty"),
        N_("write the municipality or region"),
    ),
}
"""Whole sentences for each answer (Swedish words agree with the noun: tom/tomt)."""
_CONTROL = {
    "title": N_("the title contains a control character"),
    "party name": N_("the party name contains a control character"),
    "organisation": N_("the organisation contains a control character"),
    "municipality or region": N_("the municipality or region contains a control character"),
}


def parse_text(value: str, what: str) -> str:
    """The answer ``what`` (a key of ``_EMPTY``: "title", "party name", …) without the
    spaces around it; empty or with a control character it is a usage error."""
    text = value.strip()
    if not text:
        message, hint = _EMPTY.get(what, (N_("the answer is empty"), N_("write an answer")))
        raise UsageError(message, hint=hint)
    if any(ord(ch) < 32 for ch in text):
        raise UsageError(
            _CONTROL.get(what, N_("the answer contains a control character")),
            hint=N_("type it on one line"),
        )
    return text


def parse_org_number(value: str) -> str | None:
    """``None`` for an empty answer (unknown); a usage error for a malformed number."""
    from iopctl.checks.parties import org_number_problem

    text = value.strip()
    if not text:
        return None
    problem = org_number_problem(text)
    if problem is not None:
        # Said when shown, in the language chosen then (WORDS: the message is one argument).
        raise UsageError(WORDS, hint=HINT, words=problem[0], hint_words=problem[1])
    return text


def parse_sector(value: str) -> str:
    text = value.strip().lower().replace("-", "_")
    aliases = {"offentlig": "public", "ideburen": "idea_based", "idéburen": "idea_based"}
    text = aliases.get(text, text)
    if text not in SECTORS:
        raise UsageError(
            N_("sector {value!r} is not public or idea_based"),
            hint=N_("public = kommun/region/nämnd; idea_based = idéburen organisation"),
            value=value.strip(),
        )
    return text


START_DATE: Final = Words(N_("the start date"))
END_DATE: Final = Words(N_("the end date"))


def parse_date(value: str, what: Words) -> dt.date | None:
    """A date typed as ``YYYY-MM-DD`` (``None`` when empty: not known yet), read as every
    typed date is (:func:`iopctl.clock.typed_date`); ``what`` names it in words (the
    same whether it was asked for or given as ``--start``)."""
    return typed_date(value, what) if value.strip() else None


def parse_start(value: str) -> dt.date | None:
    return parse_date(value, START_DATE)


def parse_notice(value: str) -> Duration | None:
    text = value.strip()
    if not text:
        return None
    duration = parse_duration(text)
    if duration is None:
        raise UsageError(
            N_("notice period {text!r} is not a length of time"),
            hint=N_("write e.g. '6 months', '3 months', '90 days' (or '6 månader')"),
            text=text,
        )
    return duration


def parse_per_year(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise UsageError(
            N_("follow-ups per year {text!r} is not a whole number of at least 1"),
            hint=N_("write e.g. 1 or 2"),
            text=text,
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
            N_("amount {text!r} is not a number of kronor"),
            hint=N_("write e.g. 933000 or '933 000' (two decimals at most, no minus sign)"),
            text=text,
        )
    try:
        return Decimal(compact.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above rules it out
        raise UsageError(N_("amount {text!r} is not a number"), text=text) from None
