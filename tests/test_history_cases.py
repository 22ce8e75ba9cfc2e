"""What happened, through every command (issue "What happened"): a report received, an
extension declined before its decision deadline, a payment of a different amount, a party
joining by amendment, an early end with neither day nor party known, an amendment known
only by its month, a period known only in years.

Each fixture in ``tests/fixtures/history/`` says on its first line what the agreement
records. Goldens for ``validate``, ``due`` (with what the history settled), ``due
--history``, ``list``, ``show``, ``economy`` and the calendar; and every file is
well kept, so ``due --fail-on overdue`` (the nightly job ``iopctl init`` sets up) is green.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.facts import Facts
from iopctl.facts.compliance import obligations
from iopctl.model.load import load_agreement
from tests.goldens import assert_golden

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "fixtures" / "history"
CASES = sorted(p.stem for p in FOLDER.glob("*.yaml"))
AS_OF = "2025-12-01"


def path_of(case: str) -> str:
    return f"tests/fixtures/history/{case}.yaml"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return str(result.stdout)


def facts(case: str, as_of: dt.date) -> Facts:
    loaded = load_agreement(str(FOLDER / f"{case}.yaml"))
    assert loaded.agreement is not None
    return Facts(loaded.agreement, file=loaded.file, as_of=as_of)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_the_cases_are_the_issues() -> None:
    assert CASES == [
        "amendment-by-month",
        "ended-early-unknown",
        "extension-declined",
        "party-joined",
        "payment-differs",
        "report-received",
        "years-only",
    ]


@pytest.mark.parametrize("case", CASES)
def test_goldens(case: str) -> None:
    """Swedish, the default (by name: the module runs in English)."""
    path = path_of(case)
    at = ("--as-of", AS_OF, "--lang", "sv")
    assert_golden(f"history/{case}.validate.txt", run("validate", path, *at))
    due = run("due", path, *at, "--within", "1y", "--settled", "--fail-on", "overdue")
    assert_golden(f"history/{case}.due.txt", due)
    assert_golden(f"history/{case}.history.txt", run("due", path, *at, "--history"))
    assert_golden(f"history/{case}.list.txt", run("list", path, *at))
    assert_golden(f"history/{case}.show.txt", run("show", case, path, *at))
    assert_golden(f"history/{case}.economy.txt", run("economy", path, *at))
    assert_golden(f"history/{case}.ics", run("due", path, *at, "--format", "ics"))


def test_a_report_received_is_settled_and_its_lateness_recorded() -> None:
    record = obligations(facts("report-received", dt.date(2025, 12, 1)))
    reports = [(o.year, o.met, o.days_late) for o in record if o.kind == "report"]
    assert reports == [(2024, "on_time", 0), (2025, "late", 7)]


def test_a_declined_extension_settles_the_decision_before_its_deadline() -> None:
    on = facts("extension-declined", dt.date(2025, 6, 1))
    (decision,) = [e for e in on.events if e.kind == "extension_decision"]
    assert decision.settled is not None
    assert (decision.settled.on, decision.settled.how) == (dt.date(2025, 5, 15), "declined")
    before = facts("extension-declined", dt.date(2025, 5, 14))
    (open_decision,) = [e for e in before.events if e.kind == "extension_decision"]
    assert open_decision.settled is None and open_decision.actionable


def test_a_payment_of_a_different_amount_names_both() -> None:
    out = run("validate", path_of("payment-differs"), "--as-of", AS_OF, "--lang", "en")
    assert "paid 290,000 kr on 2025-01-28, but 300,000 kr was due on 2025-01-31" in out
    out = run("validate", path_of("payment-differs"), "--as-of", AS_OF)
    assert "290 000 kr betalades 2025-01-28, men 300 000 kr skulle betalas 2025-01-31" in out
    record = obligations(facts("payment-differs", dt.date(2025, 12, 1)))
    (paid,) = [o for o in record if o.year == 2025 and o.kind == "payment"]
    assert (paid.amount_due, paid.amount_paid, paid.met) == (300000, 290000, "on_time")


def test_a_party_that_joined_contributes_from_the_day_it_joined() -> None:
    f = facts("party-joined", dt.date(2025, 12, 1))
    hours = f.contributions[1]
    assert [(r.year, r.amount) for r in hours.years] == [(2025, 125000), (2026, 250000)]
    assert f.status.status == "in_force"
    # Before it joined, its signature was not needed: nobody is missing.
    assert facts("party-joined", dt.date(2025, 3, 1)).status.unsigned == ()


def test_an_early_end_with_nothing_known_leaves_the_years_unknown() -> None:
    later = facts("ended-early-unknown", dt.date(2025, 12, 1))
    assert later.status.status == "ended_early"
    assert later.term.last_day is None
    assert later.term.last_window == (dt.date(2019, 1, 1), dt.date(2021, 12, 31))
    during = facts("ended-early-unknown", dt.date(2020, 6, 1))
    assert during.status.status == "unknown"  # in force, or already ended: not on record
    rows = later.contributions[0].years
    assert [(r.year, r.amount, r.unknown) for r in rows] == [
        (2019, None, "part_unknown"),
        (2020, None, "part_unknown"),
        (2021, None, "part_unknown"),
    ]


def test_the_agreement_text_says_it_ended_early_and_no_more_than_is_known() -> None:
    """The text of an agreement that ended early says so, as it says an extension or a
    notice: with the last day and the decision when on record, "inferred" when inferred,
    and nothing more when nothing is known (no day is made up)."""
    unknown = run("render", path_of("ended-early-unknown"))
    assert "\nÖverenskommelsen upphörde i förtid.\n" in unknown
    pool = run("render", "agreements/linkoping-resurspoolen-2018.yaml")
    assert (
        "Överenskommelsen upphörde i förtid och gällde till och med den 31 december 2019, "
        "beslut den 11 december 2019. Uppgiften är härledd och inte läst i en källa: "
        "Slogs samman med"
    ) in pool
    english = run("render", "agreements/linkoping-resurspoolen-2018.yaml", "--lang", "en")
    assert (
        "The agreement ended early and was in force up to and including 31 December 2019, "
        "decided on 11 December 2019. This is inferred, not read in a source: "
    ) in english
    assert "förtid" not in run("render", "agreements/linkoping-resurspoolen-2020.yaml")


def test_an_amendment_known_by_its_month_makes_that_year_unknown_only() -> None:
    rows = facts("amendment-by-month", dt.date(2025, 12, 1)).contributions[0].years
    assert [(r.year, r.amount, r.unknown) for r in rows] == [
        (2024, 300000, None),
        (2025, None, "part_unknown"),
        (2026, 360000, None),
    ]


def test_a_period_known_in_years_counts_each_year_in_full() -> None:
    f = facts("years-only", dt.date(2025, 12, 1))
    assert (f.term.start, f.term.last_day) == (None, None)
    assert f.term.first_window == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert [(r.year, r.amount) for r in f.contributions[0].years] == [
        (2015, 500000),
        (2016, 500000),
    ]
    assert f.status.status == "ended"


@pytest.mark.parametrize("case", CASES)
def test_the_calendar_marks_what_is_settled(case: str, english: None) -> None:
    calendar = Calendar.from_ical(run("due", path_of(case), "--as-of", AS_OF, "-f", "ics"))
    for vevent in calendar.walk("VEVENT"):
        closed = str(vevent["STATUS"]) == "CANCELLED"
        assert int(vevent["SEQUENCE"]) == (1 if closed else 0)
        assert bool(vevent.walk("VALARM")) is not closed
        summary = str(vevent["SUMMARY"])
        assert closed == summary.startswith(("Done: ", "Withdrawn: "))


def test_the_transcripts_in_history_md_are_real_output(english: None) -> None:
    """docs/history.md shows iopctl's output (in English, the language of the page): each
    ``$ iopctl …`` block is run."""
    import re
    import shlex

    text = (ROOT / "docs" / "history.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ (iopctl [^\n]+)\n(.*?)```", text, flags=re.S)
    assert blocks
    for command, expected in blocks:
        assert run(*shlex.split(command)[1:]) == expected, command


ACKNOWLEDGED = """\
id: ack
title: Prov
parties:
  - id: kommunen
    name: Kommunen
    sector: public
  - id: foreningen
    name: Föreningen
    sector: idea_based
