"""Tests for iopctl.views.economy: known answers from the published figures, then properties.

Known answers, worked out by hand from the Linköping–Resurspoolen IOP (933 000 kr/år,
base year 2020, "Uppräkning sker årligen enligt OPI från och med 2021-01-01") and the
OPI values in iopctl/data/indices.yaml:

    2021:   933 000 × 1.015 =   946 995.000    →   946 995
    2022:   946 995 × 1.019 =   964 987.905    →   964 988
    2023:   964 988 × 1.046 = 1 009 377.448    → 1 009 377  (definitive 4,6 %)
            964 988 × 1.035 =   998 762.580    →   998 763  (paid on preliminary 3,5 %)
            revision 1 009 377 − 998 763 = 10 614
    2024: 1 009 377 × 1.020 = 1 029 564.54     → 1 029 565  (OPI 2024 = 2.0: FICTIONAL,
                                                              tests/fixtures/economy/)
    2025: 1 029 565 × 1.020 = 1 050 156.30     → 1 050 156  (--assume 2.0: estimate)

Totals per year, money plus 3 852 000 kr of volunteer hours (18 000 h, 214 kr/h):
2020 4 785 000; 2021 4 798 995; 2022 4 816 988. Recorded 16 500 h in 2021 (fictional
follow-up) = 16 500 × 214 = 3 531 000 kr, 321 000 kr below the promise.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iopctl.checks.validate import keep_whole, validate_each
from iopctl.cli.parsing import parse_number
from iopctl.errors import IopctlError, UsageError
from iopctl.facts.sums import Sum
from iopctl.model.load import load_agreement_bytes
from iopctl.money.arithmetic import Rounding
from iopctl.money.reference import load_reference
from iopctl.present.economy_data import CSV_COLUMNS, format_csv, format_json
from iopctl.present.economy_words import amount_note, describe_rounding
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.views import spill
from iopctl.views.economy import EconomyReport, economy_report
from iopctl.views.economy.portfolio import AgreementLine, Gathered
from iopctl.views.economy.results import EconomyNote
from iopctl.views.valuation import quick_value

AS_OF = dt.date(2026, 12, 1)
"""Economy reports are as known on a day; every bundled figure was published before it."""

D = Decimal
REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "agreements" / "linkoping-resurspoolen-2020.yaml"
FIXTURES = REPO / "tests" / "fixtures" / "economy"
EXTENDED = FIXTURES / "linkoping-resurspoolen-2020.yaml"
OPI_2024 = FIXTURES / "opi-2024-test-fixture.yaml"


def report_for(
    *paths: Path | str,
    index_files: tuple[Path | str, ...] = (),
    assume: Decimal | None = None,
    year: int | None = None,
    search_dir: Path | str | None = None,
) -> tuple[EconomyReport, list[str]]:
    """The economy of ``paths`` and the codes of every error diagnostic."""
    result, loaded = validate_each(
        [str(p) for p in paths],
        keep_whole,
        index_files=[str(f) for f in index_files],
        search_dir=str(search_dir or FIXTURES),
    )
    report = economy_report(
        loaded, reference=result.reference, as_of=AS_OF, assume=assume, year=year
    )
    return report, [d.code for d in result.diagnostics if d.is_error]


def money(report: EconomyReport, agreement: int = 0) -> dict[int, Decimal | None]:
    return {
        y.year: c.amount
        for y in report.agreements[agreement].years
        for c in y.contributions
        if c.kind == "money"
    }


def write(tmp_path: Path, text: str, name: str = "agreement.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(tmp_path: Path, *replacements: tuple[str, str], name: str | None = None) -> Path:
    """The extended test agreement with text replaced (each replacement must apply)."""
    text = EXTENDED.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return write(tmp_path, text, name or "linkoping-resurspoolen-2020.yaml")


# --- known answers ------------------------------------------------------------------


def test_resurspoolen_2020_to_2022_from_the_bundled_opi(english: None) -> None:
    report, errors = report_for(SEED)
    assert errors == []
    assert money(report) == {2020: D(933000), 2021: D(946995), 2022: D(964988)}
    a = report.agreements[0]
    rows = [c for y in a.years for c in y.contributions if c.kind == "money"]
    assert [(c.base, c.index, c.index_percent, c.index_status) for c in rows] == [
        (D(933000), None, None, None),
        (D(933000), "OPI", D("1.5"), "definitive"),
        (D(946995), "OPI", D("1.9"), "definitive"),
    ]
    assert [str(c.amount) for c in rows] == ["933000", "946995", "964988"]
    assert [y.total.amount for y in a.years] == [D(4785000), D(4798995), D(4816988)]
    assert [y.total.unknown for y in a.years] == [2, 2, 2]  # premises and the other in-kind
    assert not any(y.complete for y in a.years)  # the premises have no stated value
    assert a.revisions == ()
    assert a.body == "Äldrenämnden"
    assert describe_rounding(a.rounding) == (
        "whole kronor, half up; each year from the previous year's rounded amount"
    )


def test_party_totals_and_shares() -> None:
    report, _ = report_for(SEED)
    totals = report.agreements[0].party_totals()
    assert [(p.party, p.total.amount, p.share, p.total.unknown) for p in totals] == [
        # 933 000 + 946 995 + 964 988; 2 844 983 / 14 400 983 = 19.755… %
        ("aldrenamnden", D(2844983), D("19.8"), 6),
        ("resurspoolen", D(11556000), D("80.2"), 0),
    ]


def test_extension_and_index_file_give_2023_and_2024() -> None:
    report, errors = report_for(EXTENDED, index_files=(OPI_2024,), assume=D("2.0"))
    assert errors == []
    amounts = money(report)
    assert amounts[2023] == D(1009377)
    assert amounts[2024] == D(1029565)
    assert amounts[2025] == D(1050156)
    rows = {
        y.year: c for y in report.agreements[0].years for c in y.contributions if c.kind == "money"
    }
    assert (rows[2023].index_status, rows[2023].estimate) == ("definitive", False)
    assert (rows[2024].index_status, rows[2024].estimate) == ("preliminary", False)
    assert rows[2024].index_value is not None
    assert rows[2024].index_value.source.startswith("test fixture")
    assert (rows[2025].index_status, rows[2025].estimate) == ("assumed", True)


def test_revision_2023_paid_on_the_forecast_vs_the_definitive_figure() -> None:
    report, _ = report_for(EXTENDED, index_files=(OPI_2024,), assume=D("2.0"))
    (row,) = report.agreements[0].revisions
    revision = row.revision
    assert revision.year == 2023
    assert revision.previous == D(964988)
    assert (revision.preliminary.percent, revision.definitive.percent) == (D("3.5"), D("4.6"))
    assert (revision.paid, revision.final, revision.difference) == (
        D(998763),
        D(1009377),
        D(10614),
    )


def test_missing_year_names_index_and_year_and_keeps_what_can_be_computed() -> None:
    report, errors = report_for(EXTENDED, index_files=(OPI_2024,))
    assert errors == []
    (problem,) = report.problems
    assert report.missing == (("OPI", 2025),)
    assert problem.location() == f"{EXTENDED}:34:16"  # economy.contributions[0].indexation.index
    assert "iopctl has no OPI figure for 2025" in problem.message
    amounts = money(report)
    assert amounts[2024] == D(1029565)
    assert amounts[2025] is None
    assert report.agreements[0].revisions[0].revision.difference == D(10614)


def test_assume_marks_the_assumed_year_and_every_later_year() -> None:
    report, _ = report_for(EXTENDED, assume=D("2.0"))
    assert report.problems == ()
    a = report.agreements[0]
    rows = {y.year: c for y in a.years for c in y.contributions if c.kind == "money"}
    assert rows[2024].amount == D(1029565)
    assert rows[2025].amount == D(1050156)
    assert [(year, rows[year].estimate) for year in sorted(rows)] == [
        (2020, False),
        (2021, False),
        (2022, False),
        (2023, False),
        (2024, True),
        (2025, True),
    ]
    assert [y.year for y in a.years if y.estimate] == [2024, 2025]
    assert [t.year for t in report.totals if t.total.estimate] == [2024, 2025]
    # The revision of 2023 is still shown: only published figures are compared.
    assert [r.year for r in a.revisions] == [2023]


def test_volunteer_hours_recorded_in_follow_ups_against_the_promise() -> None:
    report, _ = report_for(EXTENDED, assume=D("2.0"))
    (valuation,) = report.agreements[0].volunteers
    assert (valuation.rate, valuation.rate_source) == (
        D("214.00"),
        "value_per_year / hours_per_year",
    )
    assert valuation.value_per_year == D(3852000)
    (recorded,) = valuation.recorded
    assert (recorded.year, recorded.hours, recorded.value, recorded.difference) == (
        2021,
        D(16500),
        D(3531000),
        D(-321000),
    )


def test_volunteer_value_at_an_agreed_hourly_rate(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("      value_per_year: 3852000\n", "      hourly_rate: 214\n"),
        ("        value: 16500\n", "        value: 16500.5\n"),
    )
    report, errors = report_for(path, assume=D(2))
    assert errors == []
    (valuation,) = report.agreements[0].volunteers
    assert (valuation.rate, valuation.rate_source) == (D("214.00"), "hourly_rate")
    assert valuation.value_per_year == D(3852000)  # 18 000 × 214
    # 16 500.5 × 214 = 3 531 107 exactly
    assert valuation.recorded[0].value == D(3531107)


def test_portfolio_of_the_bundled_agreements() -> None:
    report, errors = report_for(REPO / "agreements")
    assert errors == []
    assert report.portfolio
    assert [a.agreement_id for a in report.agreements] == [
        "kalmar-stadsmission-2020",
        "linkoping-pingstforsamlingen-iogt-nto-2018",
        "linkoping-resurspoolen-2018",
        "linkoping-resurspoolen-2020",
        "timra-aldres-ensamhet-2020",
    ]
    assert [a.agreement_id for a in report.counted] == [
        "linkoping-pingstforsamlingen-iogt-nto-2018",
        "linkoping-resurspoolen-2018",
        "linkoping-resurspoolen-2020",
    ]
    # Neither 2018 agreement's economy is known (seeds 000 and 002 do not give it): an
    # unknown amount in each of its years, for its body, never 0 and never left out.
    bodies = [(b.body, b.year, b.total.amount, b.total.unknown) for b in report.bodies]
    assert bodies == [
        ("Linköpings kommun", 2018, None, 1),
        ("Linköpings kommun", 2019, None, 1),
        ("Linköpings kommun", 2020, None, 1),
        ("Äldrenämnden", 2020, D(933000), 0),
        ("Äldrenämnden", 2021, D(946995), 0),
        ("Äldrenämnden", 2022, D(964988), 0),
        ("Äldreomsorgsnämnden", 2018, None, 1),
        ("Äldreomsorgsnämnden", 2019, None, 1),
    ]
    assert [(t.year, t.total.amount, t.total.unknown) for t in report.totals] == [
        (2018, None, 2),
        (2019, None, 2),
        (2020, D(4785000), 3),  # pingst's money, and two in-kind values not stated
        (2021, D(4798995), 2),
        (2022, D(4816988), 2),
    ]
    assert [(t.year, t.total.amount, t.total.unknown) for t in report.money_totals] == [
        (2018, None, 2),
        (2019, None, 2),
        (2020, D(933000), 1),
        (2021, D(946995), 0),
        (2022, D(964988), 0),
    ]
    lines = {line.agreement_id: line for line in report.lines}
    assert lines["linkoping-resurspoolen-2018"].money == Sum(unknown=1, count=1)
    assert lines["linkoping-resurspoolen-2020"].money.amount == D(2844983)
    bodies = {a.agreement_id: a.body for a in report.agreements}
    # No decision.body: the public party's name.
    assert bodies["linkoping-pingstforsamlingen-iogt-nto-2018"] == "Linköpings kommun"


def test_year_option_keeps_one_year() -> None:
    report, _ = report_for(SEED, year=2021)
    assert money(report) == {2021: D(946995)}
    assert [(t.year, t.total.amount) for t in report.totals] == [(2021, D(4798995))]


def test_year_outside_the_period_of_one_agreement_is_a_usage_error(english: None) -> None:
    from typer.testing import CliRunner

    from iopctl.cli import app

    result = CliRunner().invoke(app, ["economy", str(SEED), "--year", "2024"])
    assert result.exit_code == 2
    assert "2024 is outside the period" in result.stderr


def test_draft_with_unknown_amount_appears_with_amount_none_and_is_not_counted(
    tmp_path: Path, english: None
) -> None:
    path = variant(
        tmp_path,
        ("status: ended", "status: draft"),
        ("      amount_per_year: 933000\n", ""),
    )
    report, _ = report_for(path)
    a = report.agreements[0]
    assert not a.counted
    assert set(money(report).values()) == {None}
    assert amount_note(a.years[0].contributions[0]) == "amount not stated"
    assert report.totals == ()
    data = json.loads(format_json(report))
    assert data["agreements"][0]["years"][0]["contributions"][0]["amount"] is None
    assert data["agreements"][0]["counted_in_totals"] is False
    assert data["totals"] == []


def test_base_year_defaults_to_the_period_start(tmp_path: Path) -> None:
    path = variant(tmp_path, ("      base_year: 2020\n", ""))
    report, _ = report_for(path, assume=D(2))
    assert money(report)[2022] == D(964988)


def test_money_without_indexation_is_flat(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("      indexation:\n        index: OPI\n        from_date: 2021-01-01\n", ""),
    )
    report, _ = report_for(path)
    assert set(money(report).values()) == {D(933000)}
    assert report.agreements[0].revisions == ()


def test_agreement_rounding_exact(tmp_path: Path, english: None) -> None:
    path = variant(
        tmp_path,
        ("  declared_total_per_year: 4785000\n", "  rounding:\n    mode: exact\n"),
        ("    - new_end: 2025-12-31\n", "    - new_end: 2023-12-31\n"),
    )
    report, errors = report_for(path)
    assert errors == []
    amounts = money(report)
    assert amounts[2022] == D("964987.905")
    assert amounts[2023] == D("1009377.34863")
    a = report.agreements[0]
    assert a.rounding == Rounding("exact")
    assert describe_rounding(a.rounding).startswith("exact (no rounding)")
    assert a.revisions[0].revision.difference == D("10614.866955")


def test_agreement_rounding_to_hundreds(tmp_path: Path, english: None) -> None:
    path = variant(
        tmp_path,
        ("  declared_total_per_year: 4785000\n", "  rounding:\n    unit: 100\n"),
        ("    - new_end: 2025-12-31\n", "    - new_end: 2023-12-31\n"),
    )
    report, _ = report_for(path)
    # 933 000 × 1.015 = 946 995 → 947 000; × 1.019 = 964 993 → 965 000
    assert money(report)[2022] == D(965000)
    assert describe_rounding(report.agreements[0].rounding).startswith("multiples of 100 kr")


def test_termination_cuts_the_years(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("status: ended", "status: terminated"),
        (
            "period:\n",
            "termination:\n  notice_period: 6 months\n  record:\n    given_by: aldrenamnden\n"
            "    given_on: 2021-06-01\n    effective: 2021-12-31\nperiod:\n",
        ),
    )
    report, errors = report_for(path)
    assert errors == []
    assert sorted(money(report)) == [2020, 2021]


# --- index files ---------------------------------------------------------------------

INDEX_HEAD = "indices:\n  {code}:\n    values:\n"
ENTRY = (
    "      - year: {year}\n        percent: {percent}\n        status: {status}\n"
    '        source: "test fixture"\n'
)


def index_file(tmp_path: Path, name: str, code: str, *entries: tuple[int, str, str]) -> Path:
    text = INDEX_HEAD.format(code=code) + "".join(
        ENTRY.format(year=y, percent=p, status=s) for y, p, s in entries
    )
    return write(tmp_path, text, name)


def test_index_file_overrides_a_bundled_value(tmp_path: Path) -> None:
    override = index_file(tmp_path, "override.yaml", "OPI", (2022, "2.0", "definitive"))
    report, errors = report_for(SEED, index_files=(override,))
    assert errors == []
    # 946 995 × 1.02 = 965 934.90 → 965 935
    assert money(report)[2022] == D(965935)


def test_index_file_with_a_custom_index_name(tmp_path: Path) -> None:
    custom = index_file(
        tmp_path, "custom.yaml", "LKPG-LON", (2021, "2.5", "definitive"), (2022, "3", "definitive")
    )
    path = variant(
        tmp_path,
        ("        index: OPI\n", "        index: LKPG-LON\n"),
        ("  extensions_taken:\n", ""),
        ("    - new_end: 2025-12-31\n", ""),
        ('      decision: "Fictional, for tests"\n', ""),
    )
    report, errors = report_for(path, index_files=(custom,))
    assert errors == []
    # 933 000 × 1.025 = 956 325; × 1.03 = 985 014.75 → 985 015
    assert money(report) == {2020: D(933000), 2021: D(956325), 2022: D(985015)}

    report, errors = report_for(path)
    assert errors == ["IOP210"]
    assert money(report) == {2020: D(933000), 2021: None, 2022: None}
    assert report.problems == ()  # an unknown index is validate's error, not a missing year


def test_user_index_folder_adds_a_year(tmp_path: Path) -> None:
    folder = tmp_path / "indices"
    folder.mkdir()
    index_file(folder, "opi.yaml", "OPI", (2024, "2.0", "preliminary"), (2025, "1.0", "definitive"))
    report, errors = report_for(EXTENDED, search_dir=tmp_path)
    assert errors == []
    assert report.problems == ()
    # 1 029 565 × 1.01 = 1 039 860.65 → 1 039 861
    assert money(report)[2025] == D(1039861)


def test_index_file_problems_have_line_and_column(tmp_path: Path) -> None:
    dup = index_file(
        tmp_path, "dup.yaml", "OPI", (2024, "2.0", "preliminary"), (2024, "2.1", "preliminary")
    )
    comma = index_file(tmp_path, "comma.yaml", "OPI", (2024, '"2,3 %"', "preliminary"))
    text = index_file(tmp_path, "text.yaml", "OPI", (2024, "two", "preliminary"))
    missing = tmp_path / "missing.yaml"
    _, problems = load_reference(
        [str(dup), str(comma), str(text), str(missing)], search_dir=str(tmp_path)
    )
    found = [(d.file, d.line, d.column, d.code) for d in problems]
    assert found == [
        (str(dup), 8, 15, "IOP502"),
        (str(comma), 5, 18, "IOP106"),
        (str(text), 5, 18, "IOP106"),
        (str(missing), 0, 0, "IOP501"),
    ]
    assert "2.3" in problems[1].hint


# --- JSON and CSV ------------------------------------------------------------------------


def test_json_keys_are_exactly_the_contract() -> None:
    report, _ = report_for(EXTENDED, index_files=(OPI_2024,), assume=D("2.0"))
    data = json.loads(format_json(report))
    assert list(data) == ["agreements", "totals", "rounding"]
    (agreement,) = data["agreements"]
    assert list(agreement)[:2] == ["agreement", "years"]
    assert set(agreement) == {
        "agreement",
        "years",
        "file",
        "title",
        "status",
        "body",
        "period",
        "rounding",
        "counted_in_totals",
        "estimated_years",
        "unknown_years",
        "index_sources",
        "revisions",
        "volunteer_hours",
        "notes",
    }
    for year in agreement["years"]:
        assert list(year) == [
            "year",
            "contributions",
            "total",
            "total_complete",
            "total_approximate",
            "estimated_total",
            "conditional_total",
        ]
        for c in year["contributions"]:
            assert list(c) == [
                "party",
                "kind",
                "base",
                "index",
                "index_percent",
                "index_status",
                "amount",
                "estimate",
                "qualifier",
                "conditional",
                "part",
                "source",
                "paid_in_year",
            ]
            assert c["kind"] in ("money", "volunteer_hours", "in_kind")
            assert c["index_status"] in ("preliminary", "definitive", "assumed", None)
    for total in data["totals"]:
        assert list(total) == [
            "year",
            "amount",
            "complete",
            "approximate",
            "estimated",
            "conditional",
        ]
        assert isinstance(total["amount"], str)
    assert agreement["estimated_years"] == [2025]
    money_2025 = agreement["years"][5]["contributions"][0]
    assert money_2025 == {
        "party": "aldrenamnden",
        "kind": "money",
        "base": "1029565",
        "index": "OPI",
        "index_percent": "2.0",
        "index_status": "assumed",
        "amount": "1050156",
        "estimate": True,
        "qualifier": None,
        "conditional": False,
        "part": None,
        "source": "per_year",
        "paid_in_year": "1050156",
    }
    assert agreement["revisions"][0]["difference"] == "10614"


def test_csv_has_the_rounding_rule_and_one_row_per_contribution_and_year(english: None) -> None:
    report, _ = report_for(EXTENDED, index_files=(OPI_2024,), assume=D("2.0"))
    rows = list(csv.DictReader(io.StringIO(format_csv(report, excel=False))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 6 * 3
    assert {r["rounding"] for r in rows} == {describe_rounding(Rounding())}
    money_rows = [r for r in rows if r["kind"] == "money"]
    assert [(r["year"], r["amount"], r["estimate"]) for r in money_rows] == [
        ("2020", "933000", "false"),
        ("2021", "946995", "false"),
        ("2022", "964988", "false"),
        ("2023", "1009377", "false"),
        ("2024", "1029565", "false"),
        ("2025", "1050156", "true"),
    ]
    r2023 = money_rows[3]
    assert (r2023["preliminary_percent"], r2023["paid_on_preliminary"]) == ("3.5", "998763")
    assert r2023["revision_difference"] == "10614"


# --- iopctl value ---------------------------------------------------------------------


def test_quick_value_at_a_rate() -> None:
    v = quick_value(hours=D(18000), rate=D(214))
    assert (v.rate, v.value) == (D(214), D(3852000))


def test_quick_value_from_a_wage() -> None:
    v = quick_value(hours=D(18000), wage=D(200), year=2020)
    assert v.contribution_percent == D("31.42")
    assert v.rate == D("262.84")  # 200 × 1.3142
    assert v.value == D(4731120)


def test_value_defaults_to_this_year_in_stockholm(monkeypatch: pytest.MonkeyPatch) -> None:
    import iopctl.clock

    monkeypatch.setattr(iopctl.clock, "today_stockholm", lambda: dt.date(2009, 1, 1))
    from typer.testing import CliRunner

    from iopctl.cli import app

    result = CliRunner().invoke(app, ["value", "--hours", "1", "--wage", "100"])
    assert result.exit_code == 0
    assert "arbetsgivaravgift 2009" in result.stdout


def test_quick_value_errors(english: None) -> None:
    with pytest.raises(IopctlError, match="no arbetsgivaravgift rate is bundled for 2031"):
        quick_value(hours=D(1), wage=D(200), year=2031)
    from typer.testing import CliRunner

    from iopctl.cli import app

    result = CliRunner().invoke(app, ["value", "--hours", "1"])
    assert result.exit_code == 2 and "exactly one of --rate and --wage" in result.stderr
    result = CliRunner().invoke(app, ["value", "--hours", "1", "--rate", "1", "--year", "2020"])
    assert result.exit_code == 2 and "--year only applies with --wage" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "is negative"),
        ("abc", "is not a number"),
        ("1,5", "decimal point"),
        ("NaN", "not a finite number"),
        ("Infinity", "not a finite number"),
    ],
)
def test_parse_number_rejects_bad_input(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_number(text, option="--hours")


def test_parse_number_percent() -> None:
    assert parse_number("2.0 %", option="--assume", percent=True) == D("2.0")
    assert parse_number("-0.5", option="--assume", allow_negative=True, percent=True) == D("-0.5")
    with pytest.raises(UsageError, match="-100"):
        parse_number("-100", option="--assume", allow_negative=True, percent=True)


# --- properties --------------------------------------------------------------------------

AGREEMENT = """\
id: property-test
title: Property test
status: active
parties:
  - {{id: kommun, name: Kommunen, sector: public}}
  - {{id: forening, name: Föreningen, sector: idea_based}}
