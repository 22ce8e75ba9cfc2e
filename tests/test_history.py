"""Dates known in part (iopctl.model.dates), the timeline (facts.history), the derived
status (facts.status) and what settles a deadline (facts.settle): rules and properties.

The seven cases of the issue, through every command, are in ``test_history_cases.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from iopctl.facts import Facts
from iopctl.facts.history import timeline_of
from iopctl.facts.status import DERIVED
from iopctl.model.agreement import Agreement
from iopctl.model.dates import PartialDate, When, parse_when, window

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

D = dt.date
WHEN: TypeAdapter[Any] = TypeAdapter(When)


# --- dates known in part ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value", "first", "last"),
    [
        (D(2022, 12, 31), D(2022, 12, 31), D(2022, 12, 31), D(2022, 12, 31)),
        ("2022-12-31", D(2022, 12, 31), D(2022, 12, 31), D(2022, 12, 31)),
        ("2024-02", PartialDate(2024, month=2), D(2024, 2, 1), D(2024, 2, 29)),
        ("2020-spring", PartialDate(2020, season="spring"), D(2020, 1, 1), D(2020, 6, 30)),
        ("2020-autumn", PartialDate(2020, season="autumn"), D(2020, 7, 1), D(2020, 12, 31)),
        (2015, PartialDate(2015), D(2015, 1, 1), D(2015, 12, 31)),
        ("2015", PartialDate(2015), D(2015, 1, 1), D(2015, 12, 31)),
    ],
)
def test_a_date_is_as_much_as_is_known(written: Any, value: Any, first: D, last: D) -> None:
    parsed = WHEN.validate_python(written)
    assert parsed == value
    assert window(parsed) == (first, last)
    assert WHEN.dump_python(parsed, mode="json") == (
        parsed.isoformat() if isinstance(parsed, D) else str(parsed)
    )


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("maj 2015", "'maj 2015' is not a date, a month, a half year or a year", "2015-05"),
        ("våren 2020", "is not a date", "2020-spring"),
        ("1 januari 2024", "is not a date", "write 2024-01-01"),
        ("den 30 sep. 2020", "is not a date", "write 2020-09-30"),
        ("2024/01/31", "is not a date", "write 2024-01-31"),
        ("2024.1.5", "is not a date", "write 2024-01-05"),
        # No suggestion where the form says two things or no day: the general hint.
        ("1/2 2024", "is not a date", "write e.g. 2022-12-31"),
        ("31 februari 2024", "is not a date", "write e.g. 2022-12-31"),
        ("2020-13", "there is no month 13", "01–12"),
        ("2027-02-30", "is not a date: February 2027 has 28 days", "YYYY-MM-DD"),
        ("2028-02-30", "is not a date: February 2028 has 29 days", "YYYY-MM-DD"),
        ("2027-04-31", "is not a date: April 2027 has 30 days", "YYYY-MM-DD"),
        (1850, "1850 is not between 1900 and 2199", "check the year"),
        (True, "expected a date", "2022-12-31"),
        (dt.datetime(2020, 1, 1, 12), "a date and time", "2020-01-01"),
    ],
)
def test_a_date_that_is_not_one_says_what_to_write(written: Any, message: str, hint: str) -> None:
    with pytest.raises(ValidationError) as info:
        WHEN.validate_python(written)
    (error,) = info.value.errors()
    assert error["type"] == "IOP105"
    assert message in error["ctx"]["message"]
    assert hint in error["ctx"]["hint"]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)))
def test_every_day_lies_in_its_month_half_and_year(day: D) -> None:
    month = parse_when(f"{day.year}-{day.month:02d}")
    half = parse_when(f"{day.year}-{'spring' if day.month <= 6 else 'autumn'}")
    year = parse_when(day.year)
    for partial in (month, half, year):
        first, last = window(partial)
        assert first <= day <= last
        assert first.year == last.year == day.year  # a window never crosses a new year


# --- the timeline -----------------------------------------------------------------------


def _agreement(**extra: Any) -> Agreement:
    data: dict[str, Any] = {
        "id": "prov",
        "title": "Prov",
        "parties": [
            {"id": "kommunen", "name": "Kommunen", "sector": "public"},
            {"id": "foreningen", "name": "Föreningen", "sector": "idea_based"},
        ],
        "period": {"start": D(2020, 1, 1), "end": D(2022, 12, 31)},
        "termination": {"notice_period": "6 months"},
        **extra,
    }
    return Agreement.model_validate(data)


def test_older_places_are_read_as_history_in_date_order() -> None:
    a = _agreement(
        period={
            "start": D(2020, 1, 1),
            "end": D(2022, 12, 31),
            "extension": {"length": "1 years", "times": 1},
            "extensions_taken": [{"new_end": D(2023, 12, 31), "decided_on": D(2022, 5, 1)}],
        },
        amendments=[{"date": D(2021, 3, 1), "description": "Nytt belopp"}],
        history=[{"date": D(2020, 6, 1), "kind": "decision", "decision": "financing"}],
    )
    entries = timeline_of(a).entries
    assert [(r.entry.kind, r.path, r.legacy) for r in entries] == [
        ("decision", ("history", 0), False),
        ("amendment", ("amendments", 0), True),
        ("extension", ("period", "extensions_taken", 0), True),
    ]


def test_the_facts_as_of_a_day_know_only_what_had_happened() -> None:
    a = _agreement(
        status="active",
        history=[{"date": D(2021, 3, 1), "kind": "notice", "by": "foreningen"}],
    )
    before = Facts(a, file="prov.yaml", as_of=D(2021, 2, 28))
    after = Facts(a, file="prov.yaml", as_of=D(2021, 3, 1))
    assert (before.term.last_day, before.status.status) == (D(2022, 12, 31), "in_force")
    assert (after.term.last_day, after.term.ended_early) == (D(2021, 9, 1), True)
    assert Facts(a, file="prov.yaml", as_of=D(2021, 9, 2)).status.status == "ended_early"


# --- the derived status -----------------------------------------------------------------


def test_a_draft_becomes_decided_then_signed_then_in_force() -> None:
    a = _agreement(
        history=[{"date": D(2019, 11, 20), "kind": "decision", "decision": "adoption"}],
        signatures=[
            {"party": "kommunen", "date": D(2019, 12, 1)},
            {"party": "foreningen", "date": D(2019, 12, 5)},
        ],
    )

    def status(day: D) -> str:
        return Facts(a, file="prov.yaml", as_of=day).status.status

    assert status(D(2019, 11, 1)) == "draft"
    assert status(D(2019, 11, 25)) == "decided"
    assert status(D(2019, 12, 2)) == "decided"  # one of two has signed
    assert status(D(2019, 12, 5)) == "signed"
    assert status(D(2020, 1, 1)) == "in_force"
    assert status(D(2023, 1, 1)) == "ended"


def test_a_condition_not_yet_met_is_said() -> None:
    a = _agreement(
        history=[
            {
                "date": D(2019, 11, 20),
                "kind": "decision",
                "condition": "att fullmäktige beslutar om budget",
            },
            {"date": D(2019, 12, 10), "kind": "condition_met"},
        ]
    )
    on = Facts(a, file="prov.yaml", as_of=D(2019, 12, 1)).status
    assert (on.status, on.condition) == (
        "decided_conditionally",
        "att fullmäktige beslutar om budget",
    )
    assert Facts(a, file="prov.yaml", as_of=D(2019, 12, 10)).status.status == "decided"


@settings(max_examples=50, deadline=None)
@given(
    start=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
    days=st.integers(min_value=30, max_value=2000),
    signed_before=st.integers(min_value=1, max_value=200),
    notice_after=st.one_of(st.none(), st.integers(min_value=0, max_value=2000)),
    step=st.integers(min_value=1, max_value=120),
)
def test_the_status_of_a_signed_agreement_only_moves_forward(
    start: D, days: int, signed_before: int, notice_after: int | None, step: int
) -> None:
    """Signed, in force, then ended (or ended early): never back, whatever the dates."""
    end = start + dt.timedelta(days=days)
    signed = start - dt.timedelta(days=signed_before)
    history = []
    if notice_after is not None and notice_after < days:
        given_on = start + dt.timedelta(days=notice_after)
        history = [{"date": given_on, "kind": "notice", "by": "foreningen"}]
    a = _agreement(
        period={"start": start, "end": end},
        signatures=[{"party": p, "date": signed} for p in ("kommunen", "foreningen")],
        history=history,
    )
    order = {s: i for i, s in enumerate(DERIVED)}
    seen = []
    day = signed
    while day <= end + dt.timedelta(days=400):
        status = Facts(a, file="prov.yaml", as_of=day).status.status
        assert status in ("signed", "in_force", "ended", "ended_early"), (day, status)
        seen.append(order[status])
        day += dt.timedelta(days=step)
    assert seen == sorted(seen)
