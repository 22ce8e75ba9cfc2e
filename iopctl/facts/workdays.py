"""Swedish business days ("vardagar") for deadline reminders.

Lag (1930:173) om beräkning av lagstadgad tid, 2 § första stycket: a deadline that falls
on "en söndag, annan allmän helgdag, lördag, midsommarafton, julafton eller nyårsafton"
may be met on the next vardag.  So a date is a business day here iff it is none of:

* a Saturday or a Sunday;
* an allmän helgdag under lag (1989:253) om allmänna helgdagar, as amended by
  SFS 2004:1320 (from 2005 nationaldagen 6 June is added and annandag pingst removed);
* midsommarafton (Friday 19–25 June), julafton (24 Dec) or nyårsafton (31 Dec).

The current wording of both statutes is applied to every year; only the 2005 change to
lag (1989:253) is modelled historically.  The dates are computed from the statute's own
list (:func:`_statute_rules`, Easter from ``dateutil.easter``): one source, the law's.

Why not the ``holidays`` package at run time: importing it costs about 200 ms (it loads
every country), more than a whole ``iopctl validate`` of one file, and its categories differ
between versions (0.109 puts the pre-1990 Marie bebådelsedag in "public", Sundays with
``include_sundays``, and the three eves in "de_facto" together with days the statute does
not name), so it had to be filtered back to the statute anyway.  The tests use it as an
independent oracle: ``tests/test_workdays.py`` checks every year 1953–2100 against it.

Pure domain module: no I/O, no CLI imports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Final

from dateutil.easter import easter

__all__ = [
    "act_by",
    "is_business_day",
    "next_business_day",
    "non_business_day_reason",
    "statute_holidays",
]

_ONE_DAY: Final = timedelta(days=1)
_FRIDAY: Final = 4
_SATURDAY: Final = 5
_SUNDAY: Final = 6

# Names used in reasons: lowercase Swedish, as in the statutes.
NYARSDAGEN: Final = "nyårsdagen"
TRETTONDEDAG_JUL: Final = "trettondedag jul"
LANGFREDAGEN: Final = "långfredagen"
PASKDAGEN: Final = "påskdagen"
ANNANDAG_PASK: Final = "annandag påsk"
FORSTA_MAJ: Final = "första maj"
KRISTI_HIMMELSFARDSDAG: Final = "kristi himmelsfärdsdag"
PINGSTDAGEN: Final = "pingstdagen"
ANNANDAG_PINGST: Final = "annandag pingst"
NATIONALDAGEN: Final = "nationaldagen"
MIDSOMMARDAGEN: Final = "midsommardagen"
ALLA_HELGONS_DAG: Final = "alla helgons dag"
JULDAGEN: Final = "juldagen"
ANNANDAG_JUL: Final = "annandag jul"
MIDSOMMARAFTON: Final = "midsommarafton"
JULAFTON: Final = "julafton"
NYARSAFTON: Final = "nyårsafton"
LORDAG: Final = "lördag"
SONDAG: Final = "söndag"

# SFS 2004:1320 (in force 2005-04-01): nationaldagen added, annandag pingst removed.
_AMENDMENT_YEAR: Final = 2005


def _first_weekday_from(start: date, weekday: int) -> date:
    """The first date on or after ``start`` with the given ``date.weekday()``."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _statute_rules(year: int) -> dict[str, Callable[[date], date]]:
    """Lag (1989:253) 1 §, per year: name -> rule computing the date from påskdagen."""
    rules: dict[str, Callable[[date], date]] = {
        NYARSDAGEN: lambda _: date(year, 1, 1),
        TRETTONDEDAG_JUL: lambda _: date(year, 1, 6),
        LANGFREDAGEN: lambda e: e - timedelta(days=2),
        PASKDAGEN: lambda e: e,
        ANNANDAG_PASK: lambda e: e + timedelta(days=1),
        FORSTA_MAJ: lambda _: date(year, 5, 1),
        KRISTI_HIMMELSFARDSDAG: lambda e: e + timedelta(days=39),
        PINGSTDAGEN: lambda e: e + timedelta(days=49),
    }
    if year < _AMENDMENT_YEAR:
        rules[ANNANDAG_PINGST] = lambda e: e + timedelta(days=50)
    else:
        rules[NATIONALDAGEN] = lambda _: date(year, 6, 6)
    rules[MIDSOMMARDAGEN] = lambda _: _first_weekday_from(date(year, 6, 20), _SATURDAY)
    rules[ALLA_HELGONS_DAG] = lambda _: _first_weekday_from(date(year, 10, 31), _SATURDAY)
    rules[JULDAGEN] = lambda _: date(year, 12, 25)
    rules[ANNANDAG_JUL] = lambda _: date(year, 12, 26)
    return rules


@functools.lru_cache(maxsize=512)
def _holidays_for_year(year: int) -> Mapping[date, str]:
    """Cached statute days of ``year``; see :func:`statute_holidays`."""
    paskdagen = easter(year)
    by_date: dict[date, list[str]] = {}
    for name, rule in _statute_rules(year).items():
        by_date.setdefault(rule(paskdagen), []).append(name)
    # Lag (1930:173) 2 §: the three eves count like helgdagar for deadlines.
    by_date.setdefault(_first_weekday_from(date(year, 6, 19), _FRIDAY), []).append(MIDSOMMARAFTON)
    by_date.setdefault(date(year, 12, 24), []).append(JULAFTON)
    by_date.setdefault(date(year, 12, 31), []).append(NYARSAFTON)
    # Two statute days can coincide (första maj and Kristi himmelsfärdsdag in 2008).
    return {day: " och ".join(names) for day, names in sorted(by_date.items())}


def statute_holidays(year: int) -> dict[date, str]:
    """Allmänna helgdagar (lag 1989:253) plus the three eves of lag 1930:173 2 §.

    Ordinary Saturdays and Sundays are not listed; påskafton is not named by either
    statute and is never included.  Returns a fresh dict the caller may modify.
    """
    return dict(_holidays_for_year(year))


def non_business_day_reason(day: date) -> str | None:
    """Why ``day`` is not a vardag under lag 1930:173 2 §, or ``None`` if it is one.

    A named holiday or eve wins over the weekday ("påskdagen", not "söndag").
    """
    name = _holidays_for_year(day.year).get(day)
    if name is not None:
        return name
    weekday = day.weekday()
    if weekday == _SATURDAY:
        return LORDAG
    if weekday == _SUNDAY:
        return SONDAG
    return None


def is_business_day(day: date) -> bool:
    """True iff an act due on ``day`` can be done that day (lag 1930:173 2 §)."""
    return non_business_day_reason(day) is None


@functools.lru_cache(maxsize=4096)
def act_by(day: date) -> date:
    """The last business day on or before ``day``.

    Reminders use this, not the statute's roll-forward: whether 1930:173 applies to
    contractual IOP deadlines is uncertain, so acting early is the safe choice.
    Remembered: every deadline of every file asks, and the same days recur.
    """
    while not is_business_day(day):
        day -= _ONE_DAY
    return day


def next_business_day(day: date) -> date:
    """The first business day on or after ``day``: the roll-forward of lag 1930:173 2 §.

    For information only (see :func:`act_by`).
    """
    while not is_business_day(day):
        day += _ONE_DAY
    return day
