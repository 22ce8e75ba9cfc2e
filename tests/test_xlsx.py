"""`--format xlsx` (iopctl.present.xlsx): the workbook opened with openpyxl and checked,
cell by cell, against the JSON of the same command."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.present.xlsx.book import kronor_format, text_cell

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("english")
"""Checked against the JSON by the English headers (the JSON's words); the Swedish
sheet names and headers: test_swedish_headers_and_sheet_names."""
MONEY = ["tests/fixtures/money", "tests/fixtures/economy/linkoping-resurspoolen-2020.yaml"]


def run_bytes(*args: str) -> bytes:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout_bytes


def both(*args: str) -> tuple[Any, openpyxl.Workbook, bytes]:
    """The JSON and the workbook of one command."""
    doc = json.loads(run_bytes(*args, "--format", "json"))
    data = run_bytes(*args, "--format", "xlsx")
    return doc, openpyxl.load_workbook(io.BytesIO(data)), data


def records(sheet: Worksheet) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def money(value: object) -> Decimal | None:
    """A number read from the workbook, exactly as the JSON writes it."""
    if value is None:
        return None
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(str(value))


def dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def day(value: object) -> str | None:
    if value is None:
        return None
    assert isinstance(value, dt.datetime), value
    return value.date().isoformat()


def test_economy_workbook_is_the_json(in_repo: Path) -> None:
    doc, book, _ = both("economy", *MONEY, "--as-of", "2026-12-01", "--assume", "2.0")
    assert book.sheetnames == [
        "Contributions",
        "Agreements",
        "Totals per year",
        "Per deciding body",
    ]
    expected = [
        (a["agreement"], y["year"], c)
        for a in doc["agreements"]
        for y in a["years"]
        for c in y["contributions"]
    ]
    found = records(book["Contributions"])
    assert len(found) == len(expected)
    kinds = set()
    for row, (agreement, year, c) in zip(found, expected, strict=True):
        assert (row["Agreement"], row["Year"], row["Party"], row["Kind"]) == (
            agreement,
            year,
            c["party"],
            c["kind"],
        )
        assert isinstance(row["Year"], int)
        amount = dec(c["amount"])
        kind = "Conditional" if c["conditional"] else "Estimated" if c["estimate"] else "Committed"
        kinds.add(kind)
        for column in ("Committed", "Estimated", "Conditional"):
            value = money(row[f"{column} (kr)"])
            assert value == (amount if column == kind else None), (agreement, year, column)
        assert money(row["Base (kr)"]) == dec(c["base"])
        assert money(row["Index (%)"]) == dec(c["index_percent"])
        assert money(row["Paid in year (kr)"]) == dec(c["paid_in_year"])
        assert row["Qualifier"] == c["qualifier"]
    assert kinds == {"Committed", "Estimated", "Conditional"}
    totals = records(book["Totals per year"])
    columns = ("Committed (kr)", "Complete", "Approximate", "Estimated (kr)", "Conditional (kr)")
    keys = ("amount", "complete", "approximate", "estimated", "conditional")
    for row, t in zip(totals, doc["totals"], strict=True):
        assert row["Year"] == t["year"]
        for column, key in zip(columns, keys, strict=True):
            value = row[column]
            if isinstance(t[key], bool) or t[key] is None:
                assert value == t[key], (t["year"], key)
            else:
                assert money(value) == dec(t[key]), (t["year"], key)
    agreements = records(book["Agreements"])
    assert [(a["Agreement"], day(a["Start"]), day(a["End"])) for a in agreements] == [
        (a["agreement"], a["period"]["start"], a["period"]["end"]) for a in doc["agreements"]
    ]


def test_a_year_without_an_economy_is_a_row_with_no_amount(in_repo: Path) -> None:
    """The bundled 2018 agreements state no economy: each year they were in force is a row
    of its own (the JSON's ``unknown_years``), every amount empty and the reason given,
    so a pivot of the sheet shows those years as unknown rather than leaving them out."""
    doc, book, _ = both("economy", "agreements", "--as-of", "2026-12-01")
    unknown = [(a["agreement"], y) for a in doc["agreements"] for y in a["unknown_years"]]
    assert unknown == [
        ("linkoping-pingstforsamlingen-iogt-nto-2018", 2018),
        ("linkoping-pingstforsamlingen-iogt-nto-2018", 2019),
        ("linkoping-pingstforsamlingen-iogt-nto-2018", 2020),
        ("linkoping-resurspoolen-2018", 2018),
        ("linkoping-resurspoolen-2018", 2019),
    ]
    rows = [r for r in records(book["Contributions"]) if (r["Agreement"], r["Year"]) in unknown]
    assert [(r["Agreement"], r["Year"]) for r in rows] == unknown
    for row in rows:
        assert row["Why unknown"] == "no economy stated; the amounts are unknown"
        assert {k: v for k, v in row.items() if v is not None} == {
            "Agreement": row["Agreement"],
            "Year": row["Year"],
            "Why unknown": row["Why unknown"],
        }


def test_list_workbook_is_the_json(in_repo: Path) -> None:
    doc, book, _ = both("list", "agreements", *MONEY, "--as-of", "2021-06-01")
    assert book.sheetnames == ["Agreements"]
    found = records(book["Agreements"])
    assert len(found) == len(doc["agreements"])
    for row, a in zip(found, doc["agreements"], strict=True):
        nxt = a["next_deadline"] or {}
        assert (row["Agreement"], row["Title"], row["Status"], row["File"]) == (
            a["id"],
            a["title"] or None,
            a["status"],
            a["file"],
        )
        assert row["Parties"] == ("; ".join(a["parties"]) or None)
        assert (day(row["Start"]), day(row["End"])) == (a["start"], a["end"])
        assert (row["Next deadline"], day(row["Next act by"]), row["Days left"]) == (
            nxt.get("kind"),
            nxt.get("act_by"),
            nxt.get("days_left"),
        )
        assert money(row["Money 2021: committed (kr)"]) == dec(a["money_this_year"])
        assert money(row["Money 2021: estimated (kr)"]) == dec(a["money_estimated"])
        assert money(row["Money 2021: conditional (kr)"]) == dec(a["money_conditional"])
        assert (row["Complete"], row["Approximate"]) == (
            a["money_complete"],
            a["money_approximate"],
        )
        assert (row["Errors"], row["Warnings"]) == (a["errors"], a["warnings"])


def test_due_workbook_is_the_json(in_repo: Path) -> None:
    args = ("due", "agreements", *MONEY, "--as-of", "2020-01-15", "--within", "1y")
    doc, book, _ = both(*args)
    found = records(book["Deadlines"])
    assert len(found) == len(doc["events"]) > 20
    for row, e in zip(found, doc["events"], strict=True):
        assert (row["Agreement"], row["File"], row["Kind"], row["Status"], row["Title"]) == (
            e["agreement"],
            e["file"],
            e["kind"],
            e["status"],
            e["title"],
        )
        assert (day(row["Date"]), day(row["Act by"])) == (e["date"], e["act_by"])
        assert isinstance(row["Days left"], int)
        amounts = [
            money(row[c])
            for c in ("Amount (kr)", "Estimated amount (kr)", "Conditional amount (kr)")
        ]
        assert [a for a in amounts if a is not None] == ([dec(e["amount"])] if e["amount"] else [])
    conditional = [r for r in found if r["Conditional amount (kr)"] is not None]
    assert conditional and all(r["Amount (kr)"] is None for r in conditional)


def test_layout_frozen_sized_formatted(in_repo: Path) -> None:
    _, book, _ = both("economy", *MONEY, "--as-of", "2026-12-01", "--assume", "2.0")
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
    sheet = book["Contributions"]
    widths = {c: sheet.column_dimensions[c].width for c in ("A", "C", "I")}
    assert all(8 <= w <= 60 for w in widths.values()), widths
    amounts = [c for c in sheet["I"][1:] if c.value is not None]
    assert amounts and all(c.number_format.endswith('"kr"') for c in amounts)
    assert {c.fill.fgColor.rgb for c in sheet["J"][1:] if c.value is not None} == {"00FFF4D6"}
    dates = [c for c in book["Agreements"]["E"][1:] if c.value is not None]
    assert dates and all(c.number_format == "yyyy-mm-dd" and c.is_date for c in dates)


def test_kronor_formats() -> None:
    assert kronor_format(Decimal("946995")) == '#,##0 "kr"'
    assert kronor_format(Decimal("946995.00")) == '#,##0 "kr"'
    assert kronor_format(Decimal("77750.5")) == '#,##0.00 "kr"'
    assert kronor_format(Decimal("964987.905")) == '#,##0.000 "kr"'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 70", "'+46 70"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-501", "-501"),
        ("line\nbreak", "line\\nbreak"),
        ("\t=1", "\\t=1"),
        ("Äldrenämnden", "Äldrenämnden"),
    ],
)
def test_text_is_never_a_formula(value: str, cell: str) -> None:
    assert text_cell(value) == cell


HOSTILE = """\
id: formel-2024
title: "=HYPERLINK(\\"http://example.invalid\\",\\"klicka\\")"
status: draft
parties:
  - id: kommun
    name: "@SUM(1+1)"
    sector: public
  - id: forening
    name: "+cmd|' /C calc'!A0"
    sector: idea_based
"""


def test_agreement_text_in_cells_is_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "formel-2024.yaml").write_text(HOSTILE, encoding="utf-8")
    data = run_bytes("list", "--as-of", "2024-01-01", "--format", "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    row = records(book["Agreements"])[0]
    assert row["Title"] == '\'=HYPERLINK("http://example.invalid","klicka")'
    assert row["Parties"] == "'@SUM(1+1); +cmd|' /C calc'!A0"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet


def test_same_input_same_bytes(in_repo: Path) -> None:
    args = ("economy", *MONEY, "--as-of", "2026-12-01", "--format", "xlsx")
    first, second = run_bytes(*args), run_bytes(*args)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "<dcterms:created" in core and "2026-12-01T00:00:00Z" in core
    assert ">iopctl</dc:creator>" in core


def test_output_option(in_repo: Path, tmp_path: Path, english: None) -> None:
    target = tmp_path / "due.xlsx"
    result = runner.invoke(
        app, ["due", "agreements", "--as-of", "2022-05-15", "-f", "xlsx", "-o", str(target)]
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert openpyxl.load_workbook(target).sheetnames == ["Deadlines"]
    result = runner.invoke(app, ["list", "agreements", "--output", str(target)])
    assert result.exit_code == 2 and "--output is for --format xlsx" in result.stderr


def test_never_bytes_onto_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from iopctl.cli.common import write_workbook
    from iopctl.errors import UsageError

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    with pytest.raises(UsageError, match="binary workbook"):
        write_workbook(b"PK", None)


def test_show_has_no_xlsx(in_repo: Path, english: None) -> None:
    result = runner.invoke(app, ["show", "linkoping-resurspoolen-2020", "-f", "xlsx"])
    assert result.exit_code == 2 and "show has no xlsx format" in result.stderr


def test_swedish_headers_and_sheet_names(in_repo: Path) -> None:
    """In Swedish (the default; ``--lang sv`` here) the sheets and their headers are
    Swedish; the cells are the same data."""
    args = ("economy", *MONEY, "--as-of", "2026-12-01", "--format", "xlsx", "--lang", "sv")
    book = openpyxl.load_workbook(io.BytesIO(run_bytes(*args)))
    assert book.sheetnames == [
        "Insatser",
        "Överenskommelser",
        "Summor per år",
        "Per beslutande organ",
    ]
    header = next(book["Summor per år"].iter_rows(values_only=True))
    assert header == (
        "År",
        "Beslutat (kr)",
        "Fullständigt",
        "Ungefärligt",
        "Uppskattat (kr)",
        "Villkorat (kr)",
    )
    args = ("list", "--as-of", "2022-02-01", "--format", "xlsx", "--lang", "sv")
    book = openpyxl.load_workbook(io.BytesIO(run_bytes(*args)))
    header = next(book["Överenskommelser"].iter_rows(values_only=True))
    assert header[9:14] == (
        "Pengar 2022: beslutat (kr)",
        "Fullständigt",
        "Ungefärligt",
        "Pengar 2022: uppskattat (kr)",
        "Pengar 2022: villkorat (kr)",
    )
