"""Reusable field types for the agreement model.

Each type turns a YAML value into a domain value or fails with a Pydantic
custom error whose *type* is the iopctl diagnostic code (``IOP106`` …) and whose
context carries a ``hint``; :mod:`iopctl.model.load` turns those into diagnostics.

Every bound a type publishes in the JSON Schema it also enforces (``tests/test_model.py``
checks each one), and the bounds keep what reaches date arithmetic and money small:
years and dates 1900–2199, lengths of time at most 100 years, kronor below 10^12,
percents above -100 and at most 100, months 1–12, counts never negative.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from iopctl.i18n import N_, Words, say_english

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "AgreementId",
    "Between",
    "Count",
    "Date",
    "Duration",
    "DurationText",
    "Hours",
    "Kronor",
    "Month",
    "OrgNumberText",
    "PerYear",
    "Percent",
    "RoundingUnit",
    "Slug",
    "Text",
    "Year",
    "custom_error",
    "parse_duration",
    "slugify",
]


def custom_error(
    code: str, message: str, hint: str | Words = "", **args: Any
) -> PydanticCustomError:
    """A Pydantic error that carries a catalogue message: the English sentence for
    Pydantic's own ``msg``, and the ids and arguments for
    :mod:`iopctl.model.schema_errors` to say in the chosen language. (Pydantic fills
    ``{name}`` from the context once; the whole message passed as context keeps braces in
    user data, ``{{ x }}``, literal.)"""
    hint_words = hint if isinstance(hint, Words) else Words(hint, args)
    context = {
        "message": say_english(message, args),
        "hint": hint_words.english(),
        "words": Words(message, args),
        "hint_words": hint_words,
    }
    return PydanticCustomError(code, "{message}", context)


def _fail(code: str, message: str, hint: str | Words = "", **args: Any) -> PydanticCustomError:
    """The error of ``code``: ``message`` and ``hint`` are catalogue ids (``N_``) that
    ``args`` fill; :mod:`iopctl.model.schema_errors` says them in the chosen language."""
    return custom_error(code, message, hint, **args)


# --- text -----------------------------------------------------------------


MAX_BRACKETS = 5
"""``[`` inside ``[`` in one paragraph: pandoc's time grows fourfold with each level (16
levels took 12 s, 2 000 nested links 22 GB); real texts need two."""
MAX_BLOCKS = 10
"""Block quotes and list markers opened at the start of one line (``> > - 1.``)."""
_BRACKET = re.compile(r"\\.|[\[\]]|\n[ \t]*\n")
_BLOCKS = re.compile(
    r"(?:[ \t]*(?:>|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])))" + "{" + str(MAX_BLOCKS + 1) + "}"
)
_BLOCK_MARKS = frozenset(">-*+0123456789")
"""What a line that opens a block quote or a list starts with (after spaces)."""
_MARKED_LINE = re.compile(r"\n[ \t]*[>\-*+0-9]")
"""A line after the first that starts like a quote or a list (each try starts at a
newline, so the search is linear in the text)."""


def _opens_too_many_blocks(value: str) -> bool:
    """A line opening more than :data:`MAX_BLOCKS` quotes or lists; only lines that start
    like one are searched (a text is checked in every file: 3 µs a text otherwise), and
    a text of one line, as most are, without splitting it."""
    first = value[:1]
    if first == " " or first == "\t":
        first = value.lstrip(" \t")[:1]
    if "\n" not in value:
        return first in _BLOCK_MARKS and _BLOCKS.match(value) is not None
    if first not in _BLOCK_MARKS and _MARKED_LINE.search(value) is None:
        return False  # no line starts like a quote or a list (found by a scan for "\n")
    return any(
        line.lstrip(" \t")[:1] in _BLOCK_MARKS and _BLOCKS.match(line) is not None
        for line in value.split("\n")
    )


def _deepest_brackets(value: str) -> int:
    """How deep ``[`` nest in one paragraph of ``value`` (escaped ones do not count)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(value):
        token = match.group(0)
        if token == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif token == "]":
            depth = max(0, depth - 1)
        elif token[0] == "\n":
            depth = 0  # a blank line ends the paragraph
    return deepest


def _text(value: str) -> str:
    """Non-blank (IOP104), and Markdown nested no deeper than a document converter can
    read in reasonable time and memory (IOP110: texts end up in pandoc).

    One call per text, and cheap for the usual text (a file has about 65 texts, and every
    call from the validator into Python costs): the brackets are counted only in a text
    with ``[``, and only lines that start like a quote or a list are searched.
    """
    if not value or value.isspace():  # what ``not value.strip()`` says, without a copy
        raise _fail(
            "IOP104", N_("text is empty"), N_("write the text, or remove the key if it is unknown")
        )
    if "[" in value:
        deepest = _deepest_brackets(value)
        if deepest > MAX_BRACKETS:
            raise _fail(
                "IOP110",
                N_(
                    "the text nests brackets [ ] {deepest} levels deep (links or notes "
                    "inside one another); at most {MAX_BRACKETS} can be turned into a "
                    "document"
                ),
                N_("write brackets that are not links as \\[ and \\], or simplify the text"),
                deepest=deepest,
                MAX_BRACKETS=MAX_BRACKETS,
            )
    if _opens_too_many_blocks(value):
        raise _fail(
            "IOP110",
            N_("a line of the text opens more than {MAX_BLOCKS} block quotes or lists at once"),
            N_("simplify the text; a line starting with many > or list markers is nested"),
            MAX_BLOCKS=MAX_BLOCKS,
        )
    return value


Text = Annotated[str, Strict(), AfterValidator(_text)]
"""Non-blank text (Markdown, nested at most :data:`MAX_BRACKETS` and :data:`MAX_BLOCKS`
deep); numbers, booleans and dates are *not* turned into text."""

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
            N_(
                "{value!r} is not a valid id: use lowercase letters a–z, digits and single "
                "hyphens (at most 80 characters); it becomes a file name"
            ),
            N_("write {suggestion!r}"),
            value=value,
            suggestion=suggestion,
        )
    return value


Slug = Annotated[
    str,
    Strict(),
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": _SLUG.pattern, "maxLength": 80}),
]

WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)
"""Names Windows gives to devices, with any extension (``nul.yaml`` is the null device)."""


