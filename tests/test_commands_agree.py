"""Every command tells the same truth about an agreement (issue "One truth per agreement").

For generated agreements — mid-year starts, indexation starting before, at and after the
start, with and without ``base_year``, notice given, extensions taken, payments yearly,
half-yearly, quarterly, monthly and once — the money of each year is the same number in
``due`` (the sum of the year's payments), ``economy``, ``list``, ``show`` and the
extension memo, and every command names the same last day in force. The commands run
through the CLI and are read from their JSON (the memo from its Markdown table).

The two agreements of the issue have goldens in every command, in
``tests/golden/agree/``, and the same figures are checked across the commands.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from tests.goldens import assert_golden

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "agree"
TESTPI = FIXTURES / "testpi.yaml"
OPI_TEST = FIXTURES / "opi-2024-2025-test-fixture.yaml"
BEFORE_START = FIXTURES / "indexation-before-start.yaml"
NOTICE_GIVEN = FIXTURES / "notice-given.yaml"
PUBLIC = "namnden"

Money = dict[int, Decimal | None]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code in (0, 1), result.output
    return result


def _sum(values: list[Decimal | None]) -> Decimal | None:
    return None if any(v is None for v in values) else sum(values, Decimal(0))  # type: ignore[arg-type]


def _dec(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


# --- what each command says -----------------------------------------------------------


def due_money(path: Path, as_of: dt.date, index: Path) -> tuple[Money, dt.date | None]:
    """The sum of each year's payments, and the last expiry date (``as_of`` before start)."""
    out = run(
        "due",
        str(path),
        "--as-of",
        as_of.isoformat(),
        "--within",
        "100y",
        "--index-file",
        str(index),
        "-f",
        "json",
    )
    events = json.loads(out.stdout)["events"]
    years: dict[int, list[Decimal | None]] = {}
    for e in events:
        if e["kind"] == "payment":
            years.setdefault(int(e["date"][:4]), []).append(_dec(e["amount"]))
    expiries = [dt.date.fromisoformat(e["date"]) for e in events if e["kind"] == "expiry"]
    return {y: _sum(v) for y, v in years.items()}, max(expiries, default=None)


def economy_money(path: Path, as_of: dt.date, index: Path) -> tuple[Money, dt.date | None]:
    out = run(
        "economy", str(path), "--as-of", as_of.isoformat(), "--index-file", str(index), "-f", "json"
    )
    (a,) = json.loads(out.stdout)["agreements"]
    money = {
        y["year"]: _sum(
            [
                _dec(c["amount"])
                for c in y["contributions"]
                if c["party"] == PUBLIC and c["kind"] == "money" and not c["conditional"]
            ]
        )
        for y in a["years"]
    }
    end = a["period"]["end"]
    return money, dt.date.fromisoformat(end) if end else None


def list_money(path: Path, as_of: dt.date, index: Path) -> tuple[Decimal | None, dt.date | None]:
    out = run(
        "list", str(path), "--as-of", as_of.isoformat(), "--index-file", str(index), "-f", "json"
    )
    (row,) = json.loads(out.stdout)["agreements"]
    end = row["end"]
    return _dec(row["money_this_year"]), dt.date.fromisoformat(end) if end else None


def show_money(path: Path, as_of: dt.date, index: Path) -> tuple[Money, dt.date | None]:
    agreement_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
    out = run(
        "show",
        agreement_id,
        str(path),
        "--as-of",
        as_of.isoformat(),
        "--index-file",
        str(index),
        "-f",
        "json",
    )
    doc = json.loads(out.stdout)
    money = {
        y["year"]: _sum(
            [
                _dec(c["amount"])
                for c in y["contributions"]
                if c["party"] == PUBLIC and c["kind"] == "money" and not c["conditional"]
            ]
        )
        for y in doc["years"]
    }
    return money, dt.date.fromisoformat(doc["end"]) if doc["end"] else None


_ROW = re.compile(
    r"^\| (\d{4}) \| (?:Nuvarande period|Förlängning) \| "  # year, period
    r"(?:[^|]*\| )?(\d[\d\s]*?)\s*kr \| ([^|]*) \|$"  # index (if indexed), amount, remark
)


def memo_money(path: Path, as_of: dt.date, index: Path, new_end: dt.date) -> Money | str:
    """The memo's table: a published row's amount, ``None`` for a year without its figure."""
    out = run(
        "render",
        str(path),
        "-t",
        "extension",
        "--given-on",
        as_of.isoformat(),
        "--new-end",
        new_end.isoformat(),
        "--index-file",
        str(index),
        env={"LC_ALL": "en_GB.UTF-8"},  # the refusal is asserted in English
    )
    if out.exit_code:
        return str(out.stderr)
    money: Money = {}
    for line in out.stdout.splitlines():
        match = _ROW.match(line)
        if match:
            published = "ej publicerat" not in match[3]
            amount = Decimal(re.sub(r"\s", "", match[2]))
            money[int(match[1])] = amount if published else None
    return money