economy:
  contributions:
    - kind: money
      party: kommun
      amount_per_year: {amount}
      base_year: 2020
      indexation: {{index: OPI, from_date: 2021-01-01}}
    - kind: volunteer_hours
      party: forening
      hours_per_year: {hours}
      hourly_rate: {rate}
period: {{start: 2020-01-01, end: {end}-12-31}}
"""

amounts = st.integers(min_value=0, max_value=10**9)
hours = st.integers(min_value=0, max_value=10**6)
rates = st.decimals(min_value=0, max_value=2000, places=2, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    amount=amounts,
    hours=hours,
    rate=rates,
    end=st.integers(min_value=2020, max_value=2030),
    assume=st.decimals(min_value=-5, max_value=15, places=1, allow_nan=False),
)
def test_every_row_reproduces_from_its_base_and_index(
    amount: int, hours: int, rate: Decimal, end: int, assume: Decimal
) -> None:
    text = AGREEMENT.format(amount=amount, hours=hours, rate=rate, end=end)
    item = load_agreement_bytes(text, "property-test.yaml")
    assert item.agreement is not None and not item.diagnostics
    reference, _ = load_reference([], search_dir="/nonexistent")
    report = economy_report([item], reference=reference, as_of=AS_OF, assume=assume)
    (a,) = report.agreements
    assert [y.year for y in a.years] == list(range(2020, end + 1))
    previous: Decimal | None = None
    rounding = Rounding()
    for y in a.years:
        c_money, c_hours = y.contributions
        assert c_money.amount is not None and c_money.base is not None
        if y.year == 2020:
            assert c_money.amount == c_money.base == amount
        else:
            assert c_money.base == previous
            assert c_money.index_percent is not None
            expected = rounding.apply(c_money.base * (1 + c_money.index_percent / 100))
            assert c_money.amount == expected
            assert c_money.estimate == (y.year >= 2024)
            assert (c_money.index_status == "assumed") == (y.year >= 2024)
        previous = c_money.amount
        assert c_hours.amount == rounding.apply(hours * rate)
        assert (y.total.amount or 0) + (y.total.estimated or 0) == c_money.amount + c_hours.amount
    # JSON and the dataclasses agree to the öre.
    data = json.loads(format_json(report))
    assert [D(t["amount"]) for t in data["totals"]] == [y.total.amount for y in a.years]
    shares = [p.share for p in a.party_totals() if p.share is not None]
    if shares:
        assert abs(sum(shares, D(0)) - 100) <= D("0.1")


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False))
def test_parse_number_round_trips(number: Decimal) -> None:
    assert parse_number(f"{number:f}", option="--hours") == number


# --- what the portfolio's text gathers as the lines come (views/economy/portfolio.py) -----

_FIGURES = (("OPI", 2024), ("OPI", 2025), ("AKI", 2024), ("OPI", 2023))
_NOTES = (EconomyNote("no_dates"), EconomyNote("economy_failed"), EconomyNote("period_failed"))
_ROUNDINGS = (Rounding(), Rounding(mode="exact"), Rounding(unit=D(100)))


@cache
def _revision_line() -> AgreementLine:
    """A real line with a revision row (2023, paid on the preliminary OPI)."""
    report, _ = report_for(EXTENDED, index_files=(OPI_2024,), assume=D("2.0"))
    (line,) = report.lines
    assert line.revisions
    return line


def _shaped(
    agreement: str,
    file: str,
    counted: bool,
    assumed: set[tuple[str, int]],
    missing: list[tuple[str, int]],
    problems: int,
    notes: list[EconomyNote],
    rounding: Rounding,
    revised: bool,
) -> AgreementLine:
    base = _revision_line()
    return replace(
        base,
        agreement_id=agreement,
        file=f"{file}.yaml",
        counted=counted,
        assumed=tuple(sorted(assumed)),
        missing=tuple(missing),
        problems=tuple(
            Diagnostic(f"{file}.yaml", n, 1, "IOP503", Severity.ERROR, agreement)
            for n in range(problems)
        ),
        notes=tuple(notes),
        rounding=rounding,
        revisions=base.revisions if revised else (),
    )


_lines = st.lists(
    st.builds(
        _shaped,
        st.sampled_from("abc"),
        st.sampled_from("xyz"),
        st.booleans(),
        st.sets(st.sampled_from(_FIGURES), max_size=3),
        st.lists(st.sampled_from(_FIGURES), unique=True, max_size=3),
        st.integers(0, 2),
        st.lists(st.sampled_from(_NOTES), max_size=2),
        st.sampled_from(_ROUNDINGS),
        st.booleans(),
    ),
    max_size=12,
    unique_by=lambda a: (a.agreement_id, a.file),
)


@settings(max_examples=200, deadline=None)
@given(_lines, st.integers(1, 4))
def test_gathered_in_any_order_is_the_walk_over_the_sorted_lines(
    lines: list[AgreementLine], run: int
) -> None:
    """Lines come in file order; what is gathered from them is what walking them in the
    report's order (by id, then file) gives, with revisions and notes spilled to disk in
    runs of ``run`` rows: counts, problems, the first met of each missing figure, the
    assumed figures, rounding rules, revisions and notes."""
    walked = sorted(lines, key=lambda a: (a.agreement_id, a.file))
    saved = spill.RUN
    spill.RUN = run
    gathered = Gathered()
    try:
        for line in lines:
            gathered.add(line)
        assert gathered.counted == sum(a.counted for a in lines)
        assert gathered.problems == tuple(p for a in walked for p in a.problems)
        assert gathered.missing == tuple(dict.fromkeys(m for a in walked for m in a.missing))
        assert gathered.assumed == tuple(sorted({f for a in lines for f in a.assumed}))
        assert set(gathered.roundings) == {a.rounding for a in lines}
        revisions = [(a.agreement_id, r) for a in walked for r in a.revisions]
        assert list(gathered.revisions) == revisions
        assert list(gathered.notes) == [(a.agreement_id, n) for a in walked for n in a.notes]
    finally:
        spill.RUN = saved
        gathered.revisions.close()
        gathered.notes.close()