def _agreement_id(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise _fail(
            "IOP108",
            N_(
                "{value!r} is not a valid id: Windows reserves it for a device, so the file "
                "{value}.yaml cannot be opened there"
            ),
            N_("write e.g. {value2!r}"),
            value=value,
            value2=value + "-2027",
        )
    return value


AgreementId = Annotated[
    str,
    Strict(),
    AfterValidator(_slug),
    AfterValidator(_agreement_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _SLUG.pattern,
            "maxLength": 80,
            "not": {"enum": sorted(WINDOWS_RESERVED)},
        }
    ),
]
"""An agreement's id: a slug that is also a file name on every system."""

OrgNumberText = Annotated[
    str,
    Strict(),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{6}-[0-9]{4}$"}),
]
"""Organisationsnummer as written (NNNNNN-NNNN); format and check digit are checked in checks.py."""


# --- numbers ----------------------------------------------------------------

_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")


def _amount_hint(text: str) -> Words:
    """The plain number a text amount most likely means, as a hint that is itself valid."""
    digits = re.sub(r"(?i)\s|kr|sek|:-|\u00a0|\u202f", "", text)
    if _THOUSANDS.match(digits) or _COMMA_THOUSANDS.match(digits):
        digits = digits.replace(".", "").replace(",", "")  # 933.000 / 933,000 → 933000
    digits = digits.replace(",", ".")  # Swedish decimal comma: 933000,50 → 933000.50
    try:
        number = Decimal(digits)
    except ArithmeticError:
        return Words(N_("write the amount as a plain number, e.g. 933000 or 933000.50"))
    if not number.is_finite():
        return Words(N_("write the amount as a plain number, e.g. 933000 or 933000.50"))
    if digits == text.strip():
        return Words(N_("remove the quotes: {number}"), {"number": f"{number:f}"})
    return Words(N_("write the amount as a plain number: {number}"), {"number": f"{number:f}"})


def _kronor(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _fail(
            "IOP103", N_("expected an amount in kronor, found a boolean"), N_("write a number")
        )
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        raise _fail(
            "IOP106",
            N_("amount {value!r} is text; amounts are plain numbers without spaces or 'kr'"),
            _amount_hint(value),
            value=value,
        )
    else:
        raise _fail(
            "IOP103", N_("expected an amount in kronor"), N_("write a number such as 933000")
        )
    if not number.is_finite():
        raise _fail(
            "IOP106", N_("amount {value} is not a finite number"), N_("write a number"), value=value
        )
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent == -3 and _THOUSANDS.match(f"{number:f}"):
        raise _fail(
            "IOP106",
            N_(
                "amount {number:f} looks like a Swedish thousands separator (YAML reads it "
                "as a decimal number)"
            ),
            N_("write {whole} for {whole_kronor} kr, or {decimal} for {decimal} kr"),
            number=number,
            whole=int(number * 1000),
            whole_kronor=f"{int(number * 1000):,}".replace(",", " "),
            decimal=f"{number:.2f}",
        )
    if exponent < -2:
        raise _fail(
            "IOP106",
            N_("amount {number:f} has more than two decimals (öre)"),
            N_("round it to öre: {quantize:f}"),
            number=number,
            quantize=number.quantize(Decimal("0.01")),
        )
    if number < 0:
        raise _fail(
            "IOP106",
            N_("amount {number:f} is negative"),
            N_("amounts are zero or more"),
            number=number,
        )
    if number >= MAX_KRONOR:
        raise _fail(
            "IOP104",
            N_("amount {number:f} kr is a trillion kronor or more"),
            N_("check the amount (a municipality's whole budget is far less)"),
            number=number,
        )
    return number


MAX_KRONOR = Decimal(10) ** 12

Kronor = Annotated[
    Decimal,
    BeforeValidator(_kronor),
    WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": 10**12}),
]
"""Swedish kronor, at most two decimals, never negative, below 10^12, never text or float."""


def _rounding_unit(value: Any) -> Decimal:
    number = _kronor(value)
    if number <= 0:
        raise _fail(
            "IOP104", N_("the rounding unit is 0"), N_("write 1 for whole kronor, 0.01 for öre")
        )
    return number


RoundingUnit = Annotated[
    Decimal,
    BeforeValidator(_rounding_unit),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10**12}),
]
"""A rounding unit in kronor: more than zero."""