# --- the property ---------------------------------------------------------------------


SCHEDULES = {
    "yearly": 1,
    "half_yearly": 2,
    "quarterly": 4,
    "monthly": 0,
    "once": 1,
}


@st.composite
def agreements(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2030, 12, 31)))
    if draw(st.booleans()):
        start = start.replace(day=1)
    length = draw(st.integers(min_value=400, max_value=4 * 366))  # > the notice (IOP208)
    end = start + dt.timedelta(days=length)
    schedule = draw(st.sampled_from(sorted(SCHEDULES)))
    payment: dict[str, Any] = {"schedule": schedule}
    if SCHEDULES[schedule]:
        months = draw(
            st.lists(
                st.integers(1, 12),
                min_size=SCHEDULES[schedule],
                max_size=SCHEDULES[schedule],
                unique=True,
            )
        )
        payment["months"] = sorted(months)
    if draw(st.booleans()):
        payment["day"] = draw(st.integers(1, 31))
    money: dict[str, Any] = {
        "kind": "money",
        "party": PUBLIC,
        "amount_per_year": draw(st.integers(1_000, 5_000_000)),
        "payment": payment,
    }
    if draw(st.booleans()):
        from_year = start.year + draw(st.integers(-2, 2))
        money["indexation"] = {"index": "TESTPI", "from_date": dt.date(from_year, 1, 1)}
        if draw(st.booleans()):
            money["base_year"] = from_year - draw(st.integers(1, 3))
    period: dict[str, Any] = {"start": start, "end": end}
    taken = draw(st.integers(0, 2))
    if taken:
        period["extension"] = {"length": "1 years", "times": 2}
        ends = sorted(
            draw(st.lists(st.integers(30, 800), min_size=taken, max_size=taken, unique=True))
        )
        period["extensions_taken"] = [{"new_end": end + dt.timedelta(days=days)} for days in ends]
    data: dict[str, Any] = {
        "id": "generated",
        "title": "Genererad överenskommelse",
        "status": "active",
        "parties": [
            {
                "id": PUBLIC,
                "name": "Nämnden",
                "organisation": "Kommunen",
                "org_number": "212000-0449",
                "sector": "public",
            },
            {
                "id": "forening",
                "name": "Föreningen",
                "org_number": "822003-0913",
                "sector": "idea_based",
            },
        ],
        "economy": {"contributions": [money]},
        "period": period,
        "termination": {"notice_period": f"{draw(st.integers(1, 12))} months"},
        "follow_up": {"per_year": 1},
    }
    if draw(st.booleans()):
        last = max([end, *(e["new_end"] for e in period.get("extensions_taken", []))])
        given_on = start + dt.timedelta(days=draw(st.integers(0, (last - start).days)))
        data["status"] = "terminated"
        data["termination"]["record"] = {"given_by": "forening", "given_on": given_on}
    return data


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=agreements())
def test_every_command_gives_the_same_money_and_last_day(data: dict[str, Any]) -> None:
    """Asked on the same day, every command knows the same history, so names the same last
    day in force and the same money (a notice given later is not known before it is)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        start: dt.date = data["period"]["start"]
        before = start - dt.timedelta(days=1)
        due, due_last = due_money(path, before, TESTPI)
        economy, economy_last = economy_money(path, before, TESTPI)
        show, show_last = show_money(path, before, TESTPI)
        assert economy_last is not None
        # Every command names the same last day in force.
        assert due_last == economy_last == show_last
        # Every year's money: due's payments, economy and show.
        assert set(economy) == set(range(start.year, economy_last.year + 1))
        for year, amount in economy.items():
            assert due.get(year, Decimal(0)) == amount, year
        assert set(due) <= set(economy)
        assert show == economy
        # list: the money of the year it is run in, as economy has it that day.
        for year in economy:
            on = max(start, dt.date(year, 1, 1))
            listed, list_last = list_money(path, on, TESTPI)
            that_day, last_that_day = economy_money(path, on, TESTPI)
            assert (listed, list_last) == (that_day.get(year), last_that_day)
        # Once everything is known, the commands agree on the end, and the extension
        # memo refuses an agreement that was given notice.
        after = max(economy_last, start) + dt.timedelta(days=800)
        economy_after, last_after = economy_money(path, after, TESTPI)
        _, show_after = show_money(path, after, TESTPI)
        assert show_after == last_after
        memo = memo_money(path, after, TESTPI, (last_after or after) + dt.timedelta(days=365))
        if "record" in data["termination"]:
            # Refused: notice was given, or (asked after the end) the agreement has ended
            # on the very day the other commands say.
            assert isinstance(memo, str)
            assert "not extended" in memo or f"ended on {last_after}" in memo, memo
        else:
            assert last_after == economy_last and economy_after == economy
            memo = memo_money(path, before, TESTPI, economy_last + dt.timedelta(days=365))
            assert isinstance(memo, dict)
            # A year the extension also covers counts more of itself in the memo.
            whole = [y for y in economy if dt.date(y, 12, 31) <= economy_last]
            assert {y: memo.get(y) for y in whole} == {y: economy[y] for y in whole}


# --- the two agreements of the issue ------------------------------------------------------


_BS = "tests/fixtures/agree/indexation-before-start.yaml"
_NG = "tests/fixtures/agree/notice-given.yaml"
_OPI = "--index-file tests/fixtures/agree/opi-2024-2025-test-fixture.yaml"
CASES: list[tuple[str, str]] = [
    ("before-start.validate.txt", f"validate {_BS}"),
    ("before-start.due.txt", f"due {_BS} --as-of 2022-12-15 {_OPI}"),
    ("before-start.economy.txt", f"economy {_BS} --as-of 2026-01-15 {_OPI}"),
    ("before-start.list.txt", f"list {_BS} --as-of 2024-05-01 {_OPI}"),
    ("before-start.show.txt", f"show indexation-before-start {_BS} --as-of 2024-05-01 {_OPI}"),
    ("before-start.extension.md", f"render {_BS} -t extension --given-on 2025-03-01 {_OPI}"),
    ("notice-given.validate.txt", f"validate {_NG}"),
    ("notice-given.due.txt", f"due {_NG} --as-of 2023-05-01 {_OPI}"),
    ("notice-given.economy.txt", f"economy {_NG} --as-of 2026-01-15 --assume 2 {_OPI}"),
    ("notice-given.list.txt", f"list {_NG} --as-of 2023-05-01 {_OPI}"),
    ("notice-given.show.txt", f"show notice-given {_NG} --as-of 2023-05-01 {_OPI}"),
    ("notice-given.notice.md", f"render {_NG} -t notice"),
]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(("golden", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden(in_repo: None, golden: str, args: str) -> None:
    result = CliRunner().invoke(app, args.split())
    assert result.exit_code == 0, result.output
    assert_golden(f"agree/{golden}", result.stdout + result.stderr)


def test_indexation_before_start_agrees_across_commands() -> None:
    """2023 is 100 000 kr everywhere (not 105 467 kr in one command and 100 000 in another)."""
    before = dt.date(2022, 12, 31)
    expected: Money = {2023: Decimal(100000), 2024: Decimal(102000), 2025: Decimal(105060)}
    assert due_money(BEFORE_START, before, OPI_TEST) == (expected, dt.date(2025, 12, 31))
    assert economy_money(BEFORE_START, before, OPI_TEST) == (expected, dt.date(2025, 12, 31))
    assert show_money(BEFORE_START, before, OPI_TEST) == (expected, dt.date(2025, 12, 31))
    for year, amount in expected.items():
        assert list_money(BEFORE_START, dt.date(year, 6, 1), OPI_TEST) == (
            amount,
            dt.date(2025, 12, 31),
        )
    memo = memo_money(BEFORE_START, before, OPI_TEST, dt.date(2027, 12, 31))
    assert isinstance(memo, dict)
    assert {y: memo[y] for y in expected} == expected


def test_notice_given_ends_the_agreement_in_every_command() -> None:
    """Notice 2023-03-01 + 6 months: last day 2023-09-01; nothing counted after it."""
    last = dt.date(2023, 9, 1)
    # On 2021-12-31 nobody knows OPI 2023, nor that notice will be given: every command
    # says the agreement runs to 2025-12-31 and the amounts from 2023 are unknown.
    before = dt.date(2021, 12, 31)
    unknown: Money = {2022: Decimal(200000), 2023: None, 2024: None, 2025: None}
    end = dt.date(2025, 12, 31)
    assert due_money(NOTICE_GIVEN, before, OPI_TEST) == (unknown, end)
    assert economy_money(NOTICE_GIVEN, before, OPI_TEST) == (unknown, end)
    assert show_money(NOTICE_GIVEN, before, OPI_TEST) == (unknown, end)
    # On 2023-05-01 the definitive OPI 2023 (4,6 %) is known: 209 200 kr a year, of which
    # 2023 counts 244 of 365 days (to 2023-09-01): 139 849 kr; the July payment is half
    # of it, and nothing after 2023-09-01 is counted, even with --assume.
    on = dt.date(2023, 5, 1)
    known: Money = {2022: Decimal(200000), 2023: Decimal(139849)}
    assert economy_money(NOTICE_GIVEN, on, OPI_TEST) == (known, last)
    assert show_money(NOTICE_GIVEN, on, OPI_TEST) == (known, last)
    assert list_money(NOTICE_GIVEN, on, OPI_TEST) == (known[2023], last)
    assert due_money(NOTICE_GIVEN, on, OPI_TEST) == ({2023: Decimal("69924.50")}, last)
    out = run("economy", str(NOTICE_GIVEN), "--assume", "2", "-f", "json")
    years = [y["year"] for y in json.loads(out.stdout)["agreements"][0]["years"]]
    assert years == [2022, 2023]
    memo = memo_money(NOTICE_GIVEN, on, OPI_TEST, dt.date(2026, 12, 31))
    assert isinstance(memo, str) and "not extended" in memo


@pytest.mark.parametrize("year", [2018, 2019, 2020, 2021])
def test_list_economy_and_show_agree_on_money_not_known(in_repo: None, year: int) -> None:
    """An agreement that states no economy has unknown money in each year in force, and
    every command says so: ``list`` (no amount, not complete), ``economy`` (an unknown
    total that year, for the agreement's body) and ``show`` (nothing computed, and why)."""
    as_of = f"{year}-06-01"
    listed = json.loads(run("list", "--as-of", as_of, "-f", "json").stdout)["agreements"]
    economy = json.loads(run("economy", "--as-of", as_of, "--year", str(year), "-f", "json").stdout)
    (total,) = [t for t in economy["totals"] if t["year"] == year] or [None]
    unknown = []
    for row in listed:
        if row["money_complete"] is False and row["money_this_year"] is None:
            unknown.append(row["id"])
            shown = run("show", row["id"], "--as-of", as_of).stdout
            assert "ingen ekonomi angiven; beloppen är okända" in shown
    in_force = {
        2018: ["linkoping-pingstforsamlingen-iogt-nto-2018", "linkoping-resurspoolen-2018"],
        2019: ["linkoping-pingstforsamlingen-iogt-nto-2018", "linkoping-resurspoolen-2018"],
        2020: ["linkoping-pingstforsamlingen-iogt-nto-2018"],
        2021: [],
    }
    assert unknown == in_force[year]
    assert total is not None and total["complete"] is False  # in-kind values not stated either
    if year < 2020:
        assert total["amount"] is None  # nothing of those years is known


def _unknown_years(path: Path, as_of: dt.date) -> tuple[list[int], list[int]]:
    """``economy``'s years whose money is not known, and its totals' years without amount."""
    out = run("economy", str(path), "--as-of", as_of.isoformat(), "-f", "json")
    doc = json.loads(out.stdout)
    (a,) = doc["agreements"]
    assert a["years"] == []
    blank = [t["year"] for t in doc["totals"] if t["amount"] is None and not t["complete"]]
    return a["unknown_years"], blank


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=agreements())
def test_an_agreement_without_an_economy_is_unknown_money_in_every_command(
    data: dict[str, Any],
) -> None:
    """Without ``economy``, every year in force is unknown money, never 0 and never none,
    and ``economy`` and ``list`` say so for the same years on any day."""
    del data["economy"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        start: dt.date = data["period"]["start"]
        years, blank = _unknown_years(path, start)
        assert years == blank == list(range(start.year, years[-1] + 1))
        for year in range(start.year - 1, years[-1] + 2):
            on = max(start, dt.date(year, 1, 1))
            known, _ = _unknown_years(path, on)
            out = run("list", str(path), "--as-of", on.isoformat(), "-f", "json")
            (row,) = json.loads(out.stdout)["agreements"]
            in_force = on.year in known
            assert row["money_this_year"] is None
            assert row["money_complete"] is (False if in_force else None), (on, known)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=agreements(), offset=st.integers(-60, 1500))
def test_show_names_dues_deadlines_with_the_agreements_dates(
    data: dict[str, Any], offset: int
) -> None:
    """``show`` lists the deadlines ``due`` lists that day, each with the date the
    agreement gives and, when earlier, the day to act by. The act-by day alone
    contradicted the period: "överenskommelsen upphör 2022-12-30" of an agreement in
    force through 2022-12-31."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        day = (data["period"]["start"] + dt.timedelta(days=offset)).isoformat()
        index = ("--index-file", str(TESTPI), "--lang", "sv")
        out = run("due", str(path), "--as-of", day, *index, "-f", "json").stdout
        events = json.loads(out)["events"]
        text = run("show", data["id"], str(path), "--as-of", day, *index).stdout
        listed = text.split("\n\nTidsfrister per ", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
        if not events:
            assert listed == ["  inga"]
            return
        assert len(listed) == len(events)
        for line, event in zip(listed, events, strict=True):
            when = line[: line.index("  " + event["title"])].split(maxsplit=1)[1].rstrip()
            assert when.startswith(event["date"]), (line, event)
            if event["act_by"] == event["date"]:
                assert "senast" not in when, (line, event)
            else:
                assert when.endswith(f", senast {event['act_by']}"), (line, event)
