"""Tests for iopctl.facts.deadlines and iopctl.views.due: derived dates, amounts, statuses, horizon.

Expected values are written out literally: dates from the agreements' clauses and the
calendar (lag 1930:173, lag 1989:253), amounts from docs/money.md (Resurspoolen: 933 000 kr
in 2020, 946 995 kr in 2021, 964 988 kr in 2022, OPI 1,5 % and 1,9 %).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iopctl.cli.parsing import parse_as_of, parse_kinds, parse_within
from iopctl.errors import UsageError
from iopctl.facts import Facts
from iopctl.facts.events import KINDS, Event
from iopctl.facts.follow_ups import default_interval
from iopctl.facts.term import last_notice_day, notice_effect
from iopctl.facts.workdays import is_business_day
from iopctl.model.agreement import Agreement
from iopctl.model.types import Duration
from iopctl.money.reference import ReferenceData, load_reference
from iopctl.present.events import clause, note, title
from iopctl.reading.source import load_file
from iopctl.views import due
from iopctl.views.due import DueItem, select

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
D = dt.date
NINETY_DAYS = Duration(90, "days")


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """The titles below are asserted in English; the Swedish ones are in the goldens."""


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> ReferenceData:
    empty = tmp_path_factory.mktemp("no-indices")  # no indices/ folder: bundled data only
    data, problems = load_reference(search_dir=str(empty))
    assert problems == []
    return data


def raw(name: str) -> dict[str, Any]:
    source, problems = load_file(str(AGREEMENTS / f"{name}.yaml"))
    assert source is not None and problems == []
    data: dict[str, Any] = copy.deepcopy(source.data)
    return data


def agreement(name: str, **changes: Any) -> Agreement:
    """A seed agreement, optionally with top-level keys replaced (validated again)."""
    data = raw(name)
    data.update(changes)
    return Agreement.model_validate(data)


def events_of(a: Agreement, as_of: dt.date, reference: ReferenceData) -> list[Event]:
    return Facts(a, file=f"agreements/{a.id}.yaml", as_of=as_of, reference=reference).events


def classify(events: Any, *, as_of: dt.date, within: Duration) -> list[DueItem]:
    return due.classify(events, as_of=as_of, last_due=within.add_to(as_of))


def only(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.kind == kind]


RP2020 = "linkoping-resurspoolen-2020"
RP2018 = "linkoping-resurspoolen-2018"
PINGST = "linkoping-pingstforsamlingen-iogt-nto-2018"


# --- calendar arithmetic --------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "notice", "expected"),
    [
        (D(2022, 8, 31), Duration(6, "months"), D(2022, 2, 28)),
        (D(2024, 8, 31), Duration(6, "months"), D(2024, 2, 29)),  # leap year
        (D(2022, 12, 31), Duration(6, "months"), D(2022, 6, 30)),
        (D(2023, 3, 31), Duration(1, "months"), D(2023, 2, 28)),
        (D(2024, 2, 29), Duration(1, "years"), D(2023, 2, 28)),
        # 2021-08-29, -30 and -31 + 6 months all take effect 2022-02-28 (lag 1930:173 1 §)
        (D(2022, 2, 28), Duration(6, "months"), D(2021, 8, 31)),
        (D(2022, 12, 31), Duration(30, "days"), D(2022, 12, 1)),
        (D(2022, 12, 31), Duration(2, "weeks"), D(2022, 12, 17)),
    ],
)
def test_notice_deadline_counts_back_and_clamps_month_ends(
    end: dt.date, notice: Duration, expected: dt.date
) -> None:
    assert last_notice_day(end, notice) == expected


def test_default_interval() -> None:
    assert default_interval(1) == Duration(12, "months")
    assert default_interval(2) == Duration(6, "months")
    assert default_interval(4) == Duration(3, "months")
    assert default_interval(5) == Duration(73, "days")
    assert default_interval(0) is None


# --- the seed agreements --------------------------------------------------------------


def test_resurspoolen_2020_notice_and_extension(reference: ReferenceData) -> None:
    events = events_of(agreement(RP2020), D(2022, 5, 15), reference)
    (notice,) = only(events, "notice_deadline")
    # Received by Thursday 2022-06-30; sent a week earlier (DELIVERY_DAYS), a Thursday.
    assert (notice.date, notice.act_by) == (D(2022, 6, 30), D(2022, 6, 23))
    assert title(notice) == (
        "last day for notice to arrive to end the agreement by 2022-12-31 "
        "(in force through 2022-12-30)"
    )
    assert note(notice) == "notice received 2022-05-15: in force through 2022-11-15"
    assert clause(notice) == "termination.notice_period: 6 months"
    (decision,) = only(events, "extension_decision")
    assert (decision.date, decision.act_by, decision.actionable) == (
        D(2022, 6, 30),
        D(2022, 6, 23),
        False,
    )
    (expiry,) = only(events, "expiry")
    assert (expiry.date, expiry.act_by) == (D(2022, 12, 31), D(2022, 12, 30))


def test_resurspoolen_2020_payments_indexed_with_opi(reference: ReferenceData) -> None:
    payments = only(events_of(agreement(RP2020), D(2022, 1, 1), reference), "payment")
    assert [(e.date, e.act_by, e.amount) for e in payments] == [
        (D(2020, 1, 31), D(2020, 1, 31), Decimal(933000)),
        (D(2021, 1, 31), D(2021, 1, 29), Decimal(946995)),  # 31 January 2021 is a Sunday
        (D(2022, 1, 31), D(2022, 1, 31), Decimal(964988)),
    ]
    assert title(payments[1]) == (
        "payment 2021 from Äldrenämnden: 946,995 kr (in January: by 2021-01-31)"
    )
    assert clause(payments[1]) == "economy.contributions[0].payment: yearly, months [1]"


def test_index_not_yet_published_gives_no_amount_and_index_needed(
    reference: ReferenceData,
) -> None:
    # OPI 2021 was published 2020-12-16, OPI 2022 on 2021-12-10. An amount that needs a
    # figure nobody knows yet is unknown (None); the title shows the latest amount as such.
    events = events_of(agreement(RP2020), D(2020, 12, 1), reference)
    payments = {e.date.year: e for e in only(events, "payment")}
    assert payments[2021].amount is None
    assert payments[2022].amount is None
    assert title(payments[2022]) == (
        "payment 2022 from Äldrenämnden: 933,000 kr – the 2020 amount: no index figure for "
        "2021 yet (in January: by 2022-01-31)"
    )
    needed = only(events, "index_needed")
    assert [(e.date, e.amount, e.actionable) for e in needed] == [
        (D(2021, 1, 31), None, True),
        (D(2022, 1, 31), None, True),
    ]
    assert title(needed[0]) == (
        "OPI 2021 was not published by 2020-12-01: the 2021 amount follows when it is"
    )
    later = events_of(agreement(RP2020), D(2020, 12, 20), reference)
    assert {e.date.year: e.amount for e in only(later, "payment")} == {
        2020: Decimal(933000),
        2021: Decimal(946995),
        2022: None,
    }
    assert [e.date for e in only(later, "index_needed")] == [D(2022, 1, 31)]


def _extended(to: dt.date) -> Agreement:
    data = raw(RP2020)
    data["period"]["extensions_taken"] = [{"decided_on": D(2022, 6, 1), "new_end": to}]
    return Agreement.model_validate(data)


def test_preliminary_index_is_used_and_flagged(reference: ReferenceData) -> None:
    extended = _extended(D(2025, 12, 31))
    # 2023-01-15: only the preliminary OPI 2023 (3,5 %, 2022-12-09) is known.
    events = events_of(extended, D(2023, 1, 15), reference)
    payment_2023 = next(e for e in only(events, "payment") if e.date.year == 2023)
    assert payment_2023.amount == Decimal(998763)
    prelim = next(e for e in only(events, "index_needed") if e.date.year == 2023)
    assert (prelim.actionable, prelim.amount) == (False, None)
    assert title(prelim) == (
        "OPI 2023 is preliminary (3.5%): the definitive figure may change the 2023 amount"
    )
    # After the definitive 4,6 % (2023-04-19): 1 009 377 kr; 2024 and 2025 are missing.
    events = events_of(extended, D(2023, 5, 1), reference)
    amounts = {e.date.year: e.amount for e in only(events, "payment")}
    assert amounts[2023] == Decimal(1009377)
    assert amounts[2024] is None  # needs OPI 2024
    assert amounts[2025] is None
    assert [(e.date.year, e.actionable) for e in only(events, "index_needed")] == [
        (2024, True),
        (2025, True),
    ]


def test_extension_taken_moves_the_end(reference: ReferenceData) -> None:
    events = events_of(_extended(D(2025, 12, 31)), D(2022, 7, 1), reference)
    assert [(e.date, title(e)) for e in only(events, "expiry")] == [
        (D(2022, 12, 31), "initial period ends (extended to 2025-12-31)"),
        (D(2025, 12, 31), "extension 1 ends (last day in force)"),
    ]
    (notice,) = only(events, "notice_deadline")
    assert notice.date == D(2025, 6, 30)
    assert only(events, "extension_decision") == []  # the one extension allowed is used


def test_resurspoolen_2018_stated_decision_deadline(reference: ReferenceData) -> None:
    events = events_of(agreement(RP2018), D(2019, 10, 1), reference)
    (decision,) = only(events, "extension_decision")
    assert (decision.date, decision.act_by) == (D(2019, 12, 31), D(2019, 12, 30))
    assert decision.reason == "nyårsafton"
    assert decision.actionable
    assert clause(decision) == "period.decision_deadline: 2019-12-31"


def test_pingst_assumed_follow_up_reminder(reference: ReferenceData) -> None:
    events = events_of(agreement(PINGST), D(2020, 9, 1), reference)
    (follow_up,) = only(events, "follow_up")
    assert (follow_up.date, follow_up.act_by, follow_up.actionable) == (
        D(2020, 12, 31),
        D(2020, 12, 30),
        False,
    )
    assert clause(follow_up) == "follow_up: not stated (iopctl reminder policy)"
    assert "terms not stated – yearly reminder assumed" in title(follow_up)
    assert [e.date for e in only(events, "expiry")] == [D(2020, 12, 31)]


def test_assumed_reminder_is_yearly_from_the_last_record(reference: ReferenceData) -> None:
    # As of 2019-10-01 the 2020-08-04 follow-up has not happened yet: start + 24 months.
    events = events_of(agreement(PINGST), D(2019, 10, 1), reference)
    assert [e.date for e in only(events, "follow_up")] == [D(2020, 1, 1)]


def test_a_draft_without_dates_gets_one_line_saying_what_is_missing(
    reference: ReferenceData,
) -> None:
    """Not a signature reminder "due now" for every party every day (issue #12)."""
    from iopctl.facts.events import IncompleteDetail

    timra = agreement("timra-aldres-ensamhet-2020")
    (event,) = events_of(timra, D(2022, 5, 15), reference)  # a Sunday
    assert (event.kind, event.date, event.act_by, event.actionable) == (
        "incomplete",
        D(2022, 5, 15),
        D(2022, 5, 15),
        False,
    )
    assert event.detail == IncompleteDetail(
        missing=("period.start",),
        unsigned=("Timrå kommun", "Timrå PRO", "SKPF", "Röda Korset", "SPF"),
    )


def test_a_decided_agreement_without_dates_is_not_called_a_draft(
    reference: ReferenceData,
) -> None:
    """Kalmar's file says ``status: draft`` and records a decision, so ``list`` says
    "decided, not signed"; ``due`` says what is missing and who has not signed, not
    "draft" (it said "draft without start date" beside list's "decided")."""
    kalmar = agreement("kalmar-stadsmission-2020")
    facts = Facts(kalmar, file="k.yaml", as_of=D(2022, 5, 15), reference=reference)
    (event,) = facts.events
    assert facts.status.status == "decided"
    assert title(event) == (
        "start date missing: no deadlines can be computed; "
        "not yet signed by Socialnämnden, Kalmar stadsmission"
    )


def test_signature_on_a_draft_with_a_start_is_due_at_the_start(reference: ReferenceData) -> None:
    data = raw("kalmar-stadsmission-2020")
    data["period"] = {"start": D(2021, 1, 1), "end": D(2023, 12, 31)}
    data["signatures"] = [{"party": "socialnamnden", "date": D(2020, 12, 1)}]
    draft = Agreement.model_validate(data)
    # On 2020-11-01 the 2020-12-01 signature has not been made yet.
    assert len(only(events_of(draft, D(2020, 11, 1), reference), "signature")) == 2
    events = events_of(draft, D(2020, 12, 15), reference)
    (signature,) = only(events, "signature")
    assert signature.key == "kalmar-stadsmission"
    assert (signature.date, signature.act_by) == (D(2021, 1, 1), D(2020, 12, 30))
    assert only(events, "follow_up") == []  # drafts: no assumed follow-up policy


# --- follow-up terms ----------------------------------------------------------------------


def _with_follow_ups(dates: list[dt.date], **terms: Any) -> Agreement:
    data = raw(RP2020)
    data["follow_ups"] = [{"date": d} for d in dates]
    data["follow_up"] = {**data["follow_up"], **terms}
    return Agreement.model_validate(data)


def test_follow_up_calendar_year_rule(reference: ReferenceData) -> None:
    (event,) = only(events_of(_with_follow_ups([]), D(2020, 3, 1), reference), "follow_up")
    assert (event.date, event.act_by, event.key) == (D(2020, 12, 31), D(2020, 12, 30), "no-1")
    assert title(event).startswith(
        "follow-up no. 1 – none recorded in 2020 (at least 1 per calendar year)"
    )


def test_follow_up_interval_rule_after_a_record(reference: ReferenceData) -> None:
    a = _with_follow_ups([D(2020, 10, 1)])
    (event,) = only(events_of(a, D(2021, 1, 15), reference), "follow_up")
    assert (event.date, event.key) == (D(2021, 10, 1), "no-2")
    assert title(event).startswith("follow-up no. 2 – 12 months after the last one (2020-10-01)")


def test_follow_up_records_after_as_of_are_not_known(reference: ReferenceData) -> None:
    a = _with_follow_ups([D(2020, 10, 1), D(2021, 6, 1)])
    (event,) = only(events_of(a, D(2021, 1, 15), reference), "follow_up")
    assert event.date == D(2021, 10, 1)


def test_follow_up_configured_interval(reference: ReferenceData) -> None:
    a = _with_follow_ups([D(2020, 10, 1)], per_year=None, interval="6 months")
    (event,) = only(events_of(a, D(2021, 1, 15), reference), "follow_up")
    assert event.date == D(2021, 4, 1)
    assert clause(event) == "follow_up.interval: 6 months"


def test_overdue_follow_up_is_listed_until_the_end(reference: ReferenceData) -> None:
    a = agreement(RP2020)
    items = classify(
        events_of(a, D(2022, 5, 15), reference), as_of=D(2022, 5, 15), within=NINETY_DAYS
    )
    overdue = [(i.event.kind, i.event.date, i.days_left) for i in items if i.status == "overdue"]
    assert overdue == [("follow_up", D(2020, 12, 31), -501)]
    after_end = D(2023, 1, 2)
    assert classify(events_of(a, after_end, reference), as_of=after_end, within=NINETY_DAYS) == []


def test_reports_each_year_of_the_period(reference: ReferenceData) -> None:
    report = {"title": "Verksamhetsberättelse", "by": "resurspoolen", "due_month": 3, "due_day": 31}
    data = raw(RP2020)
    data["follow_up"] = {**data["follow_up"], "reports": [report]}
    events = only(events_of(Agreement.model_validate(data), D(2020, 1, 1), reference), "report")
    assert [(e.date, e.act_by) for e in events] == [
        (D(2020, 3, 31), D(2020, 3, 31)),
        (D(2021, 3, 31), D(2021, 3, 31)),
        (D(2022, 3, 31), D(2022, 3, 31)),
    ]
    assert title(events[0]) == "report 'Verksamhetsberättelse' by Resurspoolen"


def test_terminated_agreement_has_nothing_after_the_effective_date(
    reference: ReferenceData,
) -> None:
    data = raw(RP2020)
    data["status"] = "terminated"
    data["termination"] = {
        **data["termination"],
        "record": {
            "given_by": "resurspoolen",
            "given_on": D(2020, 12, 1),
            "effective": D(2021, 6, 1),
        },
    }
    events = events_of(Agreement.model_validate(data), D(2020, 12, 15), reference)
    assert max(e.date for e in events) == D(2021, 6, 1)
    assert only(events, "notice_deadline") == []
    assert [(e.date, title(e)) for e in only(events, "expiry")] == [
        (D(2021, 6, 1), "ends by notice given by Resurspoolen on 2020-12-01")
    ]
    assert [e.date for e in only(events, "payment")] == [D(2020, 1, 31), D(2021, 1, 31)]


def test_partial_agreement_still_gives_what_is_known(reference: ReferenceData) -> None:
    from iopctl.model.load import load_agreement_bytes

    text = (AGREEMENTS / f"{RP2020}.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "declared_total_per_year: 4785000", "declared_total_per_year: 4 785 000 kr"
    )
    loaded = load_agreement_bytes(broken, "broken.yaml")
    assert "economy" in loaded.failed and loaded.agreement is not None
    events = events_of(loaded.agreement, D(2022, 5, 15), reference)
    assert only(events, "payment") == []
    assert [e.date for e in only(events, "notice_deadline")] == [D(2022, 6, 30)]


# --- statuses and options ------------------------------------------------------------------------


def test_classify_statuses_and_window(reference: ReferenceData) -> None:
    data = raw(RP2018)
    del data["history"]  # as the file was before its early end was recorded
    events = events_of(Agreement.model_validate(data), D(2019, 10, 1), reference)
    items = classify(events, as_of=D(2019, 10, 1), within=NINETY_DAYS)
    assert [(i.event.kind, i.status, i.days_left) for i in items] == [
        ("extension_decision", "due", 90),
        ("follow_up", "due", 90),
        ("expiry", "upcoming", 456),
    ]
    narrow = classify(events, as_of=D(2019, 10, 1), within=Duration(89, "days"))
    assert [i.status for i in narrow] == ["upcoming", "upcoming", "upcoming"]
    late = classify(events, as_of=D(2020, 1, 2), within=NINETY_DAYS)
    assert [(i.event.kind, i.status) for i in late] == [
        ("extension_decision", "overdue"),
        ("expiry", "upcoming"),
    ]
    assert [i.event.kind for i in select(late, kinds=frozenset({"expiry"}))] == ["expiry"]


def test_an_early_end_recorded_ends_the_deadlines_and_settles_the_decision(
    reference: ReferenceData,
) -> None:
    """Resurspoolen 2018 as recorded: merged into the 2020 agreement, last day 2019-12-31,
    decided when the new agreement was signed (2019-12-11). Before that day nobody knew:
    the deadlines as of 2019-10-01 are those of an agreement running to 2020-12-31."""
    before = classify(
        events_of(agreement(RP2018), D(2019, 10, 1), reference),
        as_of=D(2019, 10, 1),
        within=NINETY_DAYS,
    )
    assert [(i.event.kind, i.event.date, i.status) for i in before] == [
        ("extension_decision", D(2019, 12, 31), "due"),
        ("follow_up", D(2020, 1, 1), "due"),
        ("expiry", D(2020, 12, 31), "upcoming"),
    ]
    after = events_of(agreement(RP2018), D(2019, 12, 20), reference)
    (decision,) = [e for e in after if e.kind == "extension_decision"]
    assert decision.settled is not None
    assert (decision.settled.on, decision.settled.how) == (D(2019, 12, 11), "ended_early")
    listed = classify(after, as_of=D(2019, 12, 20), within=NINETY_DAYS)
    assert [(i.event.kind, i.event.date) for i in listed] == [("expiry", D(2019, 12, 31))]


def test_parse_options() -> None:
    assert parse_as_of("2022-05-15") == D(2022, 5, 15)
    assert parse_within("90d") == Duration(90, "days")
    assert parse_within("2w") == Duration(2, "weeks")
    assert parse_within("6m") == Duration(6, "months")
    assert parse_within("1y") == Duration(1, "years")
    assert parse_within("6 månader") == Duration(6, "months")
    assert parse_kinds(["payment", "index-needed,expiry"]) == {"payment", "index_needed", "expiry"}
    for bad in ("2022-13-01", "2022-02-30", "15/5/2022", ""):
        with pytest.raises(UsageError):
            parse_as_of(bad)
    for bad in ("5x", "d90", "", "-1d"):
        with pytest.raises(UsageError):
            parse_within(bad)
    with pytest.raises(UsageError, match="unknown --kind 'paymnt'"):
        parse_kinds(["paymnt"])


# --- properties --------------------------------------------------------------------------------

dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2060, 12, 31))
durations = st.builds(
    Duration,
    st.integers(min_value=1, max_value=36),
    st.sampled_from(["days", "weeks", "months", "years"]),
)


