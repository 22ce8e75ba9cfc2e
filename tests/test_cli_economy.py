"""`iopctl economy` and `iopctl value` through the command line (CliRunner).

Golden files under tests/golden/economy/ hold the text, JSON and CSV output for the
Resurspoolen agreement; rewrite them with `UPDATE_GOLDENS=1 pytest tests/test_cli_economy.py`
and review the diff. The figures are derived in tests/test_economy.py's docstring.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "economy"
SEED = "agreements/linkoping-resurspoolen-2020.yaml"
EXTENDED = "tests/fixtures/economy/linkoping-resurspoolen-2020.yaml"
OPI_2024 = "tests/fixtures/economy/opi-2024-test-fixture.yaml"
LOCATION = re.compile(r"^\S+:\d+:\d+: error ")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("IOPCTL_DEBUG", raising=False)


@pytest.fixture
def repo_cwd(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so paths in the output are relative."""
    monkeypatch.chdir(REPO)
    return REPO


def squeeze(text: str) -> list[str]:
    """Lines with runs of spaces collapsed, so assertions do not depend on column widths."""
    return [" ".join(line.split()) for line in text.splitlines()]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/economy/<name>; UPDATE_GOLDENS=1 rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDENS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; run with UPDATE_GOLDENS=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


# --- golden output of the Resurspoolen agreement ---------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_resurspoolen_golden(repo_cwd: Path, fmt: str) -> None:
    code, out, err = run("economy", SEED, "--format", fmt, "--lang", "sv")
    assert (code, err) == (0, "")
    assert_golden(f"resurspoolen-2020.{'txt' if fmt == 'text' else fmt}", out)


@pytest.mark.parametrize("fmt", ["text", "csv"])
def test_resurspoolen_golden_in_english(repo_cwd: Path, english: None, fmt: str) -> None:
    code, out, err = run("economy", SEED, "--format", fmt)
    assert (code, err) == (0, "")
    assert_golden(f"resurspoolen-2020.en.{'txt' if fmt == 'text' else fmt}", out)


def test_resurspoolen_text_figures(repo_cwd: Path) -> None:
    _, out, _ = run("economy", SEED, "--lang", "sv")
    assert (
        "Avrundning: hela kronor, uppåt vid hälften; varje år från föregående års avrundade "
        "belopp (standard; se docs/money.md)\n"
    ) in out
    lines = [line.split() for line in out.splitlines()]
    money = [line for line in lines if line[1:3] == ["Äldrenämnden", "pengar"]]
    assert [" ".join(line) for line in money] == [
        "2020 Äldrenämnden pengar 933 000 933 000",
        "2021 Äldrenämnden pengar 933 000 OPI 2021 1,5 % definitivt 946 995 [1]",
        "2022 Äldrenämnden pengar 946 995 OPI 2022 1,9 % definitivt 964 988 [2]",
    ]
    assert "  [1] OPI 2021 1,5 % (definitivt, publicerat 2020-12-16): SKR cirkulär" in out


def test_extended_with_index_file_golden(repo_cwd: Path) -> None:
    code, out, err = run(
        "economy", EXTENDED, "--index-file", OPI_2024, "--assume", "2.0", "--lang", "sv"
    )
    assert (code, err) == (0, "")
    assert_golden("resurspoolen-extended-assume.txt", out)
    lines = squeeze(out)
    assert "2023 Äldrenämnden pengar 964 988 OPI 2023 4,6 % definitivt 1 009 377 [3]" in lines
    assert "2024 Äldrenämnden pengar 1 009 377 OPI 2024 2,0 % preliminärt 1 029 565 [5]" in lines
    assert "2025 Äldrenämnden pengar 1 029 565 OPI 2025 2,0 % antaget 1 050 156* [6]" in lines
    assert "2023 Äldrenämnden 964 988 OPI 3,5 % 998 763 OPI 4,6 % 1 009 377 +10 614" in lines
    assert "2021: registrerat 16 500 tim = 3 531 000 kr; -321 000 kr mot det utlovade" in out


# --- estimates ------------------------------------------------------------------------------