_NUMBER_WORDS = {
    # what: (written as text, not a number, not finite) -- whole sentences, so that a
    # translator sees each noun in its sentence
    "hours": (
        N_("hours {value!r} is text"),
        N_("expected a number for hours"),
        N_("hours {value} is not a finite number"),
    ),
    "percent": (
        N_("percent {value!r} is text"),
        N_("expected a number for percent"),
        N_("percent {value} is not a finite number"),
    ),
}


def _number(value: Any, *, what: str, example: str = "18000") -> Decimal:
    text, wrong, infinite = _NUMBER_WORDS[what]
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        if isinstance(value, str):
            raise _fail(
                "IOP106",
                text,
                N_("write a plain number, e.g. {example}"),
                value=value,
                example=example,
            )
        raise _fail("IOP103", wrong, N_("write a plain number"))
    number = Decimal(value)
    if not number.is_finite():
        raise _fail("IOP104", infinite, N_("write a number"), value=value)
    return number


MAX_HOURS = Decimal(10) ** 9


def _hours(value: Any) -> Decimal:
    number = _number(value, what="hours")
    if number < 0:
        raise _fail(
            "IOP104",
            N_("hours {number:f} is negative"),
            N_("hours are zero or more"),
            number=number,
        )
    if number >= MAX_HOURS:
        raise _fail(
            "IOP104", N_("{number:f} is a billion or more"), N_("check the figure"), number=number
        )
    return number


Hours = Annotated[
    Decimal,
    BeforeValidator(_hours),
    WithJsonSchema({"type": "number", "minimum": 0, "exclusiveMaximum": 10**9}),
]
"""Hours, or another count that may have decimals: zero or more, below a billion."""


def _percent(value: Any) -> Decimal:
    if isinstance(value, str) and "%" in value:
        cleaned = value.replace("%", "").replace(",", ".").strip()
        raise _fail(
            "IOP106",
            N_("percent {value!r} is text"),
            N_("write the number without the % sign: {cleaned}"),
            value=value,
            cleaned=cleaned,
        )
    number = _number(value, what="percent", example="1.9")
    if number <= -100:
        raise _fail(
            "IOP104",
            N_("percent {number:f} is -100 or less"),
            N_("check the figure"),
            number=number,
        )
    if number > 100:
        raise _fail(
            "IOP104",
            N_("percent {number:f} is more than 100"),
            N_("write the change in percent, e.g. 2.8 for 2.8 %"),
            number=number,
        )
    return number


Percent = Annotated[
    Decimal,
    BeforeValidator(_percent),
    WithJsonSchema({"type": "number", "exclusiveMinimum": -100, "maximum": 100}),
]
"""A yearly change or a rate in percent: more than -100, at most 100."""

MIN_YEAR = 1900
MAX_YEAR = 2199


@dataclass(frozen=True)
class Between:
    """The check that an integer is from ``low`` to ``high``: a value, not a closure, so the
    stored core schema can name it (:mod:`iopctl.model.compiled`). ``message`` is the whole
    sentence ("month {value} is not between {low} and {high}"), so that a translator sees
    the noun in it."""

    low: int
    high: int
    message: str
    hint: str

    def __call__(self, value: int) -> int:
        if not self.low <= value <= self.high:
            raise _fail(
                "IOP104", self.message, self.hint, value=value, low=self.low, high=self.high
            )
        return value


def _integer_between(low: int, high: int, message: str, hint: str) -> AfterValidator:
    return AfterValidator(Between(low, high, message, hint))


Year = Annotated[
    int,
    Strict(),
    _integer_between(
        MIN_YEAR,
        MAX_YEAR,
        N_("year {value} is not between {low} and {high}"),
        N_("write the year with four digits, e.g. 2024"),
    ),
    WithJsonSchema({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}),
]
Month = Annotated[
    int,
    Strict(),
    _integer_between(
        1,
        12,
        N_("month {value} is not between {low} and {high}"),
        N_("write the month as a number, 1 (January) to 12"),
    ),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 12}),
]


