"""Hypothesis strategies: valid agreements as YAML text, and mutations of them.

Shared by the fuzz tests of every command (validate, due, economy, render).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from iopctl.checks.parties import _luhn_digit

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@st.composite
def org_numbers(draw: st.DrawFn) -> str:
    first9 = draw(st.from_regex(r"[0-9]{9}", fullmatch=True))
    digits = first9 + str(_luhn_digit(first9))
    return f"{digits[:6]}-{digits[6:]}"


DURATION = st.builds(
    lambda n, unit: f"{n} {unit}",
    st.integers(1, 24),
    st.sampled_from(["months", "years", "days", "weeks", "månader", "år"]),
)
KRONOR = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)


@st.composite
def agreement_data(draw: st.DrawFn) -> dict[str, Any]:
    """A plain-data agreement that passes the schema (it may still fail domain checks)."""
    party_ids = draw(st.lists(SLUG, min_size=2, max_size=5, unique=True))
    extra = draw(
        st.lists(
            st.sampled_from(["public", "idea_based"]),
            min_size=len(party_ids) - 2,
            max_size=len(party_ids) - 2,
        )
    )
    sectors = ["public", "idea_based", *extra]
    parties = []
    for pid, sector in zip(party_ids, sectors, strict=True):
        party: dict[str, Any] = {"id": pid, "name": draw(TEXT), "sector": sector}
        if draw(st.booleans()):
            party["org_number"] = draw(org_numbers())
        parties.append(party)
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    end = start + dt.timedelta(days=draw(st.integers(0, 3650)))
    data: dict[str, Any] = {
        "id": draw(SLUG),
        "title": draw(TEXT),
        "status": draw(st.sampled_from(["draft", "active", "ended", "terminated"])),
        "parties": parties,
        "period": {"start": start, "end": end},
    }
    if draw(st.booleans()):
        data["termination"] = {"notice_period": draw(DURATION), "form": "written"}
    if draw(st.booleans()):
        data["follow_up"] = {
            "per_year": draw(st.integers(1, 4)),
            "on_request": draw(st.booleans()),
        }
        if draw(st.booleans()):
            data["follow_up"]["interval"] = draw(DURATION)
    contributions = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["money", "volunteer_hours", "in_kind"]))
        contribution: dict[str, Any] = {"kind": kind, "party": draw(st.sampled_from(party_ids))}
        if kind == "money":
            contribution["amount_per_year"] = draw(KRONOR)
            contribution["base_year"] = start.year
            if draw(st.booleans()):
                contribution["payment"] = {
                    "schedule": "yearly",
                    "months": [draw(st.integers(1, 12))],
                }
            if draw(st.booleans()):
                contribution["indexation"] = {
                    "index": draw(st.sampled_from(["OPI", "PKV"])),
                    "from_date": dt.date(start.year + 1, 1, 1),
                }
        elif kind == "volunteer_hours":
            contribution["hours_per_year"] = draw(st.integers(0, 50_000))
            if draw(st.booleans()):
                contribution["hourly_rate"] = draw(st.integers(100, 400))
        else:
            contribution["category"] = draw(
                st.sampled_from(["premises", "staff", "training", "marketing", "other"])
            )
            contribution["description"] = draw(TEXT)
        contributions.append(contribution)
    if contributions:
        data["economy"] = {"contributions": contributions}
    records = draw(st.lists(st.dates(start, end), max_size=3))
    if records:
        data["follow_ups"] = [{"date": d} for d in sorted(records)]
    if draw(st.booleans()):
        data["signatures"] = [
            {"party": pid, "date": start - dt.timedelta(days=draw(st.integers(0, 60)))}
            for pid in party_ids
        ]
    if data["status"] == "terminated" and draw(st.booleans()):
        data.setdefault("termination", {})["record"] = {
            "given_by": party_ids[0],
            "given_on": start,
        }
    return data


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")


_Dumper.add_representer(Decimal, _decimal)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


ANY_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.dates(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "no",
            "yes",
            "012",
            "12:30",
            "933 000 kr",
            "933.000",
            "{{ x }}",
            "../..",
            "2022-02-30",
            "6 months",
            "OPI",
            "",
            " ",
        ]
    ),
)
ANY_VALUE = st.recursive(
    ANY_SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@st.composite
def mutated_agreement_data(draw: st.DrawFn) -> Any:
    """A valid agreement with a few values replaced, deleted or added."""
    data = draw(agreement_data())
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for item in path[:-1]:
            parent = parent[item]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(ANY_VALUE)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(ANY_VALUE)
        else:
            parent.append(draw(ANY_VALUE))
    return data