period:
  start: 2020-01-01
  end: 2022-12-31
  extension:
    unlimited: true
acknowledged:
  - code: IOP211
    field: period.extension.unlimited
    reason: Originalet anger ingen tidsgräns; frågan tas upp vid nästa revidering.
"""


def test_a_warning_true_of_the_agreement_is_acknowledged_with_its_reason(
    tmp_path: Path, english: None
) -> None:
    """--strict passes; the warning and its reason still show, in validate and show."""
    import json

    path = tmp_path / "ack.yaml"
    path.write_text(ACKNOWLEDGED, encoding="utf-8")
    out = run("validate", str(path), "--strict", "--as-of", AS_OF, "--lang", "en")
    assert "warning IOP211" in out
    assert "acknowledged: Originalet anger ingen tidsgräns" in out
    data = json.loads(run("validate", str(path), "--strict", "--format", "json"))
    (problem,) = data["diagnostics"]
    assert (problem["severity"], problem["acknowledged"]) == (
        "warning",
        "Originalet anger ingen tidsgräns; frågan tas upp vid nästa revidering.",
    )
    shown = run("show", "ack", str(path), "--as-of", AS_OF)
    assert "Acknowledged warnings\n  IOP211 at period.extension.unlimited: Originalet" in shown
    # Without the acknowledgement, --strict fails on the same file.
    path.write_text(ACKNOWLEDGED.split("acknowledged:")[0], encoding="utf-8")
    run("validate", str(path), "--strict", code=1)
