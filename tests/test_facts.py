"""Tests for iopctl.facts: the term, the money of each year in every shape, the payments.

The cases are the ones real agreements brought (issue "Money as agreed"); amounts are
written out to the krona, worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from iopctl.facts import Facts
from iopctl.facts.rows import YearAmount
from iopctl.facts.sums import EMPTY, Sum
from iopctl.model.load import load_agreement_bytes
from iopctl.money.reference import ReferenceData

D = Decimal
PARTIES = [
    {"id": "kommun", "name": "Kommunen", "sector": "public"},
    {"id": "forening", "name": "Föreningen", "sector": "idea_based"},
]


def facts(period: dict[str, Any], *money: dict[str, Any], **extra: Any) -> Facts:
    data: dict[str, Any] = {
        "id": "test",
        "title": "Test",
        "status": "active",
        "parties": PARTIES,
        "period": period,
        "economy": {"contributions": [{"kind": "money", "party": "kommun", **m} for m in money]},
    }
    data["economy"].update(extra)
    loaded = load_agreement_bytes(yaml.safe_dump(data, sort_keys=False), "test.yaml")
    assert loaded.agreement is not None and not loaded.failed, loaded.diagnostics
    return Facts(
        loaded.agreement, file="test.yaml", as_of=dt.date(2026, 12, 1), reference=ReferenceData()
    )


def amounts(f: Facts, position: int = 0) -> dict[int, Decimal | None]:
    return {row.year: row.amount for row in f.contributions[position].years}


def payments(f: Facts) -> list[tuple[str, Decimal | None]]:
    return [(p.date.isoformat(), p.amount) for p in f.payments]


# --- part years ------------------------------------------------------------------------


def test_mid_year_quarterly_agreement_pays_the_part_years() -> None:
    # 2026-07-01 – 2028-06-30 at 250 000 kr a year, quarterly: 6/12, 12/12, 6/12 of it.
    f = facts(
        {"start": dt.date(2026, 7, 1), "end": dt.date(2028, 6, 30)},
        {"amount_per_year": 250000, "payment": {"schedule": "quarterly", "months": [1, 4, 7, 10]}},
    )
    assert amounts(f) == {2026: D(125000), 2027: D(250000), 2028: D(125000)}
    assert sum(a for a in amounts(f).values() if a) == D(500000)
    assert payments(f)[:2] == [("2026-07-31", D(62500)), ("2026-10-31", D(62500))]
    assert payments(f)[-2:] == [("2028-01-31", D(62500)), ("2028-04-30", D(62500))]
    assert len(payments(f)) == 8
    row = f.contributions[0].years[0]
    assert (row.full, row.portion) is not None
    assert (row.portion.units, row.portion.of, row.portion.unit) == (6, 12, "months")


def test_october_to_september_about_fourteen_million() -> None:
    # "drygt 14 miljoner" a year, 2016-10-01 – 2019-09-30: 3/12, 12/12, 12/12, 9/12.
    f = facts(
        {"start": dt.date(2016, 10, 1), "end": dt.date(2019, 9, 30)},
        {"amount_per_year": 14000000, "qualifier": "at_least"},
    )
    assert amounts(f) == {2016: D(3500000), 2017: D(14000000), 2018: D(14000000), 2019: D(10500000)}
    assert sum(amounts(f).values()) == D(42000000)  # type: ignore[arg-type]
    assert all(row.qualifier == "at_least" for row in f.contributions[0].years)


def test_part_year_by_days_when_the_period_is_not_month_aligned() -> None:
    # 2023-03-15 – 2024-12-31: 2023 counts 292 of 365 days: 100 000 × 292/365 = 80 000.
    f = facts(
        {"start": dt.date(2023, 3, 15), "end": dt.date(2024, 12, 31)}, {"amount_per_year": 100000}
    )
    assert amounts(f) == {2023: D(80000), 2024: D(100000)}
    part = f.contributions[0].years[0].portion
    assert part is not None and (part.units, part.of, part.unit) == (292, 365, "days")


def test_full_amount_for_a_part_year_when_the_agreement_says_so() -> None:
    f = facts(
        {"start": dt.date(2016, 10, 1), "end": dt.date(2017, 9, 30)},
        {"amount_per_year": 100000, "part_years": "full"},
    )
    assert amounts(f) == {2016: D(100000), 2017: D(100000)}


def test_agreement_year_payments_pay_october_to_september() -> None:
    # Paid each October for the agreement year that starts then: 14 000 000 each time,
    # while the calendar years count 3 500 000, 14 000 000, 14 000 000, 10 500 000.
    f = facts(
        {"start": dt.date(2016, 10, 1), "end": dt.date(2019, 9, 30)},
        {
            "amount_per_year": 14000000,
            "payment": {"schedule": "yearly", "months": [10], "per": "agreement_year"},
        },
    )
    assert payments(f) == [
        ("2016-10-31", D(14000000)),
        ("2017-10-31", D(14000000)),
        ("2018-10-31", D(14000000)),
    ]
    assert {p.period.first for p in f.payments} == {
        dt.date(2016, 10, 1),
        dt.date(2017, 10, 1),
        dt.date(2018, 10, 1),
    }


# --- shapes ---------------------------------------------------------------------------


def test_total_for_the_period_is_spread_by_time_in_force() -> None:
    # "2,1 miljoner kronor fördelat på tre år"
    f = facts(
        {"start": dt.date(2016, 1, 1), "end": dt.date(2018, 12, 31)}, {"total": {"amount": 2100000}}
    )
    assert amounts(f) == {2016: D(700000), 2017: D(700000), 2018: D(700000)}
    assert {row.source for row in f.contributions[0].years} == {"total"}


def test_total_over_a_period_starting_mid_year() -> None:
    # "drygt 1 miljon kronor under tre år" from 2016-07-01: 6 + 12 + 12 + 6 months of 36.
    f = facts(
        {"start": dt.date(2016, 7, 1), "end": dt.date(2019, 6, 30)},
        {"total": {"amount": 1000000, "qualifier": "at_least"}},
    )
    # 1 000 000 × 6/36 = 166 666.67 → 166 667; × 12/36 = 333 333.33 → 333 333; the last
    # year takes the rest so the four add up to exactly 1 000 000.
    assert amounts(f) == {2016: D(166667), 2017: D(333333), 2018: D(333333), 2019: D(166667)}
    assert sum(amounts(f).values()) == D(1000000)  # type: ignore[arg-type]


def test_amount_for_one_year_only_leaves_the_others_unknown() -> None:
    # "6,7 miljoner kronor för 2016"
    f = facts(
        {"start": dt.date(2016, 1, 1), "end": dt.date(2017, 12, 31)},
        {"amounts": [{"year": 2016, "amount": 6700000}]},
    )
    assert amounts(f) == {2016: D(6700000), 2017: None}
    assert f.contributions[0].years[1].unknown == "not_stated"


def test_one_off_counts_in_its_year_only() -> None:
    # "2 797 000 kr engångsbelopp 2016"
    f = facts(
        {"start": dt.date(2016, 1, 1), "end": dt.date(2018, 12, 31)},
        {"one_off": {"amount": 2797000, "year": 2016, "date": dt.date(2016, 3, 1)}},
    )
    assert amounts(f) == {2016: D(2797000), 2017: D(0), 2018: D(0)}
    assert payments(f) == [("2016-03-01", D(2797000))]


def test_share_of_a_cost_is_not_an_amount() -> None:
    # "mer än hälften av kostnaden"
    f = facts(
        {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31)},
        {"share": {"percent": 50, "of": "kostnaden", "qualifier": "at_least"}},
    )
    assert amounts(f) == {2016: None}
    assert f.contributions[0].years[0].unknown == "share"


def test_unit_price_times_the_expected_quantity() -> None:
    # 450 kr per place and day, about 3 650 place-days a year; 2024 from 1 July: 6/12.
    f = facts(
        {"start": dt.date(2024, 7, 1), "end": dt.date(2025, 12, 31)},
        {"unit_price": {"amount": 450, "unit": "plats och dygn", "quantity_per_year": 3650}},
    )
    assert amounts(f) == {2024: D(821250), 2025: D(1642500)}
    unknown = facts(
        {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)},
        {"unit_price": {"amount": 450, "unit": "plats och dygn"}},
    )
    assert amounts(unknown) == {2024: None}


def test_amount_raised_by_amendment_from_a_date() -> None:
    # 250 000 kr a year, raised to 300 000 from 2018-07-01: 2018 counts 181 days at the
    # old level and 184 at the new: (250 000 × 181 + 300 000 × 184) / 365 = 275 205.48.
    f = facts(
        {"start": dt.date(2018, 1, 1), "end": dt.date(2019, 12, 31)},
        {
            "amount_per_year": 250000,
            "changes": [{"from_date": dt.date(2018, 7, 1), "amount_per_year": 300000}],
        },
    )
    assert amounts(f) == {2018: D(275205), 2019: D(300000)}


def test_conditional_money_is_marked_on_every_year() -> None:
    f = facts(
        {"start": dt.date(2016, 1, 1), "end": dt.date(2017, 12, 31)},
        {"amount_per_year": 500000, "conditional_on": "budgetbeslut"},
    )
    assert all(row.conditional for row in f.contributions[0].years)
    assert f.contributions[0].conditional


def test_recipient_defaults_to_the_first_idea_based_party() -> None:
    f = facts(
        {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31)},
        {"amount_per_year": 1000},
        {"amount_per_year": 2000, "to": "kommun"},
    )
    assert [c.recipient for c in f.contributions] == ["forening", "kommun"]


def test_an_agreement_without_an_economy_has_unknown_money_not_none() -> None:
    """No ``economy`` in the file: each year in force has one unknown amount (never 0 and
    never "no money"); a year outside the period has none."""
    loaded = load_agreement_bytes(
        yaml.safe_dump(
            {
                "id": "test",
                "title": "Test",
                "status": "ended",
                "parties": PARTIES,
                "period": {"start": "2018-01-01", "end": "2019-12-31"},
            }
        ),
        "test.yaml",
    )
    assert loaded.agreement is not None and not loaded.failed, loaded.diagnostics
    f = Facts(loaded.agreement, file="test.yaml", as_of=dt.date(2026, 12, 1))
    assert f.economy_unknown
    assert f.money_in(2018) == f.money_in(2019) == Sum(unknown=1, count=1)
    assert f.money_in(2020) is None
    assert not f.money_in(2019).complete  # type: ignore[union-attr]
    assert not facts({"start": "2020-01-01", "end": "2020-12-31"}).economy_unknown


def test_resurspoolen_is_unchanged() -> None:
    from iopctl.model.load import load_agreement
    from iopctl.money.reference import load_reference

    loaded = load_agreement("agreements/linkoping-resurspoolen-2020.yaml")
    reference, _ = load_reference([], search_dir="/nonexistent")
    assert loaded.agreement is not None
    f = Facts(loaded.agreement, file=loaded.file, as_of=dt.date(2026, 12, 1), reference=reference)
    assert amounts(f) == {2020: D(933000), 2021: D(946995), 2022: D(964988)}


# --- properties -----------------------------------------------------------------------


@st.composite
def periods(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    start = draw(st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2035, 12, 31)))
    end = start + dt.timedelta(days=draw(st.integers(0, 6 * 366)))
    return start, end


@settings(max_examples=200, deadline=None)
@given(period=periods(), amount=st.integers(1, 50_000_000), total=st.booleans())
def test_years_add_up_to_the_amount_for_the_whole_period(
    period: tuple[dt.date, dt.date], amount: int, total: bool
) -> None:
    """A total is spread exactly; a yearly amount's years add up to amount × years in
    force, within half a krona per year (each year is rounded once, half up)."""
    start, end = period
    money = {"total": {"amount": amount}} if total else {"amount_per_year": amount}
    f = facts({"start": start, "end": end}, money)
    years = f.contributions[0].years
    found = sum((row.amount for row in years if row.amount is not None), D(0))
    if total:
        assert found == amount
        return
    exact = sum(
        (D(amount) * row.portion.units / row.portion.of if row.portion else D(amount))
        for row in years
    )
    assert abs(found - exact) <= D("0.5") * len(years)


@settings(max_examples=100, deadline=None)
@given(period=periods(), amount=st.integers(1, 50_000_000), month=st.integers(1, 12))
def test_agreement_year_payments_pay_exactly_the_years_amounts(
    period: tuple[dt.date, dt.date], amount: int, month: int
) -> None:
    start, end = period
    f = facts(
        {"start": start, "end": end},
        {
            "amount_per_year": amount,
            "payment": {"schedule": "yearly", "months": [month], "per": "agreement_year"},
        },
    )
    paid = sum((p.amount for p in f.payments if p.amount is not None), D(0))
    assert paid == sum(row.amount for row in f.contributions[0].years if row.amount)
    assert all(start <= p.period.first <= p.period.last <= end for p in f.payments)


# --- a year's amount unknown only where a date is known in part -------------------------

_WHEN = st.one_of(
    st.dates(dt.date(2018, 1, 1), dt.date(2024, 12, 31)),
    st.integers(2018, 2024).map(str),
    st.tuples(st.integers(2018, 2024), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(2018, 2024), st.sampled_from(["spring", "autumn"])).map(
        lambda t: f"{t[0]}-{t[1]}"
    ),
)


@settings(max_examples=60, deadline=None)
@given(start=_WHEN, end=_WHEN, amended=st.one_of(st.none(), _WHEN), full=st.booleans())
def test_a_year_is_unknown_only_when_a_date_is_known_in_part(
    start: Any, end: Any, amended: Any, full: bool
) -> None:
    """``Facts.known_in_part`` lets ``validate`` skip deriving the money (IOP237) when no
    date is known in part: it must say so whenever some year's amount is ``part_unknown``."""
    history = []
    if amended is not None:
        history = [
            {"kind": "amendment", "date": amended, "contribution": 1, "amount_per_year": 90000}
        ]
    data: dict[str, Any] = {
        "id": "test",
        "title": "Test",
        "status": "active",
        "parties": PARTIES,
        "period": {"start": start, "end": end},
        "economy": {
            "contributions": [
                {
                    "kind": "money",
                    "party": "kommun",
                    "amount_per_year": 100000,
                    **({"part_years": "full"} if full else {}),
                }
            ]
        },
        "history": history,
    }
    loaded = load_agreement_bytes(yaml.safe_dump(data, sort_keys=False), "test.yaml")
    if loaded.agreement is None or loaded.failed:
        return  # e.g. an end before the start: nothing is derived
    f = Facts(loaded.agreement, file="test.yaml", as_of=dt.date(2026, 12, 1))
    unknown = [r.year for c in f.contributions for r in c.years if r.unknown == "part_unknown"]
    assert f.known_in_part or not unknown, unknown


