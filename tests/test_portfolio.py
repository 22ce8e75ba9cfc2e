"""`iopctl list` and `iopctl show` on the bundled agreements at fixed dates."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from tests.goldens import assert_golden

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_text_golden(in_repo: Path) -> None:
    code, out, err = run("list", "--as-of", "2021-06-01")
    assert (code, err) == (0, "")
    assert_golden("portfolio/list_2021-06-01.txt", out)


def test_list_text_golden_in_english(in_repo: Path, english: None) -> None:
    code, out, err = run("list", "--as-of", "2021-06-01")
    assert (code, err) == (0, "")
    assert_golden("portfolio/list_2021-06-01.en.txt", out)


def test_list_json_money_and_next_deadline(in_repo: Path) -> None:
    code, out, _ = run("list", "--as-of", "2021-06-01", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["as_of"] == "2021-06-01"
    rows = {r["id"]: r for r in doc["agreements"]}
    assert sorted(rows) == [
        "kalmar-stadsmission-2020",
        "linkoping-pingstforsamlingen-iogt-nto-2018",
        "linkoping-resurspoolen-2018",
        "linkoping-resurspoolen-2020",
        "timra-aldres-ensamhet-2020",
    ]
    resurspoolen = rows["linkoping-resurspoolen-2020"]
    assert resurspoolen["money_this_year"] == "946995"  # 933 000 × 1.015, OPI 2021
    assert resurspoolen["next_deadline"]["kind"] == "follow_up"
    assert resurspoolen["next_deadline"]["act_by"] == "2020-12-30"
    assert resurspoolen["next_deadline"]["status"] == "overdue"
    assert (resurspoolen["start"], resurspoolen["end"]) == ("2020-01-01", "2022-12-31")
    assert rows["kalmar-stadsmission-2020"]["money_this_year"] is None
    assert rows["timra-aldres-ensamhet-2020"]["parties"] == [
        "Timrå kommun",
        "Timrå PRO",
        "SKPF",
        "Röda Korset",
        "SPF",
    ]


def test_list_says_unknown_money_for_an_agreement_without_an_economy(in_repo: Path) -> None:
    """In 2019 both 2018 agreements are in force and neither states its economy: their
    money is unknown (``okänt``, JSON: no amount and not complete), not none (``–``)."""
    code, out, _ = run("list", "--as-of", "2019-06-01")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert lines["linkoping-resurspoolen-2018"].split()[-2] == "okänt"
    assert lines["linkoping-pingstforsamlingen-iogt-nto-2018"].split()[-2] == "okänt"
    assert lines["linkoping-resurspoolen-2020"].split()[-2] == "–"  # not yet in force
    code, out, _ = run("list", "--as-of", "2019-06-01", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out)["agreements"]}
    pool = rows["linkoping-resurspoolen-2018"]
    assert (pool["money_this_year"], pool["money_complete"]) == (None, False)
    later = rows["linkoping-resurspoolen-2020"]
    assert (later["money_this_year"], later["money_complete"]) == (None, None)


def test_list_csv(in_repo: Path, english: None) -> None:
    code, out, _ = run("list", "--as-of", "2022-02-01", "--format", "csv", "--no-excel")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    row = next(r for r in rows if r["id"] == "linkoping-resurspoolen-2020")
    assert row["money_this_year"] == "964988"
    assert (row["status"], row["status_stated"]) == ("in_force", "ended")


def test_list_reports_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = run("list", str(tmp_path), "--as-of", "2022-01-01")
    assert code == 1
    assert "broken.yaml:2:1: fel IOP002" in err
    assert "Överenskommelser per 1 januari 2022 (0)" in out


def test_show_text_golden(in_repo: Path) -> None:
    code, out, err = run("show", "linkoping-resurspoolen-2020", "--as-of", "2022-05-15")
    assert (code, err) == (0, "")
    assert_golden("portfolio/show_resurspoolen_2022-05-15.txt", out)


def test_show_text_golden_in_english(in_repo: Path, english: None) -> None:
    code, out, err = run("show", "linkoping-resurspoolen-2020", "--as-of", "2022-05-15")
    assert (code, err) == (0, "")
    assert_golden("portfolio/show_resurspoolen_2022-05-15.en.txt", out)


def test_show_follow_up_history(in_repo: Path) -> None:
    code, out, _ = run(
        "show", "linkoping-pingstforsamlingen-iogt-nto-2018", "--as-of", "2020-09-01"
    )
    assert code == 0
    assert_golden("portfolio/show_pingst_2020-09-01.txt", out)


def test_show_json(in_repo: Path) -> None:
    code, out, _ = run("show", "linkoping-resurspoolen-2020", "-f", "json", "--as-of", "2022-05-15")
    doc = json.loads(out)
    assert code == 0
    assert [y["year"] for y in doc["years"]] == [2020, 2021, 2022]
    assert [c["amount"] for c in doc["years"][2]["contributions"]] == [
        "964988",
        "3852000",
        None,
        None,
    ]
    assert doc["deadlines"][1]["date"] == "2022-06-30"
    assert doc["problems"] == []


def test_show_unknown_id_suggests(in_repo: Path, english: None) -> None:
    code, out, err = run("show", "timra")
    assert (code, out) == (2, "")
    assert err == (
        "iopctl: error: no agreement with id 'timra'\n"
        "iopctl: hint: did you mean 'timra-aldres-ensamhet-2020'?\n"
    )


def test_show_file_with_errors_exits_1(tmp_path: Path) -> None:
    text = (
        "id: bad\ntitle: T\nstatus: ended\nparties:\n"
        "  - {id: a, name: A, sector: public, org_number: 212000-0448}\n"
        "  - {id: b, name: B, sector: idea_based}\n"
    )
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run("show", "bad", str(tmp_path), "--as-of", "2022-01-01")
    assert code == 1
    assert (
        "  5:50 fel IOP201 organisationsnumret 212000-0448 är inte ett giltigt nummer "
        "(kontrollsiffran stämmer inte): det har troligen skrivits fel"
    ) in out


@pytest.mark.parametrize(
    "command", [["list"], ["show", "linkoping-resurspoolen-2020"]], ids=["list", "show"]
)
def test_a_missing_index_file_is_reported(command: list[str]) -> None:
    code, out, err = run(*command, "--index-file", "no-such-file.yaml", "--as-of", "2022-05-15")
    assert code == 1
    assert out  # the portfolio is still shown
    assert "no-such-file.yaml: fel IOP501 indexfilen finns inte" in err
