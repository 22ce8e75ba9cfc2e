"""iopctl.views.site: one agreement at a time, with the problems and money of the whole."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from iopctl.checks.validate import keep_whole, validate_each, validate_paths
from iopctl.views.economy import economy_report
from iopctl.views.economy.portfolio import Sums, Totals
from iopctl.views.site import AgreementData, AgreementStream, Unreadable

AS_OF = dt.date(2022, 5, 15)
SETS = [
    ["agreements"],
    ["tests/fixtures/invalid"],
    ["tests/fixtures/money", "tests/fixtures/economy/linkoping-resurspoolen-2020.yaml"],
]


def _final(stream: AgreementStream) -> dict[str, AgreementData | Unreadable]:
    """The last word on each file (a revised one replaces the first)."""
    found: dict[str, AgreementData | Unreadable] = {}
    for item in stream:
        file = item.file if isinstance(item, Unreadable) else item.facts.file
        assert item.revised == (file in found)
        found[file] = item
    return found


@pytest.mark.parametrize("paths", SETS, ids=lambda p: p[0])
def test_each_file_has_exactly_the_problems_validate_reports(
    in_repo: Path, paths: list[str]
) -> None:
    expected: dict[str, list[object]] = defaultdict(list)
    validation = validate_paths(paths)
    for d in validation.diagnostics:
        expected[d.file].append(d)
    stream = AgreementStream(paths, as_of=AS_OF)
    found = _final(stream)
    assert sorted(found) == sorted(validation.files)
    for file, item in found.items():
        assert sorted(item.diagnostics, key=repr) == sorted(expected[file], key=repr), file
    others = [d for d in validation.diagnostics if d.file not in found]
    assert stream.problems == others


def test_duplicate_ids_are_revised_after_the_pass(in_repo: Path) -> None:
    stream = AgreementStream(["tests/fixtures/invalid/iop401-duplicate-id"], as_of=AS_OF)
    items = list(stream)
    assert [(type(i).__name__, i.revised) for i in items] == [
        ("AgreementData", False),
        ("AgreementData", False),
        ("AgreementData", True),
    ]
    revised = items[2]
    assert isinstance(revised, AgreementData)
    assert revised.facts.file.endswith("second.yaml")
    assert [d.code for d in revised.diagnostics] == ["IOP401"]
    assert revised.row.errors == 1


def test_one_day_judges_the_whole_stream(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's date is asked once a site, as by ``validate``: a build that passes midnight
    checks every file by the same day."""
    asked: list[dt.date] = []

    def today() -> dt.date:
        asked.append(dt.date(2026, 12, 1) + dt.timedelta(days=len(asked)))
        return asked[-1]

    monkeypatch.setattr("iopctl.clock.today_stockholm", today)
    items = list(AgreementStream(["agreements"], as_of=AS_OF))
    assert (len(items), asked) == (5, [dt.date(2026, 12, 1)])


def test_money_totals_equal_the_economy_portfolio(in_repo: Path) -> None:
    paths = ["tests/fixtures/money", "agreements"]
    validation, loaded = validate_each(paths, keep_whole)
    report = economy_report(loaded, reference=validation.reference, as_of=AS_OF)
    totals = Totals()
    for item in AgreementStream(paths, as_of=AS_OF):
        if isinstance(item, AgreementData) and item.economy is not None:
            totals.add(Sums.of(item.economy))
    assert totals.bodies == report.bodies
    assert totals.organisations == report.organisations
    assert totals.money_totals == report.money_totals
    assert {o.organisation for o in totals.organisations} >= {"Resurspoolen"}


def test_the_record_is_due_history(in_repo: Path) -> None:
    """The site's history is the record ``due --history`` shows, from the same facts."""
    from iopctl.facts.compliance import obligations

    items = {
        i.id: i
        for i in AgreementStream(["agreements"], as_of=AS_OF)
        if isinstance(i, AgreementData)
    }
    resurspoolen = items["linkoping-resurspoolen-2020"]
    assert [(o.kind, o.year, o.met) for o in resurspoolen.record] == [
        ("follow_up", 2020, "missed"),
        ("follow_up", 2021, "missed"),
    ]
    assert resurspoolen.record == tuple(obligations(resurspoolen.facts))
    # Resurspoolen 2018's decision was taken (the merger, 2019-12-11): on time.
    old = items["linkoping-resurspoolen-2018"]
    assert [(o.kind, o.met, o.done) for o in old.record] == [
        ("extension_decision", "on_time", dt.date(2019, 12, 11))
    ]
    assert [i.status for i in old.items] == []
