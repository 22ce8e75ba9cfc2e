"""``iopctl due`` through the CLI: golden outputs at fixed --as-of dates, formats, exit codes.

Goldens live in tests/golden/due/; rewrite them with ``UPDATE_GOLDENS=1`` and review the diff.
Besides the goldens, the facts the issue asks for are asserted literally on the JSON output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from iopctl.cli import app
from tests.goldens import assert_golden

ROOT = Path(__file__).resolve().parent.parent
RP2020 = "agreements/linkoping-resurspoolen-2020.yaml"
RP2018 = "agreements/linkoping-resurspoolen-2018.yaml"
PINGST = "agreements/linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": "80"}


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths in the output ("agreements/…") and no stray indices/ folder.
    monkeypatch.chdir(ROOT)


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, ["due", *args], env=ENV)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    return result


def events(*args: str, code: int = 0) -> list[dict[str, Any]]:
    doc = json.loads(run(*args, "--format", "json", code=code).stdout)
    assert list(doc) == ["as_of", "events"]
    found: list[dict[str, Any]] = doc["events"]
    return found


def pick(found: list[dict[str, Any]], kind: str) -> list[tuple[Any, ...]]:
    return [(e["date"], e["act_by"], e["status"], e["amount"]) for e in found if e["kind"] == kind]


# --- goldens -----------------------------------------------------------------------------

GOLDENS = [
    ("resurspoolen-2020_2022-05-15.txt", [RP2020, "--as-of", "2022-05-15"]),
    ("resurspoolen-2020_2022-05-15.json", [RP2020, "--as-of", "2022-05-15", "-f", "json"]),
    ("pingst_2020-09-01.txt", [PINGST, "--as-of", "2020-09-01"]),
    ("resurspoolen-2018_2019-10-01.txt", [RP2018, "--as-of", "2019-10-01"]),
    ("resurspoolen-2018_2019-10-01.ics", [RP2018, "--as-of", "2019-10-01", "-f", "ics"]),
    (
        "payments_2020-12-20.txt",
        [RP2020, "--as-of", "2020-12-20", "--kind", "payment", "--kind", "index_needed"],
    ),
    (
        "payments_2021-12-15.csv",
        [RP2020, "--as-of", "2021-12-15", "--kind", "payment", "-f", "csv"],
    ),
    ("all_2022-05-15.txt", ["--as-of", "2022-05-15", "--within", "6m"]),
]


@pytest.mark.parametrize(("name", "args"), GOLDENS, ids=[name for name, _ in GOLDENS])
def test_golden(name: str, args: list[str]) -> None:
    """Swedish, the default (asked for by name: this module runs in English)."""
    assert_golden(f"due/{name}", run(*args, "--lang", "sv").stdout)


@pytest.mark.parametrize(("name", "args"), GOLDENS, ids=[name for name, _ in GOLDENS])
def test_golden_in_english(name: str, args: list[str], english: None) -> None:
    stem, _, suffix = name.rpartition(".")
    assert_golden(f"due/{stem}.en.{suffix}", run(*args).stdout)


# --- the facts of the issue, asserted literally ---------------------------------------------------


def test_resurspoolen_2020_last_day_to_give_notice(english: None) -> None:
    found = events(RP2020, "--as-of", "2022-05-15")
    assert pick(found, "notice_deadline") == [("2022-06-30", "2022-06-23", "due", None)]
    (notice,) = (e for e in found if e["kind"] == "notice_deadline")
    assert notice["title"] == (
        "last day for notice to arrive to end the agreement by 2022-12-31 "
        "(in force through 2022-12-30); notice received 2022-05-15: in force through 2022-11-15"
    )
    assert pick(found, "expiry") == [("2022-12-31", "2022-12-30", "upcoming", None)]


def test_delivery_days_moves_only_the_act_by_date() -> None:
    """--delivery-days 0: notice handed over against a receipt; 10: sent ten days before,
    2022-06-20 (a Monday)."""
    found = events(RP2020, "--as-of", "2022-05-15", "--delivery-days", "0")
    assert pick(found, "notice_deadline") == [("2022-06-30", "2022-06-30", "due", None)]
    found = events(RP2020, "--as-of", "2022-05-15", "--delivery-days", "10")
    assert pick(found, "notice_deadline") == [("2022-06-30", "2022-06-20", "due", None)]
    assert pick(found, "extension_decision") == [("2022-06-30", "2022-06-20", "due", None)]


def test_delivery_days_from_the_repositorys_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    """`delivery_days` in iopctl.toml replaces the default 7; --delivery-days replaces it."""
    folder = tmp_path / "repo"
    (folder / "agreements").mkdir(parents=True)
    (folder / ".git").mkdir()
    shutil.copy(ROOT / RP2020, folder / RP2020)
    (folder / "iopctl.toml").write_text("delivery_days = 0\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    found = events(RP2020, "--as-of", "2022-05-15")
    assert pick(found, "notice_deadline") == [("2022-06-30", "2022-06-30", "due", None)]
    found = events(RP2020, "--as-of", "2022-05-15", "--delivery-days", "3")
    assert pick(found, "notice_deadline") == [("2022-06-30", "2022-06-27", "due", None)]
    (folder / "iopctl.toml").write_text('delivery_days = "a week"\n', encoding="utf-8")
    result = run(RP2020, "--as-of", "2022-05-15", code=2)
    assert "iopctl.toml: delivery_days = 'a week' is not a number of days" in result.stderr


def test_pingst_next_follow_up_and_expiry() -> None:
    found = events(PINGST, "--as-of", "2020-09-01")
    assert [(e["kind"], e["date"], e["act_by"], e["status"]) for e in found] == [
        ("follow_up", "2020-12-31", "2020-12-30", "upcoming"),
        ("expiry", "2020-12-31", "2020-12-30", "upcoming"),
    ]


def test_resurspoolen_2018_extension_decision_act_by() -> None:
    found = events(RP2018, "--as-of", "2019-10-01")
    assert pick(found, "extension_decision") == [("2019-12-31", "2019-12-30", "due", None)]


def test_resurspoolen_payments() -> None:
    early = events(RP2020, "--as-of", "2020-12-20", "--kind", "payment")
    assert pick(early, "payment") == [
        ("2021-01-31", "2021-01-29", "due", "946995"),
        # OPI 2022 is not known on 2020-12-20: the amount is unknown (the title shows the
        # 2021 amount, marked as such), never a number that looks final.
        ("2022-01-31", "2022-01-31", "upcoming", None),
    ]
    later = events(RP2020, "--as-of", "2021-12-15", "--kind", "payment")
    assert pick(later, "payment") == [("2022-01-31", "2022-01-31", "due", "964988")]
    needed = events(RP2020, "--as-of", "2020-12-20", "--kind", "index_needed")
    assert pick(needed, "index_needed") == [("2022-01-31", "2022-01-31", "upcoming", None)]


def test_json_fields_and_order() -> None:
    found = events(RP2020, "--as-of", "2022-05-15")
    assert [list(e) for e in found] == [
        ["agreement", "file", "kind", "date", "act_by", "status", "title", "amount", "settled_on"]
    ] * len(found)
    assert [e["status"] for e in found] == ["overdue", "due", "due", "upcoming"]
    assert {e["file"] for e in found} == {RP2020}


def test_csv_matches_json(english: None) -> None:
    """The English header row is the JSON keys."""
    args = ("--as-of", "2020-12-20")
    text = run(RP2020, *args, "-f", "csv", "--no-excel").stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = [{k: ("" if v is None else v) for k, v in e.items()} for e in events(RP2020, *args)]
    assert rows == expected


# --- ics ------------------------------------------------------------------------------------


def test_ics_parses_back_with_stable_unique_uids(english: None) -> None:
    args = ("--as-of", "2022-05-15", "-f", "ics")
    first = run(*args).stdout
    assert first == run(*args).stdout
    calendar = Calendar.from_ical(first)
    every = calendar.walk("VEVENT")
    vevents = [v for v in every if str(v["STATUS"]) == "CONFIRMED"]
    closed = [v for v in every if str(v["STATUS"]) == "CANCELLED"]
    assert all(int(v["SEQUENCE"]) == 1 and not v.walk("VALARM") for v in closed)
    assert all(int(v["SEQUENCE"]) == 0 for v in vevents)
    # Not an "incomplete" line (Kalmar's and Timrå's: no dates), which is dated today.
    found = [e for e in events("--as-of", "2022-05-15") if e["kind"] != "incomplete"]
    assert len(vevents) == len(found) > 0
    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@iopctl") for uid in uids)
    for vevent, event in zip(vevents, found, strict=True):
        assert vevent.decoded("DTSTART") == dt.date.fromisoformat(event["act_by"])
        assert vevent.decoded("DTEND") == dt.date.fromisoformat(event["act_by"]) + dt.timedelta(1)
        assert vevent.decoded("DTSTAMP") == dt.datetime(2022, 5, 15, tzinfo=dt.UTC)
        assert f"Contractual date: {event['date']}" in str(vevent["DESCRIPTION"])
        (alarm,) = vevent.walk("VALARM")
        assert alarm.decoded("TRIGGER") == dt.timedelta(days=-14)
    # Another day: the same deadlines keep their UIDs, so calendars update, not duplicate.
    other = Calendar.from_ical(run("--as-of", "2022-05-16", "-f", "ics").stdout)
    still = {str(v["UID"]) for v in other.walk("VEVENT") if str(v["STATUS"]) == "CONFIRMED"}
    assert still == set(uids)


def test_a_file_without_dates_puts_nothing_in_the_calendar() -> None:
    """Kalmar has no dates: ``due`` says so on a line dated today, which a calendar would
    move every day (with an alarm 14 days before today, going off at once); the calendar
    leaves it out, the other formats keep it."""
    kalmar = "agreements/kalmar-stadsmission-2020.yaml"
    kinds = [e["kind"] for e in events(kalmar, "--as-of", "2026-12-05")]
    assert kinds == ["incomplete"]
    calendar = Calendar.from_ical(run(kalmar, "--as-of", "2026-12-05", "-f", "ics").stdout)
    assert calendar.walk("VEVENT") == []


def test_ics_uid_survives_a_moved_follow_up(tmp_path: Path) -> None:
    text = (ROOT / RP2020).read_text(encoding="utf-8")
    moved = tmp_path / "moved.yaml"
    moved.write_text(text.replace("  per_year: 1\n", "  per_year: 1\n  interval: 6 months\n"))

    def follow_up(path: str) -> tuple[str, str]:
        cal = Calendar.from_ical(
            run(path, "--as-of", "2020-02-01", "--kind", "follow_up", "-f", "ics").stdout
        )
        (vevent,) = cal.walk("VEVENT")
        return str(vevent["UID"]), vevent.decoded("DTSTART").isoformat()

    before, after = follow_up(RP2020), follow_up(str(moved))
    assert before[1] != after[1]  # 2020-12-30 → 2020-07-01
    assert before[0] == after[0]


# --- options and exit codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2022-13-01"], "--as-of '2022-13-01': no such date"),
        (["--as-of", "15/5/2022"], "not a date in the form YYYY-MM-DD"),
        (["--within", "5x"], "--within '5x' is not a length of time"),
        (["--within", "9999y"], "goes past the year 9999"),
        (["--as-of", "9999-12-30"], "--as-of '9999-12-30' is out of range"),
        (["--kind", "payments"], "unknown --kind 'payments'"),
        (["--agreement", "linkoping-resurspoolen-2021"], "unknown --agreement"),
        (["no-such-folder"], "path does not exist"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, english: None) -> None:
    result = run(*args, code=2)
    assert message in result.stderr
    assert result.stderr.startswith("iopctl: error: ")
    assert "iopctl: hint: " in result.stderr
    assert result.stdout == ""


def test_bad_format_and_fail_on_are_usage_errors() -> None:
    assert "Traceback" not in run("-f", "xml", code=2).output
    assert "Traceback" not in run("--fail-on", "soon", code=2).output


def test_unknown_agreement_suggests_a_close_id(english: None) -> None:
    result = run("--agreement", "linkoping-resurspoolen-202", code=2)
    assert "did you mean 'linkoping-resurspoolen-2020'?" in result.stderr


def test_fail_on() -> None:
    run(RP2020, "--as-of", "2022-05-15", "--fail-on", "overdue", code=1)  # follow-up overdue
    run(PINGST, "--as-of", "2020-09-01", "--fail-on", "overdue")
    run(PINGST, "--as-of", "2020-09-01", "--fail-on", "due")  # all upcoming
    run(PINGST, "--as-of", "2020-09-01", "--within", "6m", "--fail-on", "due", code=1)
    # Filters apply first: only the expiry is looked at.
    run(RP2020, "--as-of", "2022-05-15", "--kind", "expiry", "--fail-on", "overdue")


def test_agreement_filter() -> None:
    found = events("--as-of", "2022-05-15", "--agreement", "linkoping-resurspoolen-2020")
    assert {e["agreement"] for e in found} == {"linkoping-resurspoolen-2020"}
    assert len(found) == 4


def test_nothing_after_the_end(english: None) -> None:
    assert events(RP2020, "--as-of", "2023-01-01") == []
    assert run(RP2020, "--as-of", "2023-01-01").stdout == (
        "Deadlines as of 1 January 2023 (due = act by 1 April 2023, within 90 days)\n"
        "No deadlines.\n"
    )


def test_invalid_agreement_is_reported_and_its_deadlines_still_shown(tmp_path: Path) -> None:
    text = (ROOT / RP2020).read_text(encoding="utf-8")
    broken = tmp_path / "linkoping-resurspoolen-2020.yaml"
    broken.write_text(
        text.replace("declared_total_per_year: 4785000", "declared_total_per_year: 4 785 000 kr")
    )
    result = CliRunner().invoke(
        app, ["due", str(broken), "--as-of", "2022-05-15", "-f", "json"], env=ENV
    )
    assert result.exit_code == 1
    assert "IOP106" in result.stderr
    assert "Traceback" not in result.output
    kinds = [e["kind"] for e in json.loads(result.stdout)["events"]]
    assert kinds == ["follow_up", "notice_deadline", "extension_decision", "expiry"]


def test_unreadable_file_is_reported(tmp_path: Path, english: None) -> None:
    (tmp_path / "bad.yaml").write_text("id: [unclosed\n")
    result = CliRunner().invoke(app, ["due", str(tmp_path), "--as-of", "2022-05-15"], env=ENV)
    assert result.exit_code == 1
    assert "IOP002" in result.stderr
    assert "No deadlines." in result.stdout


def test_today_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import iopctl.clock

    monkeypatch.setattr(iopctl.clock, "today_stockholm", lambda: dt.date(2022, 5, 15))
    assert run(RP2020).stdout == run(RP2020, "--as-of", "2022-05-15").stdout


def test_colour_on_a_terminal_marks_overdue_red(english: None) -> None:
    env = {"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "120"}
    result = CliRunner().invoke(app, ["due", RP2020, "--as-of", "2022-05-15"], env=env)
    assert result.exit_code == 0
    assert "\x1b[1;31moverdue" in result.stdout
    assert "termination.notice_period" in result.stdout  # the clause, under the event