_ROWS = st.lists(
    st.builds(
        lambda amount, conditional, estimate, qualifier: YearAmount(
            2024,
            amount,
            estimate=estimate,
            conditional=conditional,
            qualifier=qualifier,
            unknown=None if amount is not None else "not_stated",
        ),
        st.one_of(st.none(), st.decimals(-(10**9), 10**9, places=2, allow_nan=False)),
        st.booleans(),
        st.booleans(),
        st.sampled_from([None, "ca"]),
    ),
    max_size=12,
)


@given(rows=_ROWS)
def test_a_sum_of_rows_is_the_sum_of_each_row(rows: list[Any]) -> None:
    """Sum.of adds up in place (issue #17): exactly what adding Sum.one of each row gives."""
    expected = EMPTY
    for row in rows:
        expected = expected + Sum.one(row)
    assert Sum.of(rows) == expected


def test_a_fact_is_computed_once_and_kept_in_the_instance() -> None:
    from iopctl.facts.once import once

    calls: list[int] = []

    class Thing:
        def __init__(self, given: int | None = None) -> None:
            if given is not None:
                self.value = given

        @once
        def value(self) -> int:
            """The value."""
            calls.append(1)
            return 42

    thing = Thing()
    assert (thing.value, thing.value, len(calls)) == (42, 42, 1)
    assert Thing(7).value == 7 and len(calls) == 1  # a value given beforehand is kept
    assert (
        isinstance(Thing.__dict__["value"], once)
        and Thing.__dict__["value"].__doc__ == "The value."
    )


