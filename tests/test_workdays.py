"""Tests for iopctl.facts.workdays (lag 1930:173 2 §, lag 1989:253).

Expected dates come from the fixtures table in
shared/reference/opi-valuation-deadlines.md, Part 3 (tidochdatum.se), and from the
fixed dates of the statutes, written out literally here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopctl.facts import workdays
from iopctl.facts.workdays import (
    act_by,
    is_business_day,
    next_business_day,
    non_business_day_reason,
    statute_holidays,
)

ONE_DAY = timedelta(days=1)

# Fixtures table, Part 3.2: långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag,
# pingstdagen, midsommardagen, alla helgons dag.
FIXTURES: list[tuple[date, str]] = [
    (date(2025, 4, 18), "långfredagen"),
    (date(2025, 4, 20), "påskdagen"),
    (date(2025, 4, 21), "annandag påsk"),
    (date(2025, 5, 29), "kristi himmelsfärdsdag"),
    (date(2025, 6, 8), "pingstdagen"),
    (date(2025, 6, 21), "midsommardagen"),
    (date(2025, 11, 1), "alla helgons dag"),
    (date(2026, 4, 3), "långfredagen"),
    (date(2026, 4, 5), "påskdagen"),
    (date(2026, 4, 6), "annandag påsk"),
    (date(2026, 5, 14), "kristi himmelsfärdsdag"),
    (date(2026, 5, 24), "pingstdagen"),
    (date(2026, 6, 20), "midsommardagen"),
    (date(2026, 10, 31), "alla helgons dag"),
    (date(2027, 3, 26), "långfredagen"),
    (date(2027, 3, 28), "påskdagen"),
    (date(2027, 3, 29), "annandag påsk"),
    (date(2027, 5, 6), "kristi himmelsfärdsdag"),
    (date(2027, 5, 16), "pingstdagen"),
    (date(2027, 6, 26), "midsommardagen"),
    (date(2027, 11, 6), "alla helgons dag"),
]

# Every statute day of 2026 (lag 1989:253 + the eves of lag 1930:173 2 §), written by hand.
HOLIDAYS_2026: dict[date, str] = {
    date(2026, 1, 1): "nyårsdagen",
    date(2026, 1, 6): "trettondedag jul",
    date(2026, 4, 3): "långfredagen",
    date(2026, 4, 5): "påskdagen",
    date(2026, 4, 6): "annandag påsk",
    date(2026, 5, 1): "första maj",
    date(2026, 5, 14): "kristi himmelsfärdsdag",
    date(2026, 5, 24): "pingstdagen",
    date(2026, 6, 6): "nationaldagen",
    date(2026, 6, 19): "midsommarafton",
    date(2026, 6, 20): "midsommardagen",
    date(2026, 10, 31): "alla helgons dag",
    date(2026, 12, 24): "julafton",
    date(2026, 12, 25): "juldagen",
    date(2026, 12, 26): "annandag jul",
    date(2026, 12, 31): "nyårsafton",
}

STATUTE_NAMES = {
    "nyårsdagen",
    "trettondedag jul",
    "långfredagen",
    "påskdagen",
    "annandag påsk",
    "första maj",
    "kristi himmelsfärdsdag",
    "pingstdagen",
    "annandag pingst",
    "nationaldagen",
    "midsommardagen",
    "alla helgons dag",
    "juldagen",
    "annandag jul",
    "midsommarafton",
    "julafton",
    "nyårsafton",
}

dates_1990_2100 = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    workdays._holidays_for_year.cache_clear()
    yield
    workdays._holidays_for_year.cache_clear()


@pytest.mark.parametrize(("day", "name"), FIXTURES, ids=[str(d) for d, _ in FIXTURES])
def test_fixture_dates_are_named_non_business_days(day: date, name: str) -> None:
    assert non_business_day_reason(day) == name
    assert not is_business_day(day)
    assert statute_holidays(day.year)[day] == name


@pytest.mark.parametrize(
    ("deadline", "rolled_forward", "acted_by"),
    [
        (date(2025, 12, 31), date(2026, 1, 2), date(2025, 12, 30)),  # nyårsafton, Wednesday
        (date(2026, 6, 19), date(2026, 6, 22), date(2026, 6, 18)),  # midsommarafton, Friday
        (date(2019, 12, 31), date(2020, 1, 2), date(2019, 12, 30)),  # nyårsafton, Tuesday
    ],
)
def test_worked_checks(deadline: date, rolled_forward: date, acted_by: date) -> None:
    assert is_business_day(deadline) is False
    assert next_business_day(deadline) == rolled_forward
    assert act_by(deadline) == acted_by


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2025, 12, 31), "nyårsafton"),
        (date(2019, 12, 31), "nyårsafton"),
        (date(2026, 6, 19), "midsommarafton"),
        (date(2026, 12, 24), "julafton"),
        (date(2026, 12, 25), "juldagen"),
        (date(2026, 1, 3), "lördag"),
        (date(2026, 1, 4), "söndag"),
        (date(2026, 4, 4), "lördag"),  # påskafton: only a Saturday
        (date(2026, 1, 7), None),  # ordinary Wednesday
        (date(2026, 6, 18), None),  # Thursday before midsommarafton
    ],
)
def test_reasons(day: date, reason: str | None) -> None:
    assert non_business_day_reason(day) == reason
    assert is_business_day(day) is (reason is None)


def test_two_holidays_on_one_date_are_both_named() -> None:
    # 2008: Kristi himmelsfärdsdag (39 days after påskdagen 23 March) fell on 1 May.
    assert statute_holidays(2008)[date(2008, 5, 1)] == "första maj och kristi himmelsfärdsdag"
    assert non_business_day_reason(date(2008, 5, 1)) == "första maj och kristi himmelsfärdsdag"


def test_nationaldagen_from_2005_only() -> None:
    assert non_business_day_reason(date(2005, 6, 6)) == "nationaldagen"  # Monday
    assert non_business_day_reason(date(2025, 6, 6)) == "nationaldagen"  # Friday
    assert date(2004, 6, 6) not in statute_holidays(2004)
    assert non_business_day_reason(date(2004, 6, 6)) == "söndag"
    assert is_business_day(date(2003, 6, 6))  # Friday, before the amendment


def test_annandag_pingst_until_2004_only() -> None:
    assert non_business_day_reason(date(2004, 5, 31)) == "annandag pingst"  # Monday
    assert non_business_day_reason(date(1990, 6, 4)) == "annandag pingst"
    assert is_business_day(date(2005, 5, 16))  # Monday after pingstdagen 2005-05-15
    assert is_business_day(date(2026, 5, 25))  # Monday after pingstdagen 2026-05-24
    for year in range(2005, 2101):
        assert "annandag pingst" not in statute_holidays(year).values()
    for year in range(1990, 2005):
        assert "nationaldagen" not in statute_holidays(year).values()


def test_pask_afton_is_not_a_statute_day() -> None:
    # Påskafton = påskdagen - 1 day; from the fixtures table.
    for paskdagen in (date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28)):
        paskafton = paskdagen - ONE_DAY
        assert paskafton not in statute_holidays(paskdagen.year)
        assert non_business_day_reason(paskafton) == "lördag"


def test_fixed_statute_days_present() -> None:
    for year in (2025, 2026, 2027):
        days = statute_holidays(year)
        assert days[date(year, 1, 1)] == "nyårsdagen"
        assert days[date(year, 1, 6)] == "trettondedag jul"
        assert days[date(year, 5, 1)] == "första maj"
        assert days[date(year, 6, 6)] == "nationaldagen"
        assert days[date(year, 12, 24)] == "julafton"
        assert days[date(year, 12, 25)] == "juldagen"
        assert days[date(year, 12, 26)] == "annandag jul"
        assert days[date(year, 12, 31)] == "nyårsafton"


def test_statute_holidays_2026_exactly() -> None:
    assert statute_holidays(2026) == HOLIDAYS_2026


def test_only_statute_names_and_no_plain_sundays() -> None:
    # holidays 0.109 puts Marie bebådelsedag (≤ 1989) in "public"; Sundays if asked to.
    for year in range(1953, 2101):
        days = statute_holidays(year)
        names = {part for name in days.values() for part in name.split(" och ")}
        assert names <= STATUTE_NAMES, year
        assert len(names) == 16, year  # 13 helgdagar + 3 eves, every year
        assert "söndag" not in days.values()


def test_statute_holidays_returns_a_copy() -> None:
    days = statute_holidays(2026)
    days[date(2026, 1, 7)] = "påhittad"
    days.pop(date(2026, 12, 25))
    assert is_business_day(date(2026, 1, 7))
    assert non_business_day_reason(date(2026, 12, 25)) == "juldagen"


def test_business_day_count_2026() -> None:
    weekdays = [
        date(2026, 1, 1) + timedelta(days=i)
        for i in range(365)
        if (date(2026, 1, 1) + timedelta(days=i)).weekday() < 5
    ]
    assert len(weekdays) == 261  # 52 full weeks + Thursday 1 January
    expected = sum(1 for d in weekdays if d not in HOLIDAYS_2026)
    # By hand: the statute days of 2026 on Mon–Fri are 1/1, 6/1, 3/4, 6/4, 1/5, 14/5,
    # 19/6, 24/12, 25/12, 31/12 -> 261 - 10.
    assert expected == 251
    days_2026 = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]
    assert sum(1 for d in days_2026 if is_business_day(d)) == 251


# The ``holidays`` package as an independent oracle (it is not used at run time; see the
# docstring of iopctl.facts.workdays). Its Swedish names for the statute days:
LIBRARY_NAMES = {
    "nyårsdagen": "nyårsdagen",
    "trettondedag jul": "trettondedag jul",
    "långfredagen": "långfredagen",
    "påskdagen": "påskdagen",
    "annandag påsk": "annandag påsk",
    "första maj": "första maj",
    "kristi himmelsfärdsdag": "kristi himmelsfärdsdag",
    "pingstdagen": "pingstdagen",
    "annandag pingst": "annandag pingst",
    "nationaldagen": "nationaldagen",
    "sveriges nationaldag": "nationaldagen",
    "midsommardagen": "midsommardagen",
    "alla helgons dag": "alla helgons dag",
    "juldagen": "juldagen",
    "annandag jul": "annandag jul",
}
EVES = ("midsommarafton", "julafton", "nyårsafton")


def _library(year: int, category: str) -> dict[date, set[str]]:
    import holidays

    listed = holidays.country_holidays("SE", years=year, categories=(category,), language="sv")
    found: dict[date, set[str]] = {}
    for day, names in listed.items():
        for name in str(names).split(";"):  # two holidays on one date: "a; b"
            key = name.strip().casefold()
            ours = LIBRARY_NAMES.get(key) if category == "public" else key
            if ours is not None and (category == "public" or ours in EVES):
                found.setdefault(day, set()).add(ours)
    return found


def test_statute_days_agree_with_the_holidays_package_1953_2100() -> None:
    for year in range(1953, 2101):
        ours: dict[date, set[str]] = {}
        for day, names in statute_holidays(year).items():
            for name in names.split(" och "):
                if name not in EVES:
                    ours.setdefault(day, set()).add(name)
        assert ours == _library(year, "public"), year


def test_the_three_eves_follow_the_statute_and_the_library() -> None:
    # Lag (1930:173) 2 §: midsommarafton (the Friday 19–25 June), julafton, nyårsafton.
    for year in range(1953, 2101):
        eves = {d: n for d, n in statute_holidays(year).items() if n in EVES}
        midsommarafton = next(
            date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4
        )
        assert eves == {
            midsommarafton: "midsommarafton",
            date(year, 12, 24): "julafton",
            date(year, 12, 31): "nyårsafton",
        }, year
        assert {d: {n} for d, n in eves.items()} == _library(year, "de_facto"), year


def test_module_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys, datetime, iopctl.facts.workdays as w;"
        "w.is_business_day(datetime.date(2026, 1, 1));"
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={"PYTHONPATH": str(root)},
    )
    assert out.stdout.strip() == "[]"


@given(dates_1990_2100)
def test_act_by_is_the_last_business_day_on_or_before(day: date) -> None:
    result = act_by(day)
    assert result <= day
    assert is_business_day(result)
    between = result + ONE_DAY
    while between <= day:
        assert not is_business_day(between)
        between += ONE_DAY


@given(dates_1990_2100)
def test_next_business_day_is_the_first_on_or_after(day: date) -> None:
    result = next_business_day(day)
    assert result >= day
    assert is_business_day(result)
    between = day
    while between < result:
        assert not is_business_day(between)
        between += ONE_DAY


@given(dates_1990_2100)
def test_business_days_are_fixed_points(day: date) -> None:
    if is_business_day(day):
        assert day.weekday() < 5
        assert act_by(day) == day
        assert next_business_day(day) == day
    else:
        assert non_business_day_reason(day) is not None
        assert act_by(day) < day < next_business_day(day)
