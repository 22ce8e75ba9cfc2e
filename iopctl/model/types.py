"""Reusable field types for the agreement model.

Each type turns a YAML value into a domain value or fails with a Pydantic
custom error whose *type* is the iopctl diagnostic code (``IOP106`` …) and whose
context carries a ``hint``; :mod:`iopctl.model.load` turns those into diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = [
    "Count",
    "Date",
    "Duration",
    "DurationText",
    "Hours",
    "Kronor",
    "Month",
    "OrgNumberText",
    "Percent",
    "Slug",
    "Text",
    "Year",
    "parse_duration",
    "slugify",
]


def _fail(code: str, message: str, hint: str = "", **ctx: Any) -> PydanticCustomError:
    # Pydantic substitutes ``{name}`` from ``ctx`` once; passing the whole message as
    # context keeps braces in user data (``{{ x }}``, ``{hint}``) literal.
    return PydanticCustomError(code, "{message}", {"message": message, "hint": hint, **ctx})


# --- text -----------------------------------------------------------------


def _not_blank(value: str) -> str:
    if not value.strip():
        raise _fail("IOP104", "text is empty", "write the text, or remove the key if it is unknown")
    return value


Text = Annotated[str, Strict(), AfterValidator(_not_blank)]
"""Non-blank text; numbers, booleans and dates are *not* turned into text."""

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FOLD = str.maketrans("åäöéèüÅÄÖÉÈÜ", "aaoeeuaaoeeu")


def slugify(text: str) -> str:
    """A suggestion for an id: lowercase ASCII words joined by hyphens."""
    folded = text.translate(_FOLD).lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))[:80]


def _slug(value: str) -> str:
    if not _SLUG.match(value) or len(value) > 80:
        suggestion = slugify(value) or "linkoping-resurspoolen-2020"
        raise _fail(
            "IOP108",
            f"{value!r} is not a valid id: use lowercase letters a–z, digits and single "
            "hyphens (at most 80 characters); it becomes a file name",
            f"write {suggestion!r}",
        )
    return value


Slug = Annotated[
    str,
    Strict(),
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": _SLUG.pattern, "maxLength": 80}),
]

OrgNumberText = Annotated[
    str,
    Strict(),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{6}-[0-9]{4}$"}),
]
"""Organisationsnummer as written (NNNNNN-NNNN); format and check digit are checked in checks.py."""


# --- numbers ----------------------------------------------------------------

_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")


def _amount_hint(text: str) -> str:
    """The plain number a text amount most likely means, as a hint that is itself valid."""
    digits = re.sub(r"(?i)\s|kr|sek|:-|\u00a0|\u202f", "", text)
    if _THOUSANDS.match(digits) or _COMMA_THOUSANDS.match(digits):
        digits = digits.replace(".", "").replace(",", "")  # 933.000 / 933,000 → 933000
    digits = digits.replace(",", ".")  # Swedish decimal comma: 933000,50 → 933000.50
    try:
        number = Decimal(digits)
    except ArithmeticError:
        return "write the amount as a plain number, e.g. 933000 or 933000.50"
    if not number.is_finite():
        return "write the amount as a plain number, e.g. 933000 or 933000.50"
    if digits == text.strip():
        return f"remove the quotes: {number:f}"
    return f"write the amount as a plain number: {number:f}"


def _kronor(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _fail("IOP103", "expected an amount in kronor, found a boolean", "write a number")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        raise _fail(
            "IOP106",
            f"amount {value!r} is text; amounts are plain numbers without spaces or 'kr'",
            _amount_hint(value),
        )
    else:
        raise _fail("IOP103", "expected an amount in kronor", "write a number such as 933000")
    if not number.is_finite():
        raise _fail("IOP106", f"amount {value} is not a finite number", "write a number")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent == -3 and _THOUSANDS.match(f"{number:f}"):
        raise _fail(
            "IOP106",
            f"amount {number:f} looks like a Swedish thousands separator "
            "(YAML reads it as a decimal number)",
            f"write {int(number * 1000)} for {int(number * 1000):,} kr".replace(",", " ")
            + f", or {number:.2f} for {number:.2f} kr",
        )
    if exponent < -2:
        raise _fail(
            "IOP106",
            f"amount {number:f} has more than two decimals (öre)",
            f"round it to öre: {number.quantize(Decimal('0.01')):f}",
        )
    if number < 0:
        raise _fail("IOP106", f"amount {number:f} is negative", "amounts are zero or more")
    return number


Kronor = Annotated[
    Decimal,
    BeforeValidator(_kronor),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
"""Swedish kronor, at most two decimals, never negative, never from text or float."""


def _number(value: Any, *, what: str, example: str = "18000") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        if isinstance(value, str):
            raise _fail(
                "IOP106", f"{what} {value!r} is text", f"write a plain number, e.g. {example}"
            )
        raise _fail("IOP103", f"expected a number for {what}", "write a plain number")
    number = Decimal(value)
    if not number.is_finite():
        raise _fail("IOP104", f"{what} {value} is not a finite number", "write a number")
    return number


def _hours(value: Any) -> Decimal:
    number = _number(value, what="hours")
    if number < 0:
        raise _fail("IOP104", f"hours {number:f} is negative", "hours are zero or more")
    return number


Hours = Annotated[
    Decimal, BeforeValidator(_hours), WithJsonSchema({"type": "number", "minimum": 0})
]


def _percent(value: Any) -> Decimal:
    if isinstance(value, str) and "%" in value:
        cleaned = value.replace("%", "").replace(",", ".").strip()
        raise _fail(
            "IOP106",
            f"percent {value!r} is text",
            f"write the number without the % sign: {cleaned}",
        )
    number = _number(value, what="percent", example="1.9")
    if number <= -100:
        raise _fail("IOP104", f"percent {number:f} is -100 or less", "check the figure")
    return number


Percent = Annotated[Decimal, BeforeValidator(_percent), WithJsonSchema({"type": "number"})]

Year = Annotated[int, Strict(), WithJsonSchema({"type": "integer", "minimum": 1900})]
Month = Annotated[int, Strict(), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 12})]
Count = Annotated[int, Strict(), WithJsonSchema({"type": "integer", "minimum": 0})]


# --- dates -------------------------------------------------------------------


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _fail(
            "IOP105",
            f"expected a date, found a date and time ({value.isoformat(sep=' ')})",
            f"write only the date: {value.date().isoformat()}",
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _fail(
                "IOP105",
                f"{value!r} is not a date in the form YYYY-MM-DD",
                "write e.g. 2022-12-31",
            ) from None
    raise _fail("IOP103", "expected a date (YYYY-MM-DD)", "write e.g. 2022-12-31")


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]


# --- durations -----------------------------------------------------------------

Unit = Literal["days", "weeks", "months", "years"]

_UNITS: dict[str, Unit] = {
    "day": "days",
    "days": "days",
    "dag": "days",
    "dagar": "days",
    "week": "weeks",
    "weeks": "weeks",
    "vecka": "weeks",
    "veckor": "weeks",
    "month": "months",
    "months": "months",
    "månad": "months",
    "månader": "months",
    "year": "years",
    "years": "years",
    "år": "years",
}
_DURATION = re.compile(r"^\s*(\d{1,4})\s+([a-zåäö]+)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar length such as "6 months" (counted like lag 1930:173 1 §)."""

    count: int
    unit: Unit

    def __str__(self) -> str:
        singular = self.unit[:-1]
        return f"{self.count} {singular if self.count == 1 else self.unit}"

    @property
    def months(self) -> int | None:
        """The length in whole months, when it is one (years and months)."""
        if self.unit == "months":
            return self.count
        if self.unit == "years":
            return self.count * 12
        return None

    def add_to(self, day: dt.date, *, times: int = 1) -> dt.date:
        from dateutil.relativedelta import relativedelta

        n = self.count * times
        if self.unit == "days":
            delta = relativedelta(days=n)
        elif self.unit == "weeks":
            delta = relativedelta(weeks=n)
        elif self.unit == "months":
            delta = relativedelta(months=n)
        else:
            delta = relativedelta(years=n)
        result: dt.date = day + delta
        return result

    def subtract_from(self, day: dt.date) -> dt.date:
        """``day`` minus the length; month ends clamp (2022-08-31 − 6 months = 2022-02-28)."""
        return self.add_to(day, times=-1)


def parse_duration(text: str) -> Duration | None:
    match = _DURATION.match(text)
    if not match:
        return None
    unit = _UNITS.get(match[2].lower())
    if unit is None:
        return None
    return Duration(int(match[1]), unit)


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        parsed = parse_duration(value)
        if parsed is not None:
            return parsed
        shown = repr(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        shown = str(value)
    else:
        raise _fail("IOP103", "expected a length such as '6 months'", "write e.g. 6 months")
    raise _fail(
        "IOP109",
        f"{shown} is not a length of time; write a number and a unit",
        "write e.g. '6 months', '3 years', '30 days' (Swedish units also work: '6 månader')",
    )


DurationText = Annotated[
    Duration,
    BeforeValidator(_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*\d{1,4}\s+(days?|weeks?|months?|years?|dag|dagar|vecka|veckor"
            r"|månad|månader|år)\s*$",
            "examples": ["6 months", "3 years"],
        }
    ),
]
