"""Dates known only in part: a year, a month or a half of a year ("våren 2020").

Real sources often say no more than "2015 och 2016", "maj 2015" or "senast våren 2020".
A field of type :data:`When` takes a full date (``2018-03-01``) as a :class:`datetime.date`
and anything less precise as a :class:`PartialDate`, so that nothing is invented: a
month is not turned into its 1st. Code that needs a day asks :func:`exact` (``None``
when the day is not known) or :func:`window` (the first and last day it can be).

The halves of a year: ``2020-spring`` is 1 January – 30 June and ``2020-autumn`` is
1 July – 31 December. Where a source's "våren" ends is not known, so iopctl takes the
widest reading that does not overlap the other half (``docs/history.md``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from iopctl.i18n import N_, Words
from iopctl.model.types import MAX_YEAR, MIN_YEAR, custom_error
from iopctl.reading.rules import impossible_date

__all__ = [
    "PartialDate",
    "Precision",
    "Season",
    "When",
    "earliest",
    "exact",
    "latest",
    "parse_when",
    "precision",
    "window",
]

Season = Literal["spring", "autumn"]
Precision = Literal["day", "month", "season", "year"]

_SEASON_MONTHS: Final[dict[str, tuple[int, int]]] = {"spring": (1, 6), "autumn": (7, 12)}
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})|-(spring|autumn))?$")
_SWEDISH_SEASONS: Final = {"våren": "spring", "hösten": "autumn", "vår": "spring", "höst": "autumn"}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a month of a year, or a half of a year: a window of days, not a day."""

    year: int
    month: int | None = None
    season: Season | None = None

    @property
    def precision(self) -> Precision:
        if self.month is not None:
            return "month"
        return "season" if self.season is not None else "year"

    @property
    def first(self) -> dt.date:
        """The earliest day it can be."""
        if self.month is not None:
            return dt.date(self.year, self.month, 1)
        if self.season is not None:
            return dt.date(self.year, _SEASON_MONTHS[self.season][0], 1)
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        """The latest day it can be."""
        month = 12
        if self.month is not None:
            month = self.month
        elif self.season is not None:
            month = _SEASON_MONTHS[self.season][1]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.season is not None:
            return f"{self.year:04d}-{self.season}"
        return f"{self.year:04d}"


def exact(value: dt.date | PartialDate | None) -> dt.date | None:
    """The day, when it is known to the day."""
    return value if isinstance(value, dt.date) else None


def earliest(value: dt.date | PartialDate) -> dt.date:
    return value if isinstance(value, dt.date) else value.first


def latest(value: dt.date | PartialDate) -> dt.date:
    return value if isinstance(value, dt.date) else value.last


def window(value: dt.date | PartialDate) -> tuple[dt.date, dt.date]:
    """The first and the last day it can be (the same day for a full date)."""
    return earliest(value), latest(value)


def precision(value: dt.date | PartialDate) -> Precision:
    return "day" if isinstance(value, dt.date) else value.precision


def _fail(message: str, hint: str | Words, **args: Any) -> PydanticCustomError:
    """IOP105: ``message`` and ``hint`` are catalogue ids that ``args`` fill."""
    return custom_error("IOP105", message, hint, **args)


def _year(year: int, shown: str) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(
            N_("{shown} is not between {MIN_YEAR} and {MAX_YEAR}"),
            N_("check the year"),
            shown=shown,
            MIN_YEAR=MIN_YEAR,
            MAX_YEAR=MAX_YEAR,
        )
    return year


def _swedish(text: str) -> str | None:
    """The form to write for "maj 2015", "våren 2020", "1 januari 2024", "den 1 jan. 2024",
    "2024/01/31" or "2024.01.31", or ``None``. Only forms that say one thing: "1/2 2024" is
    the first of February to a Swede and the second of January to others, and gets no
    suggestion."""
    numeric = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text)
    if numeric is not None:
        return _existing(*(int(n) for n in numeric.groups()))
    words = text.lower().replace(",", " ").replace(".", " ").split()
    if words[:1] == ["den"]:
        words = words[1:]
    if len(words) not in (2, 3) or not words[-1].isdigit() or len(words[-1]) != 4:
        return None
    year, month = words[-1], words[-2]
    if len(words) == 2 and month in _SWEDISH_SEASONS:
        return f"{year}-{_SWEDISH_SEASONS[month]}"
    from babel.dates import get_month_names  # only when a date did not parse

    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for n, name in get_month_names(width, locale="sv_SE").items():
            months.setdefault(name.lower().rstrip("."), n)
    if month not in months:
        return None
    if len(words) == 2:
        return f"{year}-{months[month]:02d}"
    return _existing(int(year), months[month], int(words[0])) if words[0].isdigit() else None


def _existing(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when that day exists."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_when(value: Any) -> dt.date | PartialDate:
    """A full date, or a year (``2015``), a month (``2015-05``) or a half (``2020-spring``)."""
    if isinstance(value, dt.datetime):
        raise _fail(
            N_("expected a date, found a date and time ({isoformat})"),
            N_("write only the date: {isoformat2}"),
            isoformat=value.isoformat(sep=" "),
            isoformat2=value.date().isoformat(),
        )
    if isinstance(value, dt.date):
        _year(value.year, value.isoformat())
        return value
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(_year(value, str(value)))
    if not isinstance(value, str):
        raise _fail(
            N_(
                "expected a date (YYYY-MM-DD), a month (YYYY-MM), a half year (YYYY-spring) "
                "or a year (YYYY)"
            ),
            N_("write e.g. 2022-12-31, or 2022-12 when only the month is known"),
        )
    text = value.strip()
    match = _PARTIAL.match(text)
    if match is None:
        return _full_date(text)
    year = _year(int(match.group(1)), text)
    if match.group(2) is not None:
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise _fail(
                N_("{text!r}: there is no month {month}"),
                N_("write the month as 01–12"),
                text=text,
                month=month,
            )
        return PartialDate(year, month=month)
    if match.group(3) is not None:
        season: Season = "spring" if match.group(3) == "spring" else "autumn"
        return PartialDate(year, season=season)
    return PartialDate(year)


def _full_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 40 else text[:39] + "…"
        wrong = impossible_date(text)
        if wrong is not None:
            raise _fail(
                N_("{shown!r} is not a date: {wrong}"),
                N_("check the day and the month; write an existing date as YYYY-MM-DD"),
                shown=shown,
                wrong=wrong,
            ) from None
        suggestion = _swedish(text)
        hint = (
            Words(N_("write {suggestion}"), {"suggestion": suggestion})
            if suggestion
            else Words(
                N_(
                    "write e.g. 2022-12-31, 2022-12 (a month), 2022-spring or 2022-autumn "
                    "(a half year) or 2022 (a year)"
                )
            )
        )
        raise _fail(
            N_("{shown!r} is not a date, a month, a half year or a year"), hint, shown=shown
        ) from None
    _year(day.year, text)
    return day


When = Annotated[
    dt.date | PartialDate,
    BeforeValidator(parse_when),
    PlainSerializer(lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "format": "date",
                    "pattern": "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$",
                },
                {
                    "type": "string",
                    "pattern": "^(19|20|21)[0-9]{2}(-(0[1-9]|1[0-2])|-spring|-autumn)?$",
                },
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            ],
            "description": "A date, or as much of it as is known: YYYY-MM, YYYY-spring, "
            "YYYY-autumn or YYYY.",
        }
    ),
]
"""A date, or the part of it the source gives (see the module docstring)."""