def test_the_checks_and_the_command_share_one_derivation_of_a_file() -> None:
    import pickle

    from iopctl.checks.validate import check_file
    from iopctl.facts import facts_of
    from iopctl.facts.term import term_of
    from iopctl.money.reference import load_reference

    reference, _ = load_reference([], search_dir=".")
    day = dt.date(2026, 12, 3)
    item = check_file("agreements/linkoping-resurspoolen-2018.yaml", reference, as_of=day)
    checked = item.derived
    assert isinstance(checked, Facts) and checked.as_of == day  # the checks derived them
    assert facts_of(item, as_of=day, reference=reference) is checked
    other = facts_of(item, as_of=dt.date(2020, 6, 1), reference=reference)
    assert other is not checked and other is not None and other.as_of == dt.date(2020, 6, 1)
    assert other.record is checked.record  # whatever the day
    assert other.term is checked.term  # its one entry (the decision, 2018) known on both days
    before = facts_of(item, as_of=dt.date(2015, 1, 1), reference=reference)
    assert before is not None and before.record is checked.record
    assert before.timeline.entries == () and before.term is not checked.term
    assert before.term == term_of(item.agreement, before.timeline)  # derived for its own day
    # What the checks measure against counts every entry, whatever the day.
    assert checked.recorded_term is checked.term
    assert before.recorded_term == checked.term and before.recorded_term != before.term
    assumed = facts_of(item, as_of=day, reference=reference, assume=Decimal("2.0"))
    assert assumed is not None and assumed is not checked and assumed.assume == Decimal("2.0")
    # A worker process sends the file back without its derivation.
    copy = pickle.loads(pickle.dumps(item))
    assert copy == item and copy.derived is None and item.derived is assumed


def test_a_party_is_named_by_its_name_wherever_the_file_gives_its_id() -> None:
    """The deadlines name a party as the site does: by its name when the file gives its
    id (a payment "från Kommunen", not "från kommun"), the text as written otherwise."""
    yearly = {"schedule": "yearly", "months": [1]}
    f = facts(
        {"start": "2026-01-01", "end": "2027-12-31"}, {"amount_per_year": 100000, "payment": yearly}
    )
    assert f.name_of("kommun") == "Kommunen"
    assert f.name_of("Socialförvaltningen") == "Socialförvaltningen"
    assert f.name_of(None) is None
    assert {p.party_name for p in f.payments} == {"Kommunen"}
