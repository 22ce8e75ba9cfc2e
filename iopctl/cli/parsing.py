"""Command-line values → domain values, or a :class:`~iopctl.errors.UsageError` naming the
option. Everything that knows about ``--flags`` lives here and in the command modules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final

from iopctl.clock import typed_date
from iopctl.errors import UsageError
from iopctl.facts.events import KINDS, Kind
from iopctl.i18n import N_, Words
from iopctl.model.types import Duration, parse_duration
from iopctl.present.suggest import maybe_meant

if TYPE_CHECKING:
    from iopctl.scaffold.answers import PartySpec

__all__ = [
    "parse_as_of",
    "parse_date",
    "parse_kinds",
    "parse_number",
    "parse_party",
    "parse_record",
    "parse_within",
    "window_end",
]

_WITHIN: Final = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)
_UNIT: Final = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` option value (``None`` when not given), read as every typed date
    is (:func:`iopctl.clock.typed_date`: ``--given-on '2027-02-30'``: February 2027 has
    28 days)."""
    return None if value is None else typed_date(value, option)


def parse_as_of(text: str) -> dt.date:
    """``YYYY-MM-DD`` or a usage error that says what is wrong."""
    return typed_date(text, "--as-of")


def window_end(as_of: dt.date, within: Duration) -> dt.date:
    """The last act-by date that counts as due; a usage error when it is past year 9999."""
    try:
        return within.add_to(as_of)
    except (ValueError, OverflowError):
        raise UsageError(
            N_("--within {within} from {as_of} goes past the year 9999"),
            hint=N_("use a shorter window, e.g. 90d or 1y"),
            within=within,
            as_of=as_of.isoformat(),
        ) from None


def window_start(as_of: dt.date, within: Duration) -> dt.date:
    """The first date ``due --settled`` looks back to (``--within`` before ``as_of``)."""
    try:
        return within.subtract_from(as_of)
    except (ValueError, OverflowError):
        return dt.date.min


def parse_within(text: str) -> Duration:
    """``90d``, ``2w``, ``6m``, ``1y`` (or ``90 days``, ``6 månader``)."""
    match = _WITHIN.match(text)
    if match:
        unit = _UNIT[match[2].lower()]
        return Duration(int(match[1]), unit)  # type: ignore[arg-type]
    parsed = parse_duration(text)
    if parsed is not None:
        return parsed
    raise UsageError(
        N_("--within {text!r} is not a length of time"),
        hint=N_("write a number and a unit: 90d, 2w, 6m or 1y (days, weeks, months, years)"),
        text=text,
    )


def parse_kinds(values: Sequence[str]) -> frozenset[Kind]:
    """Known event kinds; an unknown one is a usage error with a suggestion."""
    chosen: set[Kind] = set()
    for value in values:
        for raw in value.split(","):
            name = raw.strip().replace("-", "_")
            if not name:
                continue
            match = next((k for k in KINDS if k == name), None)
            if match is None:
                suggestion = maybe_meant(name, KINDS)
                raise UsageError(
                    N_("unknown --kind {kind!r}"),
                    hint=N_("{suggestion} kinds: {kinds}") if suggestion else N_("kinds: {kinds}"),
                    kind=raw.strip(),
                    suggestion=suggestion,
                    kinds=", ".join(KINDS),
                )
            chosen.add(match)
    return frozenset(chosen)


