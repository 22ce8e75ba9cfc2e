"""What the commands print, in Swedish (the default) and English: numbers by the
language's rules, lengths, day names, and the two CSV dialects. (That every message has
its translation is tests/test_i18n.py's.)"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from iopctl.i18n import in_language, use_language
from iopctl.model.types import Duration
from iopctl.present.calendar_words import day_reason, length, long_date, weekday
from iopctl.present.history import stated_word
from iopctl.present.numbers import SYMBOLS, kronor, number, percent, rate

PRESENT = Path(__file__).resolve().parent.parent / "iopctl" / "present"
D = Decimal


@pytest.fixture
def en(english: None) -> None:
    """English, in this process."""


def test_swedish_numbers() -> None:
    assert kronor(D("3852000")) == "3 852 000 kr"
    assert kronor(D("933000.5")) == "933 000,50 kr"
    assert kronor(D("964987.905")) == "964 987,905 kr"
    assert kronor(D("-31988")) == "-31 988 kr"
    assert percent(D("1.5")) == "1,5 %"
    assert percent(D("100.0")) == "100,0 %"
    assert rate(D("214")) == "214,00 kr/tim"
    assert number(D("18000")) == "18 000"


def test_english_numbers(en: object) -> None:
    assert kronor(D("3852000")) == "3,852,000 kr"
    assert kronor(D("933000.5")) == "933,000.50 kr"
    assert percent(D("1.5")) == "1.5%"
    assert rate(D("214")) == "214.00 kr/h"
    assert number(D("-501")) == "-501"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_symbols_are_babels(lang: str) -> None:
    """CLDR's group and decimal symbols (Swedish groups with a no-break space; iopctl
    prints an ordinary one so that a copied amount pastes as typed)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    group, point = SYMBOLS[lang]
    assert get_group_symbol(lang).replace("\u00a0", " ") == group
    assert get_decimal_symbol(lang) == point


@pytest.mark.parametrize(("lang", "locale"), [("sv", "sv_SE"), ("en", "en_GB")])
def test_month_and_day_names_are_babels(lang: str, locale: str) -> None:
    from babel.dates import get_day_names, get_month_names

    from iopctl.present.calendar_words import MONTHS, WEEKDAYS

    assert MONTHS[lang] == tuple(get_month_names("wide", locale=locale)[m] for m in range(1, 13))
    assert WEEKDAYS[lang] == tuple(get_day_names("wide", locale=locale)[d] for d in range(7))


def test_lengths_and_days() -> None:
    assert length(Duration(6, "months")) == "6 månader"
    assert length(Duration(1, "years")) == "1 år"
    assert day_reason("nyårsafton") == "nyårsafton"
    assert long_date(dt.date(2022, 5, 15)) == "15 maj 2022"
    assert weekday(dt.date(2026, 12, 1)) == "tisdag"


def test_lengths_and_days_in_english(en: object) -> None:
    assert length(Duration(1, "months")) == "1 month"
    assert day_reason("påskdagen och söndag") == "Easter Sunday and Sunday"
    assert long_date(dt.date(2022, 5, 15)) == "15 May 2022"
    assert weekday(dt.date(2026, 12, 1)) == "Tuesday"


# --- CSV: Swedish Excel's dialect in Swedish (or --excel), RFC 4180 in English ------------


def _economy_csv(*flags: str) -> str:
    from typer.testing import CliRunner

    from iopctl.cli import app

    seed = str(PRESENT.parent.parent / "agreements" / "linkoping-resurspoolen-2020.yaml")
    result = CliRunner().invoke(app, ["economy", seed, "-f", "csv", *flags])
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_the_status_a_file_states_in_words() -> None:
    """``show`` says what the file's ``status`` says in words, as the site does; a value
    iopctl does not know stays as written (``validate`` reports it)."""
    assert [stated_word(s) for s in ("draft", "active", "ended", "terminated")] == [
        "utkast",
        "aktiv",
        "avslutad",
        "uppsagd",
    ]
    assert stated_word("avslutad") == "avslutad"
    with in_language("en"):
        assert stated_word("ended") == "ended"


def test_csv_for_swedish_excel_by_default() -> None:
    """A BOM, ';' between cells, a decimal comma: Swedish Excel opens it by double-click
    with every column in its place."""
    text = _economy_csv()
    assert text.startswith("\ufeffavrundning;överenskommelse;år;part;slag;")
    opi_2021 = next(line for line in text.splitlines() if ";2021;aldrenamnden;money;" in line)
    assert ";OPI;1,5;definitive;946995;" in opi_2021


def test_csv_in_english_is_rfc_4180(english: None) -> None:
    text = _economy_csv()
    assert text.startswith("rounding,agreement,year,")
    assert ",OPI,1.5,definitive,946995," in text


@pytest.mark.parametrize(
    ("flag", "start", "swedish"),
    [
        ("--excel", "\ufeffrounding;", "\ufeffavrundning;"),
        ("--no-excel", "rounding,", "avrundning,"),
    ],
)
def test_csv_dialect_chosen_with_a_flag(english: None, flag: str, start: str, swedish: str) -> None:
    """The flag chooses the dialect; the language chooses the header's words."""
    assert _economy_csv(flag).startswith(start)
    use_language("sv")
    assert _economy_csv(flag, "--lang", "sv").startswith(swedish)


def test_every_csv_column_has_a_swedish_header() -> None:
    """Each command's CSV columns are marked in present/columns.py, each with Swedish
    words of its own (two columns never share a header); English gives the JSON key."""
    from iopctl.i18n import in_language
    from iopctl.present.columns import MARKED, csv_header
    from iopctl.present.due import FIELDS, HISTORY_FIELDS
    from iopctl.present.economy_data import CSV_COLUMNS
    from iopctl.present.portfolio import LIST_CSV_COLUMNS

    marked = {name for _context, name in MARKED}
    for columns in (FIELDS, HISTORY_FIELDS, CSV_COLUMNS, LIST_CSV_COLUMNS):
        assert set(columns) <= marked
        swedish = csv_header(columns)
        assert len(set(swedish)) == len(columns)
        with in_language("en"):
            assert csv_header(columns) == list(columns)
    assert csv_header(["days_left", "amount_paid"]) == ["dagar kvar", "betalt belopp"]


def test_excel_cells_keep_dates_and_codes_and_quote_separators() -> None:
    import io

    from iopctl.present.safe import csv_writer

    out = io.StringIO()
    writer = csv_writer(out, excel=True)
    writer.writerow(["2022-01-31", "-13.50", "1.5", "a;b", "=1+1", 7])
    assert out.getvalue() == '\ufeff2022-01-31;-13,50;1,5;"a;b";\'=1+1;7\r\n'


# --- every sentence of the text output goes through the catalogue: tests/test_literals.py


def test_clause_the_column_and_clause_the_noun_are_two_messages() -> None:
    """due's column names the terms a date comes from ("villkor"); diff's noun is one of
    a party's commitments ("punkt borttagen"): one English word, two Swedish ones."""
    from iopctl.i18n import _, in_language
    from iopctl.present.due_text import DUE_COLUMNS
    from iopctl.present.words import noun

    assert "clause" in DUE_COLUMNS
    assert (_("clause"), noun("clauses")) == ("villkor", "punkt")
    with in_language("en"):
        assert (_("clause"), noun("clauses")) == ("clause", "clause")