def _not_negative(value: int) -> int:
    if value < 0:
        raise _fail("IOP104", N_("{value} is negative"), N_("write zero or more"), value=value)
    return value


Count = Annotated[
    int,
    Strict(),
    AfterValidator(_not_negative),
    WithJsonSchema({"type": "integer", "minimum": 0}),
]
PerYear = Annotated[
    int,
    Strict(),
    _integer_between(
        0,
        365,
        N_("times per year {value} is not between {low} and {high}"),
        N_("write how many times a year, e.g. 1 or 4"),
    ),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 365}),
]
"""How many times a year: 0 to 365 (at most daily)."""


# --- dates -------------------------------------------------------------------


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _fail(
            "IOP105",
            N_("expected a date, found a date and time ({isoformat})"),
            N_("write only the date: {isoformat2}"),
            isoformat=value.isoformat(sep=" "),
            isoformat2=value.date().isoformat(),
        )
    if isinstance(value, dt.date):
        return _in_range(value)
    if isinstance(value, str):
        try:
            return _in_range(dt.date.fromisoformat(value.strip()))
        except ValueError:
            shown = value if len(value) <= 40 else value[:39] + "…"
            raise _fail(
                "IOP105",
                N_("{shown!r} is not a date in the form YYYY-MM-DD"),
                N_("write e.g. 2022-12-31"),
                shown=shown,
            ) from None
    raise _fail("IOP103", N_("expected a date (YYYY-MM-DD)"), N_("write e.g. 2022-12-31"))


def _in_range(day: dt.date) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _fail(
            "IOP105",
            N_("{isoformat} is not between {MIN_YEAR}-01-01 and {MAX_YEAR}-12-31"),
            N_("check the year"),
            isoformat=day.isoformat(),
            MIN_YEAR=MIN_YEAR,
            MAX_YEAR=MAX_YEAR,
        )
    return day


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$",
        }
    ),
]
"""A date from 1900-01-01 to 2199-12-31 (anything later or earlier is a typo)."""


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
        """``day`` plus the length ``times`` over: days and weeks exactly, months and years
        by ``dateutil``'s calendar rule (the same day number, or the month's last day)."""
        n = self.count * times
        if self.unit == "days":
            return day + dt.timedelta(days=n)
        if self.unit == "weeks":
            return day + dt.timedelta(weeks=n)
        return _add_months(day, n if self.unit == "months" else 12 * n)

    def subtract_from(self, day: dt.date) -> dt.date:
        """``day`` minus the length; month ends clamp (2022-08-31 − 6 months = 2022-02-28)."""
        return self.add_to(day, times=-1)


@cache
def _calendar_delta(months: int) -> Any:
    """``relativedelta(months=months)``, made once per length (making one costs more than
    adding it; deadlines add the same few lengths thousands of times)."""
    from dateutil.relativedelta import relativedelta

    return relativedelta(months=months)


@lru_cache(maxsize=8192)
def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` by ``dateutil``'s rule, remembered: the same few starts and
    lengths recur in every file (adding a relativedelta is 3 µs of Python)."""
    result: dt.date = day + _calendar_delta(months)
    return result


def parse_duration(text: str) -> Duration | None:
    match = _DURATION.match(text)
    if not match:
        return None
    unit = _UNITS.get(match[2].lower())
    if unit is None:
        return None
    return Duration(int(match[1]), unit)


MAX_DURATION_DAYS = 36_525
"""A length of time is at most 100 years (36 525 days, 5 217 weeks, 1 200 months)."""
_UNIT_DAYS = {"days": Decimal(1), "weeks": Decimal(7), "months": Decimal("30.4375")}
_UNIT_DAYS["years"] = Decimal("365.25")


def _duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        parsed = parse_duration(value)
        if parsed is not None:
            if parsed.count * _UNIT_DAYS[parsed.unit] > MAX_DURATION_DAYS:
                raise _fail(
                    "IOP109",
                    N_("{parsed} is longer than 100 years"),
                    N_("check the number and the unit (e.g. '6 months', not '6 years' or '600')"),
                    parsed=parsed,
                )
            return parsed
        shown = repr(value) if len(value) <= 40 else repr(value[:39] + "…")
    elif isinstance(value, int) and not isinstance(value, bool):
        shown = str(value)
    else:
        raise _fail("IOP103", N_("expected a length such as '6 months'"), N_("write e.g. 6 months"))
    raise _fail(
        "IOP109",
        N_("{shown} is not a length of time; write a number and a unit"),
        N_("write e.g. '6 months', '3 years', '30 days' (Swedish units also work: '6 månader')"),
        shown=shown,
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