def test_assume_marks_estimates_in_text(repo_cwd: Path, english: None) -> None:
    code, out, _ = run("economy", EXTENDED, "--assume", "2.0")
    assert code == 0
    lines = squeeze(out)
    assert "2024 Äldrenämnden money 1,009,377 OPI 2024 2.0% assumed 1,029,565* [5]" in lines
    assert "2025 Äldrenämnden money 1,029,565 OPI 2025 2.0% assumed 1,050,156* [6]" in lines
    # Estimated money is added apart from the committed money, in every total.
    assert "Total 3,852,000 + 1,029,565* + ?" in lines
    assert "Äldrenämnden 3,854,360 + 2,079,721* + ? 14.3%*" in lines
    assert (
        "* estimate: no published value for OPI 2024, 2025; assumed 2.0% a year "
        "(--assume 2.0). Later years build on it and are estimates too.\n"
    ) in out
    assert "1,009,377*" not in out  # 2023 is published


def test_assume_marks_estimates_in_json(repo_cwd: Path) -> None:
    code, out, _ = run("economy", EXTENDED, "--assume", "2.0", "--format", "json")
    assert code == 0
    (agreement,) = json.loads(out)["agreements"]
    flags = {
        (y["year"], c["kind"]): (c["amount"], c["index_status"], c["estimate"])
        for y in agreement["years"]
        for c in y["contributions"]
    }
    assert flags[(2023, "money")] == ("1009377", "definitive", False)
    assert flags[(2024, "money")] == ("1029565", "assumed", True)
    assert flags[(2025, "money")] == ("1050156", "assumed", True)
    assert agreement["estimated_years"] == [2024, 2025]


def test_assume_marks_estimates_in_csv(repo_cwd: Path, english: None) -> None:
    """Read by the JSON keys: the English header row (docs/i18n.md)."""
    code, out, _ = run("economy", EXTENDED, "--assume", "2.0", "--format", "csv", "--no-excel")
    assert code == 0
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "money"]
    assert [(r["year"], r["index_status"], r["estimate"]) for r in rows][-3:] == [
        ("2023", "definitive", "false"),
        ("2024", "assumed", "true"),
        ("2025", "assumed", "true"),
    ]


# --- missing years and bad input ------------------------------------------------------------


def test_missing_year_without_assume_exits_1_naming_index_and_year(
    repo_cwd: Path, english: None
) -> None:
    code, out, err = run("economy", EXTENDED, "--index-file", OPI_2024)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{EXTENDED}:34:16: error IOP503 iopctl has no OPI figure for 2025: aldrenamnden's "
        "money from 2025 on cannot be computed"
    )
    assert "  hint: iopctl has no OPI 2025 figure. Add it, with its source, when it is" in err
    assert "iopctl index add OPI 2025 <OPI 2025 IN PERCENT> --status preliminary" in err
    assert "or pass --assume PCT to project 2025 and later years as estimates." in err
    # What can be computed is still shown.
    assert "1,029,565" in out
    assert "(no OPI value for 2025)" in out
    assert "Traceback" not in out + err


def test_missing_year_in_json_is_null(repo_cwd: Path, english: None) -> None:
    code, out, err = run("economy", EXTENDED, "-f", "json")
    assert code == 1
    assert "iopctl has no OPI figure for 2024" in err
    years = json.loads(out)["agreements"][0]["years"]
    assert [y["contributions"][0]["amount"] for y in years] == [
        "933000",
        "946995",
        "964988",
        "1009377",
        None,
        None,
    ]


