"""Dates and lengths in the chosen language: ``15 maj 2022``, ``6 månader``, ``nyårsafton``.

Dates inside a sentence stay ISO (``2022-12-31``: what Swedish offices write and what
sorts); a heading says the day in words, with CLDR's month and weekday names.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from iopctl.i18n import N_, _, language, ngettext
from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration

__all__ = ["MONTHS", "WEEKDAYS", "as_written", "day_reason", "length", "long_date", "weekday"]

_NAMES: Final = {
    "nyårsdagen": N_("New Year's Day"),
    "trettondedag jul": N_("Epiphany"),
    "långfredagen": N_("Good Friday"),
    "påskdagen": N_("Easter Sunday"),
    "annandag påsk": N_("Easter Monday"),
    "första maj": N_("May Day"),
    "kristi himmelsfärdsdag": N_("Ascension Day"),
    "pingstdagen": N_("Whit Sunday"),
    "annandag pingst": N_("Whit Monday"),
    "nationaldagen": N_("National Day"),
    "midsommardagen": N_("Midsummer Day"),
    "alla helgons dag": N_("All Saints' Day"),
    "juldagen": N_("Christmas Day"),
    "annandag jul": N_("Boxing Day"),
    "midsommarafton": N_("Midsummer Eve"),
    "julafton": N_("Christmas Eve"),
    "nyårsafton": N_("New Year's Eve"),
    "lördag": N_("Saturday"),
    "söndag": N_("Sunday"),
}
"""The names :mod:`iopctl.facts.workdays` gives (Swedish law's) → their message ids."""


def length(duration: Duration | None) -> str:
    """``6 months`` / ``6 månader``; '' for none."""
    if duration is None:
        return ""
    n = duration.count
    if duration.unit == "days":
        return ngettext("{n} day", "{n} days", n).format(n=n)
    if duration.unit == "weeks":
        return ngettext("{n} week", "{n} weeks", n).format(n=n)
    if duration.unit == "months":
        return ngettext("{n} month", "{n} months", n).format(n=n)
    return ngettext("{n} year", "{n} years", n).format(n=n)


def day_reason(reason: str) -> str:
    """Why a day is not a business day, in the language: ``nyårsafton`` / ``New Year's Eve``
    (two names on one day are joined: ``påskdagen och söndag``)."""
    names = [_(_NAMES[name]) if name in _NAMES else name for name in reason.split(" och ")]
    return _(" and ").join(names)


MONTHS: Final = {
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
WEEKDAYS: Final = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
"""CLDR's wide month and day names (babel's ``sv_SE``, ``en_GB``), written out so that a
heading does not load babel's locale data (a third of a second for every ``due``);
``tests/test_words.py`` keeps them equal to babel's."""


def long_date(day: dt.date) -> str:
    """``15 maj 2022`` / ``15 May 2022``."""
    return f"{day.day} {MONTHS[language()][day.month - 1]} {day.year}"


def weekday(day: dt.date) -> str:
    """``tisdag`` / ``Tuesday``."""
    return WEEKDAYS[language()][day.weekday()]


def as_written(day: dt.date | PartialDate | None) -> str:
    """A date as written: ``2022-12-31``, or as much as is known (``2022-12``, ``2022``)."""
    if day is None:
        return "?"
    return day.isoformat() if isinstance(day, dt.date) else str(day)