@given(end=dates, notice=durations)
def test_last_notice_day_is_the_exact_inverse_of_notice_effect(
    end: dt.date, notice: Duration
) -> None:
    deadline = last_notice_day(end, notice)
    assert deadline <= end
    assert notice_effect(deadline, notice) <= end
    assert notice_effect(deadline + dt.timedelta(days=1), notice) > end


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    start = draw(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)))
    length = draw(st.integers(min_value=30, max_value=6 * 366))
    end = start + dt.timedelta(days=length)
    data = raw(RP2020)
    data["status"] = draw(st.sampled_from(["active", "ended", "draft"]))
    data["period"] = {
        "start": start,
        "end": end,
        "extension": {"length": "2 years", "times": draw(st.integers(0, 2))},
    }
    if draw(st.booleans()):
        data["period"]["decision_deadline"] = draw(st.dates(min_value=start, max_value=end))
    data["termination"] = {"notice_period": f"{draw(st.integers(1, 12))} months"}
    months = draw(st.lists(st.integers(1, 12), min_size=0, max_size=4, unique=True))
    payment: dict[str, Any] = {"schedule": "quarterly" if len(months) > 1 else "yearly"}
    if months:
        payment["months"] = months
    if draw(st.booleans()):
        payment["day"] = draw(st.integers(1, 31))
    contribution = data["economy"]["contributions"][0]
    contribution["payment"] = payment
    contribution["base_year"] = start.year
    contribution["indexation"] = {"index": "OPI", "from_date": D(start.year + 1, 1, 1)}
    data["follow_up"] = {
        "per_year": draw(st.integers(0, 4)),
        "reports": [{"title": "Rapport", "due_month": draw(st.integers(1, 12)), "due_day": 31}],
    }
    data["follow_ups"] = [
        {"date": start + dt.timedelta(days=draw(st.integers(0, length)))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    data["signatures"] = []
    del data["economy"]["declared_total_per_year"]
    return Agreement.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(a=agreements(), as_of=dates)
def test_events_are_sound_sorted_and_deterministic(
    a: Agreement, as_of: dt.date, reference: ReferenceData
) -> None:
    events = events_of(a, as_of, reference)
    assert events == events_of(a, as_of, reference)
    assert events == sorted(events, key=Event.sort_key)
    end = Facts(a, file="x.yaml", as_of=as_of).term.last_day
    assert end is not None
    for event in events:
        assert event.kind in KINDS
        assert event.act_by <= event.date
        assert is_business_day(event.act_by)
        assert event.date <= end
    uids = [(e.uid, e.kind) for e in events]
    assert len(set(uids)) == len(uids)
    items = classify(events, as_of=as_of, within=NINETY_DAYS)
    assert items == classify(reversed(events), as_of=as_of, within=NINETY_DAYS)
    ranks = [("overdue", "due", "upcoming").index(i.status) for i in items]
    assert ranks == sorted(ranks)
    assert [i.event.act_by for i in items if i.status == "due"] == sorted(
        i.event.act_by for i in items if i.status == "due"
    )


@st.composite
def agreements_with_endings(draw: st.DrawFn) -> Agreement:
    """:func:`agreements`, some ended early by notice on record (a date, or none)."""
    a = draw(agreements())
    period = a.period
    assert period is not None
    start, end = period.start, period.end
    assert isinstance(start, dt.date) and isinstance(end, dt.date)
    if not draw(st.booleans()):
        return a
    data = a.model_dump(mode="python", by_alias=True, exclude_none=True)
    data["status"] = "terminated"
    given_on = draw(st.dates(min_value=start, max_value=end))
    record: dict[str, Any] = {"given_by": "resurspoolen", "given_on": given_on}
    if draw(st.booleans()):
        record["effective"] = draw(st.dates(min_value=given_on, max_value=end))
    data["termination"] = {**data["termination"], "record": record}
    return Agreement.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(a=agreements_with_endings(), as_of=dates)
def test_deadlines_of_skips_only_agreements_that_list_nothing(
    a: Agreement, as_of: dt.date, reference: ReferenceData
) -> None:
    """``due`` and ``list`` do not derive the events of an agreement over before the day
    (issue #17): what they list is what classifying every event lists."""
    facts = Facts(a, file="x.yaml", as_of=as_of, reference=reference)
    last_due = NINETY_DAYS.add_to(as_of)
    got = due.deadlines_of(facts, as_of=as_of, last_due=last_due)
    assert got == due.classify(facts.events, as_of=as_of, last_due=last_due)
    if due.over_before(facts.term, as_of):
        assert got == []


@pytest.mark.parametrize(
    "as_of", [D(2012, 1, 1), D(2019, 7, 1), D(2024, 6, 1), D(2026, 12, 3), D(2031, 1, 1)]
)
def test_deadlines_of_every_bundled_and_fixture_agreement(
    as_of: dt.date, reference: ReferenceData
) -> None:
    """Bundled and fixture files: ended early without a date, dates known in part, drafts."""
    from iopctl.model.load import load_agreement

    files = sorted(AGREEMENTS.glob("*.yaml")) + sorted((ROOT / "tests/fixtures").rglob("*.yaml"))
    skipped = 0
    for path in files:
        loaded = load_agreement(str(path))
        if loaded.agreement is None:
            continue
        facts = Facts(loaded.agreement, file=str(path), as_of=as_of, reference=reference)
        last_due = NINETY_DAYS.add_to(as_of)
        got = due.deadlines_of(facts, as_of=as_of, last_due=last_due)
        if due.over_before(facts.term, as_of):
            skipped += 1
            assert "events" not in vars(facts)  # not derived
        assert got == due.classify(facts.events, as_of=as_of, last_due=last_due), path
    assert skipped > 0 or as_of < D(2019, 1, 1)


def test_settled_events_of_an_agreement_over_are_still_listed(reference: ReferenceData) -> None:
    """``due --settled`` lists what was done, also after the end: nothing is skipped."""
    a = agreement(RP2020)
    as_of = D(2030, 1, 1)
    facts = Facts(a, file="x.yaml", as_of=as_of, reference=reference)
    assert due.over_before(facts.term, as_of)
    assert due.deadlines_of(facts, as_of=as_of, last_due=as_of) == []
    since = D(2015, 1, 1)
    assert due.deadlines_of(
        facts, as_of=as_of, last_due=as_of, settled_since=since
    ) == due.classify(facts.events, as_of=as_of, last_due=as_of, settled_since=since)