def test_unknown_index_is_reported_by_validate_and_economy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (REPO / SEED).read_text(encoding="utf-8").replace("index: OPI", "index: OPY")
    (tmp_path / "linkoping-resurspoolen-2020.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("validate", "linkoping-resurspoolen-2020.yaml")
    assert code == 1
    assert "fel IOP210 okänt index 'OPY'" in out
    assert "tips: menade du 'OPI'?" in out
    code, out, err = run("economy", "linkoping-resurspoolen-2020.yaml")
    assert code == 1
    assert err == ("linkoping-resurspoolen-2020.yaml:180:16: fel IOP210 okänt index 'OPY'\n")
    assert "(okänt index 'OPY')" in out


def test_invalid_agreement_reported_one_line_each_and_rest_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    text = (
        (REPO / SEED)
        .read_text(encoding="utf-8")
        .replace("org_number: 822003-0913", "org_number: 822003-0914")
        .replace("declared_total_per_year: 4785000", "declared_total_per_year: 4785001")
    )
    (tmp_path / "linkoping-resurspoolen-2020.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("economy", "linkoping-resurspoolen-2020.yaml", "-f", "csv", "--no-excel")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(LOCATION.match(line) for line in lines)
    assert lines[0].startswith("linkoping-resurspoolen-2020.yaml:41:17: error IOP201 ")
    assert lines[1].startswith("linkoping-resurspoolen-2020.yaml:157:28: error IOP205 ")
    assert "2022,aldrenamnden,money,946995,OPI,1.9,definitive,964988,false" in out


def test_broken_index_file_is_reported_with_location(repo_cwd: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'indices:\n  OPI:\n    values:\n      - year: 2024\n        percent: "2,3 %"\n'
        "        status: preliminary\n        source: test fixture\n",
        encoding="utf-8",
    )
    code, out, err = run("economy", SEED, "--index-file", str(bad), "--index-file", "nope.yaml")
    assert code == 1
    assert err.splitlines() == [
        f"{bad}:5:18: fel IOP106 indices.OPI.values[0].percent: procentsatsen '2,3 %' är text",
        "nope.yaml: fel IOP501 indexfilen finns inte",
    ]
    assert "964 988" in out


def test_indices_folder_in_the_current_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    (tmp_path / "indices").mkdir()
    (tmp_path / "indices" / "opi.yaml").write_text(
        (REPO / OPI_2024).read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        "economy", str(REPO / EXTENDED), "--assume", "2.0", "-f", "csv", "--no-excel"
    )
    assert (code, err) == (0, "")
    rows = {(r["year"], r["kind"]): r for r in csv.DictReader(io.StringIO(out))}
    assert rows[("2024", "money")]["index_status"] == "preliminary"
    assert rows[("2024", "money")]["index_source"].startswith("test fixture")
    assert rows[("2025", "money")]["estimate"] == "true"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--assume", "abc"], "--assume 'abc' is not a number"),
        (["--assume", "2,5"], "write a decimal point"),
        (["--year", "2024"], "2024 is outside the period of linkoping-resurspoolen-2020"),
    ],
)
def test_economy_usage_errors(repo_cwd: Path, args: list[str], message: str, english: None) -> None:
    code, out, err = run("economy", SEED, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


def test_year_option(repo_cwd: Path, english: None) -> None:
    code, out, _ = run("economy", SEED, "--year", "2022", "-f", "csv", "--no-excel")
    assert code == 0
    assert {r["year"] for r in csv.DictReader(io.StringIO(out))} == {"2022"}


# --- portfolio ---------------------------------------------------------------------------------


def test_portfolio_of_the_bundled_folder(repo_cwd: Path, english: None) -> None:
    code, out, err = run("economy", "agreements", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    # The premises and other in-kind contributions have no stated value, and neither 2018
    # agreement states its economy: not complete, and 2018-2019 not known at all.
    rest = {"complete": False, "approximate": False, "estimated": None, "conditional": None}
    assert data["totals"] == [
        {"year": 2018, "amount": None, **rest},
        {"year": 2019, "amount": None, **rest},
        {"year": 2020, "amount": "4785000", **rest},
        {"year": 2021, "amount": "4798995", **rest},
        {"year": 2022, "amount": "4816988", **rest},
    ]
    assert len(data["agreements"]) == 5
    unknown = {a["agreement"]: a["unknown_years"] for a in data["agreements"]}
    assert unknown == {
        "kalmar-stadsmission-2020": [],  # no dates: no years to lay out
        "linkoping-pingstforsamlingen-iogt-nto-2018": [2018, 2019, 2020],
        "linkoping-resurspoolen-2018": [2018, 2019],
        "linkoping-resurspoolen-2020": [],
        "timra-aldres-ensamhet-2020": [],
    }
    code, csv_text, _ = run("economy", "agreements", "--format", "csv", "--no-excel")
    rows = [r for r in csv.DictReader(io.StringIO(csv_text)) if r["agreement"].endswith("2018")]
    assert [(r["agreement"][:20], r["year"], r["amount"], r["party"]) for r in rows] == [
        ("linkoping-pingstfors", "2018", "", ""),
        ("linkoping-pingstfors", "2019", "", ""),
        ("linkoping-pingstfors", "2020", "", ""),
        ("linkoping-resurspool", "2018", "", ""),
        ("linkoping-resurspool", "2019", "", ""),
    ]
    code, text, _ = run("economy")  # the default is agreements/
    assert code == 0
    assert "Portfolio: 5 agreements, 3 counted (not those unsigned)\n" in text
    assert (
        "Linköpings kommun     unknown   unknown       unknown"
        "                             unknown\n"
    ) in text
    assert (
        "Äldrenämnden                                  933,000   946,995   964,988"
        "       2,844,983\n"
    ) in text
    assert (
        "Total                 unknown   unknown   933,000 + ?   946,995   964,988"
        "   2,844,983 + ?\n"
    ) in text
    assert "linkoping-resurspoolen-2018: no economy stated; the amounts are unknown\n" in text
    assert (
        "timra-aldres-ensamhet-2020                   draft                 Socialnämnden" in text
    )
    assert (
        "kalmar-stadsmission-2020                     decided, not signed   Socialnämnden" in text
    )


def test_output_is_deterministic(repo_cwd: Path) -> None:
    assert run("economy", "agreements", "-f", "json") == run("economy", "agreements", "-f", "json")


def test_text_is_plain_when_not_a_terminal(repo_cwd: Path) -> None:
    _, out, _ = run("economy", EXTENDED, "--assume", "2")
    assert "\x1b[" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


# --- iopctl value --------------------------------------------------------------------------------


def test_value_at_a_rate(english: None) -> None:
    code, out, err = run("value", "--hours", "18000", "--rate", "214")
    assert (code, err) == (0, "")
    assert out == (
        "Rate:  214.00 kr/h (given with --rate)\nValue: 18,000 h × 214.00 kr/h = 3,852,000 kr\n"
    )


def test_value_from_a_wage(english: None) -> None:
    code, out, _ = run("value", "--hours", "18000", "--wage", "200", "--year", "2020")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Rate:  200.00 kr/h wage × (1 + 31.42% arbetsgivaravgift 2020) = 262.84 kr/h "
        "(rounded to öre, half up)"
    )
    assert lines[1].startswith("       arbetsgivaravgift 2020: Prop. 2008/09:45")
    assert lines[2] == "Value: 18,000 h × 262.84 kr/h = 4,731,120 kr"


def test_value_shows_the_rounding(english: None) -> None:
    code, out, _ = run("value", "--hours", "7.25", "--rate", "214.37")
    assert code == 0
    assert out.splitlines()[1] == (
        "Value: 7.25 h × 214.37 kr/h = 1,554.1825 kr → 1,554 kr (whole kronor, half up)"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--hours", "-5", "--rate", "214"], 2, "--hours '-5' is negative"),
        (["--hours", "abc", "--rate", "214"], 2, "--hours 'abc' is not a number"),
        (["--hours", "5", "--rate", "-1"], 2, "--rate '-1' is negative"),
        (["--hours", "5"], 2, "give exactly one of --rate and --wage"),
        (["--hours", "5", "--rate", "1", "--wage", "2"], 2, "give exactly one of"),
        (["--hours", "5", "--rate", "1", "--year", "2020"], 2, "--year only applies"),
        (
            ["--hours", "5", "--wage", "200", "--year", "2031"],
            1,
            "no arbetsgivaravgift rate is bundled for 2031 (bundled: 2008–2026)",
        ),
    ],
)
def test_value_bad_input(args: list[str], code: int, message: str, english: None) -> None:
    exit_code, out, err = run("value", *args)
    assert exit_code == code
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_colour_on_a_terminal_never_cuts_an_amount(
    repo_cwd: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run("economy", EXTENDED, "--assume", "2")
    assert code == 0
    assert "\x1b[" in out
    assert "…" not in out
    assert "1,050,156*" in out


def test_the_missing_figure_hint_comes_once_per_year_not_per_file(
    repo_cwd: Path, tmp_path: Path
) -> None:
    text = (REPO / EXTENDED).read_text(encoding="utf-8")
    for n in (1, 2):
        name = f"copy-{n}"
        (tmp_path / f"{name}.yaml").write_text(
            text.replace("id: linkoping-resurspoolen-2020", f"id: {name}"), encoding="utf-8"
        )
    code, _, err = run("economy", str(tmp_path), "--index-file", OPI_2024)
    assert code == 1
    assert err.count("fel IOP503") == 2  # each file's own problem
    assert err.count("tips: iopctl har inget värde för OPI 2025") == 1