def parse_number(
    text: str, *, option: str, allow_negative: bool = False, percent: bool = False
) -> Decimal:
    """A decimal number from the command line; bad input is a usage error, never a traceback."""
    raw = text.strip()
    if percent and raw.endswith("%"):
        raw = raw[:-1].strip()
    example = "2.0" if percent else "18000"
    if "," in raw:
        raise UsageError(
            N_("{option} {text!r}: write a decimal point, not a comma, and no thousands separator"),
            hint=N_("e.g. {option} {example}"),
            option=option,
            text=text,
            example=raw.replace(" ", "").replace(",", "."),
        )
    from iopctl.reading.rules import NumberOutOfBounds, check_number

    try:
        check_number(raw)
        number = Decimal(raw)
        check_number(raw, number)
    except NumberOutOfBounds as exc:
        raise UsageError(
            N_("{option}: {reason}"),
            hint=N_("e.g. {option} {example}"),
            option=option,
            reason=Words(exc.msgid, exc.args_),
            example=example,
        ) from None
    except InvalidOperation:
        raise UsageError(
            N_("{option} {text!r} is not a number"),
            hint=N_("e.g. {option} {example}"),
            option=option,
            text=text,
            example=example,
        ) from None
    if not number.is_finite():
        raise UsageError(
            N_("{option} {text!r} is not a finite number"),
            hint=N_("e.g. {option} {example}"),
            option=option,
            text=text,
            example=example,
        )
    if number < 0 and not allow_negative:
        raise UsageError(
            N_("{option} {text!r} is negative"),
            hint=N_("{option} must be zero or more"),
            option=option,
            text=text,
        )
    if percent and number <= -100:
        raise UsageError(
            N_("{option} {text!r}: a change of -100 % or less is impossible"),
            hint=N_("e.g. {option} {example}"),
            option=option,
            text=text,
            example=example,
        )
    if percent and number > 100:
        raise UsageError(
            N_("{option} {text!r}: more than 100 % a year is outside what index files allow"),
            hint=N_("e.g. {option} {example}"),
            option=option,
            text=text,
            example=example,
        )
    return number


_PARTY_KEYS = ("id", "name", "sector", "org_number", "organisation")
_PARTY_SPLIT = re.compile(r",\s*(?=(?:" + "|".join(_PARTY_KEYS) + r")\s*=)")


def parse_party(spec: str) -> PartySpec:
    """``--party id=…,name=…,sector=public,org_number=…``; a comma inside a value is kept.

    The text is split only at commas followed by a known key, so
    ``name=Föreningen Grannstöd, Linköping`` needs no quotes (quotes around a
    value are removed). Each value is checked as ``iopctl new`` checks the same answer
    typed at its prompt.
    """
    from iopctl.scaffold.answers import (  # only `new` reads parties: not at every start
        PartySpec,
        parse_id,
        parse_org_number,
        parse_sector,
        parse_text,
        suggest_id,
    )

    values: dict[str, str] = {}
    for item in _PARTY_SPLIT.split(spec.strip()):
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or key not in _PARTY_KEYS:
            raise UsageError(
                N_("--party {spec!r}: {item!r} is not key=value with a key of {keys}"),
                hint=N_(
                    "write e.g. --party "
                    "'id=namnden,name=Äldrenämnden,sector=public,org_number=212000-0449'"
                ),
                spec=spec,
                item=item.strip(),
                keys=", ".join(_PARTY_KEYS),
            )
        if key in values:
            raise UsageError(N_("--party {spec!r}: {key} is given twice"), spec=spec, key=key)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].strip()
        values[key] = value
    for required in ("name", "sector"):
        if not values.get(required):
            raise UsageError(
                N_("--party {spec!r} has no {key}"),
                hint=N_("name and sector are required; id defaults to one made from the name"),
                spec=spec,
                key=required,
            )
    name = parse_text(values["name"], "party name")
    party_id = parse_id(values["id"]) if values.get("id") else suggest_id(name, "part")
    organisation = values.get("organisation") or None
    return PartySpec(
        id=party_id,
        name=name,
        sector=parse_sector(values["sector"]),
        org_number=parse_org_number(values.get("org_number", "")),
        organisation=parse_text(organisation, "organisation") if organisation else None,
    )


def parse_record(spec: str | None) -> dt.date | int | None:
    """``--record DATE`` or a 1-based number (``-1`` the last); ``None`` when not given."""
    if spec is None:
        return None
    text = spec.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            N_("--record {spec!r} is neither a date (YYYY-MM-DD) nor a number"),
            hint=N_("e.g. --record 2020-08-04 or --record 1"),
            spec=spec,
        ) from None
